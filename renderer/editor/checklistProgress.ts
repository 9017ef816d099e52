import { $isListItemNode, $isListNode, type ListItemNode } from '@lexical/list';
import { $getRoot, $isElementNode, type LexicalNode } from 'lexical';
import type * as Y from 'yjs';
import type { ChecklistProgress } from '../../shared/library/entryRow';
import { readBody } from './headlessBodyEditor';

/**
 * A check item of its own: an item of a check list that does not only wrap a nested list (that
 * is how Lexical nests lists, and such a wrapper is not an item anyone ticks).
 */
export function $isCheckItem(node: LexicalNode): node is ListItemNode {
  const parent = node.getParent();
  return (
    $isListItemNode(node) &&
    $isListNode(parent) &&
    parent.getListType() === 'check' &&
    !(node.getChildrenSize() === 1 && $isListNode(node.getFirstChild()))
  );
}

/**
 * Counts the check items of the body, and how many are ticked. An item with no text is not
 * counted: it is a line waiting to be written (a new checklist's, whose prompt is not an item).
 */
export function $readChecklistProgress(): ChecklistProgress {
  let done = 0;
  let total = 0;
  const visit = (node: LexicalNode): void => {
    if ($isCheckItem(node) && node.getTextContent().trim() !== '') {
      total++;
      if (node.getChecked() === true) done++;
    }
    if ($isElementNode(node)) for (const child of node.getChildren()) visit(child);
  };
  visit($getRoot());
  return { done, total };
}

/** The progress of an entry that is not open in an editor. */
export function readChecklistProgress(doc: Y.Doc): ChecklistProgress {
  return readBody(doc, $readChecklistProgress);
}
