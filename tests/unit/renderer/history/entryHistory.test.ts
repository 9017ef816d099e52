import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeEntryTemplate } from '../../../../renderer/editor/entryTemplateWriter';
import { readBodyMarkdown, replaceBody } from '../../../../renderer/editor/headlessBodyEditor';
import { LARGE_DELETION_MINIMUM } from '../../../../renderer/history/entryHistory';
import { NEWEST_VERSIONS_KEPT } from '../../../../renderer/history/versionRetention';
import { VersionStore, type EntryVersion, type NewVersion } from '../../../../renderer/history/versionStore';
import { Journal } from '../../../../renderer/journal/journal';
import type { OpenEntry } from '../../../../renderer/collab/openEntry';
import { DOC_ORIGINS } from '../../../../shared/doc/docOrigins';
import { getEntryTitle, initEntryDoc, readEntryMeta, setEntryTitle } from '../../../../shared/entry/entryDoc';
import { parseEntryId, type EntryId } from '../../../../shared/entry/entryId';
import { writeMarkdownBody } from '../../../../renderer/editor/markdownBodyWriter';
import { blockAt, stockClientUpdate } from '../../support/stockClient';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const start = Date.UTC(2025, 5, 2, 9);
const entryId = parseEntryId('e-history0001');

function stateWith(text: string): Uint8Array {
  const doc = new Y.Doc();
  initEntryDoc(doc, { kind: 'lesson', createdAt: start, title: text });
  return Y.encodeStateAsUpdate(doc);
}

function version(createdAt: number, title: string, reason: NewVersion['reason'] = 'pause'): NewVersion {
  return { entryId, createdAt, name: null, reason, authors: ['Ana'], state: stateWith(title) };
}

/** Another device that holds what `doc` holds (a peer, or a saved copy). */
function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function titleOf(version: EntryVersion): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, version.state);
  return getEntryTitle(doc);
}

describe('which versions History keeps', () => {
  it('keeps the version from before a peer’s invisible writes, however many versions they make after it', async () => {
    const store = await VersionStore.open();
    await store.add(version(start, 'The text, before anyone touched it'));
    // A link holder changes something no one sees once per editing pause: a version a minute.
    for (let minute = 1; minute <= 120; minute++) await store.add(version(start + minute * MINUTE, ''));
    const titles = (await store.list(entryId)).map(titleOf);
    expect(titles).toContain('The text, before anyone touched it');
    // And not by keeping everything.
    expect(titles.length).toBeLessThan(40);
  });

  it('keeps versions spread over time: the newest, then the first of each hour for a day, of each day for a month, of each week before', async () => {
    const store = await VersionStore.open();
    // Sixty days of a version every two hours.
    for (let at = start; at <= start + 60 * DAY; at += 2 * HOUR) await store.add(version(at, new Date(at).toISOString()));
    const now = start + 60 * DAY;
    const kept = (await store.list(entryId)).map((kept) => kept.createdAt);
    expect(kept.slice(0, NEWEST_VERSIONS_KEPT)).toEqual(Array.from({ length: NEWEST_VERSIONS_KEPT }, (_, n) => now - n * 2 * HOUR));
    const lastDay = kept.filter((at) => now - at < DAY);
    expect(lastDay).toHaveLength(12);
    for (let day = 2; day < 30; day++) {
      const dayStart = Math.floor((now - day * DAY) / DAY) * DAY;
      expect(kept.filter((at) => at >= dayStart && at < dayStart + DAY), `day ${day}`).toEqual([dayStart + (start % (2 * HOUR))]);
    }
    // Before that, one a week, and nothing lost without a newer one in its week.
    const older = kept.filter((at) => now - at >= 30 * DAY);
    expect(older.length).toBeGreaterThanOrEqual(4);
    expect(older.length).toBeLessThanOrEqual(6);
    expect(kept).toContain(start);
  });

  it('keeps every version saved by hand', async () => {
    const store = await VersionStore.open();
    for (let minute = 0; minute < 80; minute++) await store.add(version(start + minute * MINUTE, `by hand ${minute}`, 'manual'));
    expect(await store.list(entryId)).toHaveLength(80);
  });
});

/**
 * The entry's versions once everything saved so far is stored: a version saved by hand now is
 * stored after any saved before it (one store, transactions in order), so once it is listed,
 * any version the change before it took is listed too.
 */
async function versionsAfter(journal: Journal, entry: OpenEntry): Promise<EntryVersion[]> {
  const history = journal.historyOf(entry);
  if (!history) throw new Error('this device keeps no history');
  const marker = await history.save('manual', 'marker');
  const versions = await history.list();
  expect(versions.map((saved) => saved.id)).toContain(marker?.id);
  return versions.filter((saved) => saved.id !== marker?.id);
}

