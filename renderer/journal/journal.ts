import * as Y from 'yjs';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import { addEntryTag, getEntryTags, getEntryTitle, removeEntryTag } from '../../shared/entry/entryDoc';
import { createEntryId, type EntryId } from '../../shared/entry/entryId';
import type { EntryKind } from '../../shared/entry/entryKind';
import { normalizeTag } from '../../shared/entry/entryTags';
import { isEntryUid, type EntryLinkTarget } from '../../shared/entry/entryUid';
import type { ImportedNote } from '../../shared/entry/markdownImport';
import type { InviteLink } from '../../shared/invite/inviteLink';
import type { BackupIdentity } from '../../shared/backup/backupFormat';
import { isReadOnlyShare, type EntryRow, type EntryShare } from '../../shared/library/entryRow';
import { roomsOf } from '../../shared/sync/readRoom';
import { migrateLibraryDoc, type EntryRowPatch } from '../../shared/library/libraryDoc';
import type { DocPersistence } from '../collab/docPersistence';
import { SaveStateSet, whenSaved, type SaveState, type SaveStateSource } from '../collab/saveState';
import { EntryLifecycle, type EntryLease } from '../collab/entryLifecycle';
import { deleteEntryStorage, openLibraryStorage, quarantineEntryStorage } from '../collab/entryStorage';
import { recordLinkReset } from '../../shared/entry/linkResets';
import type { OpenEntry } from '../collab/openEntry';
import { readBodyFacts } from '../editor/bodyFacts';
import { charactersDeletedSince } from '../history/deletedText';
import { EntryHistory } from '../history/entryHistory';
import { VersionStore } from '../history/versionStore';
import { EntryTextStore } from '../search/entryTextStore';
import { JournalSearch } from '../search/journalSearch';
import { createEntry, importNote, keepOwnCopy, randomBytes, restoreAsNewEntry, type NewEntryInit } from './entryCreation';
import { deriveFromOpenEntry } from './entryDerivation';
import { editorShare, joinedEntryRow, newShare } from './entrySharing';
import { rebuildLibraryRows } from './libraryRebuild';
import { LibraryRows } from './libraryRows';
import { UntouchedDrafts } from './untouchedDrafts';

export type { NewEntryInit } from './entryCreation';

export type Clock = () => number;

/**
 * The journal on this device: the library (opened at start), the entries (opened through one
 * lifecycle, by whatever needs them), search and history. Whatever opens an entry, the journal
 * derives its library row and search text from the document, and keeps its history. Everything it
 * writes is on disk before the UI says "Saved": the save state covers the library, every open
 * entry and every new entry being stored.
 */
export class Journal implements SaveStateSource {
  readonly rowsStore: LibraryRows;
  /** The one way entry documents are opened (renderer/collab/entryLifecycle.ts). */
  readonly entries = new EntryLifecycle();
  /** What went wrong while opening, for the UI to report (storage set aside and rebuilt). */
  readonly startupProblems: string[] = [];
  /** The name this device's edits are signed with in History (Settings). */
  personName: () => string = () => '';
  /** Who this device is to colleagues, written into backups (null until a name is chosen). */
  deviceIdentity: () => BackupIdentity | null = () => null;
  /** Everything whose writes "Saved" waits for: the library, its rows, open entries, history. */
  private readonly saving = new SaveStateSet();
  private readonly histories = new Map<OpenEntry, EntryHistory>();
  private readonly drafts = new UntouchedDrafts(this);

