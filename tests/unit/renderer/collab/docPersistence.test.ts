import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DocPersistence } from '../../../../renderer/collab/docPersistence';
import type { SaveState } from '../../../../renderer/collab/saveState';
import { DOC_ORIGINS } from '../../../../shared/doc/docOrigins';
import { getEntryTags, getEntryTitle, initEntryDoc, addEntryTag, setEntryTitle } from '../../../../shared/entry/entryDoc';
import { databaseNames, readStoredUpdates } from '../../support/deviceStorage';

const NAME = 'peerbook-entry-e-persist0001';
const createdAt = Date.UTC(2025, 3, 1);

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * The disk accepts the next write and then gives up on it: its transaction aborts after the
 * request was issued, so only the transaction's outcome can tell that nothing was saved.
 */
function failNextWrite(): void {
  const realAdd = IDBObjectStore.prototype.add;
  vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementationOnce(function (this: IDBObjectStore, ...args) {
    const request = realAdd.apply(this, args);
    this.transaction.abort();
    return request;
  });
}

async function open(name = NAME): Promise<{ doc: Y.Doc; persistence: DocPersistence }> {
  const doc = new Y.Doc();
  const persistence = new DocPersistence(name, doc);
  await persistence.whenLoaded;
  return { doc, persistence };
}

/** A document whose change to `title` the disk failed to save. */
async function openAfterFailedWrite(title: string): Promise<{ doc: Y.Doc; persistence: DocPersistence }> {
  const opened = await open();
  failNextWrite();
  setEntryTitle(opened.doc, title);
  await opened.persistence.flush();
  return opened;
}

/** The title kept on disk, as the next start of the app reads it. */
async function storedTitle(name = NAME): Promise<string> {
  const reopened = await open(name);
  const title = getEntryTitle(reopened.doc);
  await reopened.persistence.close();
  return title;
}

