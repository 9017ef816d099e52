import type { LexicalEditor } from 'lexical';

/** Changes stop for this long before a derived value is read again. */
const PAUSE_MS = 300;
/** The first read waits until an opened entry has settled on screen: opening stays quick. */
const FIRST_READ_MS = 1000;

/**
 * Reads a value derived from the whole body (its text, its thanks and ticks) a moment after
 * editing pauses, never on each keystroke, and once more when stopped if a read was pending.
 * `read` runs inside the editor state; `report` gets each result. Returns the stop function.
 */
export function reportAfterPause<T>(editor: LexicalEditor, read: () => T, report: (value: T) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = (): void => {
    timer = null;
    report(editor.getEditorState().read(read));
  };
  timer = setTimeout(run, FIRST_READ_MS);
  const stop = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
    if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, PAUSE_MS);
  });
  return () => {
    stop();
    if (timer) {
      clearTimeout(timer);
      run();
    }
  };
}
