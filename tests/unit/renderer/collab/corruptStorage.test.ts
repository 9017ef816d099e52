import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LIBRARY_DATABASE_NAME, entryDatabaseName } from '../../../../renderer/storage/deviceDatabases';
import { CorruptDocumentError, DocPersistence } from '../../../../renderer/collab/docPersistence';
import { Journal } from '../../../../renderer/journal/journal';
import { getEntryTitle, setEntryTitle } from '../../../../shared/entry/entryDoc';
import { damageStoredDocument } from '../../support/deviceStorage';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('a document whose storage cannot be read', () => {
  it('fails to load with a typed error instead of never opening', async () => {
    const doc = new Y.Doc();
    const first = new DocPersistence('peerbook-entry-e-broken00001', doc);
    await first.whenLoaded;
    setEntryTitle(doc, 'Fine so far');
    await first.close();
    await damageStoredDocument('peerbook-entry-e-broken00001');

    const again = new DocPersistence('peerbook-entry-e-broken00001', new Y.Doc());
    await expect(again.whenLoaded).rejects.toBeInstanceOf(CorruptDocumentError);
  });

  it('leaves the rest of the journal opening, and reports the entry that cannot be read', async () => {
    const journal = await Journal.open();
    const broken = await journal.createEntry('lesson');
    const fine = await journal.createEntry('checklist');
    await journal.close();
    await damageStoredDocument(entryDatabaseName(broken));

    const reopened = await Journal.open();
    expect(reopened.rows().map((row) => row.id).sort()).toEqual([broken, fine].sort());
    await expect(reopened.entries.use(broken, () => undefined)).rejects.toBeInstanceOf(CorruptDocumentError);
    await expect(reopened.entries.use(fine, ({ doc }) => getEntryTitle(doc))).resolves.toBe('');
  });

  it('sets an unreadable library aside and rebuilds it from the entries, reporting what happened', async () => {
    const journal = await Journal.open();
    const a = await journal.createEntry('lesson');
    const b = await journal.createEntry('debrief');
    await journal.entries.use(a, ({ doc }) => setEntryTitle(doc, 'Survives a broken library'));
    await journal.close();
    await damageStoredDocument(LIBRARY_DATABASE_NAME);

    const reopened = await Journal.open();
    const rows = reopened.rows();
    expect(rows.map((row) => row.id).sort()).toEqual([a, b].sort());
    expect(rows.find((row) => row.id === a)?.title).toBe('Survives a broken library');
    expect(rows.find((row) => row.id === b)?.kind).toBe('debrief');
    expect(reopened.startupProblems[0]).toMatch(/rebuilt it from the 2 entries/);
    const names = (await indexedDB.databases()).map((database) => database.name);
    expect(names.some((name) => name?.startsWith(`${LIBRARY_DATABASE_NAME}-quarantined-`))).toBe(true);
  });
});
