import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { EntryId } from '../../shared/entry/entryId';

/**
 * Every IndexedDB database this device keeps: its name, its stores, and how it opens and
 * upgrades, through `idb` (docs/DECISIONS.md, "One storage module"). Names and layouts are part of
 * the on-device format: renaming a database or a store loses what it holds, so an existing
 * journal must keep opening after any change here (tests/unit/renderer/collab/docPersistence.test.ts).
 *
 * - A document (the library, each entry): a database per document in y-indexeddb's layout, an
 *   auto-increment `updates` store of Yjs updates and a `custom` store, unversioned as
 *   y-indexeddb leaves it, so data it wrote still loads (renderer/collab/docPersistence.ts).
 * - `peerbook-history`: saved versions of entries (renderer/history/versionStore.ts).
 * - `peerbook-search`: entries' texts and the serialized search index (renderer/search/).
 * - `<name>-quarantined-<time>`: the records of a database that could not be read, set aside
 *   (renderer/collab/quarantine.ts).
 *
 * Stored values are typed `unknown` where this device only reads them back: what a store holds
 * may have been written by an older or damaged Peerbook, and each reader validates it.
 */

export const LIBRARY_DATABASE_NAME = 'peerbook-library';
export const ENTRY_DATABASE_PREFIX = 'peerbook-entry-';
const HISTORY_DATABASE_NAME = 'peerbook-history';
const SEARCH_DATABASE_NAME = 'peerbook-search';
const QUARANTINE_MARK = '-quarantined-';

export function entryDatabaseName(id: EntryId): string {
  return `${ENTRY_DATABASE_PREFIX}${id}`;
}

export interface DocDatabase extends DBSchema {
  updates: { key: number; value: Uint8Array };
  custom: { key: string; value: unknown };
}

export interface HistoryDatabase extends DBSchema {
  versions: { key: number; value: unknown; indexes: { entryId: string } };
}

export interface SearchDatabase extends DBSchema {
  texts: { key: string; value: unknown };
  /** The search index itself, serialized, so that a start loads it instead of rebuilding it. */
  index: { key: string; value: unknown };
}

export interface QuarantineDatabase extends DBSchema {
  records: { key: number; value: { readonly store: string; readonly record: unknown } };
}

export type DocDatabaseConnection = IDBPDatabase<DocDatabase>;
export type HistoryDatabaseConnection = IDBPDatabase<HistoryDatabase>;
export type SearchDatabaseConnection = IDBPDatabase<SearchDatabase>;

/**
 * A document's database, created in y-indexeddb's layout when it does not exist yet. It is
 * opened at whatever version it has, so no other window's connection can block the open.
 */
export function openDocDatabase(name: string): Promise<DocDatabaseConnection> {
  return openDB<DocDatabase>(name, undefined, {
    upgrade(db) {
      if (!db.objectStoreNames.contains('updates')) db.createObjectStore('updates', { autoIncrement: true });
      if (!db.objectStoreNames.contains('custom')) db.createObjectStore('custom');
    },
  });
}

export function openHistoryDatabase(): Promise<HistoryDatabaseConnection> {
  return openDB<HistoryDatabase>(HISTORY_DATABASE_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('versions', { keyPath: 'id', autoIncrement: true }).createIndex('entryId', 'entryId');
    },
  });
}

/** Version 2 added the `index` store beside the texts. */
export function openSearchDatabase(): Promise<SearchDatabaseConnection> {
  return openDB<SearchDatabase>(SEARCH_DATABASE_NAME, 2, {
    upgrade(db) {
      if (!db.objectStoreNames.contains('texts')) db.createObjectStore('texts', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('index')) db.createObjectStore('index');
    },
  });
}

/** A database as it is, whatever it holds, to copy its records out (never created or upgraded here). */
export function openStoredDatabase(name: string): Promise<IDBPDatabase<unknown>> {
  return openDB(name);
}

/** The name a database that could not be read is set aside under, at `now`. */
export function quarantinedDatabaseName(name: string, now: number): string {
  return `${name}${QUARANTINE_MARK}${now}`;
}

export function openQuarantineDatabase(name: string): Promise<IDBPDatabase<QuarantineDatabase>> {
  return openDB<QuarantineDatabase>(name, undefined, {
    upgrade(db) {
      db.createObjectStore('records', { autoIncrement: true });
    },
  });
}

/**
 * Deletes a database. Another tab holding it open delays the deletion until that tab closes it;
 * this resolves at once rather than wait for that.
 */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`));
    request.onblocked = () => resolve();
  });
}

/** The databases on this device whose names start with `prefix`, not counting those set aside. */
export async function storedDatabaseNames(prefix: string): Promise<string[]> {
  const databases = await indexedDB.databases();
  return databases.map((database) => database.name ?? '').filter((name) => name.startsWith(prefix) && !name.includes(QUARANTINE_MARK));
}
