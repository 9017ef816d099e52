import { Emitter } from '../../shared/events/emitter';
import type { EntryId } from '../../shared/entry/entryId';
import type { EntryLinkTarget, EntryUid } from '../../shared/entry/entryUid';
import type { EntryRow } from '../../shared/library/entryRow';
import type { SnippetPart } from '../../shared/search/searchSnippet';
import type { EntryText, EntryTextStore } from './entryTextStore';
import { SearchEngine } from './searchEngine';
import type { SearchChannel, SearchFilter, SearchReply, SearchRequest, SearchRow } from './searchProtocol';

export type { SearchFilter } from './searchProtocol';

/**
 * Full-text search over every entry's title, body and tags, answering while the user types.
 * MiniSearch (chosen over FlexSearch; see docs/DECISIONS.md and `npm run bench`) runs in a Web
 * Worker (searchWorker.ts) with the texts it indexes: the page only sends rows and changed texts
 * and asks queries, so neither indexing 10,000 entries nor a query holds up drawing or typing.
 * The worker loads the index it stored last time, so a start re-indexes only what changed; no
 * entry document is opened for it. The index follows every change: rows (title, tags, kind,
 * trash) from the library, bodies from the open editor. The page keeps only the links between
 * entries ("Linked from").
 */
export interface SearchHit {
  readonly row: EntryRow;
  readonly score: number;
  readonly title: SnippetPart[];
  readonly snippet: SnippetPart[] | null;
}

export type SearchState = 'indexing' | 'ready';

export const MIN_QUERY_LENGTH = 2;
/** Results kept per query; the list says "50+" beyond. */
export const MAX_HITS = 50;

function searchRow(row: EntryRow): SearchRow {
  return { id: row.id, title: row.title, tags: row.tags, kind: row.kind, live: row.trashedAt === null };
}

/**
 * Where the engine runs: in a worker where the platform has workers (the app), else in this
 * thread (Node). `?search=page` keeps it in the page's thread, for the benchmarks to compare.
 */
function engineInWorker(): boolean {
  if (typeof Worker === 'undefined') return false;
  return typeof location === 'undefined' || new URLSearchParams(location.search).get('search') !== 'page';
}

function openSearchChannel(store: EntryTextStore | null): SearchChannel {
  if (engineInWorker()) {
    // The worker opens the text store itself; this thread does not need its connection.
    store?.close();
    const worker = new Worker(new URL('./searchWorker.ts', import.meta.url), { type: 'module', name: 'peerbook-search' });
    return {
      send: (request) => worker.postMessage(request),
      onReply: (listener) => worker.addEventListener('message', (event: MessageEvent<SearchReply>) => listener(event.data)),
      close: () => worker.terminate(),
    };
  }
  let listener: (reply: SearchReply) => void = () => {};
  const engine = new SearchEngine(
    () => Promise.resolve(store),
    (reply) => listener(reply),
  );
  return {
    send: (request: SearchRequest) => engine.handle(request),
    onReply: (next) => (listener = next),
    close: () => engine.close(),
  };
}

export class JournalSearch {
  private readonly channel: SearchChannel;
  private readonly rows = new Map<EntryId, EntryRow>();
  private readonly linksOf = new Map<EntryId, readonly EntryLinkTarget[]>();
  private readonly linkedFromIndex = new Map<EntryLinkTarget, Set<EntryId>>();
  private readonly listeners = new Emitter<void>();
  private readonly answers = new Map<number, (hits: SearchHit[]) => void>();
  private nextQuery = 0;
  private lastAsked: { readonly key: string; readonly answer: Promise<SearchHit[]> } | null = null;
  private whenStarted: ((missing: readonly EntryId[]) => void) | null = null;
  private _state: SearchState = 'indexing';
  /** Bumped on every change, so views can tell their results are stale. */
  version = 0;

  constructor(store: EntryTextStore | null, channel: SearchChannel = openSearchChannel(store)) {
    this.channel = channel;
    this.channel.onReply((reply) => this.receive(reply));
  }

  get state(): SearchState {
    return this._state;
  }

  onChange(listener: () => void): () => void {
    return this.listeners.event(listener);
  }

