import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { $isListItemNode } from '@lexical/list';
import { $createTextNode, $getRoot, $isElementNode } from 'lexical';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entryDatabaseName } from '../../../../renderer/storage/deviceDatabases';
import { readChecklistProgress } from '../../../../renderer/editor/checklistProgress';
import { readBodyMarkdown } from '../../../../renderer/editor/headlessBodyEditor';
import { readActionsOfOlderDebriefs, setActionDone } from '../../../../renderer/journal/debriefActions';
import { Journal } from '../../../../renderer/journal/journal';
import { writeMarkdownBody } from '../../../../renderer/editor/markdownBodyWriter';
import { readContributors } from '../../../../shared/entry/contributors';
import { LIBRARY_SCHEMA_VERSION } from '../../../../shared/doc/schemaVersion';
import { addEntryTag, initEntryDoc, readEntryMeta, setEntryTitle } from '../../../../shared/entry/entryDoc';
import type { EntryId } from '../../../../shared/entry/entryId';
import { templateHeadings } from '../../../../shared/entry/entryTemplates';
import { queryEntries, trashedEntries } from '../../../../shared/library/libraryQuery';
import { databaseNames } from '../../support/deviceStorage';
import { mountLiveBodyEditor, settle, type LiveBodyEditor } from '../../support/liveBodyEditor';
import { mountEntryEditor } from '../../support/entryEditor';
import type { BodyPaging } from '../../../../renderer/editor/entryBodyBinding';
import { writeParagraphsBody } from '../../../../renderer/editor/sampleBodyWriter';
import { sampleParagraphs } from '../../../../shared/seed/sampleEntries';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

/** A clock the test moves by hand, so dates in the library are known. */
function manualClock(start: number): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

/** Resolves when the journal would show "Saved": everything it wrote has committed. */
function whenSaved(journal: Journal): Promise<void> {
  if (journal.saveState.pending === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const off = journal.onSaveState((state) => {
      if (state.pending === 0) {
        off();
        resolve();
      }
    });
  });
}

function readEntry(journal: Journal, id: EntryId): Promise<{ kind: string | null; markdown: string; progress: unknown }> {
  return journal.entries.use(id, ({ doc }) => ({
    kind: readEntryMeta(doc)?.kind ?? null,
    markdown: readBodyMarkdown(doc),
    progress: readChecklistProgress(doc),
  }));
}

