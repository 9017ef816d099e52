import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { $getRoot, $isElementNode, $createTextNode } from 'lexical';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { entryDatabaseName } from '../../../../renderer/storage/deviceDatabases';
import { DocPersistence } from '../../../../renderer/collab/docPersistence';
import type { SaveState } from '../../../../renderer/collab/saveState';
import { EntryLifecycle } from '../../../../renderer/collab/entryLifecycle';
import { writeEntryTemplate } from '../../../../renderer/editor/entryTemplateWriter';
import { readBodyMarkdown } from '../../../../renderer/editor/headlessBodyEditor';
import { DOC_ORIGINS } from '../../../../shared/doc/docOrigins';
import { CURRENT_SCHEMA_VERSION } from '../../../../shared/doc/schemaVersion';
import { getEntryTitle, initEntryDoc, readEntryMeta, setEntryTitle } from '../../../../shared/entry/entryDoc';
import { parseEntryId } from '../../../../shared/entry/entryId';
import { mountEntryEditor } from '../../support/entryEditor';
import { settle, type LiveBodyEditor } from '../../support/liveBodyEditor';

const id = parseEntryId('e-session0001');
const createdAt = Date.UTC(2025, 3, 1);

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

/** Puts an entry on this device as an earlier run of the app (or a stock client) left it. */
async function storeEntry(write: (doc: Y.Doc) => void): Promise<void> {
  const doc = new Y.Doc();
  write(doc);
  const persistence = new DocPersistence(entryDatabaseName(id), doc);
  await persistence.whenLoaded;
  await persistence.close();
}

