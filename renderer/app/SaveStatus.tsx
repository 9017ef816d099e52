import type { Journal } from '../journal/journal';
import { useSaveState } from './useJournal';

/**
 * "Saved" once every change is on disk, "Saving…" before, and the storage error when a write
 * failed. Its own component: the save state changes on every keystroke, and only this redraws.
 */
export function SaveStatus({ journal }: { journal: Journal }) {
  const saveState = useSaveState(journal);
  const text = saveState.error ? 'Not saved' : saveState.pending > 0 ? 'Saving…' : 'Saved';
  return (
    <>
      <span className={`pb-status${saveState.error ? ' pb-status-error' : ''}`} role="status" aria-live="polite">
        <span className="pb-status-dot" aria-hidden="true" />
        {text}
      </span>
      {saveState.error && (
        <div className="pb-alert pb-storage-alert" role="alert">
          <span>{saveState.error}</span>
        </div>
      )}
    </>
  );
}
