import { $isLinkNode } from '@lexical/link';
import { $isListItemNode, $isListNode, type ListItemNode } from '@lexical/list';
import { $isHeadingNode } from '@lexical/rich-text';
import { $getRoot, $isElementNode, type LexicalNode } from 'lexical';
import { countThanks, mentionNameFromUrl, type BodyOutlineBlock } from '../../shared/entry/mentions';
import type { ThanksCount } from '../../shared/library/entryActivity';
import { $readCheckAttribution } from './checkAttribution';

/** What the body says about people and ticks (the rest of an entry's activity is in the document). */
export interface BodyActivity {
  readonly thanks: ThanksCount[];
  /** When each ticked check item was ticked (0 when nobody recorded it). */
  readonly ticks: number[];
}

function $mentionsIn(node: LexicalNode, into: string[]): string[] {
  if ($isLinkNode(node)) {
    const name = mentionNameFromUrl(node.getURL());
    if (name) into.push(name);
  }
  if ($isElementNode(node)) for (const child of node.getChildren()) $mentionsIn(child, into);
  return into;
}

function $ticksIn(node: LexicalNode, into: number[]): number[] {
  if ($isListItemNode(node) && node.getChecked() === true && $isListNode(node.getParent())) {
    into.push($readCheckAttribution(node as ListItemNode)?.at ?? 0);
  }
  if ($isElementNode(node)) for (const child of node.getChildren()) $ticksIn(child, into);
  return into;
}

/** Thanks (mentions in the "Knowledge exchanges" section) and tick times, from the editor's state. */
export function $readBodyActivity(): BodyActivity {
  const blocks: BodyOutlineBlock[] = $getRoot()
    .getChildren()
    .map((block) =>
      $isHeadingNode(block)
        ? { type: 'heading', level: Number(block.getTag().slice(1)), text: block.getTextContent() }
        : { type: 'block', mentions: $mentionsIn(block, []) },
    );
  return { thanks: countThanks(blocks), ticks: $ticksIn($getRoot(), []) };
}
