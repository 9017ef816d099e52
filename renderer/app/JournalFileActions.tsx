import { useRef, useState, type ChangeEvent } from 'react';
import { BackupError, type BackupIdentity } from '../../shared/backup/backupFormat';
import { MarkdownImportError, parseMarkdownNote } from '../../shared/entry/markdownImport';
import type { EntryId } from '../../shared/entry/entryId';
import type { Journal } from '../journal/journal';
import { backUpJournal, bringBackText, describeLeftOut, restoreJournalBackup, type LostText, type RestoreOutcome } from '../journal/journalBackup';
import { getPlatform } from '../platform';
import { createPortal } from 'react-dom';
import { BringBackTextDialog } from './BringBackTextDialog';
import { describeError } from '../../shared/errors/describeError';
import { useCommandHandlers } from './commandRegistry';
import { countOf, formatCount } from '../../shared/locale/localeFormat';

const ENTRIES = { one: 'entry', other: 'entries' } as const;

interface JournalFileActionsProps {
  readonly journal: Journal;
  readonly onOpen: (id: EntryId) => void;
  readonly onError: (message: string) => void;
  /** Told who made a restored backup (see BackupIdentity). */
  readonly onRestoredIdentity?: (identity: BackupIdentity) => void;
}


function describeRestore(outcome: RestoreOutcome): string {
  const restored = `Restored ${countOf(outcome.added + outcome.merged, ENTRIES)} (${formatCount(outcome.added)} new, ${formatCount(outcome.merged)} merged with ones already here).`;
  const unchanged =
    outcome.unchanged.length > 0 ? ` Left as they are, written by a newer Peerbook: ${outcome.unchanged.map((title) => `“${title}”`).join(', ')}.` : '';
  const leftOut = outcome.leftOut.length > 0 ? ` The backup does not hold everything: ${describeLeftOut(outcome.leftOut)}` : '';
  return restored + unchanged + leftOut;
}

/**
 * Back up journal (one file with every entry), Restore backup (merges it into this journal; a
 * damaged file imports nothing and says so), Import Markdown (files become lesson notes).
 */
export function JournalFileActions({ journal, onOpen, onError, onRestoredIdentity }: JournalFileActionsProps) {
  const restoreInput = useRef<HTMLInputElement>(null);
  const importInput = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [lostText, setLostText] = useState<readonly LostText[]>([]);

  const run = async (work: () => Promise<string>, failure: string): Promise<void> => {
    setBusy(true);
    setNotice('');
    try {
      setNotice(await work());
    } catch (cause) {
      onError(cause instanceof BackupError || cause instanceof MarkdownImportError ? cause.message : `${failure}: ${describeError(cause)}`);
    } finally {
      setBusy(false);
    }
  };

  const backUp = (): Promise<void> =>
    run(async () => {
      const backup = backUpJournal(journal);
      const date = new Date(journal.now()).toISOString().slice(0, 10);
      if ((await getPlatform().saveBackupFile(`peerbook-backup-${date}.json`, backup.lines)) === 'cancelled') return '';
      if (backup.leftOut.length > 0) onError(`The backup holds the rest of the journal. ${describeLeftOut(backup.leftOut)}`);
      return `Backed up ${countOf(backup.entries(), ENTRIES)}.`;
    }, 'The backup failed');

  const restore = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    void run(async () => {
      const outcome = await restoreJournalBackup(journal, file);
      if (outcome.identity) onRestoredIdentity?.(outcome.identity);
      setLostText(outcome.lostText);
      return describeRestore(outcome);
    }, 'The restore failed');
  };

  const bringBack = (chosen: readonly LostText[]): void => {
    setLostText([]);
    void run(async () => {
      const restored = await bringBackText(journal, chosen);
      return `Brought back the backup’s text in ${countOf(restored, ENTRIES)}; what they held is in their History.`;
    }, 'Could not bring the text back');
  };

  const importMarkdown = (event: ChangeEvent<HTMLInputElement>): void => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length === 0) return;
    void run(async () => {
      // Every file is read and checked before the first is imported.
      const notes = await Promise.all(files.map(async (file) => parseMarkdownNote(file.name, await file.text())));
      let last: EntryId | null = null;
      for (const note of notes) last = await journal.importNote(note);
      if (last) onOpen(last);
      return `Imported ${countOf(notes.length, ENTRIES)}.`;
    }, 'The import failed');
  };

  // The same three as commands (shortcut-less: the palette runs them), while nothing is under way.
  useCommandHandlers(
    busy
      ? {}
      : {
          'back-up-journal': () => void backUp(),
          'restore-backup': () => restoreInput.current?.click(),
          'import-markdown': () => importInput.current?.click(),
        },
  );

  return (
    <div className="pb-file-actions">
      <button type="button" className="pb-menu-item" disabled={busy} onClick={() => void backUp()}>
        Back up journal
      </button>
      <button type="button" className="pb-menu-item" disabled={busy} onClick={() => restoreInput.current?.click()}>
        Restore backup
      </button>
      <button type="button" className="pb-menu-item" disabled={busy} onClick={() => importInput.current?.click()}>
        Import Markdown
      </button>
      <input ref={restoreInput} type="file" accept=".json,application/json" hidden aria-label="Backup file" onChange={restore} />
      <input
        ref={importInput}
        type="file"
        accept=".md,.markdown,.txt,text/markdown,text/plain"
        multiple
        hidden
        aria-label="Markdown files"
        onChange={importMarkdown}
      />
      {/* Where the user looks: over the main pane, not in the menu the action came from; announced. */}
      {createPortal(
        <>
          <p className="pb-notice" role="status">
            {notice}
          </p>
          {lostText.length > 0 && <BringBackTextDialog lost={lostText} onBringBack={bringBack} onClose={() => setLostText([])} />}
        </>,
        document.body,
      )}
    </div>
  );
}
