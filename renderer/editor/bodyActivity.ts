import { $isLinkNode } from '@lexical/link';
import { $isListItemNode, $isListNode, type ListItemNode } from '@lexical/list';
import { $isHeadingNode } from '@lexical/rich-text';
import { $getRoot, $getSelection, $isElementNode, $isRangeSelection, type LexicalNode } from 'lexical';
import type { BodyCheckItem, BodyOutlineBlock } from '../../shared/entry/bodyOutline';
import { isInActionsSection, listDebriefActions } from '../../shared/entry/debriefActions';
import { countThanks, mentionNameFromUrl } from '../../shared/entry/mentions';
import type { DebriefAction, ThanksCount } from '../../shared/library/entryActivity';
import { $readCheckAttribution } from './checkAttribution';
import { $isCheckItem } from './checklistProgress';

/** What the body says about people, ticks and actions (the rest of an entry's activity is in the document). */
export interface BodyActivity {
  readonly thanks: ThanksCount[];
  /** When each ticked check item was ticked (0 when nobody recorded it). */
  readonly ticks: number[];
  /** Check items under an "Actions" heading (kept in the row for debriefs only). */
  readonly actions: DebriefAction[];
}

/** A check item of the outline, with the Lexical node it was read from (for writers). */
export interface OutlineCheckItem extends BodyCheckItem {
  readonly node: ListItemNode;
}

function $mentionsIn(node: LexicalNode, into: string[]): string[] {
  if ($isLinkNode(node)) {
    const name = mentionNameFromUrl(node.getURL());
    if (name) into.push(name);
  }
  if ($isElementNode(node)) for (const child of node.getChildren()) $mentionsIn(child, into);
  return into;
}

function $checkItemsIn(node: LexicalNode, into: OutlineCheckItem[]): OutlineCheckItem[] {
  if ($isCheckItem(node)) {
    into.push({ node, text: node.getTextContent(), mentions: $mentionsIn(node, []), checked: node.getChecked() === true });
  }
  if ($isElementNode(node)) for (const child of node.getChildren()) $checkItemsIn(child, into);
  return into;
}

function $ticksIn(node: LexicalNode, into: number[]): number[] {
  if ($isListItemNode(node) && node.getChecked() === true && $isListNode(node.getParent())) {
    into.push($readCheckAttribution(node as ListItemNode)?.at ?? 0);
  }
  if ($isElementNode(node)) for (const child of node.getChildren()) $ticksIn(child, into);
  return into;
}

/** A top-level block as the outline has it: a heading, or (with its contents left out) a block. */
function $outlineOf(block: LexicalNode): BodyOutlineBlock<never> {
  return $isHeadingNode(block) ? { type: 'heading', level: Number(block.getTag().slice(1)), text: block.getTextContent() } : { type: 'block', mentions: [] };
}

/** The body's headings, and the mentions and check items of every other top-level block. */
export function $readBodyOutline(): BodyOutlineBlock<OutlineCheckItem>[] {
  return $getRoot()
    .getChildren()
    .map((block) => ($isHeadingNode(block) ? $outlineOf(block) : { type: 'block', mentions: $mentionsIn(block, []), checkItems: $isListNode(block) ? $checkItemsIn(block, []) : [] }));
}

/** Whether the caret is in a debrief's actions (under its "Actions" heading). */
export function $isCaretInActions(): boolean {
  const selection = $getSelection();
  const block = $isRangeSelection(selection) ? selection.anchor.getNode().getTopLevelElement() : null;
  if (!block) return false;
  const blocks = $getRoot().getChildren();
  return isInActionsSection(blocks.map($outlineOf), blocks.findIndex((candidate) => candidate.is(block)));
}

/** Thanks (mentions in the "Knowledge exchanges" section), tick times and actions, from the editor's state. */
export function $readBodyActivity(): BodyActivity {
  const outline = $readBodyOutline();
  return { thanks: countThanks(outline), ticks: $ticksIn($getRoot(), []), actions: listDebriefActions(outline) };
}
