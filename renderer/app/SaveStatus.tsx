import { useLayoutEffect, useRef, useState } from 'react';
import type { SaveState } from '../collab/saveState';
import type { Journal } from '../journal/journal';

function statusText(state: SaveState): string {
  return state.error ? 'Not saved' : state.pending > 0 ? 'Saving…' : 'Saved';
}

/**
 * "Saved" once every change is on disk, "Saving…" before, and the storage error when a write
 * failed. The save state changes twice on every keystroke, so the words are written straight
 * into the element rather than redrawn by React: every React commit while the body has focus
 * makes React measure the caret's offset through the whole body (5,000 paragraphs: milliseconds
 * per keystroke). Only an error, which changes rarely, goes through React.
 */
export function SaveStatus({ journal }: { journal: Journal }) {
  const status = useRef<HTMLSpanElement>(null);
  const words = useRef<HTMLSpanElement>(null);
  const [error, setError] = useState<string | null>(() => journal.saveState.error);
  // Before the first paint, and on every change after; React renders no text into the span.
  useLayoutEffect(() => {
    // The state is told several times a keystroke (the entry's write, its row's write) with the
    // same words: the page is touched only when they change.
    const show = (state: SaveState): void => {
      const text = statusText(state);
      if (words.current && words.current.textContent !== text) words.current.textContent = text;
      const failed = state.error !== null;
      if (status.current && status.current.classList.contains('pb-status-error') !== failed) status.current.classList.toggle('pb-status-error', failed);
      if (state.error !== shownError) setError((shownError = state.error));
    };
    let shownError: string | null | undefined;
    show(journal.saveState);
    return journal.onSaveState(show);
  }, [journal]);
  return (
    <>
      <span ref={status} className={`pb-status${error ? ' pb-status-error' : ''}`} role="status" aria-live="polite">
        <span className="pb-status-dot" aria-hidden="true" />
        <span ref={words} />
      </span>
      {error && (
        <div className="pb-alert pb-storage-alert" role="alert">
          <span>{error}</span>
        </div>
      )}
    </>
  );
}
