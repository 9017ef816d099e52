import * as Y from 'yjs';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import { addEntryTag, getEntryTags, getEntryTitle, initEntryDoc, readEntryMeta, setEntryTitle } from '../../shared/entry/entryDoc';
import { createEntryId, type EntryId } from '../../shared/entry/entryId';
import { createEntryUid, giveEntryNewUid, readEntryUid } from '../../shared/entry/entryUid';
import type { EntryKind } from '../../shared/entry/entryKind';
import type { ImportedNote } from '../../shared/entry/markdownImport';
import type { EntryRow } from '../../shared/library/entryRow';
import type { SaveStateSource } from '../collab/saveState';
import { storeNewEntryDocument } from '../collab/entryStorage';
import { readBodyFacts } from '../editor/bodyFacts';
import { writeEntryTemplate } from '../editor/entryTemplateWriter';
import { writeBodyFrom } from '../editor/headlessBodyEditor';
import { writeMarkdownBody } from '../editor/markdownBodyWriter';
import type { JournalSearch } from '../search/journalSearch';
import type { LibraryRows } from './libraryRows';

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

export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

interface CreationTarget {
  readonly rows: LibraryRows;
  readonly search: JournalSearch;
  readonly now: () => number;
  /** Counts a write as unsaved until it has committed. */
  readonly track: (source: SaveStateSource) => () => void;
}

/**
 * Stores a document made in memory as a new entry, then adds its row and search text: the entry
 * is on disk before it appears in the library. Rows are derived from the document, as for every
 * other entry.
 */
async function addNewEntry(target: CreationTarget, doc: Y.Doc, row: Pick<EntryRow, 'createdAt'> & Partial<EntryRow>): Promise<EntryId> {
  const id = createEntryId(randomBytes);
  const meta = readEntryMeta(doc);
  if (!meta) throw new Error('A new entry needs its kind before it is stored.');
  const facts = readBodyFacts(doc);
  const title = getEntryTitle(doc);
  const tags = getEntryTags(doc);
  const uid = readEntryUid(doc);
  try {
    await storeNewEntryDocument(id, doc, target.track);
  } finally {
    doc.destroy();
  }
  target.search.updateText({ id, ...facts.text });
  target.rows.add({
    id,
    kind: meta.kind,
    title,
    tags,
    updatedAt: row.createdAt,
    progress: meta.kind === 'checklist' ? facts.progress : null,
    trashedAt: null,
    share: null,
    awaitingPeer: false,
    ...(uid ? { uid } : {}),
    ...row,
  });
  return id;
}

/**
 * Creates an entry from its kind's template (or `init`). The template is written here, once, by
 * the creating device; a peer that joins never writes one.
 */
export async function createEntry(target: CreationTarget, kind: EntryKind, init: NewEntryInit = {}): Promise<EntryId> {
  const createdAt = target.now();
  const doc = new Y.Doc();
  initEntryDoc(doc, { kind, createdAt, title: init.title, uid: createEntryUid(randomBytes) });
  for (const tag of init.tags ?? []) addEntryTag(doc, tag, createdAt, DOC_ORIGINS.template);
  if (init.writeBody) init.writeBody(doc);
  else writeEntryTemplate(doc, kind);
  return addNewEntry(target, doc, { createdAt });
}

/** Imports a note (from a Markdown file) as a new entry of the kind it names (a lesson note if none). */
export async function importNote(target: CreationTarget, note: ImportedNote): Promise<EntryId> {
  const createdAt = target.now();
  const doc = new Y.Doc();
  initEntryDoc(doc, { kind: note.kind, createdAt, uid: createEntryUid(randomBytes) });
  setEntryTitle(doc, note.title, DOC_ORIGINS.import);
  for (const tag of note.tags) addEntryTag(doc, tag, createdAt, DOC_ORIGINS.import);
  writeMarkdownBody(doc, note.body);
  return addNewEntry(target, doc, { createdAt });
}

/** A private copy of a shared entry: same content, its own document, not in any room. */
export async function keepOwnCopy(target: CreationTarget, source: Y.Doc): Promise<EntryId> {
  if (!readEntryMeta(source)) throw new Error('This entry has not arrived from a peer yet; there is nothing to copy.');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  setEntryTitle(doc, `${getEntryTitle(doc).trim() || 'Untitled'} (my copy)`);
  // Another entry: links to the shared one keep opening the shared one.
  giveEntryNewUid(doc, randomBytes);
  return addNewEntry(target, doc, { createdAt: target.now() });
}

/**
 * A saved version of an entry that cannot be changed here (a newer format), brought back as a
 * new private entry in this Peerbook's format: its title, tags and body as the version holds them.
 */
export async function restoreAsNewEntry(target: CreationTarget, version: Y.Doc): Promise<EntryId> {
  const kind = readEntryMeta(version)?.kind ?? 'lesson';
  const title = `${getEntryTitle(version).trim() || 'Untitled'} (restored)`;
  return createEntry(target, kind, { title, tags: getEntryTags(version), writeBody: (doc) => writeBodyFrom(doc, version, DOC_ORIGINS.restore) });
}
