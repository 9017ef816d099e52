import { Emitter } from '../../shared/events/emitter';
import * as Y from 'yjs';
import { addStoredUpdate, type UnsavedStates } from './docPersistence';
import type { SaveState, SaveStateSource } from './saveState';
import { countOf } from '../../shared/locale/localeFormat';

/** How often held edits are tried again (as an open document retries a failed write). */
export const UNSAVED_RETRY_MS = 5000;

/**
 * Edits of entries that closed while this device's storage refused their writes (a full disk).
 * The message shown for a failed write promises they are kept while Peerbook stays open and
 * saved as soon as there is room; this is what keeps that promise after the entry is closed: the
 * closing document's whole state is held here, written again every few seconds until it is on
 * disk, and given back to the entry if it opens again first (DocPersistence takes it and writes
 * it itself). While anything is held, the save status says so.
 */
export class UnsavedEdits implements UnsavedStates, SaveStateSource {
  private readonly held = new Map<string, Uint8Array>();
  private readonly listeners = new Emitter<SaveState>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  hold(name: string, state: Uint8Array): void {
    const earlier = this.held.get(name);
    this.held.set(name, earlier ? Y.mergeUpdates([earlier, state]) : state);
    this.schedule();
    this.emit();
  }

  take(name: string): Uint8Array | null {
    const state = this.held.get(name) ?? null;
    if (state && this.held.delete(name)) this.emit();
    return state;
  }

  get saveState(): SaveState {
    const count = this.held.size;
    if (count === 0) return { pending: 0, error: null };
    return {
      pending: 0,
      error:
        `Changes to ${count === 1 ? 'an entry you closed are' : `${countOf(count, { one: 'entry', other: 'entries' })} you closed are`} not saved on this device yet: its storage refuses them (it may be full). ` +
        'Peerbook keeps them in memory while it stays open and saves them as soon as it can.',
    };
  }

  onSaveState(listener: (state: SaveState) => void): () => void {
    return this.listeners.event(listener);
  }

  /** Stops retrying (the journal is closing); what is held stays held. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer || this.stopped || this.held.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.retry();
    }, UNSAVED_RETRY_MS);
  }

  private async retry(): Promise<void> {
    for (const [name, state] of [...this.held]) {
      try {
        await addStoredUpdate(name, state);
      } catch {
        continue;
      }
      // Held again meanwhile (the entry opened and closed): keep what came since.
      if (this.held.get(name) === state) this.held.delete(name);
    }
    this.emit();
    this.schedule();
  }

  private emit(): void {
    const state = this.saveState;
    this.listeners.fire(state);
  }
}