  /**
   * Hands every row to the engine, which loads its stored index and texts and indexes what
   * changed; resolves once it answers queries. Rows without a stored text are handed to
   * `missingText`, to be read from their documents.
   */
  start(rows: readonly EntryRow[], missingText: (ids: EntryId[]) => void): Promise<void> {
    for (const row of rows) this.rows.set(row.id, row);
    return new Promise((resolve) => {
      this.whenStarted = (missing) => {
        this._state = 'ready';
        this.changed();
        resolve();
        const stillMissing = missing.filter((id) => this.rows.has(id) && !this.linksOf.has(id));
        if (stillMissing.length > 0) missingText(stillMissing);
      };
      this.channel.send({ type: 'start', rows: rows.map(searchRow) });
    });
  }

  /** Brings the index in line with rows that changed, and forgets rows that are gone. */
  updateRows(changed: readonly EntryRow[], removed: readonly EntryId[]): void {
    // Rows the library did not change are the same objects: only the others are sent.
    const rows = changed.filter((row) => this.rows.get(row.id) !== row);
    for (const row of rows) this.rows.set(row.id, row);
    for (const id of removed) {
      this.rows.delete(id);
      this.setLinks(id, []);
      this.linksOf.delete(id);
    }
    if (rows.length === 0 && removed.length === 0) return;
    this.channel.send({ type: 'rows', rows: rows.map(searchRow), removed: [...removed] });
    this.changed();
  }

  /** A body changed (typed here or received from a peer): index it and store it. */
  updateText(text: EntryText): void {
    this.setLinks(text.id, text.links);
    this.channel.send({ type: 'texts', texts: [text] });
    this.changed();
  }

  /**
   * The best `MAX_HITS` live entries for `query`, from the engine (empty while it indexes). The
   * same query asked again before anything changed is answered by the same request, so the
   * search box can ask as a key is pressed and its view again when it draws, at no extra cost.
   */
  search(query: string, filter: SearchFilter): Promise<SearchHit[]> {
    const text = query.trim();
    // One letter matches nearly everything and says little: results start at two.
    if (text.length < MIN_QUERY_LENGTH || this._state !== 'ready') return Promise.resolve([]);
    const key = JSON.stringify([this.version, filter.kind, filter.tag, text]);
    if (this.lastAsked?.key === key) return this.lastAsked.answer;
    const id = this.nextQuery++;
    const answer = new Promise<SearchHit[]>((resolve) => {
      this.answers.set(id, resolve);
      // User-timing marks for the benchmarks: where a keystroke's time goes (npm run bench).
      performance.mark('peerbook:search-asked');
      this.channel.send({ type: 'query', id, query: text, filter, limit: MAX_HITS });
    });
    this.lastAsked = { key, answer };
    return answer;
  }

  /** Live entries whose bodies link to `id` (by its id, or by its identity `uid` on every device). */
  linkedFrom(id: EntryId, uid?: EntryUid): EntryRow[] {
    const sources = new Set([...(this.linkedFromIndex.get(id) ?? []), ...((uid && this.linkedFromIndex.get(uid)) || [])]);
    if (sources.size === 0) return [];
    return [...sources]
      .map((source) => this.rows.get(source))
      .filter((row): row is EntryRow => !!row && row.trashedAt === null)
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  close(): void {
    this.channel.close();
  }

  private receive(reply: SearchReply): void {
    if (reply.type === 'started') {
      for (const [id, links] of reply.links) if (!this.linksOf.has(id)) this.setLinks(id, links);
      this.whenStarted?.(reply.missing);
      this.whenStarted = null;
      return;
    }
    const resolve = this.answers.get(reply.id);
    this.answers.delete(reply.id);
    performance.mark('peerbook:search-answered', { detail: { took: reply.took } });
    resolve?.(
      reply.hits.flatMap((hit) => {
        const row = this.rows.get(hit.id);
        return row && row.trashedAt === null ? [{ row, score: hit.score, title: hit.title, snippet: hit.snippet }] : [];
      }),
    );
  }

  private setLinks(id: EntryId, links: readonly EntryLinkTarget[]): void {
    for (const target of this.linksOf.get(id) ?? []) this.linkedFromIndex.get(target)?.delete(id);
    for (const target of links) {
      let sources = this.linkedFromIndex.get(target);
      if (!sources) this.linkedFromIndex.set(target, (sources = new Set()));
      sources.add(id);
    }
    this.linksOf.set(id, links);
  }

  private changed(): void {
    this.version++;
    this.listeners.fire();
  }
}
