import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DocPersistence } from '../../../../renderer/collab/docPersistence';
import { DOC_ORIGINS } from '../../../../shared/doc/docOrigins';
import { readStoredUpdates, storedBytes } from '../../support/deviceStorage';

/**
 * Storage stays proportional to the content, however often an entry is opened and however many
 * small edits it took to write it (y-indexeddb alone appends on every open and compacts only
 * after 500 updates: https://github.com/yjs/y-indexeddb/issues/31).
 */

const NAME = 'peerbook-entry-e-compact0001';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

interface Sitting {
  readonly doc: Y.Doc;
  readonly persistence: DocPersistence;
}

async function openEntry(): Promise<Sitting> {
  const doc = new Y.Doc();
  const persistence = new DocPersistence(NAME, doc);
  await persistence.whenLoaded;
  return { doc, persistence };
}

/** One keystroke: a character typed at the end of the notes, in its own transaction. */
function type(doc: Y.Doc, character: string): void {
  const notes = doc.getText('notes');
  doc.transact(() => notes.insert(notes.length, character), DOC_ORIGINS.localEdit);
}

describe('storage on this device', () => {
  it('stays proportional to the content after 100 sittings and 1,000 keystrokes', async () => {
    const typed: string[] = [];
    let last: Sitting | null = null;
    for (let sitting = 0; sitting < 100; sitting++) {
      const open = await openEntry();
      for (let key = 0; key < 10; key++) {
        const character = String.fromCharCode(97 + ((sitting + key) % 26));
        type(open.doc, character);
        typed.push(character);
      }
      await open.persistence.close();
      last = open;
    }

    // At rest, the entry is one merged state.
    expect(await readStoredUpdates(NAME)).toHaveLength(1);
    const content = Y.encodeStateAsUpdate(last!.doc).byteLength;
    const stored = await storedBytes(NAME);
    // 2× allows one full extra copy of the document (a merged state plus what arrived since);
    // the 64 bytes cover the near-empty state ([0, 0], 2 bytes) y-indexeddb records on an open,
    // a few times over. Without compaction, the 1,000 single-keystroke updates alone take about
    // eight times the merged state (about 20 bytes each, against about 2.5 bytes per character).
    expect(stored).toBeLessThanOrEqual(2 * content + 64);

    // Compaction lost nothing: the next sitting sees every keystroke, in order.
    const next = await openEntry();
    expect(next.doc.getText('notes').toString()).toBe(typed.join(''));
    await next.persistence.close();
  });

  it('does not grow when an entry is only opened and closed', async () => {
    const first = await openEntry();
    for (const character of 'Checked the runbook') type(first.doc, character);
    await first.persistence.close();
    const afterWriting = await storedBytes(NAME);

    for (let sitting = 0; sitting < 100; sitting++) {
      const open = await openEntry();
      await open.persistence.close();
    }

    expect(await storedBytes(NAME)).toBe(afterWriting);
    expect(await readStoredUpdates(NAME)).toHaveLength(1);
  });

  it('compacts a long burst of typing once the user pauses, without closing the entry', async () => {
    const open = await openEntry();
    // Each key in a task of its own, as typed.
    for (let key = 0; key < 300; key++) {
      type(open.doc, String.fromCharCode(97 + (key % 26)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await open.persistence.flush();
    expect((await readStoredUpdates(NAME)).length).toBeGreaterThan(200);

    // The pause: compaction waits for typing to stop (1.5 s) before it rewrites the store.
    await vi.waitFor(async () => expect(await readStoredUpdates(NAME)).toHaveLength(1), { timeout: 5000, interval: 100 });
    expect(await storedBytes(NAME)).toBeLessThanOrEqual(2 * Y.encodeStateAsUpdate(open.doc).byteLength + 64);

    await open.persistence.close();
    const next = await openEntry();
    expect(next.doc.getText('notes').length).toBe(300);
    await next.persistence.close();
  });

  it('writes the changes made in one task together, after it, saying "saving" from the first', async () => {
    const open = await openEntry();
    const stored = (await readStoredUpdates(NAME)).length;
    // A paste, or a burst from a colleague: many updates in one task.
    for (let key = 0; key < 50; key++) type(open.doc, 'p');
    expect(open.persistence.saveState.pending).toBe(50);
    await open.persistence.flush();
    expect(open.persistence.saveState).toEqual({ pending: 0, error: null });
    expect(await readStoredUpdates(NAME)).toHaveLength(stored + 1);

    const again = new Y.Doc();
    for (const update of await readStoredUpdates(NAME)) Y.applyUpdate(again, update);
    expect(again.getText('notes').toString()).toBe('p'.repeat(50));
    await open.persistence.close();
  });

  it('keeps what another tab stored while compacting', async () => {
    const mine = await openEntry();
    const theirs = await openEntry();
    type(mine.doc, 'm');
    type(theirs.doc, 't');
    await Promise.all([mine.persistence.flush(), theirs.persistence.flush()]);

    // Closing compacts: my tab merges what the other tab stored instead of overwriting it.
    await mine.persistence.close();
    await theirs.persistence.close();

    const next = await openEntry();
    expect([...next.doc.getText('notes').toString()].sort()).toEqual(['m', 't']);
    await next.persistence.close();
  });
});
