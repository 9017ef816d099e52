import { $isListItemNode, $isListNode } from '@lexical/list';
import { $getRoot, $isElementNode, type LexicalNode } from 'lexical';
import type * as Y from 'yjs';
import type { ChecklistProgress } from '../../shared/library/entryRow';
import { readBody } from './headlessBodyEditor';

/**
 * Counts the check items of the body. An item that only wraps a nested list is not an item of
 * its own (that is how Lexical nests lists), so it is not counted.
 */
export function $readChecklistProgress(): ChecklistProgress {
  let done = 0;
  let total = 0;
  const visit = (node: LexicalNode): void => {
    if ($isListItemNode(node)) {
      const parent = node.getParent();
      const onlyWrapsList = node.getChildrenSize() === 1 && $isListNode(node.getFirstChild());
      if ($isListNode(parent) && parent.getListType() === 'check' && !onlyWrapsList) {
        total++;
        if (node.getChecked() === true) done++;
      }
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
