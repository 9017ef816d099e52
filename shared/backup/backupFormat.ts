import { fromBase64, toBase64 } from 'lib0/buffer';
import * as v from 'valibot';
import * as Y from 'yjs';
import type { EntryId } from '../entry/entryId';
import { listEntryRows } from '../library/libraryDoc';
import type { EntryRow } from '../library/entryRow';
import { isPlainObject } from '../schema/plainObject';
import { BACKUP_FORMAT, BACKUP_VERSION } from './backupFileFrame';
import {
  BackupEndSchema,
  BackupHeaderSchema,
  DocPartSchema,
  LeftOutEntrySchema,
  MAX_BACKUP_LINE_CHARS,
  Version1EntrySchema,
  Version1Schema,
  Version2HeaderSchema,
  type BackupIdentity,
  type LeftOutEntry,
} from './backupRecords';

/**
 * One file holding a whole journal: the library document and every entry document, each as its
 * full Yjs state, with a checksum over all of it. Restoring merges these states into what a device
 * already has (Yjs merges are idempotent), so restoring twice, or onto a device that has some of
 * the entries, duplicates nothing.
 *
 * The file is written and read in parts (JSON Lines, one object per line), never held as one
 * string: a peer can make a shared entry hundreds of megabytes large, and V8's strings end at
 * 2^29 − 24 characters (version 1, one JSON object, could not be made past that). Version 2:
 *
 *   {"format":"peerbook-backup","version":2,"createdAt":<ms>[,"identity":{"name","color","contributorId"}]}
 *   {"doc":"library","part":1,"parts":1,"state":"<base64>"}
 *   {"doc":"<entry id>","part":1,"parts":<n>,"state":"<base64 of at most 1 MiB of the state>"}
 *   … (each document's parts in order, one document after another)
 *   {"leftOut":[{"id":"<entry id>","title":"…","reason":"…"}]}
 *   {"end":"peerbook-backup","lines":<lines above>,"sha256":"<hex>"}
 *
 * `sha256` is a hash chain over every line above the last, as UTF-8 without its newline:
 * h0 = 32 zero bytes, h(i) = SHA-256(h(i−1) ‖ SHA-256(line i)); the checksum is the hex of the
 * last h. It covers every byte in order and is computed line by line in constant memory.
 * `leftOut` names entries the device could not read when it made the backup. `identity` is the
 * person who made it, as colleagues saw them (the name they chose, their colour and contributor
 * id): restored onto a device where nobody has chosen a name yet, the journal keeps its person.
 *
 * Version 1, `{ "format", "version": 1, "createdAt", "library", "entries": [{ "id", "state" }],
 * "sha256" }` on one line, is still read. Each line is checked against its record's schema
 * (backupRecords.ts) before any of it is used.
 */
export { BACKUP_FORMAT, BACKUP_VERSION } from './backupFileFrame';
export { MAX_BACKUP_LINE_CHARS, type BackupIdentity, type LeftOutEntry } from './backupRecords';
/** Each line carries at most this much of a document's state (1.4 M characters of base64). */
export const STATE_BYTES_PER_LINE = 1024 * 1024;

/** SHA-256 and UTF-8, which shared/ leaves to the platform (Web Crypto, TextEncoder). */
export interface BackupHashing {
  digest(bytes: Uint8Array): Promise<Uint8Array>;
  utf8(text: string): Uint8Array;
}

/** One document of a backup: the library, or an entry by its id. */
export interface BackupDoc {
  readonly doc: 'library' | EntryId;
  readonly state: Uint8Array;
}

/** What a backup holds, once checkBackup has read all of it. */
export interface BackupContents {
  readonly version: number;
  readonly createdAt: number;
  /** Who made it (version 2 files that say so), or null. */
  readonly identity: BackupIdentity | null;
  /** The library's rows, as the device that made the backup had them. */
  readonly rows: readonly EntryRow[];
  readonly entries: readonly EntryId[];
  readonly leftOut: readonly LeftOutEntry[];
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

function hex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The running checksum of a version 2 file. */
class HashChain {
  private value: Uint8Array = new Uint8Array(32);
  lines = 0;

  constructor(private readonly hashing: BackupHashing) {}

  async add(line: string): Promise<void> {
    const lineDigest = await this.hashing.digest(this.hashing.utf8(line));
    const both = new Uint8Array(64);
    both.set(this.value, 0);
    both.set(lineDigest, 32);
    this.value = await this.hashing.digest(both);
    this.lines++;
  }

