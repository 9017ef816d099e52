import type * as Y from 'yjs';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import { actionItemsIn, actionText } from '../../shared/entry/debriefActions';
import { $readBodyOutline } from './bodyActivity';
import { $writeCheckAttribution } from './checkAttribution';
import { editBody } from './headlessBodyEditor';

/** Which action: its place among the debrief's actions and its text, as the library row has them. */
export interface ActionRef {
  readonly index: number;
  readonly text: string;
}

/**
 * Ticks (or unticks) one of a debrief's actions in its document, as a tick in the editor would:
 * the item's `__checked`, who ticked it and when (FORMAT.md, "Checklist state"), written as a
 * local edit that reaches every peer. The action is the one at `index` if its text still matches
 * (the row may be a moment behind the document), else the first with the same text that is not
 * already in the wanted state. Returns false when the debrief no longer has it.
 */
export function setDebriefActionDone(doc: Y.Doc, action: ActionRef, done: boolean, by: { readonly name: string; readonly at: number }): boolean {
  return editBody(doc, DOC_ORIGINS.localEdit, () => {
    const items = actionItemsIn($readBodyOutline());
    const matches = (item: (typeof items)[number]): boolean => actionText(item.text) === action.text;
    const atIndex = items[action.index];
    const item = atIndex && matches(atIndex) ? atIndex : items.find((candidate) => matches(candidate) && candidate.checked !== done);
    if (!item) return false;
    if (item.checked === done) return true;
    item.node.setChecked(done);
    $writeCheckAttribution(item.node, done ? { by: by.name, at: by.at } : null);
    return true;
  });
}