/** Polls until `check` passes: rows and search follow a moment after the body stops changing. */
async function eventually(check: () => void | Promise<void>, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (failure) {
      if (Date.now() > until) throw failure;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

const live = { kind: null, tag: null } as const;
const start = Date.UTC(2025, 5, 2, 9);

/** A checklist's body as its author wrote it: what it is for, and three steps. */
const writeThreeSteps = (doc: Y.Doc): void =>
  writeMarkdownBody(doc, 'What this checklist is for, and when to use it.\n\n- [ ] First step\n- [ ] Second step\n- [ ] Third step');

describe('the journal on this device', () => {
  it('starts empty', async () => {
    const journal = await Journal.open();
    expect(journal.rows()).toEqual([]);
  });

  it('adds a new checklist to the library with no made-up steps to count', async () => {
    const clock = manualClock(start);
    const journal = await Journal.open(clock.now);
    const id = await journal.createEntry('checklist');

    expect(journal.rows()).toEqual([
      { id, kind: 'checklist', title: '', tags: [], createdAt: start, updatedAt: start, progress: { done: 0, total: 0 }, trashedAt: null, share: null, awaitingPeer: false, uid: expect.stringMatching(/^u-[A-Za-z0-9_-]{22}$/) },
    ]);
  });

  it('opens a new entry with its template, written once', async () => {
    const journal = await Journal.open();
    for (const kind of ['checklist', 'lesson', 'debrief'] as const) {
      const id = await journal.createEntry(kind);
      const entry = await readEntry(journal, id);
      expect(entry.kind, kind).toBe(kind);
      const headings = entry.markdown.split('\n').filter((line) => line.startsWith('## '));
      expect(headings, kind).toEqual(templateHeadings(kind).map((heading) => `## ${heading}`));
      if (kind === 'checklist') {
        expect(entry.markdown.trim()).toBe('- [ ]');
        expect(entry.progress).toEqual({ done: 0, total: 0 });
      }
    }
  });

  it('keeps checklist progress to checklists', async () => {
    const journal = await Journal.open();
    const lesson = await journal.createEntry('lesson');
    const debrief = await journal.createEntry('debrief');
    expect(journal.row(lesson)?.progress).toBeNull();
    expect(journal.row(debrief)?.progress).toBeNull();
  });

  it('gives every new entry its own id and its own storage', async () => {
    const journal = await Journal.open();
    const ids = [await journal.createEntry('lesson'), await journal.createEntry('lesson')];
    expect(new Set(ids).size).toBe(2);
    const names = await databaseNames();
    for (const id of ids) expect(names).toContain(entryDatabaseName(id));
  });

  it('moves an entry to the trash, restores it, and deletes it for good', async () => {
    const clock = manualClock(start);
    const journal = await Journal.open(clock.now);
    const keep = await journal.createEntry('lesson');
    const bin = await journal.createEntry('debrief');

    clock.advance(60_000);
    journal.trash(bin);
    expect(queryEntries(journal.rows(), live, 'created').map((row) => row.id)).toEqual([keep]);
    expect(trashedEntries(journal.rows())).toMatchObject([{ id: bin, trashedAt: start + 60_000 }]);

    journal.restore(bin);
    expect(journal.row(bin)?.trashedAt).toBeNull();
    expect(queryEntries(journal.rows(), live, 'created').map((row) => row.id).sort()).toEqual([keep, bin].sort());

    journal.trash(bin);
    await journal.deleteForever(bin);
    expect(journal.rows().map((row) => row.id)).toEqual([keep]);
    expect(journal.row(bin)).toBeNull();
    // Nothing of the entry is left on the device.
    expect(await databaseNames()).not.toContain(entryDatabaseName(bin));
  });

  it('shows the same library after a restart', async () => {
    const clock = manualClock(start);
    const before = await Journal.open(clock.now);
    const checklist = await before.createEntry('checklist', { writeBody: writeThreeSteps });
    clock.advance(1000);
    const lesson = await before.createEntry('lesson');
    const gone = await before.createEntry('debrief');
    before.updateRow(lesson, { title: 'Rollbacks need a runbook', tags: ['release'], updatedAt: clock.now() });
    before.trash(checklist);
    before.trash(gone);
    await before.deleteForever(gone);
    await whenSaved(before);

    const after = await Journal.open(clock.now);
    expect(after.rows().sort((a, b) => a.id.localeCompare(b.id))).toEqual(before.rows().sort((a, b) => a.id.localeCompare(b.id)));
    expect(after.row(lesson)?.title).toBe('Rollbacks need a runbook');
    expect(after.row(checklist)?.trashedAt).toBe(start + 1000);
    expect(after.row(gone)).toBeNull();

    // The entries themselves are still there after the restart.
    expect((await readEntry(after, checklist)).progress).toEqual({ done: 0, total: 3 });
    expect(after.libraryDoc.getMap('meta').get('schemaVersion')).toBe(LIBRARY_SCHEMA_VERSION);
  });

  it('removes a new entry left untouched once it closes, and keeps one written in', async () => {
    const journal = await Journal.open();
    const closed = (id: EntryId) => eventually(() => expect(journal.entries.peek(id)).toBeNull());

    const untouched = await journal.createDraft('lesson');
    const glance = journal.acquireEntry(untouched);
    await glance.entry.whenLoaded;
    glance.release();
    await closed(untouched);
    await eventually(() => expect(journal.row(untouched)).toBeNull());

    const written = await journal.createDraft('checklist');
    const lease = journal.acquireEntry(written);
    await lease.entry.whenLoaded;
    setEntryTitle(lease.entry.doc, 'Release steps');
    lease.release();
    await closed(written);
    await whenSaved(journal);
    expect(journal.row(written)?.title).toBe('Release steps');
    expect(journal.rows().map((row) => row.id)).toEqual([written]);
  });

  it('says "saving" while the library is being written, and "saved" once it is on disk', async () => {
    const journal = await Journal.open();
    const id = await journal.createEntry('lesson');
    await whenSaved(journal);
    journal.trash(id);
    expect(journal.saveState.pending).toBeGreaterThan(0);
    await whenSaved(journal);
    expect(journal.saveState).toEqual({ pending: 0, error: null });
  });

  it('tells the library view when rows change', async () => {
    const journal = await Journal.open();
    let changes = 0;
    const stop = journal.onRowsChange(() => changes++);
    const id = await journal.createEntry('lesson');
    expect(changes).toBeGreaterThan(0);
    stop();
    const seen = changes;
    journal.trash(id);
    expect(changes).toBe(seen);
  });
});

describe('what the library shows follows every change to an entry, whoever makes it', () => {
  it('keeps a checklist’s row, tags and search text in step with a colleague’s changes while no editor shows it', async () => {
    const clock = manualClock(start);
    const journal = await Journal.open(clock.now);
    journal.startSearch();
    const id = await journal.createEntry('checklist', { writeBody: writeThreeSteps });
    // Background sync holds the entry open; nobody has it on screen.
    const lease = journal.acquireEntry(id);
    await lease.entry.whenLoaded;

    // A colleague ticks the first step, renames the checklist, tags it and adds a line.
    const colleague = new Y.Doc();
    const body = mountLiveBodyEditor(colleague, { userName: 'Ben', now: () => start + 5000 });
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(lease.entry.doc));
    await settle();
    await body.edit(() => {
      const firstItem = $getRoot().getAllTextNodes().find((node) => node.getTextContent() === 'First step')?.getParent();
      if ($isListItemNode(firstItem)) firstItem.setChecked(true);
      const description = $getRoot().getFirstChild();
      if ($isElementNode(description)) description.append($createTextNode(' Rotate the pager keys.'));
    });
    setEntryTitle(colleague, 'On-call handover');
    addEntryTag(colleague, 'on-call', start);
    clock.advance(60_000);
    Y.applyUpdate(lease.entry.doc, Y.encodeStateAsUpdate(colleague, Y.encodeStateVector(lease.entry.doc)), 'a peer');

    await eventually(() => {
      const row = journal.row(id);
      expect(row).toMatchObject({ title: 'On-call handover', tags: ['on-call'], progress: { done: 1, total: 3 }, updatedAt: start + 60_000 });
      expect(row?.activity?.ticks).toEqual([start + 5000]);
    });
    await eventually(async () => expect((await journal.search.search('pager keys', { kind: null, tag: null })).map((hit) => hit.row.id)).toEqual([id]));
    body.unmount();
    lease.release();
    await journal.close();
  });

  it('moves a row’s last change at most every 30 s while a colleague types in the body, and at once for a new title', async () => {
    const clock = manualClock(start);
    const journal = await Journal.open(clock.now);
    journal.startSearch();
    const id = await journal.createEntry('lesson');
    const lease = journal.acquireEntry(id);
    await lease.entry.whenLoaded;
    await whenSaved(journal);
    const colleague = new Y.Doc();
    const body = mountLiveBodyEditor(colleague, { userName: 'Ben', now: clock.now });
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(lease.entry.doc));
    await settle();
    const type = async (word: string, at: number): Promise<void> => {
      clock.advance(at - clock.now());
      const before = Y.encodeStateVector(colleague);
      await body.edit(() => {
        const first = $getRoot().getFirstChild();
        if ($isElementNode(first)) first.append($createTextNode(` ${word}`));
      });
      Y.applyUpdate(lease.entry.doc, Y.encodeStateAsUpdate(colleague, before), 'a peer');
      // The body's words reach search after the pause: the row has followed this change by then.
      await eventually(async () => expect((await journal.search.search(word, live)).map((hit) => hit.row.id)).toEqual([id]));
      await whenSaved(journal);
    };
    const updatedAt = (): number | undefined => journal.row(id)?.updatedAt;
    const createdAt = updatedAt();

    await type('canary', start + 10_000);
    await type('rollout', start + 20_000);
    expect(updatedAt()).toBe(createdAt);
    await type('dashboards', start + 45_000);
    expect(updatedAt()).toBe(start + 45_000);
    await type('alerts', start + 50_000);
    expect(updatedAt()).toBe(start + 45_000);

    clock.advance(5_000);
    setEntryTitle(colleague, 'Canary rollouts');
    Y.applyUpdate(lease.entry.doc, Y.encodeStateAsUpdate(colleague, Y.encodeStateVector(lease.entry.doc)), 'a peer');
    await eventually(() => expect(journal.row(id)).toMatchObject({ title: 'Canary rollouts', updatedAt: start + 55_000 }));
    body.unmount();
    lease.release();
    await journal.close();
  });

  it('reads a long body for search once its editor has drawn it, not by drawing the rest at once', async () => {
    const journal = await Journal.open(manualClock(start).now);
    journal.startSearch();
    const longId = await journal.createEntry('lesson', { writeBody: (doc) => writeParagraphsBody(doc, sampleParagraphs(300)) });
    const shortId = await journal.createEntry('lesson', { writeBody: (doc) => writeParagraphsBody(doc, ['A short one.']) });
    const longLease = journal.acquireEntry(longId);
    const shortLease = journal.acquireEntry(shortId);
    await Promise.all([longLease.entry.whenLoaded, shortLease.entry.whenLoaded]);
    // The long body's editor draws 10 blocks and the rest only when the test says, as if its
    // drawing steps were still to come.
    const stillToCome: BodyPaging = { firstBlocks: 10, blocksPerStep: 0, schedule: () => () => {} };
    const long = mountEntryEditor(longLease.entry, 'Ana', stillToCome);
    const short = mountEntryEditor(shortLease.entry, 'Ana');
    const typeInFirstBlock = (editor: LiveBodyEditor, words: string) =>
      editor.edit(() => {
        const first = $getRoot().getFirstChild();
        if ($isElementNode(first)) first.append($createTextNode(words));
      });
    await typeInFirstBlock(long, ' Typed while drawing.');
    await typeInFirstBlock(short, ' Typed beside it.');
    const found = async (words: string) => (await journal.search.search(words, live)).map((hit) => hit.row.id);

    // Control: the short entry's body was read for search after the pause.
    await eventually(async () => expect(await found('typed beside')).toEqual([shortId]));
    // The long one waits for its editor's drawing instead of drawing the rest in one task.
    expect(long.undrawnBlocks()).toBeGreaterThan(0);
    expect(await found('typed while drawing')).toEqual([]);

    await long.drawMore(Number.POSITIVE_INFINITY);
    await eventually(async () => expect(await found('typed while drawing')).toEqual([longId]));
    long.unmount();
    short.unmount();
    longLease.release();
    shortLease.release();
    await journal.close();
  });

  it('gives a joined entry its kind and title once it arrives, and keeps the provisional title until then', async () => {
    const journal = await Journal.open();
    const sharer = new Y.Doc();
    initEntryDoc(sharer, { kind: 'debrief', createdAt: start, title: 'Launch debrief' });
    const id = journal.joinEntry({ room: 'r'.repeat(32), key: 'k'.repeat(32), signaling: [], title: 'Launch (from the link)' });
    const lease = journal.acquireEntry(id);
    await lease.entry.whenLoaded;
    expect(journal.row(id)).toMatchObject({ kind: 'lesson', title: 'Launch (from the link)', awaitingPeer: true });

    Y.applyUpdate(lease.entry.doc, Y.encodeStateAsUpdate(sharer), 'a peer');
    await eventually(() => expect(journal.row(id)).toMatchObject({ kind: 'debrief', title: 'Launch debrief', awaitingPeer: false }));
    lease.release();
    await journal.close();
  });
});

