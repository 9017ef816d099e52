import * as Y from 'yjs';
import { isEntryId, type EntryId } from '../../shared/entry/entryId';
import { ENTRY_DATABASE_PREFIX, entryDatabaseName, LIBRARY_DATABASE_NAME, storedDatabaseNames } from '../storage/deviceDatabases';
import { DocPersistence } from './docPersistence';
import type { SaveStateSource } from './saveState';
import { isCorruptDocument, quarantineDatabase } from './quarantine';

/**
 * Storage outside an open entry's lifetime: a new entry's first write, deleting an entry, the
 * list of stored entries, and the library document. Entries that already exist are opened only
 * through EntryLifecycle.
 */

/**
 * Writes a new entry's document (made and filled in memory) to this device's storage; resolves
 * once it is on disk. `track` lets the caller count the write as unsaved until then.
 */
export async function storeNewEntryDocument(id: EntryId, doc: Y.Doc, track: (source: SaveStateSource) => () => void = () => () => {}): Promise<void> {
  const persistence = new DocPersistence(entryDatabaseName(id), doc);
  const untrack = track(persistence);
  try {
    await persistence.whenLoaded;
    await persistence.flush();
  } finally {
    await persistence.close();
    untrack();
  }
}

/** Deletes an entry's document from this device. */
export async function deleteEntryStorage(id: EntryId): Promise<void> {
  const doc = new Y.Doc();
  await new DocPersistence(entryDatabaseName(id), doc).deleteStoredData();
  doc.destroy();
}

/** Ids of every entry stored on this device (set-aside copies excluded). */
export async function storedEntryIds(): Promise<EntryId[]> {
  const ids: EntryId[] = [];
  for (const name of await storedDatabaseNames(ENTRY_DATABASE_PREFIX)) {
    const id = name.slice(ENTRY_DATABASE_PREFIX.length);
    if (isEntryId(id)) ids.push(id);
  }
  return ids;
}

/** Sets an entry's unreadable storage aside (renamed, not deleted); returns where it went. */
export function quarantineEntryStorage(id: EntryId, now: number): Promise<string> {
  return quarantineDatabase(entryDatabaseName(id), now);
}

export { isCorruptDocument };

export interface LibraryStorage {
  readonly doc: Y.Doc;
  readonly persistence: DocPersistence;
  /** Set when the stored library could not be read: where it was set aside. A fresh one is open. */
  readonly setAsideAs: string | null;
}

/**
 * Opens the library document. A library that cannot be read is set aside untouched and a fresh,
 * empty one opened in its place, for the caller to rebuild from the entries on the device.
 */
export async function openLibraryStorage(now: number): Promise<LibraryStorage> {
  const doc = new Y.Doc();
  const persistence = new DocPersistence(LIBRARY_DATABASE_NAME, doc);
  try {
    await persistence.whenLoaded;
    return { doc, persistence, setAsideAs: null };
  } catch (cause) {
    if (!isCorruptDocument(cause)) throw cause;
    doc.destroy();
    const setAsideAs = await quarantineDatabase(LIBRARY_DATABASE_NAME, now);
    const fresh = new Y.Doc();
    const freshPersistence = new DocPersistence(LIBRARY_DATABASE_NAME, fresh);
    await freshPersistence.whenLoaded;
    return { doc: fresh, persistence: freshPersistence, setAsideAs };
  }
}
