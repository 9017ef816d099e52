import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { entryDatabaseName } from '../../../../renderer/storage/deviceDatabases';
import { DocPersistence } from '../../../../renderer/collab/docPersistence';
import { EntryLifecycle } from '../../../../renderer/collab/entryLifecycle';
import { UNSAVED_RETRY_MS } from '../../../../renderer/collab/unsavedEdits';
import { getEntryTitle, initEntryDoc, setEntryTitle } from '../../../../shared/entry/entryDoc';
import { parseEntryId } from '../../../../shared/entry/entryId';

const id = parseEntryId('e-diskfull001');

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  // fake-indexeddb runs on setImmediate, which stays real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** The disk is full: every write's transaction aborts after its request was issued. */
function diskFull(): () => void {
  const realAdd = IDBObjectStore.prototype.add;
  const spy = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
    const request = realAdd.apply(this, args);
    this.transaction.abort();
    return request;
  });
  return () => spy.mockRestore();
}

/** Runs timers due now and lets storage answer, until `done`. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 500 && !done(); turn++) {
    await vi.advanceTimersByTimeAsync(0);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!done()) throw new Error(`never happened: ${what}`);
}

async function storeEntry(): Promise<void> {
  const doc = new Y.Doc();
  initEntryDoc(doc, { kind: 'lesson', createdAt: Date.UTC(2025, 3, 1), title: 'Before' });
  const persistence = new DocPersistence(entryDatabaseName(id), doc);
  await persistence.whenLoaded;
  await persistence.close();
}

describe('closing an entry while the disk is full', () => {
  it('keeps its edits in memory, says so, gives them back when it opens again, and saves them once there is room', async () => {
    await storeEntry();
    const entries = new EntryLifecycle();
    const lease = entries.acquire(id);
    await lease.entry.whenLoaded;
    const roomAgain = diskFull();
    setEntryTitle(lease.entry.doc, 'Written while the disk was full');
    await lease.entry.flush();
    expect(entries.saveState.error).toMatch(/kept while Peerbook stays open/);

    lease.release();
    await until(() => entries.openIds().length === 0 && entries.saveState.pending === 0, 'the entry closed');
    // Closed, and the promise still holds: the edit is kept, and the status says so.
    expect(entries.saveState.error).toMatch(/an entry you closed are not saved on this device yet/);
    expect(entries.saveState.error).toMatch(/keeps them in memory while it stays open/);

    const again = entries.acquire(id);
    await again.entry.whenLoaded;
    expect(getEntryTitle(again.entry.doc)).toBe('Written while the disk was full');
    again.release();
    await until(() => entries.openIds().length === 0 && entries.saveState.pending === 0, 'the entry closed again');
    expect(entries.saveState.error).not.toBeNull();

    roomAgain();
    await vi.advanceTimersByTimeAsync(UNSAVED_RETRY_MS);
    await until(() => entries.saveState.error === null, 'the held edit was saved');

    // A restart reads it from the disk.
    const restarted = new EntryLifecycle();
    await expect(restarted.use(id, ({ doc }) => getEntryTitle(doc))).resolves.toBe('Written while the disk was full');
    await restarted.closeAll();
  });
});
