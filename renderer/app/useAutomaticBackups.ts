import { useEffect, useRef } from 'react';
import type { Journal } from '../journal/journal';
import { backUpJournal, describeLeftOut } from '../journal/journalBackup';
import { getPlatform } from '../platform';
import { describeError } from '../../shared/errors/describeError';

/**
 * The desktop app's automatic backups (issue 6): a minute after the app starts, then every four
 * hours while it is open, the whole journal is written to the backups folder in the user's
 * documents, where main keeps the newest ten (electron/automaticBackups.ts). They are restored
 * like any backup, with Restore backup. The web build has nowhere to put them and does nothing.
 */
export const FIRST_AUTOMATIC_BACKUP_DELAY_MS = 60 * 1000;
export const AUTOMATIC_BACKUP_INTERVAL_MS = 4 * 60 * 60 * 1000;
/** After a failure the next try comes sooner (a full disk emptied, a folder made writable). */
export const AUTOMATIC_BACKUP_RETRY_MS = 15 * 60 * 1000;

export interface AutomaticBackupSchedule {
  /** Makes and writes one backup. */
  readonly backUp: () => Promise<unknown>;
  /** Told once when backups start failing, and again only after one has succeeded since. */
  readonly onError: (message: string) => void;
}


/**
 * Runs `backUp` on the schedule above until the returned function is called. The next backup is
 * timed from the end of the last one, so two never overlap however long one takes.
 */
export function startAutomaticBackups({ backUp, onError }: AutomaticBackupSchedule): () => void {
  let stopped = false;
  let failing = false;
  let timer = setTimeout(run, FIRST_AUTOMATIC_BACKUP_DELAY_MS);

  function run(): void {
    backUp().then(
      () => {
        failing = false;
        next(AUTOMATIC_BACKUP_INTERVAL_MS);
      },
      (cause: unknown) => {
        if (!failing && !stopped) onError(`Automatic backup failed: ${describeError(cause)}`);
        failing = true;
        next(AUTOMATIC_BACKUP_RETRY_MS);
      },
    );
  }
  function next(delay: number): void {
    if (!stopped) timer = setTimeout(run, delay);
  }

  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Keeps automatic backups of `journal` on desktop while the component is mounted. */
export function useAutomaticBackups(journal: Journal, onError: (message: string) => void): void {
  const latestOnError = useRef(onError);
  latestOnError.current = onError;
  const write = getPlatform().writeAutomaticBackup;

  useEffect(() => {
    if (write === null) return;
    return startAutomaticBackups({
      backUp: async () => {
        // An empty journal is not backed up: after a wiped profile, empty backups would
        // otherwise rotate away the ones that hold the journal.
        if (journal.rows().length === 0) return;
        const backup = backUpJournal(journal);
        await write(backup.lines);
        // An entry whose storage cannot be read is set aside once, and said once.
        if (backup.leftOut.length > 0) latestOnError.current(`The automatic backup holds the rest of the journal. ${describeLeftOut(backup.leftOut)}`);
      },
      onError: (message) => latestOnError.current(message),
    });
  }, [journal, write]);
}