describe('a large deletion arriving from a peer', () => {
  async function lessonWithText(journal: Journal): Promise<EntryId> {
    return journal.createEntry('lesson', {
      title: 'Rollback drill',
      writeBody: (doc) => writeMarkdownBody(doc, '## What happened\n\nThe rollback took forty minutes because nobody had the runbook at hand.'),
    });
  }

  it('takes a version of the entry as it was just before, though the change is already applied', async () => {
    const journal = await Journal.open(() => start);
    const id = await lessonWithText(journal);
    await journal.entries.use(id, async (entry) => {
      const wipe = stockClientUpdate(entry.doc, (root) => root.delete(0, root.length));
      const peer = copyOf(entry.doc);
      Y.applyUpdate(peer, wipe);
      setEntryTitle(peer, '');
      Y.applyUpdate(entry.doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(entry.doc)), 'peer');
      expect(readBodyMarkdown(entry.doc)).not.toContain('runbook');
      expect(getEntryTitle(entry.doc)).toBe('');

      const versions = await versionsAfter(journal, entry);
      const before = versions.find((saved) => saved.reason === 'before-deletion');
      expect(before).toBeDefined();
      const past = new Y.Doc();
      Y.applyUpdate(past, before?.state ?? new Uint8Array());
      expect(getEntryTitle(past)).toBe('Rollback drill');
      expect(readBodyMarkdown(past)).toContain('nobody had the runbook at hand');
    });
  });

  it('takes one for a wipe made a few characters at a time, once they add up', async () => {
    const journal = await Journal.open(() => start);
    const id = await lessonWithText(journal);
    await journal.entries.use(id, async (entry) => {
      const peer = copyOf(entry.doc);
      for (let step = 0; step < 20; step++) {
        const before = Y.encodeStateVector(peer);
        const paragraph = blockAt(peer.get('root', Y.XmlText), 1);
        // Characters sit after the text node's map (at 0).
        peer.transact(() => paragraph.delete(1, Math.min(4, paragraph.length - 1)));
        Y.applyUpdate(entry.doc, Y.encodeStateAsUpdate(peer, before), 'peer');
      }
      const versions = await versionsAfter(journal, entry);
      const before = versions.filter((saved) => saved.reason === 'before-deletion');
      expect(before.length).toBeGreaterThanOrEqual(1);
      const past = new Y.Doc();
      Y.applyUpdate(past, before.at(-1)?.state ?? new Uint8Array());
      // The first such version lost at most the first small deletions.
      expect(readBodyMarkdown(past).length).toBeGreaterThan(readBodyMarkdown(entry.doc).length + LARGE_DELETION_MINIMUM);
    });
  });

  it('takes none for the small deletions of ordinary co-editing', async () => {
    const journal = await Journal.open(() => start);
    const id = await lessonWithText(journal);
    await journal.entries.use(id, async (entry) => {
      const peer = copyOf(entry.doc);
      const before = Y.encodeStateVector(peer);
      const paragraph = blockAt(peer.get('root', Y.XmlText), 1);
      peer.transact(() => paragraph.delete(paragraph.length - 5, 5));
      Y.applyUpdate(entry.doc, Y.encodeStateAsUpdate(peer, before), 'peer');
      expect((await versionsAfter(journal, entry)).filter((saved) => saved.reason === 'before-deletion')).toEqual([]);
    });
  });
});

describe('bringing deleted text back', () => {
  it('writes the text again as new items, so a peer that holds the deletion gets it back', () => {
    const ana = new Y.Doc();
    initEntryDoc(ana, { kind: 'lesson', createdAt: start, title: 'Kept' });
    writeMarkdownBody(ana, 'Words worth keeping.');
    const saved = copyOf(ana);
    const ben = copyOf(ana);
    Y.applyUpdate(ben, stockClientUpdate(ben, (root) => root.delete(0, root.length)));
    Y.applyUpdate(ana, Y.encodeStateAsUpdate(ben));
    expect(readBodyMarkdown(ana)).toBe('');

    const origins: unknown[] = [];
    ana.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    replaceBody(ana, saved, DOC_ORIGINS.restore);
    expect(readBodyMarkdown(ana)).toBe('Words worth keeping.');
    expect(origins).toEqual([DOC_ORIGINS.restore]);
    // Merging the saved state again would not do it (the deletion is newer); the new items do.
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(saved));
    expect(readBodyMarkdown(ben)).toBe('');
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(ana, Y.encodeStateVector(ben)));
    expect(readBodyMarkdown(ben)).toBe('Words worth keeping.');
  });

  it('restores a version of an entry this Peerbook cannot change as a new entry of its own, in its format', async () => {
    const journal = await Journal.open(() => start);
    const newer = new Y.Doc();
    initEntryDoc(newer, { kind: 'checklist', createdAt: start, title: 'From the future' });
    writeEntryTemplate(newer, 'checklist');
    newer.getMap('meta').set('schemaVersion', 99);
    const id = await journal.restoreAsNewEntry(newer);
    await journal.entries.use(id, (entry) => {
      expect(entry.readOnly).toBeNull();
      expect(readEntryMeta(entry.doc)).toMatchObject({ kind: 'checklist', schemaVersion: 1 });
      expect(getEntryTitle(entry.doc)).toBe('From the future (restored)');
      expect(readBodyMarkdown(entry.doc)).toBe(readBodyMarkdown(newer));
    });
  });
});

describe('versions read back from this device', () => {
  it('shows a damaged version repaired, and never one without its time or state', async () => {
    const store = await VersionStore.open();
    const good = await store.add(version(start, 'Kept'));
    // What an older or damaged Peerbook could have left in the database.
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('peerbook-history');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const state = good.state;
    const records: unknown[] = [
      { entryId, createdAt: start + 1, state, name: 42, reason: 'deleted-everything', authors: ['Ana', 7, null] },
      { entryId, createdAt: 'yesterday', state },
      { entryId, createdAt: start + 2, state: 'not bytes' },
    ];
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('versions', 'readwrite');
      for (const record of records) tx.objectStore('versions').add(record);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();

    const listed = await store.list(entryId);
    expect(listed.map(({ createdAt, name, reason, authors }) => ({ createdAt, name, reason, authors }))).toEqual([
      { createdAt: start + 1, name: null, reason: 'manual', authors: ['Ana'] },
      { createdAt: start, name: good.name, reason: good.reason, authors: [...good.authors] },
    ]);
  });
});
