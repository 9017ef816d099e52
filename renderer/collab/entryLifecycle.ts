import { Emitter } from '../../shared/events/emitter';
import type { EntryId } from '../../shared/entry/entryId';
import { combinedSaveState, type SaveState, type SaveStateSource } from './saveState';
import { OpenEntry } from './openEntry';
import { UnsavedEdits } from './unsavedEdits';

/** Holds an open entry until released. Releasing twice releases once. */
export interface EntryLease {
  readonly entry: OpenEntry;
  release(): void;
}

/** Runs while an entry is open; what it returns runs before the entry closes. */
export type OpenEntryWatcher = (entry: OpenEntry) => (() => void | Promise<void>) | void;

interface Holding {
  readonly entry: OpenEntry;
  holders: number;
  closeTimer: ReturnType<typeof setTimeout> | null;
  readonly cleanups: Array<() => void | Promise<void>>;
}

/**
 * The one way an entry's document is opened: one OpenEntry per id, shared by everything that
 * needs it (the editor, background sync, history, export, backups, tag rename, lesson notes),
 * counted by lease. The last release closes it on the next turn of the event loop, so a user that
 * lets go and takes hold again at once (React's StrictMode mounts effects twice) keeps the same
 * document instead of reloading it. Watchers are told of every entry that opens, whoever opened
 * it: the journal derives library rows and search text from them, whatever the change's origin.
 */
export class EntryLifecycle implements SaveStateSource {
  private readonly holdings = new Map<EntryId, Holding>();
  private readonly closing = new Set<OpenEntry>();
  private readonly watchers = new Set<OpenEntryWatcher>();
  private readonly saveListeners = new Emitter<SaveState>();
  private readonly closedListeners = new Emitter<EntryId>();
  private readonly stopSaveState = new Map<OpenEntry, () => void>();
  /** Edits of closed entries that storage refused, kept and retried (unsavedEdits.ts). */
  private readonly unsaved = new UnsavedEdits();

  constructor() {
    this.unsaved.onSaveState(this.emitSaveState);
  }

  acquire(id: EntryId): EntryLease {
    let holding = this.holdings.get(id);
    if (!holding) {
      const entry = new OpenEntry(id, this.unsaved);
      holding = { entry, holders: 0, closeTimer: null, cleanups: [] };
      this.holdings.set(id, holding);
      this.stopSaveState.set(entry, entry.onSaveState(this.emitSaveState));
      for (const watcher of this.watchers) this.watch(holding, watcher);
    }
    if (holding.closeTimer) clearTimeout(holding.closeTimer);
    holding.closeTimer = null;
    holding.holders++;
    const held = holding;
    let released = false;
    return {
      entry: held.entry,
      release: () => {
        if (released) return;
        released = true;
        held.holders--;
        if (held.holders === 0) held.closeTimer = setTimeout(() => void this.close(held), 0);
      },
    };
  }

  /** The entry if something holds it open now, else null. */
  peek(id: EntryId): OpenEntry | null {
    return this.holdings.get(id)?.entry ?? null;
  }

  /** Ids of the entries open now. */
  openIds(): EntryId[] {
    return [...this.holdings.keys()];
  }

  /**
   * Opens the entry for `work` once it has loaded, waits until what `work` wrote is on disk, and
   * lets it go: for readers and writers that need the document for a moment (export, backups,
   * tag rename). The entry is the one the editor has open, if it is open.
   */
  async use<T>(id: EntryId, work: (entry: OpenEntry) => T | Promise<T>): Promise<T> {
    const lease = this.acquire(id);
    try {
      await lease.entry.whenLoaded;
      const result = await work(lease.entry);
      await lease.entry.flush();
      return result;
    } finally {
      lease.release();
    }
  }

  /** Calls `watcher` for every entry open now and every entry opened later. */
  watchOpenEntries(watcher: OpenEntryWatcher): () => void {
    this.watchers.add(watcher);
    for (const holding of this.holdings.values()) this.watch(holding, watcher);
    return () => this.watchers.delete(watcher);
  }

  /** Calls `listener` with an entry's id once it has closed and nothing holds it again. */
  onClosed(listener: (id: EntryId) => void): () => void {
    return this.closedListeners.event(listener);
  }

  /** Closes every open entry (the journal is closing); what was written is on disk after. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.holdings.values()].map((holding) => this.close(holding)));
    await Promise.all([...this.closing].map((entry) => entry.flush()));
  }

  get saveState(): SaveState {
    return combinedSaveState([...[...this.holdings.values()].map((holding) => holding.entry), ...this.closing, this.unsaved]);
  }

  onSaveState(listener: (state: SaveState) => void): () => void {
    return this.saveListeners.event(listener);
  }

  private readonly emitSaveState = (): void => {
    const state = this.saveState;
    this.saveListeners.fire(state);
  };

  private watch(holding: Holding, watcher: OpenEntryWatcher): void {
    const cleanup = watcher(holding.entry);
    if (cleanup) holding.cleanups.push(cleanup);
  }

  private async close(holding: Holding): Promise<void> {
    if (this.holdings.get(holding.entry.id) !== holding) return;
    if (holding.closeTimer) clearTimeout(holding.closeTimer);
    this.holdings.delete(holding.entry.id);
    this.closing.add(holding.entry);
    try {
      // Watchers finish first (a closing version reads the document before it is freed).
      await Promise.all(holding.cleanups.splice(0).map((cleanup) => Promise.resolve().then(cleanup).catch(() => undefined)));
      await holding.entry.close();
    } finally {
      this.closing.delete(holding.entry);
      this.stopSaveState.get(holding.entry)?.();
      this.stopSaveState.delete(holding.entry);
      this.emitSaveState();
    }
    if (!this.holdings.has(holding.entry.id)) this.closedListeners.fire(holding.entry.id);
  }
}
