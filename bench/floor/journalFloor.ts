import * as Y from 'yjs';
import { listEntryRows } from '../../shared/library/libraryDoc';
import { LIBRARY_DATABASE_NAME, entryDatabaseName } from '../../renderer/storage/deviceDatabases';
import { createSearchIndex, searchQuery } from '../../renderer/search/searchQuery';
import type { EntryId } from '../../shared/entry/entryId';

/**
 * The floors of the journal benchmark, served from the app's origin so that they read the very
 * data the app stored in this browser: MiniSearch alone (no worker, no React, no drawing)
 * answering the same queries over the same 10,000 entries with the app's options, and Yjs alone
 * decoding the stored state of the entry the app opens (Y.applyUpdate into a fresh document).
 * It only reads: nothing here writes to the app's databases.
 */
function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

async function readAll(database: string, store: string): Promise<unknown[]> {
  const db = await request(indexedDB.open(database));
  try {
    return await request(db.transaction(store, 'readonly').objectStore(store).getAll());
  } finally {
    db.close();
  }
}

async function readStoredUpdates(database: string): Promise<Uint8Array[]> {
  return (await readAll(database, 'updates')) as Uint8Array[];
}

let index: ReturnType<typeof createSearchIndex> | null = null;

/** The app's corpus (library rows, stored body texts) in a MiniSearch index with its options. */
async function buildIndex(): Promise<ReturnType<typeof createSearchIndex>> {
  const library = new Y.Doc();
  for (const update of await readStoredUpdates(LIBRARY_DATABASE_NAME)) Y.applyUpdate(library, update);
  const bodies = new Map<string, string>();
  for (const text of (await readAll('peerbook-search', 'texts')) as Array<{ id: string; body: string }>) bodies.set(text.id, text.body);
  const built = createSearchIndex();
  built.addAll(
    listEntryRows(library)
      .filter((row) => row.trashedAt === null)
      .map((row) => ({ id: row.id, title: row.title, body: bodies.get(row.id) ?? '', tags: row.tags.join(' ') })),
  );
  return built;
}

async function searchTimes(queries: readonly string[]): Promise<number[]> {
  index ??= await buildIndex();
  const searched = index;
  return queries.map((query) => {
    const started = performance.now();
    searched.search(searchQuery(query));
    return performance.now() - started;
  });
}

async function decodeTimes(id: EntryId, runs: number): Promise<number[]> {
  const updates = await readStoredUpdates(entryDatabaseName(id));
  return Array.from({ length: runs }, () => {
    const started = performance.now();
    const doc = new Y.Doc();
    for (const update of updates) Y.applyUpdate(doc, update);
    const took = performance.now() - started;
    doc.destroy();
    return took;
  });
}

Object.assign(window, { journalFloor: { searchTimes, decodeTimes, ready: true } });
