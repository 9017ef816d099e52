import MiniSearch, { type AsPlainObject } from 'minisearch';
import { isEntryId, type EntryId } from '../../shared/entry/entryId';
import { highlightWords, makeSnippet } from '../../shared/search/searchSnippet';
import { bestResults } from './bestResults';
import type { EntryText, EntryTextStore } from './entryTextStore';
import type { FoundEntry, SearchFilter, SearchReply, SearchRequest, SearchRow } from './searchProtocol';
import { createSearchIndex, SEARCH_INDEX_OPTIONS, SEARCH_INDEX_VERSION, queryWords, type IndexedEntry } from './searchQuery';

/** Words searched after a start to warm the engine up (warmUp), their length, and results asked. */
const WARM_UP_WORDS = 4;
const WARM_UP_WORD_LENGTH = 5;
const WARM_UP_RESULTS = 50;
/** Changed texts are written to storage together, this long after the last one. */
const TEXT_WRITE_DELAY_MS = 500;
/**
 * The serialized index is stored this long after the last change or query (it is a few
 * megabytes, and serializing it holds the worker for a moment).
 */
const INDEX_SAVE_DELAY_MS = 3000;

/** What was indexed for an entry: a changed title, tags or body makes it different. */
function signature(row: SearchRow, text: EntryText | undefined): string {
  return `${row.title}\u0000${row.tags.join(' ')}\u0000${text?.body.length ?? -1}:${text?.body.slice(0, 64) ?? ''}`;
}

/**
 * A snippet is looked for this far into a body: a long entry's body is megabytes, and a word
 * found only past this point makes a poor snippet anyway.
 */
const SNIPPET_SCAN_CHARS = 20_000;

/** Whether any matched term was found in the body (a title-only match has no snippet to show). */
function matchedInBody(match: Readonly<Record<string, readonly string[]>>): boolean {
  return Object.values(match).some((fields) => fields.includes('body'));
}

function displayTitle(row: SearchRow): string {
  return row.title.trim() || `Untitled ${row.kind}`;
}

interface StoredIndex {
  readonly version: number;
  readonly signatures: Array<[EntryId, string]>;
  readonly index: AsPlainObject;
}

function parseStoredIndex(value: unknown): StoredIndex | null {
  if (typeof value !== 'object' || value === null) return null;
  const { version, signatures, index } = value as Record<string, unknown>;
  if (version !== SEARCH_INDEX_VERSION || !Array.isArray(signatures) || typeof index !== 'object' || index === null) return null;
  const valid = signatures.every((pair) => Array.isArray(pair) && isEntryId(pair[0]) && typeof pair[1] === 'string');
  return valid ? { version, signatures: signatures as Array<[EntryId, string]>, index: index as AsPlainObject } : null;
}

/**
 * The search engine: a MiniSearch index of every entry's title, body and tags, with the texts it
 * was built from (for snippets). It runs in the search worker, so indexing and queries never hold
 * up the page. At start it loads the index it stored last time and re-indexes only the entries
 * that changed since; it stores the texts it is given and, a moment after changes, the index.
 */