/** Settles with `promise`, or rejects after `ms` so that a load that never ends fails the test. */
function within<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still not settled after ${ms} ms`)), ms))]);
}

/** Takes the stored entry from a new lifecycle and waits for it to load; `close` lets go of both. */
async function openStored() {
  const entries = new EntryLifecycle();
  const lease = entries.acquire(id);
  await within(lease.entry.whenLoaded);
  return {
    entry: lease.entry,
    close: async (): Promise<void> => {
      lease.release();
      await entries.closeAll();
    },
  };
}

/** Resolves once every entry that was let go has closed (closing waits for the next task). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10));
}

describe('opening an entry', () => {
  it('loads a stored entry with no editor involved', async () => {
    await storeEntry((doc) => initEntryDoc(doc, { kind: 'lesson', createdAt, title: 'Stored lesson' }));
    const { entry, close } = await openStored();
    expect(getEntryTitle(entry.doc)).toBe('Stored lesson');
    await close();
  });

  it('gives two users of one entry the same document, and closes it when the last one lets go', async () => {
    await storeEntry((doc) => initEntryDoc(doc, { kind: 'lesson', createdAt, title: 'Shared by two' }));
    const entries = new EntryLifecycle();
    const editor = entries.acquire(id);
    const background = entries.acquire(id);
    expect(background.entry).toBe(editor.entry);
    await within(editor.entry.whenLoaded);

    editor.release();
    editor.release(); // letting go twice lets go once
    await nextTask();
    expect(entries.peek(id)).toBe(background.entry);
    setEntryTitle(background.entry.doc, 'Still open for the other');

    background.release();
    await nextTask();
    expect(entries.peek(id)).toBeNull();
    // Closing writes what is left and compacts first.
    await vi.waitFor(() => expect(background.entry.doc.isDestroyed).toBe(true), { timeout: 2000, interval: 5 });

    // What was written before it closed is on disk.
    const again = entries.acquire(id);
    await within(again.entry.whenLoaded);
    expect(getEntryTitle(again.entry.doc)).toBe('Still open for the other');
    again.release();
    await entries.closeAll();
  });

  it('keeps the same document when let go and taken again at once, as StrictMode does', async () => {
    await storeEntry((doc) => initEntryDoc(doc, { kind: 'lesson', createdAt }));
    const entries = new EntryLifecycle();
    const first = entries.acquire(id);
    first.release();
    const second = entries.acquire(id);
    expect(second.entry).toBe(first.entry);
    await nextTask();
    expect(second.entry.doc.isDestroyed).toBe(false);
    second.release();
    await entries.closeAll();
  });

  it('tells watchers of every entry that opens, whoever opened it, and lets them finish before it closes', async () => {
    await storeEntry((doc) => initEntryDoc(doc, { kind: 'lesson', createdAt, title: 'Watched' }));
    const entries = new EntryLifecycle();
    const seen: string[] = [];
    entries.watchOpenEntries((entry) => {
      seen.push(`open ${entry.id}`);
      return () => {
        // The document is still readable when the watcher lets go.
        seen.push(`close ${getEntryTitle(entry.doc)}`);
      };
    });
    await entries.use(id, () => undefined);
    await nextTask();
    expect(seen).toEqual([`open ${id}`, 'close Watched']);
  });

  it('says "saving" while an edit is being written, and "saved" once it is on disk', async () => {
    await storeEntry((doc) => initEntryDoc(doc, { kind: 'lesson', createdAt }));
    const entries = new EntryLifecycle();
    const seen: SaveState[] = [];
    entries.onSaveState((state) => seen.push(state));
    const lease = entries.acquire(id);
    await within(lease.entry.whenLoaded);

    setEntryTitle(lease.entry.doc, 'Typed in the editor');
    expect(entries.saveState.pending).toBeGreaterThan(0);
    await within(lease.entry.flush());
    expect(entries.saveState).toEqual({ pending: 0, error: null });
    expect(seen.at(-1)).toEqual({ pending: 0, error: null });
    lease.release();
    await entries.closeAll();
  });

  it('brings an entry stored without a version up to the current format, once', async () => {
    await storeEntry((doc) => {
      doc.getMap('meta').set('kind', 'debrief');
      doc.getMap('meta').set('createdAt', createdAt);
    });
    const entries = new EntryLifecycle();
    await entries.use(id, ({ doc }) => expect(readEntryMeta(doc)).toEqual({ kind: 'debrief', createdAt, schemaVersion: CURRENT_SCHEMA_VERSION }));
    await entries.closeAll();

    let migratedAgain = false;
    entries.watchOpenEntries((entry) => {
      entry.doc.on('update', (_update: Uint8Array, origin: unknown) => {
        if (origin === DOC_ORIGINS.migration) migratedAgain = true;
      });
    });
    await entries.use(id, ({ doc }) => expect(doc.getMap('meta').get('schemaVersion')).toBe(CURRENT_SCHEMA_VERSION));
    expect(migratedAgain).toBe(false);
  });

});

describe('an entry that says it is in a newer format', () => {
  /** The update a peer holding the link sends to claim a newer format: one map entry. */
  function newerFormatClaim(entry: Y.Doc, format: number): Uint8Array {
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(entry));
    const before = Y.encodeStateVector(peer);
    peer.getMap('meta').set('schemaVersion', format);
    return Y.encodeStateAsUpdate(peer, before);
  }

  function writtenHere(doc: Y.Doc, entry: { isLoadOrigin(origin: unknown): boolean }): unknown[] {
    const origins: unknown[] = [];
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (!entry.isLoadOrigin(origin) && origin !== 'peer') origins.push(origin);
    });
    return origins;
  }

  it('opens read-only with its text, instead of never opening, and is not migrated', async () => {
    let claim: Uint8Array = new Uint8Array();
    await storeEntry((doc) => {
      initEntryDoc(doc, { kind: 'lesson', createdAt, title: 'Still readable' });
      writeEntryTemplate(doc, 'lesson');
      claim = newerFormatClaim(doc, 99);
      Y.applyUpdate(doc, claim);
    });
    // One small update is all it takes.
    expect(claim.byteLength).toBeLessThanOrEqual(32);

    const { entry, close } = await openStored();
    expect(entry.readOnly).toEqual({ kind: 'newer-format', format: 99 });
    expect(getEntryTitle(entry.doc)).toBe('Still readable');
    expect(readBodyMarkdown(entry.doc)).toContain('## What I learned');
    expect(entry.doc.getMap('meta').get('schemaVersion')).toBe(99);
    await close();
  });

  it('gets nothing from an editor that shows it: typing, ticking and repairs stay in the editor', async () => {
    await storeEntry((doc) => {
      initEntryDoc(doc, { kind: 'lesson', createdAt, title: 'Not mine to change' });
      writeEntryTemplate(doc, 'lesson');
      doc.getMap('meta').set('schemaVersion', CURRENT_SCHEMA_VERSION + 1);
    });
    const { entry, close } = await openStored();
    const written = writtenHere(entry.doc, entry);
    const before = readBodyMarkdown(entry.doc);

    const editor = mountEntryEditor(entry);
    await settle();
    expect(editor.markdown()).toBe(before);
    await editor.edit(() => {
      const block = $getRoot().getChildAtIndex(1);
      if ($isElementNode(block)) block.append($createTextNode('Typed anyway.'));
    });
    // Control: the editor itself took the edit, so the entry would have received it.
    expect(editor.markdown()).toContain('Typed anyway.');
    expect(written).toEqual([]);
    expect(readBodyMarkdown(entry.doc)).toBe(before);
    editor.unmount();
    await close();
  });

  it('stops an editor that shows it the moment a peer claims a newer format: nothing more is written, not even a repair', async () => {
    await storeEntry((doc) => {
      initEntryDoc(doc, { kind: 'lesson', createdAt, title: 'Mine until the claim' });
      writeEntryTemplate(doc, 'lesson');
    });
    const { entry, close } = await openStored();
    const editor = mountEntryEditor(entry);
    await settle();
    let stale = 0;
    editor.bound.onStale(() => stale++);
    const written = writtenHere(entry.doc, entry);
    /** A peer's update with words in front of the first text node's map, which the editor repairs. */
    const wordsBeforeAMap = (words: string, claim: number | null): Uint8Array => {
      const peer = new Y.Doc();
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(entry.doc));
      const before = Y.encodeStateVector(peer);
      peer.transact(() => {
        const block = peer.get('root', Y.XmlText).toDelta()[1].insert as Y.XmlText;
        block.insert(0, words);
        if (claim !== null) peer.getMap('meta').set('schemaVersion', claim);
      });
      return Y.encodeStateAsUpdate(peer, before);
    };

    // Control: while the entry is writable, the editor repairs such words in the entry.
    Y.applyUpdate(entry.doc, wordsBeforeAMap('Repaired. ', null), 'peer');
    await settle();
    expect(editor.markdown()).toContain('Repaired.');
    expect(written.length).toBeGreaterThan(0);
    written.length = 0;

    Y.applyUpdate(entry.doc, wordsBeforeAMap('Not repaired. ', CURRENT_SCHEMA_VERSION + 1), 'peer');
    await settle();
    expect(entry.readOnly).toEqual({ kind: 'newer-format', format: CURRENT_SCHEMA_VERSION + 1 });
    expect(stale).toBe(1);
    await editor.edit(() => {
      const block = $getRoot().getChildAtIndex(1);
      if ($isElementNode(block)) block.append($createTextNode('Typed after the claim.'));
    });
    expect(written).toEqual([]);
    expect(readBodyMarkdown(entry.doc)).not.toContain('Typed after the claim.');
    editor.unmount();

    // Bound again, as the view does: read-only, the peer's words shown, still nothing written.
    const again = mountEntryEditor(entry);
    await settle();
    expect(again.markdown()).toContain('Not repaired.');
    expect(written).toEqual([]);
    expect([...editor.errors, ...again.errors]).toEqual([]);
    again.unmount();
    await close();
  });

  it('turns read-only while open when a peer claims a newer format, and writable when the claim is taken back', async () => {
    await storeEntry((doc) => initEntryDoc(doc, { kind: 'debrief', createdAt }));
    const { entry, close } = await openStored();
    const seen: unknown[] = [];
    entry.onReadOnly((reason) => seen.push(reason));
    expect(entry.readOnly).toBeNull();

    Y.applyUpdate(entry.doc, newerFormatClaim(entry.doc, 7), 'peer');
    expect(entry.readOnly).toEqual({ kind: 'newer-format', format: 7 });
    Y.applyUpdate(entry.doc, newerFormatClaim(entry.doc, CURRENT_SCHEMA_VERSION), 'peer');
    expect(entry.readOnly).toBeNull();
    expect(seen).toEqual([{ kind: 'newer-format', format: 7 }, null]);
    await close();
  });
});

/** A colleague's editor adds `text` at the end of the body, and the change reaches `entry`. */
async function appendAsPeer(peerBody: LiveBodyEditor, peer: Y.Doc, entry: Y.Doc, text: string): Promise<void> {
  await peerBody.edit(() => {
    const last = $getRoot().getLastChild();
    if ($isElementNode(last)) last.append($createTextNode(text));
  });
  Y.applyUpdate(entry, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(entry)), 'peer');
}

describe('an entry loaded in the background, then shown in the editor', () => {
  async function storeTemplate(): Promise<void> {
    await storeEntry((doc) => {
      initEntryDoc(doc, { kind: 'lesson', createdAt, title: 'A lesson' });
      writeEntryTemplate(doc, 'lesson');
    });
  }

  it('shows its body once, with nothing written back', async () => {
    await storeTemplate();
    const entries = new EntryLifecycle();
    const background = entries.acquire(id);
    await within(background.entry.whenLoaded);
    const stored = readBodyMarkdown(background.entry.doc);
    let writes = 0;
    background.entry.doc.on('update', () => writes++);

    const editor = mountEntryEditor(background.entry);
    await settle();
    expect(editor.markdown()).toBe(stored);
    expect(stored.match(/## What happened/g)).toHaveLength(1);
    expect(writes).toBe(0);
    expect(editor.errors).toEqual([]);
    editor.unmount();
    background.release();
    await entries.closeAll();
  });

  it('shows what changed between loading and the editor: it starts from the entry, not only from what was stored', async () => {
    await storeTemplate();
    const { entry, close } = await openStored();
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(entry.doc));
    const peerBody = mountEntryEditor({ doc: peer, awareness: new Awareness(peer), offerBodyReader: () => () => undefined });
    await settle();
    await appendAsPeer(peerBody, peer, entry.doc, 'Arrived in the background.');

    const editor = mountEntryEditor(entry);
    await settle();
    expect(editor.markdown()).toContain('Arrived in the background.');
    expect(editor.markdown()).toBe(readBodyMarkdown(entry.doc));
    editor.unmount();
    peerBody.unmount();
    await close();
  });

  it('shows a peer’s change that arrives while the editor mounts, and sends the editor’s typing to the entry', async () => {
    await storeTemplate();
    const { entry, close } = await openStored();
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(entry.doc));

    const editor = mountEntryEditor(entry);
    // Before Lexical has committed what it was given, a peer's title and body arrive.
    setEntryTitle(peer, 'Renamed by a peer');
    const peerBody = mountEntryEditor({ doc: peer, awareness: new Awareness(peer), offerBodyReader: () => () => undefined });
    await settle();
    await appendAsPeer(peerBody, peer, entry.doc, 'From the peer.');
    await settle();
    expect(editor.markdown()).toContain('From the peer.');
    expect(getEntryTitle(entry.doc)).toBe('Renamed by a peer');

    await editor.edit(() => {
      const first = $getRoot().getChildAtIndex(1);
      if ($isElementNode(first)) first.append($createTextNode('Typed here.'));
    });
    expect(readBodyMarkdown(entry.doc)).toContain('Typed here.');
    expect(readBodyMarkdown(entry.doc)).toBe(editor.markdown());
    expect(readBodyMarkdown(entry.doc).match(/## What happened/g)).toHaveLength(1);
    editor.unmount();
    peerBody.unmount();
    await close();
  });

  it('keeps two editors of one entry in step with it and with each other', async () => {
    await storeTemplate();
    const { entry, close } = await openStored();
    const first = mountEntryEditor(entry, 'Ana');
    const second = mountEntryEditor(entry, 'Ana');
    await settle();
    const typeInto = (editor: LiveBodyEditor, text: string) =>
      editor.edit(() => {
        const block = $getRoot().getChildAtIndex(1);
        if ($isElementNode(block)) block.append($createTextNode(text));
      });
    await typeInto(first, 'From the first. ');
    await typeInto(second, 'From the second.');
    await settle();
    const body = readBodyMarkdown(entry.doc);
    expect(body).toContain('From the first. From the second.');
    expect(first.markdown()).toBe(body);
    expect(second.markdown()).toBe(body);
    expect([...first.errors, ...second.errors]).toEqual([]);
    first.unmount();
    second.unmount();
    await close();
  });

  it('binds afresh when the editor is mounted twice (StrictMode) or shown again later', async () => {
    await storeTemplate();
    const { entry, close } = await openStored();
    const first = mountEntryEditor(entry);
    first.unmount();
    const second = mountEntryEditor(entry);
    await settle();
    await second.edit(() => {
      const block = $getRoot().getChildAtIndex(1);
      if ($isElementNode(block)) block.append($createTextNode('After remounting.'));
    });
    second.unmount();
    const third = mountEntryEditor(entry);
    await settle();
    const shown = third.markdown();
    expect(shown).toBe(readBodyMarkdown(entry.doc));
    expect(shown.match(/After remounting\./g)).toHaveLength(1);
    expect(shown.match(/## What happened/g)).toHaveLength(1);
    expect([...first.errors, ...second.errors, ...third.errors]).toEqual([]);
    third.unmount();
    await close();
  });
});
