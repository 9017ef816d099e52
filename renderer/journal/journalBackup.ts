import * as Y from 'yjs';
import {
  BackupError,
  checkBackup,
  encodeBackupLines,
  MAX_BACKUP_LINE_CHARS,
  readBackupDocs,
  type BackupDoc,
  type BackupHashing,
  type BackupIdentity,
  type LeftOutEntry,
} from '../../shared/backup/backupFormat';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import { addEntryTag, getEntryTags, getEntryTitle, setEntryTitle } from '../../shared/entry/entryDoc';
import type { EntryId } from '../../shared/entry/entryId';
import { displayTitle, type EntryRow } from '../../shared/library/entryRow';
import { isCorruptDocument } from '../collab/entryStorage';
import { replaceBody } from '../editor/headlessBodyEditor';
import type { Journal } from './journal';

const utf8 = new TextEncoder();

/** SHA-256 (Web Crypto, in browsers and in Node) and UTF-8 for the backup's checksum. */
export const BACKUP_HASHING: BackupHashing = {
  digest: async (bytes) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)),
  utf8: (text) => utf8.encode(text),
};

/** A backup being made: its file's lines, and what it had to leave out, known once the lines are. */
export interface JournalBackupRun {
  /** The file, line by line (each ending in a newline), made one entry at a time. */
  readonly lines: AsyncIterable<string>;
  /** Entries whose stored data could not be read: set aside on this device and left out. */
  readonly leftOut: readonly LeftOutEntry[];
  /** How many entries the backup holds. */
  entries(): number;
}

/**
 * The whole journal (every entry, in the trash too, and the library) as a backup file, made
 * entry by entry while it is written (shared/backup/backupFormat.ts), so an entry of hundreds of
 * megabytes is never a string. An entry whose storage cannot be read is set aside (copied under
 * another name, as at start-up) and named in the backup and in `leftOut`; the rest is backed up.
 */
export function backUpJournal(journal: Journal): JournalBackupRun {
  const leftOut: LeftOutEntry[] = [];
  let entries = 0;
  async function* docs(): AsyncGenerator<BackupDoc> {
    const rows = journal.rows();
    yield { doc: 'library', state: Y.encodeStateAsUpdate(journal.libraryDoc) };
    for (const row of rows) {
      let state: Uint8Array;
      try {
        state = await journal.readEntryState(row.id);
      } catch (cause) {
        if (!isCorruptDocument(cause)) throw cause;
        const setAsideAs = await journal.setAsideUnreadableEntry(row.id);
        leftOut.push({ id: row.id, title: displayTitle(row), reason: `its stored data could not be read, and was set aside as “${setAsideAs}”` });
        continue;
      }
      entries++;
      yield { doc: row.id, state };
    }
  }
  return { lines: encodeBackupLines(journal.now(), docs(), () => leftOut, BACKUP_HASHING, journal.deviceIdentity()), leftOut, entries: () => entries };
}

/** What a backup that left entries out says about them, in a sentence per entry. */
export function describeLeftOut(leftOut: readonly LeftOutEntry[]): string {
  return leftOut.map((entry) => `“${entry.title}” was left out: ${entry.reason}.`).join(' ');
}

/**
 * The lines of a file, without their newlines, read in parts: no string longer than one line is
 * made (a version 1 backup is one line).
 */
export async function* fileLines(file: Blob): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  let pieces: string[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let start = 0;
      for (let end = value.indexOf('\n'); end !== -1; end = value.indexOf('\n', start)) {
        pieces.push(value.slice(start, end));
        yield pieces.join('');
        pieces = [];
        length = 0;
        start = end + 1;
      }
      if (start < value.length) {
        length += value.length - start;
        if (length > MAX_BACKUP_LINE_CHARS) throw new BackupError('too-large');
        pieces.push(value.slice(start));
      }
    }
    if (pieces.length > 0) yield pieces.join('');
  } finally {
    reader.releaseLock();
  }
}

