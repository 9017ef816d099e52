import { createEditor } from 'lexical';
import type { Awareness } from 'y-protocols/awareness';
import { BODY_PAGING, bindEditorToEntry, type BodyPaging, type EditorEntry, type EntryBodyBinding } from '../../../renderer/editor/entryBodyBinding';
import { ENTRY_BODY_NODES } from '../../../renderer/editor/editorNodes';
import { bodyEditorHandle, type LiveBodyEditor } from './liveBodyEditor';

/**
 * A body editor bound to an open entry exactly as the app binds it (renderer/editor/
 * entryBodyBinding.ts: its own replica, fed from the entry), without a DOM. It offers what
 * liveBodyEditor.ts offers, so the same scenarios run against either.
 */
export function mountEntryEditor(entry: EditorEntry, name = 'Tester', paging: BodyPaging = BODY_PAGING): LiveBodyEditor & { readonly bound: EntryBodyBinding } {
  const errors: Error[] = [];
  const editor = createEditor({ namespace: 'peerbook-entry', nodes: [...ENTRY_BODY_NODES], onError: (error) => void errors.push(error) });
  const bound = bindEditorToEntry(editor, entry, { name, color: '#3366aa' }, false, paging);
  const handle = bodyEditorHandle(editor, {
    binding: bound.binding,
    provider: bound.provider,
    awareness: entry.awareness as Awareness,
    errors,
    createUndoManager: () => bound.undoManager,
    dispose: () => bound.dispose(),
  });
  return { ...handle, bound };
}
