import * as Y from 'yjs';
import { initEntryDoc } from '../../shared/entry/entryDoc';
import { createEntryId, type EntryId } from '../../shared/entry/entryId';
import type { EntryKind } from '../../shared/entry/entryKind';
import type { EntryRow } from '../../shared/library/entryRow';
import {
  addEntryRow,
  getEntryRow,
  listEntryRows,
  migrateLibraryDoc,
  observeEntryRows,
  removeEntryRow,
  restoreEntry,
  trashEntry,
  updateEntryRow,
  type EntryRowPatch,
} from '../../shared/library/libraryDoc';
import { entryDatabaseName, LIBRARY_DATABASE_NAME } from '../collab/databaseNames';
import { DocPersistence, type SaveState, type SaveStateSource } from '../collab/docPersistence';
import { EntrySession } from '../collab/entrySession';
import { readChecklistProgress } from '../editor/checklistProgress';
import { writeEntryTemplate } from '../editor/entryTemplateWriter';

export type Clock = () => number;

function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/**
 * The journal on this device: the library document (opened at start) and the entry documents
 * (opened one at a time). Everything it writes is on disk before the UI says "Saved": the save
 * state it reports covers the library and every entry it has open.
 */
export class Journal {
  private readonly sources = new Set<SaveStateSource>();
  private readonly saveListeners = new Set<(state: SaveState) => void>();

  private constructor(
    readonly libraryDoc: Y.Doc,
    private readonly libraryPersistence: DocPersistence,
    readonly now: Clock,
  ) {
    this.track(libraryPersistence);
  }

  static async open(now: Clock = Date.now): Promise<Journal> {
    const doc = new Y.Doc();
    const persistence = new DocPersistence(LIBRARY_DATABASE_NAME, doc);
    await persistence.whenLoaded;
    migrateLibraryDoc(doc);
    return new Journal(doc, persistence, now);
  }

  rows(): EntryRow[] {
    return listEntryRows(this.libraryDoc);
  }

  row(id: EntryId): EntryRow | null {
    return getEntryRow(this.libraryDoc, id);
  }

  onRowsChange(listener: () => void): () => void {
    return observeEntryRows(this.libraryDoc, listener);
  }

  /**
   * Creates an entry from its kind's template. The template is written here, once, by the
   * creating device, and is on disk before the entry appears in the library.
   */
  async createEntry(kind: EntryKind): Promise<EntryId> {
    const id = createEntryId(randomBytes);
    const createdAt = this.now();
    const doc = new Y.Doc();
    initEntryDoc(doc, { kind, createdAt });
    writeEntryTemplate(doc, kind);
    const progress = kind === 'checklist' ? readChecklistProgress(doc) : null;
    const persistence = new DocPersistence(entryDatabaseName(id), doc);
    this.track(persistence);
    try {
      await persistence.whenLoaded;
      await persistence.flush();
    } finally {
      await persistence.close();
      this.untrack(persistence);
      doc.destroy();
    }
    addEntryRow(this.libraryDoc, {
      id,
      kind,
      title: '',
      tags: [],
      createdAt,
      updatedAt: createdAt,
      progress,
      trashedAt: null,
    });
    return id;
  }

  /** Opens an entry's document; the caller closes the session when the entry is closed. */
  openEntry(id: EntryId): EntrySession {
    const session = new EntrySession(id);
    this.track(session);
    const close = session.close.bind(session);
    session.close = async () => {
      await close();
      this.untrack(session);
    };
    return session;
  }

  updateRow(id: EntryId, patch: EntryRowPatch): void {
    if (this.row(id)) updateEntryRow(this.libraryDoc, id, patch);
  }

  trash(id: EntryId): void {
    trashEntry(this.libraryDoc, id, this.now());
  }

  restore(id: EntryId): void {
    restoreEntry(this.libraryDoc, id);
  }

  /** Removes the entry's document from the device and its row from the library. */
  async deleteForever(id: EntryId): Promise<void> {
    const doc = new Y.Doc();
    const persistence = new DocPersistence(entryDatabaseName(id), doc);
    await persistence.deleteStoredData();
    doc.destroy();
    removeEntryRow(this.libraryDoc, id);
  }

  get saveState(): SaveState {
    let pending = 0;
    let error: string | null = null;
    for (const source of this.sources) {
      pending += source.saveState.pending;
      error ??= source.saveState.error;
    }
    return { pending, error };
  }

  onSaveState(listener: (state: SaveState) => void): () => void {
    this.saveListeners.add(listener);
    return () => this.saveListeners.delete(listener);
  }

  private readonly emitSaveState = (): void => {
    const state = this.saveState;
    for (const listener of this.saveListeners) listener(state);
  };

  private readonly unsubscribers = new Map<SaveStateSource, () => void>();

  private track(source: SaveStateSource): void {
    this.sources.add(source);
    this.unsubscribers.set(source, source.onSaveState(this.emitSaveState));
  }

  private untrack(source: SaveStateSource): void {
    this.sources.delete(source);
    this.unsubscribers.get(source)?.();
    this.unsubscribers.delete(source);
    this.emitSaveState();
  }
}
