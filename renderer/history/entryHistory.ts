import * as Y from 'yjs';
import type { OpenEntry } from '../collab/openEntry';
import type { EntryVersion, VersionReason, VersionStore } from './versionStore';

/** A pause in editing this long saves a version (if anything changed since the last one). */
export const PAUSE_BEFORE_VERSION_MS = 60_000;
/** A peer that has not synced for this long gets a version saved before its changes merge. */
export const LONG_APART_MS = 10 * 60_000;

/**
 * Keeps an open entry's history: versions saved by hand, after a pause in editing, when the entry
 * is closed, and just before a peer that was apart for a long time merges in. Authors are the
 * people who changed the entry since the previous version: this device's name for local edits,
 * the peers present for edits that arrived from them.
 */
export class EntryHistory {
  private changedSinceVersion = false;
  private authors = new Set<string>();
  private pauseTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly stops: Array<() => void> = [];
  private readonly listeners = new Set<() => void>();

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
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): Promise<EntryVersion[]> {
    return this.store.list(this.session.id);
  }

  /** Saves a version now. Automatic versions are skipped when nothing changed since the last. */
  async save(reason: VersionReason, name: string | null = null): Promise<EntryVersion | null> {
    if (reason !== 'manual' && !this.changedSinceVersion) return null;
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    this.pauseTimer = null;
    const authors = this.authors.size > 0 ? [...this.authors] : [this.myName()];
    this.changedSinceVersion = false;
    this.authors = new Set();
    const version = await this.store.add({
      entryId: this.session.id,
      createdAt: this.now(),
      name: name?.trim().slice(0, 120) || null,
      reason,
      authors,
      state: Y.encodeStateAsUpdate(this.session.doc),
    });
    for (const listener of this.listeners) listener();
    return version;
  }

  /** Saves a closing version if anything changed, then stops watching. */
  async close(): Promise<void> {
    for (const stop of this.stops) stop();
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    await this.save('close').catch(() => undefined);
  }
}