export class SearchEngine {
  private index: MiniSearch<IndexedEntry> = createSearchIndex();
  private readonly texts = new Map<EntryId, EntryText>();
  private readonly rows = new Map<EntryId, SearchRow>();
  private readonly indexedAs = new Map<EntryId, string>();
  private store: EntryTextStore | null = null;
  private storeOpening: Promise<EntryTextStore | null> | null = null;
  private pendingTexts: EntryText[] = [];
  private textTimer: ReturnType<typeof setTimeout> | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private warmUpTimer: ReturnType<typeof setTimeout> | null = null;
  /** Requests are handled in order; `start` is asynchronous (it reads storage). */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly openStore: () => Promise<EntryTextStore | null>,
    private readonly reply: (reply: SearchReply) => void,
  ) {}

  handle(request: SearchRequest): void {
    this.queue = this.queue
      .then(() => this.run(request))
      .catch((cause: unknown) => console.warn('[search] request failed', request.type, cause));
  }

  close(): void {
    if (this.textTimer) clearTimeout(this.textTimer);
    if (this.saveTimer) clearTimeout(this.saveTimer);
    if (this.warmUpTimer) clearTimeout(this.warmUpTimer);
    this.store?.close();
  }

  private async run(request: SearchRequest): Promise<void> {
    switch (request.type) {
      case 'start':
        return this.start(request.rows);
      case 'rows':
        this.syncRows(request.rows);
        for (const id of request.removed) this.forget(id);
        return;
      case 'texts':
        for (const text of request.texts) this.setText(text);
        return;
      case 'query':
      {
        const started = performance.now();
        const hits = this.search(request.query, request.filter, request.limit);
        this.reply({ type: 'answer', id: request.id, hits, took: performance.now() - started });
      }
        // Storing the index takes the worker for a moment: not while someone is searching.
        if (this.saveTimer) this.scheduleSave();
        return;
    }
  }

  private async start(rows: readonly SearchRow[]): Promise<void> {
    const store = await this.openedStore();
    const [stored, texts] = store ? await Promise.all([store.loadIndex().catch(() => undefined), store.loadAll().catch(() => [])]) : [undefined, []];
    const saved = parseStoredIndex(stored);
    if (saved) {
      try {
        this.index = MiniSearch.loadJS(saved.index, SEARCH_INDEX_OPTIONS);
        for (const [id, indexed] of saved.signatures) this.indexedAs.set(id, indexed);
      } catch (cause) {
        console.warn('[search] the stored index could not be loaded; rebuilding it', cause);
        this.index = createSearchIndex();
        this.indexedAs.clear();
      }
    }
    // Texts given since the engine started (a new entry) are newer than the stored ones.
    for (const text of texts) if (!this.texts.has(text.id)) this.texts.set(text.id, text);
    const known = new Set(rows.map((row) => row.id));
    for (const id of [...this.indexedAs.keys()]) {
      if (!known.has(id)) this.unindex(id);
    }
    const changed = this.syncRows(rows);
    if (changed > 0 || !saved) this.scheduleSave();
    this.reply({
      type: 'started',
      links: [...this.texts.values()].filter((text) => text.links.length > 0).map((text) => [text.id, text.links] as const),
      missing: rows.filter((row) => !this.texts.has(row.id)).map((row) => row.id),
    });
    // After the answer, so the page is told the engine is ready first; queued, so a query asked
    // meanwhile waits for it rather than running beside it. It must never stop the queue: a
    // request chained after a rejected step would be dropped.
    this.warmUpTimer = setTimeout(() => {
      this.warmUpTimer = null;
      this.queue = this.queue.then(() => this.warmUp()).catch((cause: unknown) => console.warn('[search] warm-up failed', cause));
    }, 0);
  }

  /**
   * Searches a few words of the journal's own titles, as they would be typed, and drops the
   * results. A fresh engine's first searches run its code cold: in Node the first of a
   * 10,000-entry journal took 7.5 ms for two letters and 10 ms for three, 0.7 and 2.3 ms warm.
   * These run in the worker once after a start, while nobody is searching yet.
   */
  private warmUp(): void {
    const words = new Set<string>();
    for (const row of this.rows.values()) {
      for (const word of row.title.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word.length >= WARM_UP_WORD_LENGTH) words.add(word);
      if (words.size >= WARM_UP_WORDS) break;
    }
    const everything: SearchFilter = { kind: null, tag: null };
    for (const word of [...words].slice(0, WARM_UP_WORDS)) {
      for (const length of [2, 3, 5, word.length]) this.search(word.slice(0, length), everything, WARM_UP_RESULTS);
    }
  }

  private search(query: string, filter: SearchFilter, limit: number): FoundEntry[] {
    // Only the best `limit` matches become results: a word found in thousands of entries no
    // longer makes and sorts a result for each (bestResults.ts). Trashed entries, and those the
    // kind or tag filter leaves out, are passed over as they are scored.
    const accept = (id: string): boolean => {
      const row = this.rows.get(id as EntryId);
      return !!row && row.live && (filter.kind === null || row.kind === filter.kind) && (filter.tag === null || row.tags.includes(filter.tag));
    };
    return bestResults(this.index, queryWords(query), limit, accept).map((result) => {
      const row = this.rows.get(result.id as EntryId) as SearchRow;
      const terms = result.terms.map((term) => term.toLowerCase());
      return {
        id: row.id,
        score: result.score,
        title: highlightWords(displayTitle(row), terms),
        snippet: matchedInBody(result.match) ? makeSnippet((this.texts.get(row.id)?.body ?? '').slice(0, SNIPPET_SCAN_CHARS), terms) : null,
      };
    });
  }

  /** Indexes rows whose title, tags or text changed; returns how many. */
  private syncRows(rows: readonly SearchRow[]): number {
    let changed = 0;
    for (const row of rows) {
      this.rows.set(row.id, row);
      if (this.indexedAs.get(row.id) !== signature(row, this.texts.get(row.id))) {
        this.indexRow(row);
        changed++;
      }
    }
    if (changed > 0) this.scheduleSave();
    return changed;
  }

  private setText(text: EntryText): void {
    const previous = this.texts.get(text.id);
    if (previous && previous.body === text.body && previous.links.join() === text.links.join()) return;
    this.texts.set(text.id, text);
    const row = this.rows.get(text.id);
    if (row) {
      this.indexRow(row);
      this.scheduleSave();
    }
    this.pendingTexts.push(text);
    this.textTimer ??= setTimeout(() => {
      this.textTimer = null;
      const writes = this.pendingTexts;
      this.pendingTexts = [];
      void this.openedStore()
        .then((store) => store?.put(writes))
        .catch((cause: unknown) => console.warn('[search] could not store texts', cause));
    }, TEXT_WRITE_DELAY_MS);
  }

  private forget(id: EntryId): void {
    this.rows.delete(id);
    this.unindex(id);
    this.texts.delete(id);
    this.scheduleSave();
    void this.openedStore()
      .then((store) => store?.remove(id))
      .catch(() => undefined);
  }

  private indexRow(row: SearchRow): void {
    const text = this.texts.get(row.id);
    const document: IndexedEntry = { id: row.id, title: row.title, body: text?.body ?? '', tags: row.tags.join(' ') };
    if (this.indexedAs.has(row.id)) this.index.replace(document);
    else this.index.add(document);
    this.indexedAs.set(row.id, signature(row, text));
  }

  private unindex(id: EntryId): void {
    if (!this.indexedAs.has(id)) return;
    this.index.discard(id);
    this.indexedAs.delete(id);
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      const snapshot: StoredIndex = { version: SEARCH_INDEX_VERSION, signatures: [...this.indexedAs], index: this.index.toJSON() };
      void this.openedStore()
        .then((store) => store?.saveIndex(snapshot))
        .catch((cause: unknown) => console.warn('[search] could not store the index', cause));
    }, INDEX_SAVE_DELAY_MS);
  }

  private openedStore(): Promise<EntryTextStore | null> {
    this.storeOpening ??= this.openStore()
      .catch(() => null)
      .then((store) => (this.store = store));
    return this.storeOpening;
  }
}
