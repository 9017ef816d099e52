import * as Y from 'yjs';
import { getEntryTags, getEntryTitle, initEntryDoc, readEntryMeta, setEntryTitle } from '../../shared/entry/entryDoc';
import { createShareSecrets, type InviteLink } from '../../shared/invite/inviteLink';
import { createEntryId, type EntryId } from '../../shared/entry/entryId';
import type { EntryKind } from '../../shared/entry/entryKind';
import type { EntryRow, EntryShare } from '../../shared/library/entryRow';
import {
  addEntryRow,
  findEntryByRoom,
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
    await this.storeNewDocument(id, doc);
    addEntryRow(this.libraryDoc, {
      id,
      kind,
      title: '',
      tags: [],
      createdAt,
      updatedAt: createdAt,
      progress,
      trashedAt: null,
      share: null,
      awaitingPeer: false,
    });
    return id;
  }

  /**
   * Makes the entry a shared one, if it is not yet: a random room and key (192 bits each), and
   * the signaling servers to name in its link. Returns the entry's share.
   */
  shareEntry(id: EntryId, signaling: readonly string[]): EntryShare {
    const existing = this.row(id)?.share;
    if (existing) return existing;
    const share = { ...createShareSecrets(randomBytes), signaling: [...signaling] };
    this.updateRow(id, { share });
    return share;
  }

  /**
   * Revokes the entry's link: a new room and key. Peers holding the old link keep what they had
   * and receive nothing new; this device moves to the new room.
   */
  resetLink(id: EntryId, signaling: readonly string[]): EntryShare {
    const share = { ...createShareSecrets(randomBytes), signaling: [...signaling] };
    this.updateRow(id, { share });
    return share;
  }

  /**
   * Joins an entry by its invite link: a new, empty entry in this room (the content comes from
   * a peer; a joiner never writes a template), or the entry this device already holds for it.
   */
  joinEntry(link: InviteLink): EntryId {
    const existing = findEntryByRoom(this.libraryDoc, link.room);
    if (existing) {
      if (existing.trashedAt !== null) this.restore(existing.id);
      return existing.id;
    }
    const id = createEntryId(randomBytes);
    const now = this.now();
    addEntryRow(this.libraryDoc, {
      id,
      kind: 'lesson',
      title: link.title ?? '',
      tags: [],
      createdAt: now,
      updatedAt: now,
      progress: null,
      trashedAt: null,
      share: { room: link.room, key: link.key, signaling: [...link.signaling] },
      awaitingPeer: true,
    });
    return id;
  }

  /** A private copy of a shared entry: same content, its own document, not in any room. */
  async keepOwnCopy(source: Y.Doc): Promise<EntryId> {
    const meta = readEntryMeta(source);
    if (!meta) throw new Error('This entry has not arrived from a peer yet; there is nothing to copy.');
    const id = createEntryId(randomBytes);
    const now = this.now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    const title = `${getEntryTitle(doc).trim() || 'Untitled'} (my copy)`;
    setEntryTitle(doc, title);
    const progress = meta.kind === 'checklist' ? readChecklistProgress(doc) : null;
    await this.storeNewDocument(id, doc);
    addEntryRow(this.libraryDoc, {
      id,
      kind: meta.kind,
      title,
      tags: getEntryTags(doc),
      createdAt: now,
      updatedAt: now,
      progress,
      trashedAt: null,
      share: null,
      awaitingPeer: false,
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

  private readonly scheduledRows = new Map<EntryId, () => EntryRowPatch>();
  private rowTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Updates a row soon after a burst of changes instead of inside each one: keeping the library
   * in step is not on the path of a keystroke to the screen or to peers. Until it is written it
   * counts as unsaved, so "Saved" still means everything is on disk.
   */
  scheduleRowUpdate(id: EntryId, patch: () => EntryRowPatch): void {
    this.scheduledRows.set(id, patch);
    if (this.rowTimer !== null) return;
    this.rowTimer = setTimeout(() => {
      this.rowTimer = null;
      const scheduled = [...this.scheduledRows];
      this.scheduledRows.clear();
      for (const [rowId, makePatch] of scheduled) this.updateRow(rowId, makePatch());
      this.emitSaveState();
    }, 0);
    this.emitSaveState();
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

  /** Writes a new entry's document to storage, then frees it; resolves once it is on disk. */
  private async storeNewDocument(id: EntryId, doc: Y.Doc): Promise<void> {
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
  }

  get saveState(): SaveState {
    let pending = this.scheduledRows.size;
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
