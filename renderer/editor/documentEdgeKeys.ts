import { $getRoot, $getSelection, $isRangeSelection, COMMAND_PRIORITY_HIGH, KEY_DOWN_COMMAND, type LexicalEditor } from 'lexical';

/**
 * The keys that go to the start or the end of the body: Ctrl+Home and Ctrl+End (Cmd on macOS),
 * and Cmd+↑ and Cmd+↓ on macOS; with Shift they select to there.
 */
export function documentEdgeOf(event: KeyboardEvent): 'start' | 'end' | null {
  if (event.altKey) return null;
  if (event.ctrlKey || event.metaKey) {
    if (event.key === 'Home') return 'start';
    if (event.key === 'End') return 'end';
  }
  if (event.metaKey && !event.ctrlKey) {
    if (event.key === 'ArrowUp') return 'start';
    if (event.key === 'ArrowDown') return 'end';
  }
  return null;
}

/**
 * Moves the caret to the start or the end of the body (or selects to there) through Lexical,
 * not the browser: Chromium puts a caret sent to the end of a page of `content-visibility: auto`
 * blocks at the start of the last block, whose content it has not laid out, and text typed there
 * went in front of that block's words (the body's blocks are styled so, for long entries).
 */
export function registerDocumentEdgeKeys(editor: LexicalEditor): () => void {
  return editor.registerCommand(
    KEY_DOWN_COMMAND,
    (event) => {
      const edge = documentEdgeOf(event);
      const selection = $getSelection();
      if (edge === null || !$isRangeSelection(selection)) return false;
      event.preventDefault();
      const { key, offset, type } = selection.anchor;
      const moved = edge === 'end' ? $getRoot().selectEnd() : $getRoot().selectStart();
      if (event.shiftKey) moved.anchor.set(key, offset, type);
      return true;
    },
    COMMAND_PRIORITY_HIGH,
  );
}
