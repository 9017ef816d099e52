import { classifyChange, type ChangeSource, type ChangeTransaction } from './changeSource';
import { Emitter } from '../../shared/events/emitter';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { entryMetaMap, migrateEntryDoc, newerEntryFormat } from '../../shared/entry/entryDoc';
import type { EntryId } from '../../shared/entry/entryId';
import { entryDatabaseName } from '../storage/deviceDatabases';
import { DocPersistence, type UnsavedStates } from './docPersistence';
import type { SaveState, SaveStateSource } from './saveState';
import type { WebrtcImplementation } from './chunkedPeerConnection';
import { PeerSync, type PeerSyncConfig, type PeerSyncStatus } from './peerSync';

/**
 * Reads a value from the body as an editor shows it. The live editor offers one while it is
 * mounted (reading its state is cheap); without one, readers replay the document into a headless
 * editor. Typed loosely here: collab/ knows nothing of Lexical.
 */
export type BodyReader = <T>(read: () => T) => T;

/**
 * Why an open entry cannot be edited on this device; either way it is shown, shared, exported and
 * kept in history, but nothing here writes to it.
 * - `newer-format`: the entry says it is written in a format newer than this Peerbook's
 *   (docs/DECISIONS.md, "An entry from a newer Peerbook").
 * - `read-only-link`: this device joined the entry by its read-only link, so its peers would
 *   refuse any change from here (docs/FORMAT.md, "Read-only links").
 */
export type ReadOnlyReason =
  | {
      readonly kind: 'newer-format';
      /** The format the entry says it is in. */
      readonly format: number;
    }
  | { readonly kind: 'read-only-link' };

const READ_ONLY_LINK: ReadOnlyReason = { kind: 'read-only-link' };

/**
 * One entry's document while anything uses it: loaded from this device's storage as soon as it
 * is opened (no editor needed), saved on every change, and connected to the entry's room while
 * background sync or the open editor wants it. Opened and closed only through EntryLifecycle,
 * which shares one OpenEntry per id between every user of the entry.
 */
export class OpenEntry implements SaveStateSource {
  readonly doc = new Y.Doc();
  /**
   * Presence in the entry's room. Nobody is "here" until an editor shows the entry: the local
   * state stays empty while the entry only syncs in the background.
   */
  readonly awareness = new Awareness(this.doc);
  /** Resolves when the stored entry is in the document; rejects if it cannot be read. */
  readonly whenLoaded: Promise<void>;
  private readonly persistence: DocPersistence;
  private peerSync: PeerSync | null = null;
  private stopPeerStatus: (() => void) | null = null;
  private readonly peerListeners = new Emitter<PeerSyncStatus | null>();
  private liveBodyReader: BodyReader | null = null;
  private liveBodyDrawing: () => boolean = () => false;
  private newerFormat: ReadOnlyReason | null = null;
  private joinedReadOnly = false;
  private readonly readOnlyListeners = new Emitter<ReadOnlyReason | null>();
  private closed = false;

  constructor(
    readonly id: EntryId,
    /** Where edits this entry cannot write when it closes are kept (EntryLifecycle's). */
    unsaved: UnsavedStates | null = null,
  ) {
    this.awareness.setLocalState(null);
    this.persistence = new DocPersistence(entryDatabaseName(id), this.doc, unsaved);
    this.whenLoaded = this.persistence.whenLoaded.then(() => {
      this.followFormat();
      // An entry in a newer format opens read-only and is not migrated: nothing here writes to it.
      if (this.readOnly === null) migrateEntryDoc(this.doc);
    });
    // Users report a failed load themselves; this keeps an unobserved rejection quiet.
    this.whenLoaded.catch(() => undefined);
  }

  /**
   * Why the entry cannot be edited here, or null while it can. It can change while the entry is
   * open (a peer's update claims a newer format, or takes the claim back).
   */
  get readOnly(): ReadOnlyReason | null {
    return this.newerFormat ?? (this.joinedReadOnly ? READ_ONLY_LINK : null);
  }

  /** Whether this device holds only the entry's read-only link (set by the journal, from its row). */
  setJoinedReadOnly(readOnly: boolean): void {
    if (this.joinedReadOnly === readOnly) return;
    this.joinedReadOnly = readOnly;
    this.emitReadOnly();
  }

  private emitReadOnly(): void {
    const reason = this.readOnly;
    this.readOnlyListeners.fire(reason);
  }