describe('a debrief’s actions in the library', () => {
  const debriefBody = [
    '## What went well',
    '',
    'The canary caught it.',
    '',
    '## Actions',
    '',
    '- [ ] Update the runbook [@Ana](peerbook://person/Ana)',
    '- [ ] Book the retro room [@Ben](peerbook://person/Ben)',
    '',
  ].join('\n');

  it('are read into the row of a debrief written before actions were recorded, without opening it on screen', async () => {
    const journal = await Journal.open();
    const id = await journal.createEntry('debrief', { title: 'Launch', writeBody: (doc) => writeMarkdownBody(doc, debriefBody) });
    // Derived before this version: activity without actions.
    journal.updateRow(id, { activity: { contributors: [], thanks: [], ticks: [] } });
    expect(journal.row(id)?.activity?.actions).toBeUndefined();

    await readActionsOfOlderDebriefs(journal);
    await eventually(() =>
      expect(journal.row(id)?.activity?.actions).toEqual([
        { text: 'Update the runbook @Ana', owners: ['Ana'], done: false },
        { text: 'Book the retro room @Ben', owners: ['Ben'], done: false },
      ]),
    );
    await journal.close();
  });

  it('are ticked in the debrief itself when ticked from outside it, and the row follows', async () => {
    const clock = manualClock(start);
    const journal = await Journal.open(clock.now);
    const id = await journal.createEntry('debrief', { title: 'Launch', writeBody: (doc) => writeMarkdownBody(doc, debriefBody) });
    const me = { id: 'device-ana-0000000001', name: 'Ana', color: '#4f46e5' };
    clock.advance(60_000);

    expect(await setActionDone(journal, id, { index: 0, text: 'Update the runbook @Ana' }, true, me)).toBe(true);
    const entry = await journal.entries.use(id, ({ doc }) => ({ markdown: readBodyMarkdown(doc), contributors: readContributors(doc) }));
    expect(entry.markdown).toContain('- [x] Update the runbook [@Ana](peerbook://person/Ana)\n- [ ] Book the retro room');
    expect(entry.contributors).toEqual([me]);
    await eventually(() =>
      expect(journal.row(id)?.activity).toMatchObject({
        ticks: [start + 60_000],
        actions: [
          { text: 'Update the runbook @Ana', done: true },
          { text: 'Book the retro room @Ben', done: false },
        ],
      }),
    );
    expect(await setActionDone(journal, id, { index: 0, text: 'Write the wiki @Ana' }, true, me)).toBe(false);
    await journal.close();
  });
});