describe('keeping a document on this device', () => {
  it('gives back, after a restart, what was written before', async () => {
    const first = await open();
    initEntryDoc(first.doc, { kind: 'lesson', createdAt, title: 'Draft' });
    setEntryTitle(first.doc, 'Rollbacks need a runbook');
    addEntryTag(first.doc, 'release', createdAt);
    await first.persistence.flush();

    // A restart: a new document and a new persistence on the same database.
    const second = await open();
    expect(getEntryTitle(second.doc)).toBe('Rollbacks need a runbook');
    expect(getEntryTags(second.doc)).toEqual(['release']);
    await Promise.all([first.persistence.close(), second.persistence.close()]);
  });

  it('keeps what is already in memory when the document is opened on an empty database', async () => {
    const doc = new Y.Doc();
    initEntryDoc(doc, { kind: 'checklist', createdAt, title: 'Written before storage opened' });
    const persistence = new DocPersistence(NAME, doc);
    await persistence.whenLoaded;
    await persistence.close();

    expect(await storedTitle()).toBe('Written before storage opened');
  });

  it('says a change is saving until its write has committed, then saved', async () => {
    const { doc, persistence } = await open();
    const seen: SaveState[] = [];
    persistence.onSaveState((state) => seen.push(state));
    expect(persistence.saveState).toEqual({ pending: 0, error: null });

    setEntryTitle(doc, 'Typing');
    expect(persistence.saveState.pending).toBeGreaterThan(0);

    await persistence.flush();
    expect(persistence.saveState).toEqual({ pending: 0, error: null });
    expect(seen.at(-1)).toEqual({ pending: 0, error: null });
    expect(seen.some((state) => state.pending > 0)).toBe(true);

    // Saved means on disk: the write is in the database.
    const stored = await readStoredUpdates(NAME);
    const restored = new Y.Doc();
    for (const update of stored) Y.applyUpdate(restored, update);
    expect(getEntryTitle(restored)).toBe('Typing');
    await persistence.close();
  });

  it('says so when a write fails, instead of saying saved', async () => {
    const { persistence } = await openAfterFailedWrite('Lost?');
    expect(persistence.saveState.pending).toBe(0);
    expect(persistence.saveState.error).toMatch(/Could not save/);
    expect(persistence.saveState.error).toContain(NAME);
    await persistence.close();
  });

  it('stores everything in memory when the entry is closed, even after a failed write', async () => {
    const { doc, persistence } = await openAfterFailedWrite('Lost?');
    setEntryTitle(doc, 'Lost? No');
    await persistence.close();

    expect(await storedTitle()).toBe('Lost? No');
  });

  it('after a failed write, shows Saved only once a load from disk gives back everything', async () => {
    const { doc, persistence } = await openAfterFailedWrite('Lost?');
    expect(persistence.saveState.error).not.toBeNull();

    setEntryTitle(doc, 'Lost? No');
    await persistence.flush();
    expect(persistence.saveState.error).toBeNull();

    // No close, no compaction: as if the app were killed now. A second reader opens the disk.
    const reader = new Y.Doc();
    for (const update of await readStoredUpdates(NAME)) Y.applyUpdate(reader, update);
    expect(getEntryTitle(reader)).toBe('Lost? No');
    await persistence.close();
  });

  it('does not show "saving" while it only loads what is stored', async () => {
    const first = await open();
    setEntryTitle(first.doc, 'Stored once');
    await first.persistence.close();

    const doc = new Y.Doc();
    const persistence = new DocPersistence(NAME, doc);
    const seen: SaveState[] = [];
    persistence.onSaveState((state) => seen.push(state));
    await persistence.whenLoaded;

    expect(getEntryTitle(doc)).toBe('Stored once');
    expect(seen).toEqual([]);
    expect(persistence.saveState).toEqual({ pending: 0, error: null });
    await persistence.close();
  });

  it('stops saving once closed, and keeps the document usable in memory', async () => {
    const { doc, persistence } = await open();
    setEntryTitle(doc, 'Before close');
    await persistence.close();
    setEntryTitle(doc, 'After close');
    expect(getEntryTitle(doc)).toBe('After close');
    expect(persistence.saveState.pending).toBe(0);

    expect(await storedTitle()).toBe('Before close');
  });

  it('deletes everything it stored, so the next open starts empty', async () => {
    const { doc, persistence } = await open();
    initEntryDoc(doc, { kind: 'debrief', createdAt, title: 'Delete me' });
    await persistence.flush();

    await persistence.deleteStoredData();
    expect(await databaseNames()).not.toContain(NAME);

    const reopened = await open();
    expect(getEntryTitle(reopened.doc)).toBe('');
    expect(reopened.doc.getMap('meta').size).toBe(0);
    await reopened.persistence.close();
  });

  it('keeps documents with different names apart', async () => {
    const a = await open('peerbook-entry-e-aaaaaaaa01');
    const b = await open('peerbook-entry-e-bbbbbbbb01');
    a.doc.transact(() => a.doc.getText('title').insert(0, 'A'), DOC_ORIGINS.localEdit);
    b.doc.transact(() => b.doc.getText('title').insert(0, 'B'), DOC_ORIGINS.localEdit);
    await Promise.all([a.persistence.close(), b.persistence.close()]);

    expect(await storedTitle('peerbook-entry-e-aaaaaaaa01')).toBe('A');
  });
});

describe('the updates a document was loaded from', () => {
  it('are given once, and hold exactly what the document holds', async () => {
    const first = await open();
    initEntryDoc(first.doc, { kind: 'lesson', createdAt, title: 'Stored' });
    addEntryTag(first.doc, 'ops', createdAt);
    await first.persistence.close();

    const { doc, persistence } = await open();
    const loaded = persistence.takeLoadedUpdates();
    expect(loaded).not.toBeNull();
    const copy = new Y.Doc();
    for (const update of loaded ?? []) Y.applyUpdate(copy, update);
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(doc));
    expect(getEntryTitle(copy)).toBe('Stored');
    expect(getEntryTags(copy)).toEqual(['ops']);
    expect(persistence.takeLoadedUpdates()).toBeNull();
    await persistence.close();
  });

  it('are not given once the document has changed since it was loaded', async () => {
    const first = await open();
    initEntryDoc(first.doc, { kind: 'lesson', createdAt, title: 'Stored' });
    await first.persistence.close();

    const { doc, persistence } = await open();
    setEntryTitle(doc, 'Changed after loading');
    expect(persistence.takeLoadedUpdates()).toBeNull();
    await persistence.close();
  });
});

