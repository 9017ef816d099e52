import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEntryId, type EntryId } from '../../../../shared/entry/entryId';
import { EntryTextStore } from '../../../../renderer/search/entryTextStore';
import { SearchEngine } from '../../../../renderer/search/searchEngine';
import type { FoundEntry, SearchFilter, SearchReply, SearchRequest, SearchRow } from '../../../../renderer/search/searchProtocol';

let made = 0;
const newId = (): EntryId => {
  made++;
  return createEntryId((length) => Uint8Array.from({ length }, (_, index) => (made * 31 + index * 7 + 1) % 256));
};

/** An engine as the search worker runs it, over this test's IndexedDB; answers are collected. */
function startEngine(): { ask(request: SearchRequest): void; query(text: string, filter?: SearchFilter, limit?: number): Promise<FoundEntry[]>; started: Promise<Extract<SearchReply, { type: 'started' }>>; close(): void } {
  let onStarted: (reply: Extract<SearchReply, { type: 'started' }>) => void = () => {};
  const started = new Promise<Extract<SearchReply, { type: 'started' }>>((resolve) => (onStarted = resolve));
  const answers = new Map<number, (hits: FoundEntry[]) => void>();
  const engine = new SearchEngine(
    () => EntryTextStore.open(),
    (reply) => (reply.type === 'started' ? onStarted(reply) : answers.get(reply.id)?.(reply.hits as FoundEntry[])),
  );
  let next = 0;
  return {
    ask: (request) => engine.handle(request),
    query: (text, filter = { kind: null, tag: null }, limit = 50) =>
      new Promise((resolve) => {
        const id = next++;
        answers.set(id, resolve);
        engine.handle({ type: 'query', id, query: text, filter, limit });
      }),
    started,
    close: () => engine.close(),
  };
}

function row(id: EntryId, title: string, tags: string[] = []): SearchRow {
  return { id, title, tags, kind: 'lesson', live: true };
}

const marked = (hit: FoundEntry | undefined): string[] => [...(hit?.title ?? []), ...(hit?.snippet ?? [])].filter((part) => part.match).map((part) => part.text);

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('the search engine a keystroke asks', () => {
  it('finds words by prefix while typing, forgives a typo in a long word, and marks what matched', async () => {
    const outage = newId();
    const deploys = newId();
    const engine = startEngine();
    engine.ask({ type: 'texts', texts: [{ id: outage, body: 'The connection pool was exhausted by a retry storm on Kubernetes.', links: [] }] });
    engine.ask({ type: 'texts', texts: [{ id: deploys, body: 'Never deploy on a Friday afternoon.', links: [] }] });
    engine.ask({ type: 'start', rows: [row(outage, 'Database outage'), row(deploys, 'Friday deploys')] });
    await engine.started;

    const exhausted = await engine.query('exhaus');
    expect(exhausted.map((hit) => hit.id)).toEqual([outage]);
    expect(marked(exhausted[0])).toContain('exhausted');
    expect((await engine.query('kubernetse')).map((hit) => hit.id)).toEqual([outage]);
    expect((await engine.query('friday deploy')).map((hit) => hit.id)).toEqual([deploys]);
    engine.close();
  });

  it('matches a word of two letters in titles and tags only, and bodies from three letters on', async () => {
    const inTitle = newId();
    const inBody = newId();
    const engine = startEngine();
    engine.ask({ type: 'texts', texts: [{ id: inBody, body: 'We rolled back the release.', links: [] }] });
    engine.ask({ type: 'start', rows: [row(inTitle, 'Rollback drill'), row(inBody, 'Release notes')] });
    await engine.started;
    expect((await engine.query('ro')).map((hit) => hit.id)).toEqual([inTitle]);
    expect((await engine.query('rol')).map((hit) => hit.id).sort()).toEqual([inTitle, inBody].sort());
    engine.close();
  });

  it('passes over trashed entries, still giving as many live ones as asked, and narrows by kind and tag', async () => {
    const live = [newId(), newId(), newId()];
    const trashed = [newId(), newId()];
    const engine = startEngine();
    engine.ask({
      type: 'start',
      rows: [
        // The trashed entries would rank first: their titles say "rollback" twice.
        ...trashed.map((id) => ({ ...row(id, 'Rollback rollback', ['deploys']), live: false })),
        row(live[0] as EntryId, 'Rollback drill', ['deploys']),
        { ...row(live[1] as EntryId, 'Rollback checklist'), kind: 'checklist' },
        row(live[2] as EntryId, 'Rollback notes', ['incidents']),
      ],
    });
    await engine.started;
    const firstTwo = await engine.query('rollback', { kind: null, tag: null }, 2);
    expect(firstTwo).toHaveLength(2);
    expect(firstTwo.every((hit) => live.includes(hit.id))).toBe(true);
    expect((await engine.query('rollback')).map((hit) => hit.id).sort()).toEqual([...live].sort());
    expect((await engine.query('rollback', { kind: 'checklist', tag: null })).map((hit) => hit.id)).toEqual([live[1]]);
    expect((await engine.query('rollback', { kind: null, tag: 'deploys' })).map((hit) => hit.id)).toEqual([live[0]]);
    engine.close();
  });

  it('loads the index it stored instead of rebuilding it, and re-indexes only what changed since', async () => {
    const kept = newId();
    const renamed = newId();
    const deleted = newId();
    const first = startEngine();
    first.ask({ type: 'texts', texts: [{ id: kept, body: 'Pager keys rotate weekly.', links: [renamed] }] });
    first.ask({ type: 'start', rows: [row(kept, 'On-call handover'), row(renamed, 'Old title'), row(deleted, 'Gone soon')] });
    await first.started;
    // The index is stored a moment after the last change; the texts half a second after theirs.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    first.close();

    const stored = await EntryTextStore.open();
    expect(await stored.loadIndex()).toMatchObject({ signatures: expect.arrayContaining([[kept, expect.any(String)]]) });
    stored.close();

    const second = startEngine();
    second.ask({ type: 'start', rows: [row(kept, 'On-call handover'), row(renamed, 'New title')] });
    const started = await second.started;
    expect(started.links).toEqual([[kept, [renamed]]]);
    expect(started.missing).toEqual([renamed]);
    expect((await second.query('pager')).map((hit) => hit.id)).toEqual([kept]);
    expect((await second.query('new title')).map((hit) => hit.id)).toEqual([renamed]);
    expect(await second.query('old title')).toEqual([]);
    expect(await second.query('gone')).toEqual([]);
    second.close();
  });
});
