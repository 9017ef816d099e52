import { $convertToMarkdownString } from '@lexical/markdown';
import { $getRoot, createEditor } from 'lexical';
import type { Awareness } from 'y-protocols/awareness';
import { bindEditorToEntry, type EditorEntry } from '../../../renderer/editor/entryBodyBinding';
import { ENTRY_BODY_NODES } from '../../../renderer/editor/editorNodes';
import { ENTRY_MARKDOWN_TRANSFORMERS } from '../../../renderer/editor/markdownTransformers';
import { settle, type LiveBodyEditor } from './liveBodyEditor';

/**
 * A body editor bound to an open entry exactly as the app binds it (renderer/editor/
 * entryBodyBinding.ts: its own replica, fed from the entry), without a DOM. It offers what
 * liveBodyEditor.ts offers, so the same scenarios run against either.
 */
export function mountEntryEditor(entry: EditorEntry, name = 'Tester'): LiveBodyEditor {
  const errors: Error[] = [];
  const editor = createEditor({ namespace: 'peerbook-entry', nodes: [...ENTRY_BODY_NODES], onError: (error) => void errors.push(error) });
  const bound = bindEditorToEntry(editor, entry, { name, color: '#3366aa' }, false);
  let mounted = true;
  return {
    editor,
    binding: bound.binding,
    provider: bound.provider,
    awareness: entry.awareness as Awareness,
    errors,
    async edit(change) {
      if (!mounted) throw new Error('the editor is unmounted');
      editor.update(change);
      await settle();
    },
    read: (reader) => editor.getEditorState().read(reader),
    text: () => editor.getEditorState().read(() => $getRoot().getTextContent()),
    markdown: () => editor.getEditorState().read(() => $convertToMarkdownString(ENTRY_MARKDOWN_TRANSFORMERS)),
    createUndoManager: () => bound.undoManager,
    unmount() {
      if (!mounted) return;
      mounted = false;
      bound.dispose();
    },
  };
}
