import * as Y from 'yjs';
import { addEntryTag, initEntryDoc, setEntryTitle } from '../../shared/entry/entryDoc';
import { createEntryId, type EntryId } from '../../shared/entry/entryId';
import { createEntryUid } from '../../shared/entry/entryUid';
import type { EntryRow } from '../../shared/library/entryRow';
import { sampleEntry, sampleParagraphs } from '../../shared/seed/sampleEntries';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import { storeNewEntryDocument } from '../collab/entryStorage';
import { readChecklistProgress } from '../editor/checklistProgress';
import { readBodyText } from '../editor/entryText';
import { writeParagraphsBody, writeSampleBody } from '../editor/sampleBodyWriter';
import type { Journal } from './journal';

/**
 * Scale tooling: fills a journal with realistic sample entries (`npm run seed`, benchmarks).
 * Each entry is a real entry: its own stored document, a library row and its search text.
 */
const BATCH = 50;

function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

async function store(id: EntryId, doc: Y.Doc): Promise<void> {
  await storeNewEntryDocument(id, doc);
  doc.destroy();
}

export async function seedJournal(journal: Journal, count: number, onProgress: (done: number) => void = () => {}): Promise<void> {
  const made: Array<{ id: EntryId; title: string }> = [];
  for (let start = 0; start < count; start += BATCH) {
    const rows: EntryRow[] = [];
    const writes: Array<Promise<void>> = [];
    for (let index = start; index < Math.min(count, start + BATCH); index++) {
      const sample = sampleEntry(index);
      const id = createEntryId(randomBytes);
      const doc = new Y.Doc();
      // Each with its identity, as an entry made in the app has (no migration when first opened).
      const uid = createEntryUid(randomBytes);
      initEntryDoc(doc, { kind: sample.kind, createdAt: sample.createdAt, uid });
      setEntryTitle(doc, sample.title, DOC_ORIGINS.import);
      for (const tag of sample.tags) addEntryTag(doc, tag, sample.createdAt, DOC_ORIGINS.import);
      writeSampleBody(doc, sample, sample.links.map((link) => made[link]).filter((link) => link !== undefined));
      journal.search.updateText({ id, ...readBodyText(doc) });
      rows.push({
        id,
        uid,
        kind: sample.kind,
        title: sample.title,
        tags: sample.tags,
        createdAt: sample.createdAt,
        updatedAt: sample.createdAt + 60_000,
        progress: sample.kind === 'checklist' ? readChecklistProgress(doc) : null,
        trashedAt: null,
        share: null,
        awaitingPeer: false,
      });
      made.push({ id, title: sample.title });
      writes.push(store(id, doc));
    }
    await Promise.all(writes);
    journal.importRows(rows);
    onProgress(made.length);
  }
}

/** One lesson with `paragraphs` paragraphs (for the large-entry benchmark). */
export async function seedLargeEntry(journal: Journal, paragraphs: number): Promise<EntryId> {
  const id = createEntryId(randomBytes);
  const createdAt = journal.now();
  const doc = new Y.Doc();
  const uid = createEntryUid(randomBytes);
  initEntryDoc(doc, { kind: 'lesson', createdAt, uid });
  const title = `A long lesson of ${paragraphs} paragraphs`;
  setEntryTitle(doc, title, DOC_ORIGINS.import);
  // The row below says the same: the entry is the source of its row.
  addEntryTag(doc, 'long', createdAt, DOC_ORIGINS.import);
  writeParagraphsBody(doc, sampleParagraphs(paragraphs));
  journal.search.updateText({ id, ...readBodyText(doc) });
  await store(id, doc);
  journal.importRows([
    { id, uid, kind: 'lesson', title, tags: ['long'], createdAt, updatedAt: createdAt + 1, progress: null, trashedAt: null, share: null, awaitingPeer: false },
  ]);
  return id;
}
