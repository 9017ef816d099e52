import * as Y from 'yjs';
import { LIBRARY_DOC_KEYS } from '../doc/docKeys';
import { DOC_ORIGINS, type DocOrigin } from '../doc/docOrigins';
import { LIBRARY_SCHEMA_VERSION, migrateDoc, type Migration } from '../doc/schemaVersion';
import type { EntryId } from '../entry/entryId';
import { deriveReadRoom, roomsOf } from '../sync/readRoom';
import { parseEntryRow, type EntryRow } from './entryRow';

/**
 * The library document: one row per entry (live or in the trash). It is what the app opens at
 * start; entry documents are opened one at a time, when the user opens an entry.
 *
 * Version 2 keeps each row as one plain object in the `entries` map (version 1 had a nested
 * Y.Map per row, ten Yjs items per entry): a 10,000-entry library decodes in a fraction of the
 * time. The library never leaves the device and has one writer, so a row is replaced whole.
 */
export const LIBRARY_MIGRATIONS: readonly Migration[] = [
  { to: 1, migrate: () => {} },
  {
    to: 2,
    migrate: (doc) => {
      const rows = doc.getMap<unknown>(LIBRARY_DOC_KEYS.entries);
      rows.forEach((value, id) => {
        if (value instanceof Y.Map) rows.set(id, value.toJSON());
      });
    },
  },
];

export class UnknownEntryError extends Error {
  constructor(readonly id: string) {
    super(`No entry ${id} in the library`);
    this.name = 'UnknownEntryError';
  }
}

function rowsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(LIBRARY_DOC_KEYS.entries);
}

export function migrateLibraryDoc(doc: Y.Doc): boolean {
  return migrateDoc(doc, LIBRARY_DOC_KEYS.meta, LIBRARY_MIGRATIONS, LIBRARY_SCHEMA_VERSION);
}

/** A stored row, whichever version wrote it, validated. */
function rowFromStored(value: unknown): EntryRow | null {
  return parseEntryRow(value instanceof Y.Map ? value.toJSON() : value);
}

function plainRow(row: EntryRow): Record<string, unknown> {
  return JSON.parse(JSON.stringify(row)) as Record<string, unknown>;
}

export function addEntryRow(doc: Y.Doc, row: EntryRow, origin: DocOrigin = DOC_ORIGINS.localEdit): void {
  doc.transact(() => rowsMap(doc).set(row.id, plainRow(row)), origin);
}

export function getEntryRow(doc: Y.Doc, id: EntryId): EntryRow | null {
  const value = rowsMap(doc).get(id);
  return value === undefined ? null : rowFromStored(value);
}

export type EntryRowPatch = Partial<Omit<EntryRow, 'id' | 'createdAt'>>;

/** Writes only the fields that differ, so an unchanged row makes no update (and no disk write). */
export function updateEntryRow(doc: Y.Doc, id: EntryId, patch: EntryRowPatch, origin: DocOrigin = DOC_ORIGINS.localEdit): void {
  const current = getEntryRow(doc, id);
  if (!current) throw new UnknownEntryError(id);
  const record = current as unknown as Record<string, unknown>;
  const changes = Object.entries(patch).filter(([key, value]) => JSON.stringify(record[key]) !== JSON.stringify(value));
  if (changes.length === 0) return;
  doc.transact(() => rowsMap(doc).set(id, plainRow({ ...current, ...Object.fromEntries(changes) } as EntryRow)), origin);
}

export function trashEntry(doc: Y.Doc, id: EntryId, now: number): void {
  updateEntryRow(doc, id, { trashedAt: now });
}

export function restoreEntry(doc: Y.Doc, id: EntryId): void {
  updateEntryRow(doc, id, { trashedAt: null });
}

/** Forgets the row; the caller also deletes the entry's own document from storage. */
export function removeEntryRow(doc: Y.Doc, id: EntryId): void {
  const rows = rowsMap(doc);
  if (rows.has(id)) doc.transact(() => rows.delete(id), DOC_ORIGINS.localEdit);
}

/** Every valid row; rows that fail validation are left out rather than crash the library. */
export function listEntryRows(doc: Y.Doc): EntryRow[] {
  const rows: EntryRow[] = [];
  rowsMap(doc).forEach((value) => {
    const row = rowFromStored(value);
    if (row) rows.push(row);
  });
  return rows;
}

/** The entry this device holds for a room, if any (joining a link twice opens the same entry). */
/**
 * The entry shared in `room`: its own room, or its read room (shared/sync/readRoom.ts), for a
 * device that may edit it; and for a device that only reads it, its read room or the room the
 * read room comes from (a reader sent the invite link later).
 */
export function findEntryByRoom(doc: Y.Doc, room: string): EntryRow | null {
  const readRoom = deriveReadRoom(room);
  return listEntryRows(doc).find((row) => row.share && (roomsOf(row.share).includes(room) || row.share.room === readRoom)) ?? null;
}

/**
 * Calls `onChange` with the ids of the rows that changed (added, edited or removed) in each
 * transaction, so a large library is updated row by row rather than re-read whole.
 */
export function observeEntryRows(doc: Y.Doc, onChange: (changed: ReadonlySet<EntryId>) => void): () => void {
  const rows = rowsMap(doc);
  const handler = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    const changed = new Set<EntryId>();
    for (const event of events) {
      if (event instanceof Y.YMapEvent && event.target === rows) for (const key of event.keysChanged) changed.add(key as EntryId);
      else if (typeof event.path[0] === 'string') changed.add(event.path[0] as EntryId);
    }
    if (changed.size > 0) onChange(changed);
  };
  rows.observeDeep(handler);
  return () => rows.unobserveDeep(handler);
}
