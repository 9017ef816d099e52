import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

/**
 * Keeps one Y.Doc in IndexedDB, through y-indexeddb (its database layout and its loading), with
 * two changes to how it writes:
 *
 * - y-indexeddb queues each update's write and never says when (or whether) it committed, so it
 *   cannot back a "Saved" that is true. This module writes each update in its own transaction and
 *   counts it as saved only on the transaction's `complete` event; a failed write is reported.
 * - y-indexeddb appends the whole document on every open and compacts only after 500 updates
 *   (https://github.com/yjs/y-indexeddb/issues/31). This module compacts on open, after a burst of
 *   updates and on close, each time in one transaction that reads what is stored, merges it and
 *   replaces it with the merged state, so storage stays proportional to the content.
 */

const UPDATES_STORE = 'updates';
/** After this many stored updates the store is compacted (when editing pauses). */
const COMPACT_AFTER_UPDATES = 200;
const COMPACT_IDLE_MS = 1500;
const EMPTY_UPDATE_BYTES = 2;

export interface SaveState {
  /** Writes issued and not yet committed. */
  readonly pending: number;
  /** The last write failure, until a later write succeeds. */
  readonly error: string | null;
}

/** Anything whose writes the "Saved" status waits for. */
export interface SaveStateSource {
  readonly saveState: SaveState;
  onSaveState(listener: (state: SaveState) => void): () => void;
}

export class StorageWriteError extends Error {
  constructor(readonly docName: string, cause: unknown) {
    super(`Could not save to this device's storage (${docName}): ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StorageWriteError';
  }
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export class DocPersistence implements SaveStateSource {
  readonly whenLoaded: Promise<void>;
  private readonly idb: IndexeddbPersistence;
  private readonly db: Promise<IDBDatabase>;
  private pending = 0;
  private error: string | null = null;
  private lastWriteFailed = false;
  private storedUpdates = 0;
  private compactTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(state: SaveState) => void>();
  private closed = false;

  constructor(readonly name: string, readonly doc: Y.Doc) {
    this.idb = new IndexeddbPersistence(name, doc);
    // Take over the write path (see the module comment); y-indexeddb still loads the document.
    doc.off('update', (this.idb as unknown as { _storeUpdate: (u: Uint8Array, o: unknown) => void })._storeUpdate);
    this.db = (this.idb as unknown as { _db: Promise<IDBDatabase> })._db;
    // Listening starts once the stored content is in: Yjs encodes an 'update' event for every
    // transaction only while someone listens, and the load of a large library is one big
    // transaction whose encoding would be thrown away. Nothing edits a document before it has
    // loaded (the editor is hidden, the library not yet shown), and y-indexeddb stores whatever
    // a document already held when it was opened.
    this.whenLoaded = this.idb.whenSynced.then(() => {
      if (!this.closed) doc.on('update', this.onUpdate);
      return this.compact();
    });
  }

  /** True for transactions that only replay what is already stored. */
  isLoadOrigin(origin: unknown): boolean {
    return origin === this.idb || origin === this;
  }

  get saveState(): SaveState {
    return { pending: this.pending, error: this.error };
  }

  onSaveState(listener: (state: SaveState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every write issued so far has committed (or failed). */
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    await new Promise<void>((resolve) => {
      const off = this.onSaveState((state) => {
        if (state.pending === 0) {
          off();
          resolve();
        }
      });
    });
  }

  /** Compacts, then stops writing and closes the database. The document stays usable in memory. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.doc.off('update', this.onUpdate);
    await this.flush();
    if (this.storedUpdates > 1) await this.compact().catch(() => undefined);
    if (this.compactTimer) clearTimeout(this.compactTimer);
    await this.idb.destroy();
  }

  /** Deletes this document's database. */
  async deleteStoredData(): Promise<void> {
    await this.close();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(this.name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error ?? new Error('Could not delete ' + this.name));
      // Another tab holding the database open delays deletion; it completes when that tab closes.
      request.onblocked = () => resolve();
    });
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.isLoadOrigin(origin) || this.closed) return;
    this.setPending(+1);
    // After a failed write, later updates build on one that is not on disk: the next write
    // stores the whole state instead, so what is shown as saved can always be loaded.
    const writesWholeState = this.lastWriteFailed;
    void this.db
      .then((db) => {
        const tx = db.transaction([UPDATES_STORE], 'readwrite');
        tx.objectStore(UPDATES_STORE).add(writesWholeState ? Y.encodeStateAsUpdate(this.doc) : update);
        return transactionDone(tx);
      })
      .then(
        () => {
          if (writesWholeState || !this.lastWriteFailed) {
            this.lastWriteFailed = false;
            this.error = null;
          }
          this.storedUpdates++;
          this.scheduleCompaction();
        },
        (cause: unknown) => {
          this.lastWriteFailed = true;
          this.error = new StorageWriteError(this.name, cause).message;
        },
      )
      .finally(() => this.setPending(-1));
  };

  private setPending(delta: number): void {
    this.pending += delta;
    const state = this.saveState;
    for (const listener of this.listeners) listener(state);
  }

  private scheduleCompaction(): void {
    if (this.storedUpdates < COMPACT_AFTER_UPDATES || this.closed) return;
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      void this.compact().catch(() => undefined);
    }, COMPACT_IDLE_MS);
  }

  /**
   * Replaces every stored update with one merged state, in one transaction: what another tab
   * stored meanwhile is read and merged first, so nothing stored is dropped.
   */
  private async compact(): Promise<void> {
    const db = await this.db;
    const tx = db.transaction([UPDATES_STORE], 'readwrite');
    const store = tx.objectStore(UPDATES_STORE);
    const done = transactionDone(tx);
    const request = store.getAll();
    const keysRequest = store.getAllKeys();
    keysRequest.onsuccess = () => {
      const stored = request.result as Uint8Array[];
      const keys = keysRequest.result;
      const meaningful = stored.filter((update) => update.byteLength > EMPTY_UPDATE_BYTES).length;
      if (stored.length <= 1) return;
      if (meaningful <= 1) {
        // y-indexeddb adds the (empty) in-memory state on every open: drop those records
        // rather than re-encode a long document to replace one record with itself.
        stored.forEach((update, index) => {
          const key = keys[index];
          if (update.byteLength <= EMPTY_UPDATE_BYTES && key !== undefined) store.delete(key);
        });
        return;
      }
      Y.transact(this.doc, () => stored.forEach((update) => Y.applyUpdate(this.doc, update)), this, false);
      store.clear();
      store.add(Y.encodeStateAsUpdate(this.doc));
    };
    await done;
    this.storedUpdates = 1;
  }
}