  onReadOnly(listener: (reason: ReadOnlyReason | null) => void): () => void {
    return this.readOnlyListeners.event(listener);
  }

  private followFormat(): void {
    const check = (): void => {
      const format = newerEntryFormat(this.doc);
      const current = this.newerFormat?.kind === 'newer-format' ? this.newerFormat.format : null;
      if (format === current) return;
      this.newerFormat = format === null ? null : { kind: 'newer-format', format };
      this.emitReadOnly();
    };
    check();
    entryMetaMap(this.doc).observe(check);
  }

  /** True for transactions that only replay what is already stored. */
  isLoadOrigin(origin: unknown): boolean {
    return this.persistence.isLoadOrigin(origin);
  }

  /** Where a change came from (changeSource.ts). */
  changeSource(transaction: ChangeTransaction): ChangeSource {
    return classifyChange(transaction, (origin) => this.isLoadOrigin(origin));
  }

  get saveState(): SaveState {
    return this.persistence.saveState;
  }

  onSaveState(listener: (state: SaveState) => void): () => void {
    return this.persistence.onSaveState(listener);
  }

  /** Resolves once everything written so far is on disk. */
  flush(): Promise<void> {
    return this.persistence.flush();
  }

  /** The stored updates the entry was loaded from, once, while nothing has changed it since. */
  takeLoadedUpdates(): readonly Uint8Array[] | null {
    return this.persistence.takeLoadedUpdates();
  }

  /** The live editor's reader while one shows this entry, else null. */
  get bodyReader(): BodyReader | null {
    return this.liveBodyReader;
  }

  /**
   * Whether the editor that shows this entry is still drawing its body a part at a time (a long
   * body, just opened): reading it now would draw the rest at once, in one long task.
   */
  get bodyBeingDrawn(): boolean {
    return this.liveBodyReader !== null && this.liveBodyDrawing();
  }

  /**
   * Called by the editor that shows this entry, with what says whether it is still drawing the
   * body; returns the function that withdraws it.
   */
  offerBodyReader(reader: BodyReader, drawing: () => boolean = () => false): () => void {
    this.liveBodyReader = reader;
    this.liveBodyDrawing = drawing;
    return () => {
      if (this.liveBodyReader !== reader) return;
      this.liveBodyReader = null;
      this.liveBodyDrawing = () => false;
    };
  }

  /**
   * Connects the entry to its room (or moves it to another room, after the link was reset).
   * Peers' updates are stored like local ones: storage writes every update it did not load.
   */
  connectToPeers(config: PeerSyncConfig, webrtc?: WebrtcImplementation): void {
    if (this.closed) return;
    const current = this.peerSync?.config;
    if (current && samePeerConfig(current, config)) return;
    this.disconnectFromPeers();
    this.peerSync = new PeerSync(this.doc, this.awareness, config, Date.now, webrtc);
    this.stopPeerStatus = this.peerSync.onStatus((status) => this.emitPeerStatus(status));
    this.emitPeerStatus(this.peerSync.currentStatus);
  }

  disconnectFromPeers(): void {
    if (!this.peerSync) return;
    this.stopPeerStatus?.();
    this.stopPeerStatus = null;
    this.peerSync.destroy();
    this.peerSync = null;
    this.emitPeerStatus(null);
  }

  get isConnectedToPeers(): boolean {
    return this.peerSync !== null;
  }

  get peerStatus(): PeerSyncStatus | null {
    return this.peerSync?.currentStatus ?? null;
  }

  onPeerStatus(listener: (status: PeerSyncStatus | null) => void): () => void {
    return this.peerListeners.event(listener);
  }

  /** Leaves the room, saves what is pending, compacts storage and frees the document. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.disconnectFromPeers();
    this.peerListeners.dispose();
    this.readOnlyListeners.dispose();
    this.awareness.destroy();
    await this.persistence.close();
    this.doc.destroy();
  }

  private emitPeerStatus(status: PeerSyncStatus | null): void {
    this.peerListeners.fire(status);
  }
}

function samePeerConfig(a: PeerSyncConfig, b: PeerSyncConfig): boolean {
  return (
    a.room === b.room &&
    a.key === b.key &&
    a.verify === b.verify &&
    a.write === b.write &&
    sameList(a.signaling, b.signaling) &&
    JSON.stringify(a.iceServers) === JSON.stringify(b.iceServers)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
