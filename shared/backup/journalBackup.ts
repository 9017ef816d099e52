import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { isEntryId, type EntryId } from '../entry/entryId';
import { listEntryRows } from '../library/libraryDoc';
import type { EntryRow } from '../library/entryRow';

/**
 * One file holding a whole journal: the library document and every entry document, each as its
 * full Yjs state, with a checksum over all of it. Restoring merges these states into what a device
 * already has (Yjs merges are idempotent), so restoring twice, or onto a device that has some of
 * the entries, duplicates nothing.
 *
 *   { "format": "peerbook-backup", "version": 1, "createdAt": <ms>,
 *     "library": "<base64 state>", "entries": [{ "id": "<entry id>", "state": "<base64>" }],
 *     "sha256": "<hex of the canonical text of everything above>" }
 */
export const BACKUP_FORMAT = 'peerbook-backup';
export const BACKUP_VERSION = 1;
/** A backup larger than this is refused before it is read. */
export const MAX_BACKUP_CHARS = 512 * 1024 * 1024;

export type Sha256 = (text: string) => Promise<string>;

export interface JournalBackup {
  readonly createdAt: number;
  readonly library: Uint8Array;
  readonly entries: ReadonlyArray<{ readonly id: EntryId; readonly state: Uint8Array }>;
}

/** A validated backup: every state decoded and applied once to a scratch document. */
export interface CheckedBackup extends JournalBackup {
  readonly rows: readonly EntryRow[];
}

export type BackupProblem = 'too-large' | 'not-json' | 'not-a-backup' | 'newer-version' | 'damaged';

const MESSAGES: Readonly<Record<BackupProblem, string>> = {
  'too-large': 'This file is too large to be a Peerbook backup.',
  'not-json': 'This file is not a Peerbook backup (it is not JSON, or it was cut short).',
  'not-a-backup': 'This file is not a Peerbook backup.',
  'newer-version': 'This backup was made by a newer Peerbook; update Peerbook to restore it.',
  damaged: 'This backup is damaged (its contents do not match its checksum); nothing was imported.',
};

export class BackupError extends Error {
  constructor(readonly problem: BackupProblem, detail?: string) {
    super(detail ? `${MESSAGES[problem]} (${detail})` : MESSAGES[problem]);
    this.name = 'BackupError';
  }
}

function canonical(backup: JournalBackup): string {
  return JSON.stringify({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: backup.createdAt,
    library: toBase64(backup.library),
    entries: backup.entries.map((entry) => ({ id: entry.id, state: toBase64(entry.state) })),
  });
}

export async function encodeBackup(backup: JournalBackup, sha256: Sha256): Promise<string> {
  const body = canonical(backup);
  const checksum = await sha256(body);
  return `${body.slice(0, -1)},"sha256":"${checksum}"}\n`;
}

function decodeState(value: unknown, what: string): Uint8Array {
  if (typeof value !== 'string') throw new BackupError('not-a-backup', `${what} is missing`);
  try {
    return fromBase64(value);
  } catch {
    throw new BackupError('damaged', `${what} is not base64`);
  }
}

function applyToScratch(state: Uint8Array, what: string): Y.Doc {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
  } catch {
    doc.destroy();
    throw new BackupError('damaged', `${what} cannot be read`);
  }
  return doc;
}

/**
 * Reads and checks a backup completely before anything is imported: shape, version, checksum,
 * and every document decoded. Throws BackupError for anything else.
 */
export async function parseBackup(text: string, sha256: Sha256): Promise<CheckedBackup> {
  if (text.length > MAX_BACKUP_CHARS) throw new BackupError('too-large');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BackupError('not-json');
  }
  if (typeof raw !== 'object' || raw === null) throw new BackupError('not-a-backup');
  const { format, version, createdAt, library, entries, sha256: checksum } = raw as Record<string, unknown>;
  if (format !== BACKUP_FORMAT) throw new BackupError('not-a-backup');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new BackupError('not-a-backup');
  if (version > BACKUP_VERSION) throw new BackupError('newer-version');
  if (typeof createdAt !== 'number' || !Array.isArray(entries) || typeof checksum !== 'string') {
    throw new BackupError('not-a-backup');
  }
  const decodedEntries = entries.map((entry: unknown, index) => {
    const { id, state } = (entry ?? {}) as Record<string, unknown>;
    if (!isEntryId(id)) throw new BackupError('not-a-backup', `entry ${index} has no valid id`);
    return { id, state: decodeState(state, `entry ${id}`) };
  });
  const backup: JournalBackup = { createdAt, library: decodeState(library, 'the library'), entries: decodedEntries };
  if ((await sha256(canonical(backup))) !== checksum) throw new BackupError('damaged');
  const libraryDoc = applyToScratch(backup.library, 'the library');
  const rows = listEntryRows(libraryDoc);
  libraryDoc.destroy();
  for (const entry of backup.entries) applyToScratch(entry.state, `entry ${entry.id}`).destroy();
  return { ...backup, rows };
}
