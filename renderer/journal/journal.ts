import * as Y from 'yjs';
import { addEntryTag, getEntryTags, getEntryTitle, initEntryDoc, removeEntryTag, readEntryMeta, setEntryTitle } from '../../shared/entry/entryDoc';
import { createShareSecrets, type InviteLink } from '../../shared/invite/inviteLink';
import { createEntryId, isEntryId, type EntryId } from '../../shared/entry/entryId';
import { normalizeTag } from '../../shared/entry/entryTags';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
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
import { isCorruptDocument, quarantineDatabase, storedEntryDatabaseNames } from '../collab/quarantine';
import { EntrySession } from '../collab/entrySession';
import { readChecklistProgress } from '../editor/checklistProgress';
import { readBodyText } from '../editor/entryText';
import { writeMarkdownBody } from '../editor/markdownBodyWriter';
import type { ImportedNote } from '../../shared/entry/markdownImport';
import { EntryTextStore } from '../search/entryTextStore';
import { JournalSearch } from '../search/journalSearch';
import { VersionStore } from '../history/versionStore';
import { writeEntryTemplate } from '../editor/entryTemplateWriter';

export type Clock = () => number;

/** Rows for every entry database on the device, read from the entries' own documents. */
async function rebuildRows(libraryDoc: Y.Doc, now: Clock): Promise<{ found: number; unreadable: number }> {
  const prefix = entryDatabaseName('' as EntryId);
  let found = 0;
  let unreadable = 0;
  for (const name of await storedEntryDatabaseNames(prefix)) {
    const id = name.slice(prefix.length);
    if (!isEntryId(id)) continue;
    const doc = new Y.Doc();
    const persistence = new DocPersistence(name, doc);
    try {
      await persistence.whenLoaded;
      const meta = readEntryMeta(doc);
      const at = meta?.createdAt || now();
      addEntryRow(libraryDoc, {
        id,
        kind: meta?.kind ?? 'lesson',
        title: getEntryTitle(doc),
        tags: getEntryTags(doc),
        createdAt: at,
        updatedAt: at,
        progress: meta?.kind === 'checklist' ? readChecklistProgress(doc) : null,
        trashedAt: null,
        share: null,
        awaitingPeer: meta === null,
      }, DOC_ORIGINS.migration);
      found++;
    } catch (cause) {
      if (!isCorruptDocument(cause)) throw cause;
      unreadable++;
      await quarantineDatabase(name, now());
    } finally {
      await persistence.close();
      doc.destroy();
    }
  }
  return { found, unreadable };
}

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
    /** Full-text search over the journal; it starts indexing with `startSearch()`. */
    readonly search: JournalSearch,
    /** Saved versions of entries (null when this device's storage refused the history store). */
    readonly versions: VersionStore | null = null,
  ) {
    this.track(libraryPersistence);
    this.loadRows();
  }

  static async open(now: Clock = Date.now): Promise<Journal> {
    let doc = new Y.Doc();
    let persistence = new DocPersistence(LIBRARY_DATABASE_NAME, doc);
    const problems: string[] = [];
    try {
      await persistence.whenLoaded;
    } catch (cause) {
      if (!isCorruptDocument(cause)) throw cause;
      // A library that cannot be read is set aside and rebuilt from the entries themselves:
      // the rest of the journal opens, and nothing stored is deleted.
      const aside = await quarantineDatabase(LIBRARY_DATABASE_NAME, now());
      doc = new Y.Doc();
      persistence = new DocPersistence(LIBRARY_DATABASE_NAME, doc);
      await persistence.whenLoaded;
      const rebuilt = await rebuildRows(doc, now);
      problems.push(
        `The list of your entries could not be read, so Peerbook rebuilt it from the ${rebuilt.found} entries on this device` +
          (rebuilt.unreadable > 0 ? ` (${rebuilt.unreadable} could not be read and were set aside)` : '') +
          `. The unreadable list is kept as “${aside}”.`,
      );
    }
    migrateLibraryDoc(doc);
    // Search is derived data: without its store (storage refused), it indexes what it can in memory.
    const textStore = await EntryTextStore.open().catch(() => null);
    const versions = await VersionStore.open().catch(() => null);
    const journal = new Journal(doc, persistence, now, new JournalSearch(textStore), versions);
    journal.startupProblems.push(...problems);
    return journal;
  }

  /** Saves what is pending, compacts the library's storage and closes it. */
  async close(): Promise<void> {
    await this.flush();
    await this.libraryPersistence.close();
  }

  /** What went wrong while opening, for the UI to report (storage set aside and rebuilt). */
  readonly startupProblems: string[] = [];

  /**
   * Builds the search index in the background, after the library is on screen, then keeps it
   * in step with every row change. Entries whose text was never stored are read from their
   * documents, one at a time.
   */
  startSearch(): void {
    void this.search.start(this.rows(), (missing) => void this.storeMissingTexts(missing)).then(() => {
      this.onRowsChange((changed) => {
        const rows: EntryRow[] = [];
        const removed: EntryId[] = [];
        for (const id of changed) {
          const row = this.row(id);
          if (row) rows.push(row);
          else removed.push(id);
        }
        this.search.updateRows(rows, removed);
      });
      this.search.updateRows(this.rows(), []);
    });
  }

  private async storeMissingTexts(ids: readonly EntryId[]): Promise<void> {
    for (const id of ids) {
      if (!this.row(id)) continue;
      const doc = new Y.Doc();
      const persistence = new DocPersistence(entryDatabaseName(id), doc);
      try {
        await persistence.whenLoaded;
        this.search.updateText({ id, ...readBodyText(doc) });
      } catch (cause) {
        console.warn(`[search] could not read entry ${id}`, cause);
      } finally {
        await persistence.close();
        doc.destroy();
      }
    }
  }

  // Rows are parsed once and then kept in step row by row: a 10,000-entry library is not
  // re-read whole on every keystroke in a title.
  private readonly rowCache = new Map<EntryId, EntryRow>();
  private rowList: EntryRow[] | null = null;
  private readonly rowListeners = new Set<(changed: ReadonlySet<EntryId>) => void>();

  rows(): EntryRow[] {
    this.rowList ??= [...this.rowCache.values()];
    return this.rowList;
  }

  row(id: EntryId): EntryRow | null {
    return this.rowCache.get(id) ?? null;
  }

  /** Called with the ids of the rows that changed. */
  onRowsChange(listener: (changed: ReadonlySet<EntryId>) => void): () => void {
    this.rowListeners.add(listener);
    return () => this.rowListeners.delete(listener);
  }

  private loadRows(): void {
    for (const row of listEntryRows(this.libraryDoc)) this.rowCache.set(row.id, row);
    observeEntryRows(this.libraryDoc, (changed) => {
      for (const id of changed) {
        const row = getEntryRow(this.libraryDoc, id);
        if (row) this.rowCache.set(id, row);
        else this.rowCache.delete(id);
      }
      this.rowList = null;
      for (const listener of this.rowListeners) listener(changed);
    });
  }

  /**
   * Creates an entry from its kind's template. The template is written here, once, by the
   * creating device, and is on disk before the entry appears in the library.
   */
  async createEntry(kind: EntryKind, init: NewEntryInit = {}): Promise<EntryId> {
    const id = createEntryId(randomBytes);
    const createdAt = this.now();
    const doc = new Y.Doc();
    initEntryDoc(doc, { kind, createdAt, title: init.title });
    for (const tag of init.tags ?? []) addEntryTag(doc, tag, createdAt, DOC_ORIGINS.template);
    if (init.writeBody) init.writeBody(doc);
    else writeEntryTemplate(doc, kind);
    const progress = kind === 'checklist' ? readChecklistProgress(doc) : null;
    const text = readBodyText(doc);
    const title = getEntryTitle(doc);
    const tags = getEntryTags(doc);
    await this.storeNewDocument(id, doc);
    this.search.updateText({ id, ...text });
    addEntryRow(this.libraryDoc, {
      id,
      kind,
      title,
      tags,
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
    const text = readBodyText(doc);
    await this.storeNewDocument(id, doc);
    this.search.updateText({ id, ...text });
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

  private readonly openSessions = new Map<EntryId, EntrySession>();

  /** Imports a note (from a Markdown file) as a new lesson note; returns its id. */
  async importNote(note: ImportedNote): Promise<EntryId> {
    const id = createEntryId(randomBytes);
    const createdAt = this.now();
    const doc = new Y.Doc();
    initEntryDoc(doc, { kind: 'lesson', createdAt });
    setEntryTitle(doc, note.title, DOC_ORIGINS.import);
    for (const tag of note.tags) addEntryTag(doc, tag, createdAt, DOC_ORIGINS.import);
    writeMarkdownBody(doc, note.body);
    const text = readBodyText(doc);
    const tags = getEntryTags(doc);
    const title = getEntryTitle(doc);
    await this.storeNewDocument(id, doc);
    this.search.updateText({ id, ...text });
    addEntryRow(this.libraryDoc, {
      id,
      kind: 'lesson',
      title,
      tags,
      createdAt,
      updatedAt: createdAt,
      progress: null,
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
    this.openSessions.set(id, session);
    const close = session.close.bind(session);
    session.close = async () => {
      if (this.openSessions.get(id) === session) this.openSessions.delete(id);
      await close();
      this.untrack(session);
    };
    return session;
  }

  /**
   * Runs `change` on an entry's document: the open one if the entry is open (so the editor and
   * peers see it), otherwise the stored one, loaded for the purpose and saved before this resolves.
   */
  private async changeEntryDoc(id: EntryId, change: (doc: Y.Doc) => void): Promise<void> {
    const open = this.openSessions.get(id);
    if (open) {
      await open.whenLoaded;
      change(open.doc);
      return;
    }
    const doc = new Y.Doc();
    const persistence = new DocPersistence(entryDatabaseName(id), doc);
    this.track(persistence);
    try {
      await persistence.whenLoaded;
      change(doc);
      await persistence.flush();
    } finally {
      await persistence.close();
      this.untrack(persistence);
      doc.destroy();
    }
  }

  /** An entry's whole Yjs state, from the open document if it is open, else from storage. */
  async readEntryState(id: EntryId): Promise<Uint8Array> {
    let state: Uint8Array | null = null;
    await this.changeEntryDoc(id, (doc) => {
      state = Y.encodeStateAsUpdate(doc);
    });
    return state ?? new Uint8Array();
  }

  /**
   * Merges a state (from a backup) into an entry's document, creating it if this device has none,
   * and gives search its text. Yjs merges are idempotent: merging what is already there changes
   * nothing.
   */
  async mergeIntoEntry(id: EntryId, state: Uint8Array): Promise<{ title: string; tags: string[] }> {
    let shown = { title: '', tags: [] as string[] };
    await this.changeEntryDoc(id, (doc) => {
      Y.applyUpdate(doc, state, DOC_ORIGINS.import);
      this.search.updateText({ id, ...readBodyText(doc) });
      shown = { title: getEntryTitle(doc), tags: getEntryTags(doc) };
    });
    // The row shows what the merged document holds.
    if (this.row(id)) this.updateRow(id, shown);
    return shown;
  }

  /** Renames a tag on every entry that carries it (or merges it into an existing tag). */
  async renameTag(from: string, to: string): Promise<void> {
    const target = normalizeTag(to);
    if (!target || target === from) return;
    for (const row of this.rows().filter((candidate) => candidate.tags.includes(from))) {
      await this.changeEntryDoc(row.id, (doc) => {
        doc.transact(() => {
          removeEntryTag(doc, from);
          addEntryTag(doc, target, this.now());
        }, DOC_ORIGINS.localEdit);
        this.updateRow(row.id, { tags: getEntryTags(doc) });
      });
    }
  }

  /** Adds many rows in one transaction (imports, seeding). */
  importRows(rows: readonly EntryRow[]): void {
    this.libraryDoc.transact(() => {
      for (const row of rows) addEntryRow(this.libraryDoc, row, DOC_ORIGINS.import);
    }, DOC_ORIGINS.import);
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
    await this.versions?.removeEntry(id).catch(() => undefined);
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

  /** Resolves when everything written so far is on disk. */
  async flush(): Promise<void> {
    while (this.saveState.pending > 0) {
      await new Promise<void>((resolve) => {
        const stop = this.onSaveState((state) => {
          if (state.pending === 0) {
            stop();
            resolve();
          }
        });
      });
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

/**
 * What a new entry starts with besides its kind: a title, tags, and a body written in place of
 * the kind's template (a lesson made from a debrief, for one). All of it is written once, on this
 * device, with the template origin, before the entry is stored.
 */
export interface NewEntryInit {
  readonly title?: string;
  readonly tags?: readonly string[];
  readonly writeBody?: (doc: Y.Doc) => void;
}
