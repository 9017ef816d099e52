import { Emitter } from '../../shared/events/emitter';
import * as Y from 'yjs';
import { whenSaved, type SaveState, type SaveStateSource } from './saveState';
import { deleteDatabase, openDocDatabase, type DocDatabaseConnection } from '../storage/deviceDatabases';
import { describeError } from '../../shared/errors/describeError';

/**
 * Keeps one Y.Doc in IndexedDB, in y-indexeddb's database layout (a database per document with
 * an auto-increment `updates` store and a `custom` store), so data written by y-indexeddb loads
 * and the other way round. The persistence itself is Peerbook's, for three reasons found in use
 * (docs/DECISIONS.md, "Storage"):
 *
 * - y-indexeddb queues each update's write and never says when (or whether) it committed, so it
 *   cannot back a "Saved" that is true. Here the updates of one task are written together in a
 *   transaction of their own, in the task after, and count as saved only on that transaction's
 *   `complete` event; a failed write is reported.
 * - y-indexeddb appends the whole document on every open and compacts only after 500 updates
 *   (https://github.com/yjs/y-indexeddb/issues/31). Here storage is compacted on open, after a
 *   burst of updates and on close, each time in one transaction that reads what is stored, merges
 *   it and replaces it with the merged state, so storage stays proportional to the content.
 * - A stored update that cannot be read makes y-indexeddb's load throw inside a promise nobody
 *   awaits: its `whenSynced` never settles and the entry never opens. Here the load fails with a
 *   CorruptDocumentError, the data is left untouched on disk, and the caller sets it aside.
 */
/** After this many stored updates the store is compacted (when editing pauses). */
const COMPACT_AFTER_UPDATES = 200;
const COMPACT_IDLE_MS = 1500;
const EMPTY_UPDATE_BYTES = 2;

/** What is stored for a document cannot be read back: the document is set aside, not opened. */
export class CorruptDocumentError extends Error {
  constructor(readonly docName: string, cause: unknown) {
    super(`The stored data of ${docName} cannot be read (${describeError(cause)})`);
    this.name = 'CorruptDocumentError';
  }
}

export class StorageWriteError extends Error {
  constructor(readonly docName: string, cause: unknown) {
    const quota = cause instanceof Error && cause.name === 'QuotaExceededError';
    super(
      quota
        ? `This device's storage is full, so your latest changes are not saved yet (${docName}). They are kept while Peerbook stays open and saved as soon as there is room.`
        : `Could not save to this device's storage (${docName}): ${describeError(cause)}. Your changes are kept while Peerbook stays open, and it keeps trying.`,
    );
    this.name = 'StorageWriteError';
  }
}

/** After a failed write, the whole state is written again this often until it succeeds. */
const RETRY_AFTER_FAILURE_MS = 5000;

/** Adds one update to a document's stored updates, in a connection of its own. */
export async function addStoredUpdate(name: string, update: Uint8Array): Promise<void> {
  const db = await openDocDatabase(name);
  try {
    const tx = db.transaction('updates', 'readwrite');
    await Promise.all([tx.store.add(update), tx.done]);
  } finally {
    db.close();
  }
}

/**
 * Where a closing document leaves what it could not write (its writes were failing: a full
 * disk), so that closing an entry never throws edits away while the app runs (unsavedEdits.ts).
 */
export interface UnsavedStates {
  hold(name: string, state: Uint8Array): void;
  /** Takes back what was held for `name`, for the document opening again; null if nothing. */
  take(name: string): Uint8Array | null;
}

/** Persistences with updates queued for a write in a later task. */
const writesWaiting = new Set<DocPersistence>();

/** Starts every queued write now (in their task, or because the page is going away). */
export function writeQueuedEverywhere(): void {
  for (const persistence of [...writesWaiting]) persistence.writeQueued();
}

if (typeof window !== 'undefined') window.addEventListener('pagehide', writeQueuedEverywhere);

/**
 * Starts every queued write in a task of its own, soon: a message the page sends itself, which
 * neither waits for a timer's clamp nor stops with timers (a test's fake clock), and does not
 * keep Node running. One message serves every persistence that queued in the same task.
 */
let taskChannel: MessageChannel | null = null;
function writeQueuedInNextTask(): void {
  if (!taskChannel) {
    taskChannel = new MessageChannel();
    taskChannel.port1.onmessage = writeQueuedEverywhere;
    (taskChannel.port1 as { unref?: () => void }).unref?.();
  }
  taskChannel.port2.postMessage(null);
}

