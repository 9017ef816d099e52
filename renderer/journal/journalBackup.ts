import * as Y from 'yjs';
import { encodeBackup, parseBackup, type CheckedBackup } from '../../shared/backup/journalBackup';
import type { EntryId } from '../../shared/entry/entryId';
import type { EntryRow } from '../../shared/library/entryRow';
import type { Journal } from './journal';

/** SHA-256 of a text, as lower-case hex (Web Crypto, in browsers and in Node). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The whole journal (every entry, in the trash too, and the library) as one backup file's text. */
export async function backUpJournal(journal: Journal): Promise<string> {
  const entries: Array<{ id: EntryId; state: Uint8Array }> = [];
  for (const row of journal.rows()) entries.push({ id: row.id, state: await journal.readEntryState(row.id) });
  return encodeBackup({ createdAt: journal.now(), library: Y.encodeStateAsUpdate(journal.libraryDoc), entries }, sha256Hex);
}

export interface RestoreOutcome {
  readonly added: number;
  readonly merged: number;
}

/**
 * Restores a backup's text into this journal. The file is read and checked whole first (a
 * damaged or cut-short file imports nothing); then each entry merges into the entry this device
 * already holds (same id, or same shared room), or arrives as a new one.
 */
export async function restoreJournalBackup(journal: Journal, text: string): Promise<RestoreOutcome> {
  const backup: CheckedBackup = await parseBackup(text, sha256Hex);
  const rowsById = new Map(backup.rows.map((row) => [row.id, row]));
  let added = 0;
  let merged = 0;
  const newRows: EntryRow[] = [];
  for (const entry of backup.entries) {
    const backedUpRow = rowsById.get(entry.id);
    const sameRoom = backedUpRow?.share ? journal.rows().find((row) => row.share?.room === backedUpRow.share?.room) : undefined;
    const target = journal.row(entry.id) ?? sameRoom ?? null;
    const shown = await journal.mergeIntoEntry(target?.id ?? entry.id, entry.state);
    if (target) merged++;
    else {
      added++;
      if (backedUpRow) newRows.push({ ...backedUpRow, ...shown });
    }
  }
  journal.importRows(newRows);
  await journal.flush();
  return { added, merged };
}
