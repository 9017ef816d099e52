import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { migrateEntryDoc } from '../../shared/entry/entryDoc';
import type { EntryId } from '../../shared/entry/entryId';
import { DocPersistence } from './docPersistence';
import { entryDatabaseName } from './databaseNames';

type SyncListener = (isSynced: boolean) => void;
type StatusListener = (status: { status: string }) => void;

/**
 * An open entry: its Y.Doc, its storage, its awareness, and the `Provider` that Lexical's
 * collaboration plugin talks to. Lexical waits for a `sync` event that neither y-indexeddb nor
 * y-webrtc emits; this adapter emits it once the entry has loaded from the device.
 *
 * The document is empty when the editor binds to it and fills when storage loads on
 * `connect()`: Lexical's binding turns the loaded content into editor nodes from those events,
 * which is the same path that a peer's updates take.
 */
export class EntrySession {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly persistence: DocPersistence;
  private readonly syncListeners = new Set<SyncListener>();
  private readonly statusListeners = new Set<StatusListener>();
  private loaded: Promise<void> | null = null;
  private loadError: Error | null = null;

  constructor(readonly entryId: EntryId) {
    this.persistence = new DocPersistence(entryDatabaseName(entryId), this.doc);
  }

  /** Resolves when the entry's stored content is in the document. */
  load(): Promise<void> {
    this.loaded ??= this.persistence.whenLoaded.then(
      () => {
        migrateEntryDoc(this.doc);
        for (const listener of this.syncListeners) listener(true);
      },
      (cause: unknown) => {
        this.loadError = cause instanceof Error ? cause : new Error(String(cause));
        throw this.loadError;
      },
    );
    return this.loaded;
  }

  // --- Lexical Provider -------------------------------------------------------------------
  connect(): void {
    void this.load().catch(() => undefined);
    for (const listener of this.statusListeners) listener({ status: 'connected' });
  }

  disconnect(): void {
    // Storage stays attached until close(): unmounting the editor must not stop saving.
  }

  on(type: 'sync', cb: SyncListener): void;
  on(type: 'status', cb: StatusListener): void;
  on(type: 'update' | 'reload', cb: (arg: never) => void): void;
  on(type: string, cb: SyncListener | StatusListener | ((arg: never) => void)): void {
    if (type === 'sync') this.syncListeners.add(cb as SyncListener);
    if (type === 'status') this.statusListeners.add(cb as StatusListener);
  }

  off(type: 'sync', cb: SyncListener): void;
  off(type: 'status', cb: StatusListener): void;
  off(type: 'update' | 'reload', cb: (arg: never) => void): void;
  off(type: string, cb: SyncListener | StatusListener | ((arg: never) => void)): void {
    if (type === 'sync') this.syncListeners.delete(cb as SyncListener);
    if (type === 'status') this.statusListeners.delete(cb as StatusListener);
  }

  /** Saves what is pending, compacts storage and frees the document. */
  async close(): Promise<void> {
    this.awareness.destroy();
    await this.persistence.close();
    this.doc.destroy();
  }
}
