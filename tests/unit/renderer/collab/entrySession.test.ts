import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entryDatabaseName } from '../../../../renderer/collab/databaseNames';
import { DocPersistence, type SaveState } from '../../../../renderer/collab/docPersistence';
import { EntrySession } from '../../../../renderer/collab/entrySession';
import { CURRENT_SCHEMA_VERSION, DocFromNewerVersionError } from '../../../../shared/doc/schemaVersion';
import { getEntryTitle, initEntryDoc, readEntryMeta, setEntryTitle } from '../../../../shared/entry/entryDoc';
import { parseEntryId } from '../../../../shared/entry/entryId';

const id = parseEntryId('e-session0001');
const createdAt = Date.UTC(2025, 3, 1);

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

/** Puts an entry on this device as an earlier session (or a stock client) left it. */
async function storeEntry(write: (doc: Y.Doc) => void): Promise<void> {
  const doc = new Y.Doc();
  write(doc);
  const persistence = new DocPersistence(entryDatabaseName(id), doc);
  await persistence.whenLoaded;
  await persistence.close();
}

/** Settles with `promise`, or rejects after `ms` so that a load that never ends fails the test. */
function within<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still not settled after ${ms} ms`)), ms)),
  ]);
}

describe('opening an entry for the editor', () => {
  it('tells the editor it is in sync once the stored entry is in the document', async () => {
    await storeEntry((doc) => initEntryDoc(doc, { kind: 'lesson', createdAt, title: 'Stored lesson' }));
    const session = new EntrySession(id);
    const statuses: string[] = [];
    const syncs: Array<{ synced: boolean; title: string }> = [];
    session.on('status', ({ status }) => statuses.push(status));
    session.on('sync', (synced) => syncs.push({ synced, title: getEntryTitle(session.doc) }));

    session.connect();
    expect(statuses).toEqual(['connected']);
    await within(session.whenLoaded);

    expect(syncs).toEqual([{ synced: true, title: 'Stored lesson' }]);
    await session.close();
  });

  it('leaves the document empty until the editor connects, so the editor sees the content arrive', async () => {
    await storeEntry((doc) => initEntryDoc(doc, { kind: 'lesson', createdAt, title: 'Stored lesson' }));
    const session = new EntrySession(id);
    let changes = 0;
    session.doc.on('update', () => changes++);

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(getEntryTitle(session.doc)).toBe('');

    session.connect();
    await within(session.whenLoaded);
    expect(getEntryTitle(session.doc)).toBe('Stored lesson');
    expect(changes).toBeGreaterThan(0);
    await session.close();
  });

  it('loads once however often the editor connects', async () => {
    await storeEntry((doc) => initEntryDoc(doc, { kind: 'lesson', createdAt }));
    const session = new EntrySession(id);
    let syncs = 0;
    session.on('sync', () => syncs++);
    session.connect();
    session.connect();
    await within(session.whenLoaded);
    expect(syncs).toBe(1);
    await session.close();
  });

  it('says "saving" while an edit is being written, and "saved" once it is on disk', async () => {
    await storeEntry((doc) => initEntryDoc(doc, { kind: 'lesson', createdAt }));
    const session = new EntrySession(id);
    const seen: SaveState[] = [];
    session.onSaveState((state) => seen.push(state));
    session.connect();
    await within(session.whenLoaded);

    setEntryTitle(session.doc, 'Typed in the editor');
    expect(session.saveState.pending).toBeGreaterThan(0);
    await within(new Promise<void>((resolve) => session.onSaveState((state) => state.pending === 0 && resolve())));
    expect(session.saveState).toEqual({ pending: 0, error: null });
    expect(seen.at(-1)).toEqual({ pending: 0, error: null });
    await session.close();

    const next = new EntrySession(id);
    next.connect();
    await within(next.whenLoaded);
    expect(getEntryTitle(next.doc)).toBe('Typed in the editor');
    await next.close();
  });

  it('brings an entry stored without a version up to the current format', async () => {
    await storeEntry((doc) => {
      doc.getMap('meta').set('kind', 'debrief');
      doc.getMap('meta').set('createdAt', createdAt);
    });
    const session = new EntrySession(id);
    session.connect();
    await within(session.whenLoaded);
    expect(readEntryMeta(session.doc)).toEqual({ kind: 'debrief', createdAt, schemaVersion: CURRENT_SCHEMA_VERSION });
    await session.close();

    // The migration was saved: the next session finds the entry already current.
    const next = new EntrySession(id);
    let migrated = false;
    next.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === 'peerbook:migration') migrated = true;
    });
    next.connect();
    await within(next.whenLoaded);
    expect(next.doc.getMap('meta').get('schemaVersion')).toBe(CURRENT_SCHEMA_VERSION);
    expect(migrated).toBe(false);
    await next.close();
  });

  it('refuses an entry from a newer Peerbook, and never tells the editor it is in sync', async () => {
    await storeEntry((doc) => {
      initEntryDoc(doc, { kind: 'lesson', createdAt });
      doc.getMap('meta').set('schemaVersion', CURRENT_SCHEMA_VERSION + 1);
    });
    const session = new EntrySession(id);
    let synced = false;
    session.on('sync', () => (synced = true));
    session.connect();

    await expect(within(session.whenLoaded)).rejects.toBeInstanceOf(DocFromNewerVersionError);
    expect(synced).toBe(false);
    expect(readEntryMeta(session.doc)?.schemaVersion).toBe(CURRENT_SCHEMA_VERSION + 1);
    await session.close();
  });

  it('stops telling a listener that was taken off', async () => {
    await storeEntry((doc) => initEntryDoc(doc, { kind: 'lesson', createdAt }));
    const session = new EntrySession(id);
    let syncs = 0;
    const listener = (): void => {
      syncs++;
    };
    session.on('sync', listener);
    session.off('sync', listener);
    session.connect();
    await within(session.whenLoaded);
    expect(syncs).toBe(0);
    await session.close();
  });
});