/** An entry whose text a backup holds and this journal has deleted since. */
export interface LostText {
  readonly id: EntryId;
  readonly title: string;
  /** How many characters of the backup's text the entry holds deleted. */
  readonly characters: number;
  /** The entry's state in the backup, to bring its text back from. */
  readonly state: Uint8Array;
}

export interface RestoreOutcome {
  readonly added: number;
  readonly merged: number;
  /** Titles of entries this device cannot change (a newer format), left as they are. */
  readonly unchanged: readonly string[];
  /**
   * Entries whose text the backup holds and the journal deleted since: merging keeps a deletion
   * (it is the newer change), so bringing the text back is offered separately (bringBackText).
   */
  readonly lostText: readonly LostText[];
  /** Entries the device that made the backup could not read, as the backup names them. */
  readonly leftOut: readonly LeftOutEntry[];
  /** Who made the backup, as colleagues saw them, if it says. */
  readonly identity: BackupIdentity | null;
}

/**
 * Restores a backup file into this journal. The file is read and checked whole first (a damaged
 * or cut-short file imports nothing); then it is read again, entry by entry, and each entry
 * merges into the entry this device already holds (same id, or same shared room), or arrives as
 * a new one.
 */
export async function restoreJournalBackup(journal: Journal, file: Blob): Promise<RestoreOutcome> {
  const contents = await checkBackup(fileLines(file), BACKUP_HASHING);
  const rowsById = new Map(contents.rows.map((row) => [row.id, row]));
  let added = 0;
  let merged = 0;
  const unchanged: string[] = [];
  const lostText: LostText[] = [];
  const newRows: EntryRow[] = [];
  for await (const { doc, state } of readBackupDocs(fileLines(file))) {
    if (doc === 'library') continue;
    const backedUpRow = rowsById.get(doc);
    const sameRoom = backedUpRow?.share ? journal.rows().find((row) => row.share?.room === backedUpRow.share?.room) : undefined;
    const target = journal.row(doc) ?? sameRoom ?? null;
    const id = target?.id ?? doc;
    const result = await journal.mergeIntoEntry(id, state);
    const title = displayTitle({ title: result.title, kind: target?.kind ?? backedUpRow?.kind ?? 'lesson' });
    if (!result.merged) {
      unchanged.push(title);
      continue;
    }
    if (target) merged++;
    else {
      added++;
      if (backedUpRow) newRows.push({ ...backedUpRow, title: result.title, tags: result.tags });
    }
    if (result.deletedSince > 0) lostText.push({ id, title, characters: result.deletedSince, state });
  }
  journal.importRows(newRows);
  await journal.flush();
  return { added, merged, unchanged, lostText, leftOut: contents.leftOut, identity: contents.identity };
}

/**
 * Brings back the text a backup holds for entries that deleted it since: each entry's title, tags
 * and body become the backup's, written again as new items (origin `restore`), so the change
 * reaches peers and no earlier deletion covers it. What the entry held is saved in History first.
 * Entries this device cannot change are skipped. Answers how many entries got their text back.
 */
export async function bringBackText(journal: Journal, lost: readonly LostText[]): Promise<number> {
  let restored = 0;
  for (const entry of lost) {
    await journal.entries.use(entry.id, async (open) => {
      if (open.readOnly) return;
      await journal.historyOf(open)?.save('manual', 'Before bringing back text from a backup');
      const backedUp = new Y.Doc();
      try {
        Y.applyUpdate(backedUp, entry.state);
        open.doc.transact(() => {
          setEntryTitle(open.doc, getEntryTitle(backedUp), DOC_ORIGINS.restore);
          for (const tag of getEntryTags(backedUp)) addEntryTag(open.doc, tag, journal.now(), DOC_ORIGINS.restore);
          replaceBody(open.doc, backedUp, DOC_ORIGINS.restore);
        }, DOC_ORIGINS.restore);
      } finally {
        backedUp.destroy();
      }
      restored++;
    });
  }
  return restored;
}
