import { $isListItemNode, $isListNode } from '@lexical/list';
import { $isHeadingNode } from '@lexical/rich-text';
import { $getNodeByKey, $getRoot, $isElementNode, $isParagraphNode, $isRootNode, $isTextNode, type EditorState, type LexicalNode, type NodeKey } from 'lexical';
import type { EntryKind } from '../../shared/entry/entryKind';
import { templatePrompts } from '../../shared/entry/entryTemplates';

const isBlank = (node: LexicalNode): boolean => node.getTextContent().trim() === '';

/**
 * The blocks that show a prompt now, by node key: in each section of the body (the blocks under a
 * heading), the first empty paragraph while no paragraph of the section has text, and the first
 * item of the first list while none of that list's items has text.
 */
export function $promptedBlocks(kind: EntryKind): Map<NodeKey, string> {
  const prompts = templatePrompts(kind);
  const sections: LexicalNode[][] = [[]];
  for (const block of $getRoot().getChildren()) {
    if ($isHeadingNode(block)) sections.push([block]);
    else sections.at(-1)?.push(block);
  }
  const shown = new Map<NodeKey, string>();
  for (const blocks of sections) {
    const heading = blocks[0];
    const section = prompts.get(heading && $isHeadingNode(heading) ? heading.getTextContent() : '');
    if (!section) continue;
    const paragraphs = blocks.filter($isParagraphNode);
    const emptyParagraph = paragraphs.every(isBlank) ? paragraphs[0] : undefined;
    if (section.paragraph && emptyParagraph) shown.set(emptyParagraph.getKey(), section.paragraph);
    const list = blocks.find($isListNode);
    const firstItem = list?.getFirstChild();
    if (section.list && list && isBlank(list) && $isListItemNode(firstItem) && firstItem.getChecked() !== true) shown.set(firstItem.getKey(), section.list);
  }
  return shown;
}

/** Check lists, and their check items that have no text yet, by node key. */
export function $checkLists(): { lists: NodeKey[]; emptyItems: NodeKey[] } {
  const lists: NodeKey[] = [];
  const emptyItems: NodeKey[] = [];
  const visit = (node: LexicalNode): void => {
    if ($isListNode(node) && node.getListType() === 'check') {
      lists.push(node.getKey());
      for (const item of node.getChildren()) if ($isListItemNode(item) && !$isListNode(item.getFirstChild()) && isBlank(item)) emptyItems.push(item.getKey());
    }
    if ($isElementNode(node)) for (const child of node.getChildren()) visit(child);
  };
  visit($getRoot());
  return { lists, emptyItems };
}

/** What an update changed, as Lexical's update listeners are told. */
export interface BodyUpdate {
  readonly dirtyElements: ReadonlyMap<NodeKey, boolean>;
  readonly dirtyLeaves: ReadonlySet<NodeKey>;
  readonly editorState: EditorState;
  readonly prevEditorState: EditorState;
}

/**
 * Whether each block above a changed text has text, by block key, or null when a change is not
 * to a text already in place (a text made, removed or moved), or is inside a heading (whose
 * words name its section). Each block is read once, however many of its texts changed.
 */
function blanknessAbove(state: EditorState, leaves: ReadonlySet<NodeKey>): Map<NodeKey, boolean> | null {
  return state.read(() => {
    const blank = new Map<NodeKey, boolean>();
    for (const key of leaves) {
      const leaf = $getNodeByKey(key);
      if (!$isTextNode(leaf)) return null;
      for (let block = leaf.getParent(); block && !$isRootNode(block) && !blank.has(block.getKey()); block = block.getParent()) {
        if ($isHeadingNode(block)) return null;
        blank.set(block.getKey(), isBlank(block));
      }
    }
    return blank;
  });
}

/**
 * Whether an update may change which blocks show a prompt or are check lists. Not when it only
 * changed texts, outside headings, without emptying or filling any block they are in: typing in a
 * line that has words. Those updates are most keystrokes, and in a 5,000-paragraph entry the walk
 * of every block they would otherwise start costs about a millisecond each. Any other change to
 * the content (a block added, removed, moved or reformatted, an item checked, a whole new state)
 * may.
 */
export function mayMovePrompts({ dirtyElements, dirtyLeaves, editorState, prevEditorState }: BodyUpdate): boolean {
  if (dirtyLeaves.size === 0) return dirtyElements.size > 0;
  // An element changed itself (its children, its format, its checked state), not only as the
  // parent of a text. Lexical marks the root so whenever anything changed; a block added, removed
  // or moved under it marks itself or its neighbours.
  for (const [key, changedItself] of dirtyElements) if (changedItself && key !== 'root') return true;
  const before = blanknessAbove(prevEditorState, dirtyLeaves);
  const after = before && blanknessAbove(editorState, dirtyLeaves);
  if (!before || !after || before.size !== after.size) return true;
  for (const [key, wasBlank] of before) if (after.get(key) !== wasBlank) return true;
  return false;
}