  get hex(): string {
    return hex(this.value);
  }
}

/**
 * The lines of a backup file, each ending in a newline, made as `docs` yields its documents
 * (the library first): no line holds more than STATE_BYTES_PER_LINE of a state, and nothing is
 * kept but the running checksum. `leftOut` is read once `docs` is done.
 */
export async function* encodeBackupLines(
  createdAt: number,
  docs: AsyncIterable<BackupDoc>,
  leftOut: () => readonly LeftOutEntry[],
  hashing: BackupHashing,
  identity: BackupIdentity | null = null,
): AsyncGenerator<string> {
  const chain = new HashChain(hashing);
  async function line(value: unknown): Promise<string> {
    const text = JSON.stringify(value);
    await chain.add(text);
    return `${text}\n`;
  }
  yield await line({ format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt, ...(identity ? { identity } : {}) });
  for await (const { doc, state } of docs) {
    const parts = Math.max(1, Math.ceil(state.byteLength / STATE_BYTES_PER_LINE));
    for (let part = 1; part <= parts; part++) {
      const bytes = state.subarray((part - 1) * STATE_BYTES_PER_LINE, part * STATE_BYTES_PER_LINE);
      yield await line({ doc, part, parts, state: toBase64(bytes) });
    }
  }
  yield await line({ leftOut: leftOut().map(({ id, title, reason }) => ({ id, title, reason })) });
  yield `${JSON.stringify({ end: BACKUP_FORMAT, lines: chain.lines, sha256: chain.hex })}\n`;
}

function parseLine(line: string, index: number): Record<string, unknown> {
  if (line.length > MAX_BACKUP_LINE_CHARS) throw new BackupError('too-large');
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new BackupError('not-json', index === 0 ? undefined : `line ${index + 1}`);
  }
  if (!isPlainObject(value)) throw new BackupError('not-a-backup', `line ${index + 1} is not an object`);
  return value;
}

function decodeState(value: unknown, what: string): Uint8Array {
  if (typeof value !== 'string') throw new BackupError('not-a-backup', `${what} is missing`);
  try {
    return fromBase64(value);
  } catch {
    throw new BackupError('damaged', `${what} is not base64`);
  }
}

/** Applies a state to a scratch document and hands it to `read`; a state that cannot be read is damage. */
function readScratch<T>(state: Uint8Array, what: string, read: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc();
  try {
    try {
      Y.applyUpdate(doc, state);
    } catch {
      throw new BackupError('damaged', `${what} cannot be read`);
    }
    return read(doc);
  } finally {
    doc.destroy();
  }
}

function parseLeftOut(value: unknown): LeftOutEntry[] {
  if (!Array.isArray(value)) throw new BackupError('not-a-backup', 'the list of entries left out is not a list');
  return value.map((item: unknown) => {
    const entry = v.safeParse(LeftOutEntrySchema, item);
    if (!entry.success) throw new BackupError('not-a-backup', 'an entry left out is not described');
    return entry.output;
  });
}

/** Whole documents from a version 2 file's records, each checked where it sits in the file. */
class DocAssembler {
  private current: { doc: 'library' | EntryId; parts: Uint8Array[]; total: number } | null = null;
  private readonly seen = new Set<string>();

  /** Takes a `doc` record; answers the document once its last part is in. */
  add(record: Record<string, unknown>, index: number): BackupDoc | null {
    const where = `line ${index + 1}`;
    const parsed = v.safeParse(DocPartSchema, record);
    if (!parsed.success || parsed.output.part > parsed.output.parts) throw new BackupError('not-a-backup', `${where} is not a part of a document`);
    const { doc, part, parts, state } = parsed.output;
    if (part === 1) {
      if (this.current) throw new BackupError('damaged', `${where}: ${this.current.doc} is cut short`);
      if (this.seen.has(doc)) throw new BackupError('damaged', `${where}: ${doc} appears twice`);
      if (this.seen.size === 0 && doc !== 'library') throw new BackupError('not-a-backup', 'the library does not come first');
      this.seen.add(doc);
      this.current = { doc, parts: [], total: parts };
    }
    const current = this.current;
    if (!current || current.doc !== doc || current.total !== parts || current.parts.length !== part - 1) {
      throw new BackupError('damaged', `${where}: a part of ${String(doc)} is out of place`);
    }
    current.parts.push(decodeState(state, `${where} (${doc})`));
    if (part < parts) return null;
    this.current = null;
    return { doc, state: concat(current.parts) };
  }

  /** Throws when a document was left incomplete at the end of the file. */
  finish(): void {
    if (this.current) throw new BackupError('damaged', `${this.current.doc} is cut short`);
    if (!this.seen.has('library')) throw new BackupError('not-a-backup', 'the library is missing');
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.byteLength;
  }
  return whole;
}

/**
 * Reads a backup's lines (without their newlines) and checks all of it before anything may be
 * imported: shape, version, order, the checksum, an end (a file cut short has none), and every
 * document decoded and read once into a scratch document. Throws BackupError for anything else.
 */
