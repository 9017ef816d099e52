import { Emitter } from '../../shared/events/emitter';
import type * as Y from 'yjs';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import type { EntryId } from '../../shared/entry/entryId';
import type { EntryRow } from '../../shared/library/entryRow';
import {
  addEntryRow,
  findEntryByRoom,
  getEntryRow,
  listEntryRows,
  observeEntryRows,
  removeEntryRow,
  restoreEntry,
  trashEntry,
  updateEntryRow,
  type EntryRowPatch,
} from '../../shared/library/libraryDoc';
import type { SaveState, SaveStateSource } from '../collab/saveState';

/**
 * The library's rows: parsed once, then kept in step row by row, so a 10,000-entry library is not
 * re-read whole on every keystroke in a title. Writes go to the library document, which storage
 * saves; patches scheduled from a burst of changes are written together a moment later, and
 * count as unsaved until then.
 */
export class LibraryRows implements SaveStateSource {
  private readonly cache = new Map<EntryId, EntryRow>();
  private list: EntryRow[] | null = null;
  private readonly listeners = new Emitter<ReadonlySet<EntryId>>();
  private readonly scheduled = new Map<EntryId, Array<() => EntryRowPatch>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Rows about to change: their entry changed and its body is about to be read again. */
  private readonly awaited = new Set<EntryId>();
  private readonly saveListeners = new Emitter<SaveState>();

  constructor(readonly doc: Y.Doc) {
    for (const row of listEntryRows(doc)) this.cache.set(row.id, row);
    observeEntryRows(doc, (changed) => {
      for (const id of changed) {
        const row = getEntryRow(doc, id);
        if (row) this.cache.set(id, row);
        else this.cache.delete(id);
      }
      this.list = null;
      this.listeners.fire(changed);
    });
  }

  all(): EntryRow[] {
    this.list ??= [...this.cache.values()];
    return this.list;
  }

  get(id: EntryId): EntryRow | null {
    return this.cache.get(id) ?? null;
  }

  findByRoom(room: string): EntryRow | null {
    return findEntryByRoom(this.doc, room);
  }

  /** Called with the ids of the rows that changed. */
  onChange(listener: (changed: ReadonlySet<EntryId>) => void): () => void {
    return this.listeners.event(listener);
  }

  add(row: EntryRow): void {
    addEntryRow(this.doc, row);
  }

  /** Adds many rows in one transaction (imports, seeding). */
  addMany(rows: readonly EntryRow[]): void {
    this.doc.transact(() => {
      for (const row of rows) addEntryRow(this.doc, row, DOC_ORIGINS.import);
    }, DOC_ORIGINS.import);
  }

  update(id: EntryId, patch: EntryRowPatch): void {
    if (this.get(id)) updateEntryRow(this.doc, id, patch);
  }

  /**
   * Updates a row soon after a burst of changes instead of inside each one: keeping the library
   * in step is not on the path of a keystroke to the screen or to peers. Each patch is made when
   * it is written, from the row as it is then.
   */
  schedule(id: EntryId, patch: () => EntryRowPatch): void {
    const patches = this.scheduled.get(id) ?? [];
    patches.push(patch);
    this.scheduled.set(id, patches);
    if (this.timer === null) this.timer = setTimeout(this.writeScheduled, 0);
    this.emitSaveState();
  }

  /** Writes the scheduled patches now (an entry is closing). */
  readonly writeScheduled = (): void => {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const scheduled = [...this.scheduled];
    this.scheduled.clear();
    for (const [id, patches] of scheduled) for (const patch of patches) this.update(id, patch());
    this.emitSaveState();
  };

  /**
   * Marks a row as about to change (its entry changed, its body is read a moment later), so that
   * "Saved" waits for it; `settle` ends the wait.
   */
  await(id: EntryId): void {
    if (this.awaited.has(id)) return;
    this.awaited.add(id);
    this.emitSaveState();
  }

  settle(id: EntryId): void {
    if (this.awaited.delete(id)) this.emitSaveState();
  }

  trash(id: EntryId, now: number): void {
    trashEntry(this.doc, id, now);
  }

  restore(id: EntryId): void {
    restoreEntry(this.doc, id);
  }

  remove(id: EntryId): void {
    removeEntryRow(this.doc, id);
  }

  get saveState(): SaveState {
    return { pending: this.scheduled.size + this.awaited.size, error: null };
  }

  onSaveState(listener: (state: SaveState) => void): () => void {
    return this.saveListeners.event(listener);
  }

  private emitSaveState(): void {
    const state = this.saveState;
    this.saveListeners.fire(state);
  }
}