  private constructor(
    readonly libraryDoc: Y.Doc,
    private readonly libraryPersistence: DocPersistence,
    readonly now: Clock,
    /** Full-text search over the journal; it starts indexing with `startSearch()`. */
    readonly search: JournalSearch,
    /** Saved versions of entries (null when this device's storage refused the history store). */
    readonly versions: VersionStore | null,
  ) {
    this.rowsStore = new LibraryRows(libraryDoc);
    this.saving.track(libraryPersistence);
    this.saving.track(this.rowsStore);
    this.saving.track(this.entries);
    this.entries.watchOpenEntries((entry) => {
      // A reader (read-only link) writes nothing into the entry: its peers would refuse it.
      const followReader = (): void => entry.setJoinedReadOnly(isReadOnlyShare(this.row(entry.id)?.share));
      followReader();
      const stopFollowingReader = this.rowsStore.onChange((changed) => {
        if (changed.has(entry.id)) followReader();
      });
      const stopDeriving = deriveFromOpenEntry(entry, { rows: this.rowsStore, search: this.search, now: this.now });
      const history = this.versions
        ? new EntryHistory(entry, this.versions, () => this.personName(), this.now, () => this.row(entry.id)?.lastMetAt ?? null)
        : null;
      if (history) this.histories.set(entry, history);
      return async () => {
        stopFollowingReader();
        stopDeriving();
        this.histories.delete(entry);
        await history?.close();
      };
    });
  }

  static async open(now: Clock = Date.now): Promise<Journal> {
    const library = await openLibraryStorage(now());
    const lifecycleForRebuild = new EntryLifecycle();
    const problems: string[] = [];
    if (library.setAsideAs) {
      // A library that cannot be read is set aside and rebuilt from the entries themselves: the
      // rest of the journal opens, and nothing stored is deleted.
      const rebuilt = await rebuildLibraryRows(library.doc, lifecycleForRebuild, now());
      await lifecycleForRebuild.closeAll();
      problems.push(
        `The list of your entries could not be read, so Peerbook rebuilt it from the ${rebuilt.found} entries on this device` +
          (rebuilt.unreadable > 0 ? ` (${rebuilt.unreadable} could not be read and were set aside)` : '') +
          (rebuilt.withHiddenParts > 0
            ? `; ${rebuilt.withHiddenParts} of them ${rebuilt.withHiddenParts === 1 ? 'holds' : 'hold'} parts written by another app, kept but not shown`
            : '') +
          `. The unreadable list is kept as “${library.setAsideAs}”.`,
      );
    }
    migrateLibraryDoc(library.doc);
    // Search is derived data: without its store (storage refused), it indexes what it can in memory.
    const textStore = await EntryTextStore.open().catch(() => null);
    const versions = await VersionStore.open().catch(() => null);
    const journal = new Journal(library.doc, library.persistence, now, new JournalSearch(textStore), versions);
    journal.startupProblems.push(...problems);
    return journal;
  }

  /** Closes every open entry, saves what is pending, compacts the library's storage and closes it. */
  async close(): Promise<void> {
    await this.entries.closeAll();
    this.rowsStore.writeScheduled();
    await this.flush();
    await this.libraryPersistence.close();
  }

  // --- Rows --------------------------------------------------------------------------------
  rows(): EntryRow[] {
    return this.rowsStore.all();
  }

  row(id: EntryId): EntryRow | null {
    return this.rowsStore.get(id);
  }

  /** Called with the ids of the rows that changed. */
  onRowsChange(listener: (changed: ReadonlySet<EntryId>) => void): () => void {
    return this.rowsStore.onChange(listener);
  }

  updateRow(id: EntryId, patch: EntryRowPatch): void {
    this.rowsStore.update(id, patch);
  }

  /** Adds many rows in one transaction (imports, seeding). */
  importRows(rows: readonly EntryRow[]): void {
    this.rowsStore.addMany(rows);
  }

  trash(id: EntryId): void {
    this.rowsStore.trash(id, this.now());
  }

  restore(id: EntryId): void {
    this.rowsStore.restore(id);
  }

  /** Removes the entry's document and history from the device and its row from the library. */
  async deleteForever(id: EntryId): Promise<void> {
    await this.versions?.removeEntry(id).catch(() => undefined);
    await deleteEntryStorage(id);
    this.rowsStore.remove(id);
  }

