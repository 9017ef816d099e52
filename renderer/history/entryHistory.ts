import { Emitter } from '../../shared/events/emitter';
import * as Y from 'yjs';
import { isFromElsewhere } from '../collab/changeSource';
import type { OpenEntry } from '../collab/openEntry';
import { charactersDeleted, charactersHeld, encodeStateBefore } from './deletedText';
import type { EntryVersion, VersionReason, VersionStore } from './versionStore';

/** A pause in editing this long saves a version (if anything changed since the last one). */
export const PAUSE_BEFORE_VERSION_MS = 60_000;
/** A peer that has not synced for this long gets a version saved before its changes merge. */
export const LONG_APART_MS = 10 * 60_000;
/**
 * Peers' deletions since the last version are large, and take a version of the entry as it was
 * just before them, once they reach this many characters...
 */
export const LARGE_DELETION_CHARACTERS = 200;
/** ...or half of what the entry held, when that is at least this many characters. */
export const LARGE_DELETION_MINIMUM = 20;

function isLargeDeletion(deleted: number, held: () => number): boolean {
  if (deleted < LARGE_DELETION_MINIMUM) return false;
  return deleted >= LARGE_DELETION_CHARACTERS || deleted >= held();
}

/**
 * Keeps an open entry's history: versions saved by hand, after a pause in editing, when the entry
 * is closed, just before a peer that was apart for a long time merges in, and just before a large
 * deletion from peers (taken from the state before the change: deletedText.ts). Authors are the
 * people who changed the entry since the previous version: this device's name for local edits,
 * the peers present for edits that arrived from them.
 */
export class EntryHistory {
  private changedSinceVersion = false;
  private authors = new Set<string>();
  private pauseTimer: ReturnType<typeof setTimeout> | null = null;
  /** Characters peers deleted since the last version. */
  private deletedByPeers = 0;
  private readonly stops: Array<() => void> = [];
  private readonly listeners = new Emitter<void>();

  constructor(
    private readonly session: OpenEntry,
    private readonly store: VersionStore,
    private readonly myName: () => string,
    private readonly now: () => number,
    /** When this device last met a peer of the entry, across app runs (null: never). */
    private readonly lastMetAt: () => number | null = () => null,
  ) {
    const onTransaction = (transaction: Y.Transaction): void => {
      const source = session.changeSource(transaction);
      if (transaction.changed.size === 0 || source === 'load') return;
      this.changedSinceVersion = true;
      if (source === 'peer') {
        session.awareness.getStates().forEach((state, clientId) => {
          if (clientId !== session.awareness.clientID && typeof state.name === 'string') this.authors.add(state.name.slice(0, 60));
        });
      } else {
        this.authors.add(myName());
      }
      if (this.pauseTimer) clearTimeout(this.pauseTimer);
      this.pauseTimer = setTimeout(() => void this.save('pause'), PAUSE_BEFORE_VERSION_MS);
    };
    session.doc.on('afterTransaction', onTransaction);
    this.stops.push(() => session.doc.off('afterTransaction', onTransaction));

    // Before any observer runs, a transaction's deleted content is still in the document: the
    // state before it can be saved, though the change is already applied.
    const beforeObservers = (transaction: Y.Transaction): void => {
      // From a peer directly, or through the relay.
      const fromPeer = isFromElsewhere(session.changeSource(transaction));
      if (transaction.deleteSet.clients.size === 0 || !fromPeer) return;
      this.deletedByPeers += charactersDeleted(transaction);
      // What the entry held before these deletions is what it holds now and what they took.
      if (!isLargeDeletion(this.deletedByPeers, () => charactersHeld(session.doc))) return;
      void this.save('before-deletion', null, encodeStateBefore(session.doc, transaction));
    };
    session.doc.on('beforeObserverCalls', beforeObservers);
    this.stops.push(() => session.doc.off('beforeObserverCalls', beforeObservers));

    let peers = 0;
    this.stops.push(
      session.onPeerStatus((status) => {
        const joined = status !== null && status.peers > peers;
        const lastSync = status?.lastSyncedAt ?? this.lastMetAt();
        if (joined && (lastSync === null || this.now() - lastSync > LONG_APART_MS)) void this.save('before-merge');
        peers = status?.peers ?? 0;
      }),
    );
  }

  onChange(listener: () => void): () => void {
    return this.listeners.event(listener);
  }

  list(): Promise<EntryVersion[]> {
    return this.store.list(this.session.id);
  }

  /**
   * Saves a version now: the entry as it is, or `state`. Automatic versions are skipped when
   * nothing changed since the last.
   */
  async save(reason: VersionReason, name: string | null = null, state?: Uint8Array): Promise<EntryVersion | null> {
    if (reason !== 'manual' && reason !== 'before-deletion' && !this.changedSinceVersion) return null;
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    this.pauseTimer = null;
    const authors = this.authors.size > 0 ? [...this.authors] : [this.myName()];
    this.changedSinceVersion = false;
    this.authors = new Set();
    this.deletedByPeers = 0;
    const version = await this.store.add({
      entryId: this.session.id,
      createdAt: this.now(),
      name: name?.trim().slice(0, 120) || null,
      reason,
      authors,
      state: state ?? Y.encodeStateAsUpdate(this.session.doc),
    });
    this.listeners.fire();
    return version;
  }

  /** Saves a closing version if anything changed, then stops watching. */
  async close(): Promise<void> {
    for (const stop of this.stops) stop();
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    await this.save('close').catch(() => undefined);
  }
}