export async function checkBackup(lines: AsyncIterable<string>, hashing: BackupHashing): Promise<BackupContents> {
  let index = 0;
  let first: { createdAt: number; identity: BackupIdentity | null } | null = null;
  let version1: Record<string, unknown> | null = null;
  let ended = false;
  let leftOut: LeftOutEntry[] | null = null;
  let rows: EntryRow[] = [];
  const entries: EntryId[] = [];
  const chain = new HashChain(hashing);
  const assembler = new DocAssembler();
  for await (const line of lines) {
    const at = index++;
    if (ended || version1) {
      if (line.trim() === '') continue;
      throw version1 ? new BackupError('not-json') : new BackupError('damaged', 'there is more after its end');
    }
    if (at === 0 && line.trim() === '') throw new BackupError('not-json');
    const record = parseLine(line, at);
    if (at === 0) {
      const header = v.safeParse(BackupHeaderSchema, record);
      if (!header.success) throw new BackupError('not-a-backup');
      const { version } = header.output;
      if (version > BACKUP_VERSION) throw new BackupError('newer-version');
      if (version === 1) {
        version1 = record;
        continue;
      }
      const version2 = v.safeParse(Version2HeaderSchema, record);
      if (version !== BACKUP_VERSION || !version2.success) throw new BackupError('not-a-backup');
      first = { createdAt: version2.output.createdAt, identity: version2.output.identity };
    } else if (record.end !== undefined) {
      const end = v.safeParse(BackupEndSchema, record);
      if (!end.success || end.output.lines !== chain.lines) throw new BackupError('damaged', 'its end does not match');
      if (end.output.sha256 !== chain.hex) throw new BackupError('damaged');
      if (leftOut === null) throw new BackupError('damaged', 'the list of entries left out is missing');
      ended = true;
      continue;
    } else if (record.leftOut !== undefined) {
      if (leftOut !== null) throw new BackupError('damaged', 'two lists of entries left out');
      assembler.finish();
      leftOut = parseLeftOut(record.leftOut);
    } else {
      if (leftOut !== null) throw new BackupError('damaged', `line ${at + 1} comes after the list of entries left out`);
      const whole = assembler.add(record, at);
      if (whole?.doc === 'library') rows = readScratch(whole.state, 'the library', listEntryRows);
      else if (whole) {
        readScratch(whole.state, `entry ${whole.doc}`, () => undefined);
        entries.push(whole.doc);
      }
    }
    await chain.add(line);
  }
  if (version1) return checkVersion1(version1, hashing);
  if (!first) throw new BackupError('not-json');
  if (!ended) throw new BackupError('not-json', 'it has no end');
  return { version: BACKUP_VERSION, createdAt: first.createdAt, identity: first.identity, rows, entries, leftOut: leftOut ?? [] };
}

/**
 * The documents of a backup that checkBackup accepted, one at a time, library first: a restore
 * reads the file a second time rather than hold every entry in memory.
 */
export async function* readBackupDocs(lines: AsyncIterable<string>): AsyncGenerator<BackupDoc> {
  const assembler = new DocAssembler();
  let index = 0;
  for await (const line of lines) {
    const at = index++;
    if (line.trim() === '') continue;
    const record = parseLine(line, at);
    if (at === 0) {
      if (record.version === 1) {
        yield* version1Docs(record);
        return;
      }
      continue;
    }
    if (record.leftOut !== undefined || record.end !== undefined) return;
    const whole = assembler.add(record, at);
    if (whole) yield whole;
  }
}

// --- Version 1: one JSON object, written by earlier Peerbooks -------------------------------------

interface Version1 {
  readonly createdAt: number;
  readonly library: Uint8Array;
  readonly entries: ReadonlyArray<{ readonly id: EntryId; readonly state: Uint8Array }>;
  readonly sha256: string;
}

function parseVersion1(record: Record<string, unknown>): Version1 {
  const parsed = v.safeParse(Version1Schema, record);
  if (!parsed.success) throw new BackupError('not-a-backup');
  const { createdAt, library, entries, sha256 } = parsed.output;
  const decoded = entries.map((value: unknown, index) => {
    const entry = v.safeParse(Version1EntrySchema, value);
    if (!entry.success) throw new BackupError('not-a-backup', `entry ${index} has no valid id`);
    return { id: entry.output.id, state: decodeState(entry.output.state, `entry ${entry.output.id}`) };
  });
  return { createdAt, library: decodeState(library, 'the library'), entries: decoded, sha256 };
}

/** Version 1's checksum: SHA-256 of the object without its checksum, as JSON in this key order. */
function version1Canonical(backup: Version1): string {
  return JSON.stringify({
    format: BACKUP_FORMAT,
    version: 1,
    createdAt: backup.createdAt,
    library: toBase64(backup.library),
    entries: backup.entries.map((entry) => ({ id: entry.id, state: toBase64(entry.state) })),
  });
}

async function checkVersion1(record: Record<string, unknown>, hashing: BackupHashing): Promise<BackupContents> {
  const backup = parseVersion1(record);
  if (hex(await hashing.digest(hashing.utf8(version1Canonical(backup)))) !== backup.sha256) throw new BackupError('damaged');
  const rows = readScratch(backup.library, 'the library', listEntryRows);
  for (const entry of backup.entries) readScratch(entry.state, `entry ${entry.id}`, () => undefined);
  return { version: 1, createdAt: backup.createdAt, identity: null, rows, entries: backup.entries.map((entry) => entry.id), leftOut: [] };
}

function* version1Docs(record: Record<string, unknown>): Generator<BackupDoc> {
  const backup = parseVersion1(record);
  yield { doc: 'library', state: backup.library };
  for (const entry of backup.entries) yield { doc: entry.id, state: entry.state };
}
