import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { migrateEntryDoc } from '../../shared/entry/entryDoc';
import type { EntryId } from '../../shared/entry/entryId';
import { entryDatabaseName } from './databaseNames';
import { DocPersistence, type SaveState, type SaveStateSource } from './docPersistence';
import { PeerSync, type PeerSyncConfig, type PeerSyncStatus } from './peerSync';

type SyncListener = (isSynced: boolean) => void;
type StatusListener = (status: { status: string }) => void;

const NOTHING_PENDING: SaveState = { pending: 0, error: null };

/**
 * An open entry: its Y.Doc, its storage, its awareness, and the `Provider` that Lexical's
 * collaboration plugin talks to. Lexical waits for a `sync` event that neither y-indexeddb nor
 * y-webrtc emits; this adapter emits it once the entry has loaded from the device.
 *
 * Storage is attached on `connect()`, which Lexical calls once its binding observes the
 * document: the stored content then reaches the editor as Yjs events, the same path a peer's
 * updates take. Loading earlier would put content in the document before the binding watches
 * it, and the editor would never show it.
 */
export class EntrySession implements SaveStateSource {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  /** Resolves when the entry's stored content is in the document. */
  readonly whenLoaded: Promise<void>;
  private persistence: DocPersistence | null = null;
  private readonly syncListeners = new Set<SyncListener>();
  private readonly statusListeners = new Set<StatusListener>();
  private readonly saveListeners = new Set<(state: SaveState) => void>();
  private settleLoad!: { resolve: () => void; reject: (cause: Error) => void };
  private peerSync: PeerSync | null = null;
  private readonly peerListeners = new Set<(status: PeerSyncStatus | null) => void>();
  private stopPeerStatus: (() => void) | null = null;

  constructor(readonly entryId: EntryId) {
    this.whenLoaded = new Promise<void>((resolve, reject) => {
      this.settleLoad = { resolve, reject };
    });
    // The UI reports a failed load itself; this keeps an unobserved rejection quiet.
    this.whenLoaded.catch(() => undefined);
  }

  /** True for transactions that only replay what is already stored. */
  isLoadOrigin(origin: unknown): boolean {
    return this.persistence?.isLoadOrigin(origin) ?? false;
  }

  get saveState(): SaveState {
    return this.persistence?.saveState ?? NOTHING_PENDING;
  }

  onSaveState(listener: (state: SaveState) => void): () => void {
    this.saveListeners.add(listener);
    return () => this.saveListeners.delete(listener);
  }

  // --- Lexical Provider -------------------------------------------------------------------
  connect(): void {
    if (!this.persistence) this.attachStorage();
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

  /**
   * Connects the entry to its room (or moves it to another room, after the link was reset).
   * Peers' updates are stored like local ones: storage writes every update it did not load.
   */
  connectToPeers(config: PeerSyncConfig): void {
    const current = this.peerSync?.config;
    if (current && current.room === config.room && current.key === config.key && sameList(current.signaling, config.signaling)) return;
    this.disconnectFromPeers();
    this.peerSync = new PeerSync(this.doc, this.awareness, config);
    this.stopPeerStatus = this.peerSync.onStatus((status) => this.emitPeerStatus(status));
    this.emitPeerStatus(this.peerSync.currentStatus);
  }

  disconnectFromPeers(): void {
    this.stopPeerStatus?.();
    this.peerSync?.destroy();
    this.peerSync = null;
    this.emitPeerStatus(null);
  }

  get peerStatus(): PeerSyncStatus | null {
    return this.peerSync?.currentStatus ?? null;
  }

  onPeerStatus(listener: (status: PeerSyncStatus | null) => void): () => void {
    this.peerListeners.add(listener);
    return () => this.peerListeners.delete(listener);
  }

  /** True for updates that a peer sent. */
  isPeerOrigin(origin: unknown): boolean {
    return PeerSync.isPeerOrigin(origin);
  }

  /** Saves what is pending, compacts storage and frees the document. */
  async close(): Promise<void> {
    this.disconnectFromPeers();
    this.awareness.destroy();
    await this.persistence?.close();
    this.doc.destroy();
  }

  private emitPeerStatus(status: PeerSyncStatus | null): void {
    for (const listener of this.peerListeners) listener(status);
  }

  private attachStorage(): void {
    const persistence = new DocPersistence(entryDatabaseName(this.entryId), this.doc);
    this.persistence = persistence;
    persistence.onSaveState((state) => {
      for (const listener of this.saveListeners) listener(state);
    });
    persistence.whenLoaded.then(
      () => {
        // An entry from a newer Peerbook throws here: the load fails instead of never ending.
        try {
          migrateEntryDoc(this.doc);
        } catch (cause) {
          this.settleLoad.reject(cause instanceof Error ? cause : new Error(String(cause)));
          return;
        }
        this.settleLoad.resolve();
        for (const listener of this.syncListeners) listener(true);
      },
      (cause: unknown) => this.settleLoad.reject(cause instanceof Error ? cause : new Error(String(cause))),
    );
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