  // --- Search --------------------------------------------------------------------------------
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
      await this.entries
        .use(id, ({ doc }) => this.search.updateText({ id, ...readBodyFacts(doc).text }))
        .catch((cause: unknown) => console.warn(`[search] could not read entry ${id}`, cause));
    }
  }

  // --- Entries -------------------------------------------------------------------------------
  /** The entry on this device that a link names (by its identity, or its id in older links), if any. */
  resolveLink(target: EntryLinkTarget): EntryId | null {
    if (isEntryUid(target)) return this.rows().find((row) => row.uid === target && row.trashedAt === null)?.id ?? null;
    const row = this.row(target);
    return row && row.trashedAt === null ? row.id : null;
  }

  /** Holds an entry open (loading it if needed) until the lease is released. */
  acquireEntry(id: EntryId): EntryLease {
    return this.entries.acquire(id);
  }

  /** The history of an open entry (null when this device keeps no history). */
  historyOf(entry: OpenEntry): EntryHistory | null {
    return this.histories.get(entry) ?? null;
  }

  /** What creating an entry writes to: rows, search, and the save state while it is stored. */
  private get creationTarget() {
    const track = (source: SaveStateSource): (() => void) => this.saving.track(source);
    return { rows: this.rowsStore, search: this.search, now: this.now, track };
  }

  /** Creates an entry from its kind's template, written once, here; on disk before it is listed. */
  createEntry(kind: EntryKind, init: NewEntryInit = {}): Promise<EntryId> {
    return createEntry(this.creationTarget, kind, init);
  }

  /** A new entry from the user's New lesson/checklist/debrief: removed if left untouched (untouchedDrafts.ts). */
  async createDraft(kind: EntryKind): Promise<EntryId> {
    const id = await this.createEntry(kind);
    this.drafts.add(id);
    return id;
  }

  /** Imports a note (from a Markdown file) as a new entry of its kind; returns its id. */
  importNote(note: ImportedNote): Promise<EntryId> {
    return importNote(this.creationTarget, note);
  }

  /** A private copy of a shared entry: same content, its own document, not in any room. */
  keepOwnCopy(source: Y.Doc): Promise<EntryId> {
    return keepOwnCopy(this.creationTarget, source);
  }

  /** A saved version (of an entry that cannot be changed here) as a new entry of this device's. */
  restoreAsNewEntry(version: Y.Doc): Promise<EntryId> {
    return restoreAsNewEntry(this.creationTarget, version);
  }

  /**
   * Makes the entry a shared one, if it is not yet: a random room and key (192 bits each), a write
   * key pair so that it can have read-only links (shared/sync/writeProof.ts), and the signaling
   * servers and relays to name in its links. Returns the entry's share.
   */
  async shareEntry(id: EntryId, signaling: readonly string[], relays: readonly string[] = []): Promise<EntryShare> {
    const existing = this.row(id)?.share;
    if (existing) return existing;
    const share = await newShare(signaling, relays);
    // Another share may have been made while the keys were being made: the first one stays.
    const current = this.row(id)?.share;
    if (current) return current;
    this.updateRow(id, { share });
    return share;
  }

  /**
   * Revokes the entry's links: a new room, key and write key. Colleagues holding the old links
   * keep what they had, receive nothing new, and are told: the entry records that the old room's
   * link was reset (shared/entry/linkResets.ts), and that record reaches them before this device
   * leaves the old room.
   */
  async resetLink(id: EntryId, signaling: readonly string[], relays: readonly string[] = [], by = ''): Promise<EntryShare> {
    const previous = this.row(id)?.share;
    // Every room of the old links: the read room's readers are told too.
    if (previous) await this.entries.use(id, ({ doc }) => roomsOf(previous).forEach((room) => recordLinkReset(doc, room, { at: this.now(), by })));
    const share = await newShare(signaling, relays);
    this.updateRow(id, { share, shareEnded: undefined });
    return share;
  }

  /**
   * This device stops sharing the entry: it leaves the entry's room (everyone keeps their copy;
   * the others may go on sharing it among themselves). Sharing it again makes new links.
   */
  stopSharing(id: EntryId): void {
    this.updateRow(id, { share: null, shareEnded: undefined });
  }

  /**
   * Joins an entry by its invite link: a new, empty entry in this room (the content comes from
   * a peer; a joiner never writes a template), or the entry this device already holds for it.
   */
  joinEntry(link: InviteLink): EntryId {
    const existing = this.rowsStore.findByRoom(link.room);
    if (existing) {
      if (existing.trashedAt !== null) this.restore(existing.id);
      const share = editorShare(existing.share, link);
      if (share) this.updateRow(existing.id, { share });
      return existing.id;
    }
    const id = createEntryId(randomBytes);
    this.rowsStore.add(joinedEntryRow(id, link, this.now()));
    return id;
  }

  /** An entry's whole Yjs state (the open document if it is open, else loaded for the purpose). */
  readEntryState(id: EntryId): Promise<Uint8Array> {
    return this.entries.use(id, ({ doc }) => Y.encodeStateAsUpdate(doc));
  }

  /**
   * Merges a state (from a backup) into an entry's document, creating it if this device has none.
   * Yjs merges are idempotent: merging what is already there changes nothing. The row and search
   * text follow from the document, as for any change. An entry that cannot be changed here (a
   * newer format) is left as it is (`merged` false). `deletedSince` counts the characters the
   * state shows and the entry holds deleted: a merge keeps deletions, which are newer.
   */
  mergeIntoEntry(id: EntryId, state: Uint8Array): Promise<{ title: string; tags: string[]; merged: boolean; deletedSince: number }> {
    return this.entries.use(id, ({ doc, readOnly }) => {
      const shown = (): { title: string; tags: string[] } => ({ title: getEntryTitle(doc), tags: getEntryTags(doc) });
      if (readOnly) return { ...shown(), merged: false, deletedSince: 0 };
      Y.applyUpdate(doc, state, DOC_ORIGINS.import);
      const merged = new Y.Doc();
      try {
        Y.applyUpdate(merged, state);
        return { ...shown(), merged: true, deletedSince: charactersDeletedSince(merged, doc) };
      } finally {
        merged.destroy();
      }
    });
  }

  /**
   * Sets aside an entry whose stored data cannot be read (copied, untouched, under another name,
   * as a library that cannot be read is at start-up), so that the rest of the journal can be
   * backed up; answers the name it was set aside as. The entry opens empty afterwards.
   */
  setAsideUnreadableEntry(id: EntryId): Promise<string> {
    return quarantineEntryStorage(id, this.now());
  }

  /**
   * Renames a tag on every entry that carries it (or merges it into an existing tag). Entries
   * that are read-only here (a newer format) keep it; their ids are returned.
   */
  async renameTag(from: string, to: string): Promise<EntryId[]> {
    const target = normalizeTag(to);
    const unchanged: EntryId[] = [];
    if (!target || target === from) return unchanged;
    for (const row of this.rows().filter((candidate) => candidate.tags.includes(from))) {
      await this.entries.use(row.id, ({ doc, readOnly }) => {
        if (readOnly) return void unchanged.push(row.id);
        doc.transact(() => {
          removeEntryTag(doc, from);
          addEntryTag(doc, target, this.now());
        }, DOC_ORIGINS.localEdit);
      });
    }
    return unchanged;
  }

  // --- Saving --------------------------------------------------------------------------------
  /** Resolves when everything written so far is on disk. */
  flush(): Promise<void> {
    return whenSaved(this);
  }

  get saveState(): SaveState {
    return this.saving.saveState;
  }

  onSaveState(listener: (state: SaveState) => void): () => void {
    return this.saving.onSaveState(listener);
  }
}
