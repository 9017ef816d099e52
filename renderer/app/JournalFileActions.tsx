import { useRef, useState, type ChangeEvent } from 'react';
import { BackupError } from '../../shared/backup/journalBackup';
import { MarkdownImportError, parseMarkdownNote } from '../../shared/entry/markdownImport';
import type { EntryId } from '../../shared/entry/entryId';
import type { Journal } from '../journal/journal';
import { backUpJournal, restoreJournalBackup } from '../journal/journalBackup';
import { getPlatform } from '../platform';

interface JournalFileActionsProps {
  readonly journal: Journal;
  readonly onOpen: (id: EntryId) => void;
  readonly onError: (message: string) => void;
}

const MAX_BACKUP_BYTES = 512 * 1024 * 1024;

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * Back up journal (one file with every entry), Restore backup (merges it into this journal; a
 * damaged file imports nothing and says so), Import Markdown (files become lesson notes).
 */
export function JournalFileActions({ journal, onOpen, onError }: JournalFileActionsProps) {
  const restoreInput = useRef<HTMLInputElement>(null);
  const importInput = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<string>, failure: string): Promise<void> => {
    setBusy(true);
    setNotice('');
    try {
      setNotice(await work());
    } catch (cause) {
      onError(cause instanceof BackupError || cause instanceof MarkdownImportError ? cause.message : `${failure}: ${describe(cause)}`);
    } finally {
      setBusy(false);
    }
  };

  const backUp = (): Promise<void> =>
    run(async () => {
      const text = await backUpJournal(journal);
      const date = new Date(journal.now()).toISOString().slice(0, 10);
      await getPlatform().saveTextFile(`peerbook-backup-${date}.json`, text);
      return `Backed up ${journal.rows().length} entries.`;
    }, 'The backup failed');

  const restore = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    void run(async () => {
      if (file.size > MAX_BACKUP_BYTES) throw new BackupError('too-large');
      const outcome = await restoreJournalBackup(journal, await file.text());
      return `Restored ${outcome.added + outcome.merged} entries (${outcome.added} new, ${outcome.merged} merged with ones already here).`;
    }, 'The restore failed');
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
      return `Imported ${notes.length} ${notes.length === 1 ? 'note' : 'notes'} as lesson notes.`;
    }, 'The import failed');
  };

  return (
    <div className="pb-file-actions">
      <button type="button" className="pb-footer-button" disabled={busy} onClick={() => void backUp()}>
        Back up journal
      </button>
      <button type="button" className="pb-footer-button" disabled={busy} onClick={() => restoreInput.current?.click()}>
        Restore backup
      </button>
      <button type="button" className="pb-footer-button" disabled={busy} onClick={() => importInput.current?.click()}>
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
      <p className="pb-file-notice" aria-live="polite">
        {notice}
      </p>
    </div>
  );
}