export class DocPersistence implements SaveStateSource {
  readonly whenLoaded: Promise<void>;
  private readonly db: Promise<DocDatabaseConnection>;
  private pending = 0;
  private error: string | null = null;
  private lastWriteFailed = false;
  private storedUpdates = 0;
  private compactTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Emitter<SaveState>();
  private closed = false;
  /** The stored updates as loaded, while the document holds exactly them (see takeLoadedUpdates). */
  private loadedUpdates: Uint8Array[] | null = null;
  /** Updates made since the last write started, written together in a task of their own. */
  private queued: Uint8Array[] = [];

  constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    private readonly unsaved: UnsavedStates | null = null,
  ) {
    this.db = openDocDatabase(name);
    // Listening starts once the stored content is in: Yjs encodes an 'update' event for every
    // transaction only while someone listens, and the load of a large library is one big
    // transaction whose encoding would be thrown away. Nothing edits a document while it loads
    // (the editor is hidden, the library not yet shown); what a new document already held is
    // written by the load itself.
    this.whenLoaded = this.load().then(
      () => {
        if (!this.closed) doc.on('update', this.onUpdate);
      },
      async (cause: unknown) => {
        // A document that cannot be loaded is never written: its data stays as it was on disk,
        // and the connection is closed so it can be set aside.
        this.closed = true;
        await this.db.then((db) => db.close()).catch(() => undefined);
        throw cause;
      },
    );
    // Callers that never wait for the load still see its failure through their own calls.
    this.whenLoaded.catch(() => undefined);
  }

  /**
   * Reads every stored update and applies them in one transaction with this persistence as the
   * origin, then compacts. A document that already held content (a new entry being stored for
   * the first time) has that content written in the same step.
   */
  private async load(): Promise<void> {
    const db = await this.db;
    const hadContent = this.doc.store.clients.size > 0;
    const stored: unknown[] = await db.getAll('updates');
    try {
      Y.transact(
        this.doc,
        () => {
          for (const update of stored) {
            if (!(update instanceof Uint8Array)) throw new Error('a stored record is not an update');
            Y.applyUpdate(this.doc, update);
          }
        },
        this,
        false,
      );
    } catch (cause) {
      throw new CorruptDocumentError(this.name, cause);
    }
    this.storedUpdates = stored.length;
    if (!hadContent) this.loadedUpdates = stored as Uint8Array[];
    // What this document could not write when it last closed is part of it again, and this
    // persistence writes it (and keeps retrying, as for any failed write).
    const held = this.unsaved?.take(this.name) ?? null;
    if (held) {
      this.loadedUpdates = null;
      Y.transact(this.doc, () => Y.applyUpdate(this.doc, held), this, false);
    }
    if (hadContent || held) {
      try {
        await this.writeWholeState();
      } catch (cause) {
        if (!held) throw cause;
        this.failedWrite(cause);
      }
    } else await this.compact();
  }

  private async writeWholeState(): Promise<void> {
    const db = await this.db;
    const tx = db.transaction('updates', 'readwrite');
    await Promise.all([tx.store.add(Y.encodeStateAsUpdate(this.doc)), tx.done]);
    this.storedUpdates++;
  }

  /**
   * The updates the document was loaded from, once, while it still holds exactly what they hold
   * (nothing has changed it since): a copy of the document can be made from them without
   * encoding the document again (about 70 ms for 5,000 paragraphs). Null after any change.
   */
  takeLoadedUpdates(): readonly Uint8Array[] | null {
    const updates = this.loadedUpdates;
    this.loadedUpdates = null;
    return updates;
  }

  /** True for transactions that only replay what is already stored. */
  isLoadOrigin(origin: unknown): boolean {
    return origin === this;
  }

  get saveState(): SaveState {
    return { pending: this.pending, error: this.error };
  }

  onSaveState(listener: (state: SaveState) => void): () => void {
    return this.listeners.event(listener);
  }

  /** Resolves once every write issued so far has committed (or failed). */
  flush(): Promise<void> {
    return whenSaved(this);
  }

  /**
   * Compacts, then stops writing and closes the database. The document stays usable in memory.
   * While writes are failing, what is not on disk is handed to `unsaved`, which keeps it and
   * keeps trying: closing an entry never throws edits away.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.loadedUpdates = null;
    this.doc.off('update', this.onUpdate);
    this.writeQueued();
    await this.flush();
    if (this.lastWriteFailed && this.unsaved) this.unsaved.hold(this.name, Y.encodeStateAsUpdate(this.doc));
    else if (this.storedUpdates > 1) await this.compact().catch(() => undefined);
    if (this.compactTimer) clearTimeout(this.compactTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.db.then((db) => db.close()).catch(() => undefined);
  }

  /** Deletes this document's database. */
  async deleteStoredData(): Promise<void> {
    await this.close();
    await deleteDatabase(this.name);
  }

  /**
   * Each update counts as saving at once, and is written in a task after the one that made it:
   * the IndexedDB transaction (about half a millisecond to open in Chromium) stays out of the
   * keystroke's task, or the task applying a colleague's change, before the page shows it. The
   * updates of one task (a paste, a burst from a peer) go in one write. A page going away
   * (`pagehide`) and closing start what is queued at once (writeQueuedEverywhere, writeQueued).
   */
  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.loadedUpdates = null;
    if (this.isLoadOrigin(origin) || this.closed) return;
    this.queued.push(update);
    this.setPending(+1);
    if (!writesWaiting.has(this)) {
      if (writesWaiting.size === 0) writeQueuedInNextTask();
      writesWaiting.add(this);
    }
  };

  /** Starts the write of everything queued, now. */
  writeQueued(): void {
    writesWaiting.delete(this);
    const updates = this.queued;
    if (updates.length === 0) return;
    this.queued = [];
    // After a failed write, later updates build on one that is not on disk: the next write
    // stores the whole state instead, so what is shown as saved can always be loaded.
    const writesWholeState = this.lastWriteFailed;
    void this.db
      .then((db) => {
        const tx = db.transaction('updates', 'readwrite');
        const bytes = writesWholeState ? Y.encodeStateAsUpdate(this.doc) : updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
        return Promise.all([tx.store.add(bytes), tx.done]);
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
        (cause: unknown) => this.failedWrite(cause),
      )
      .finally(() => this.setPending(-updates.length));
  }

  private failedWrite(cause: unknown): void {
    this.lastWriteFailed = true;
    this.error = new StorageWriteError(this.name, cause).message;
    this.scheduleRetry();
    this.emitSaveState();
  }

  /** Keeps trying to store the whole state after a failure (space freed, a transient error). */
  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.lastWriteFailed || this.closed) return;
      this.setPending(+1);
      this.writeWholeState()
        .then(
          () => {
            this.lastWriteFailed = false;
            this.error = null;
          },
          () => this.scheduleRetry(),
        )
        .finally(() => this.setPending(-1));
    }, RETRY_AFTER_FAILURE_MS);
  }

  private setPending(delta: number): void {
    this.pending += delta;
    this.emitSaveState();
  }

  private emitSaveState(): void {
    const state = this.saveState;
    this.listeners.fire(state);
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
    const tx = db.transaction('updates', 'readwrite');
    const store = tx.store;
    // Both reads and the writes below happen in this one transaction: nothing is awaited between
    // them but its own requests.
    const [stored, keys] = await Promise.all([store.getAll(), store.getAllKeys()]);
    const meaningful = stored.filter((update) => update.byteLength > EMPTY_UPDATE_BYTES).length;
    const writes: Promise<unknown>[] = [];
    if (stored.length > 1 && meaningful <= 1) {
      // y-indexeddb adds the (empty) in-memory state on every open: drop those records
      // rather than re-encode a long document to replace one record with itself.
      stored.forEach((update, index) => {
        const key = keys[index];
        if (update.byteLength <= EMPTY_UPDATE_BYTES && key !== undefined) writes.push(store.delete(key));
      });
    } else if (stored.length > 1) {
      // Another tab may have stored more meanwhile: the document is no longer what was loaded.
      this.loadedUpdates = null;
      Y.transact(this.doc, () => stored.forEach((update) => Y.applyUpdate(this.doc, update)), this, false);
      writes.push(store.clear(), store.add(Y.encodeStateAsUpdate(this.doc)));
    }
    await Promise.all([...writes, tx.done]);
    this.storedUpdates = 1;
  }
}
