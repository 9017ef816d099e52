import type { EntryLinkTarget, EntryUid } from '../../shared/entry/entryUid';
import MiniSearch, { type SearchResult } from 'minisearch';
import type { EntryId } from '../../shared/entry/entryId';
import type { EntryKind } from '../../shared/entry/entryKind';
import { displayTitle, type EntryRow } from '../../shared/library/entryRow';
import { highlightWords, makeSnippet, type SnippetPart } from '../../shared/search/searchSnippet';
import type { EntryText, EntryTextStore } from './entryTextStore';

/**
 * Full-text search over every entry's title, body and tags, answering while the user types.
 * MiniSearch (chosen over FlexSearch; see docs/DECISIONS.md and `npm run bench`) keeps an inverted
 * index in memory, built at start from the library rows and the stored body texts, after the
 * library is already on screen; no entry document is opened for it. The index follows every
 * change: rows (title, tags, kind, trash) from the library, bodies from the open editor.
 */
export interface SearchFilter {
  readonly kind: EntryKind | null;
  readonly tag: string | null;
}

export interface SearchHit {
  readonly row: EntryRow;
  readonly score: number;
  readonly title: SnippetPart[];
  readonly snippet: SnippetPart[] | null;
}

interface IndexedEntry {
  readonly id: EntryId;
  readonly title: string;
  readonly body: string;
  readonly tags: string;
}

export type SearchState = 'indexing' | 'ready';

const BATCH = 400;
export const MIN_QUERY_LENGTH = 2;
const MAX_HITS = 50;

function signature(row: EntryRow, text: EntryText | undefined): string {
  return `${row.title}\u0000${row.tags.join(' ')}\u0000${row.trashedAt === null}\u0000${text?.body.length ?? -1}:${text?.body.slice(0, 64) ?? ''}`;
}

export class JournalSearch {
  private readonly index = new MiniSearch<IndexedEntry>({
    fields: ['title', 'body', 'tags'],
    searchOptions: {
      boost: { title: 3, tags: 2 },
      prefix: true,
      // Typos are forgiven in words long enough for a typo to be told from another word.
      fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
      combineWith: 'AND',
    },
  });
  private readonly texts = new Map<EntryId, EntryText>();
  private readonly rows = new Map<EntryId, EntryRow>();
  private readonly indexedAs = new Map<EntryId, string>();
  private readonly linkedFromIndex = new Map<EntryLinkTarget, Set<EntryId>>();
  private readonly listeners = new Set<() => void>();
  private pendingWrites: EntryText[] = [];
  private writeTimer: ReturnType<typeof setTimeout> | null = null;
  private _state: SearchState = 'indexing';
  /** Bumped on every change, so views can tell their results are stale. */
  version = 0;

  constructor(private readonly store: EntryTextStore | null) {}

  get state(): SearchState {
    return this._state;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Loads stored texts and indexes every row in batches that leave the main thread free between
   * them. Rows without a stored text are handed to `missingText`, to be read from their documents.
   */
  async start(rows: readonly EntryRow[], missingText: (ids: EntryId[]) => void): Promise<void> {
    const stored = this.store ? await this.store.loadAll() : [];
    for (const text of stored) this.setText(text);
    for (let start = 0; start < rows.length; start += BATCH) {
      this.syncRows(rows.slice(start, start + BATCH));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    this._state = 'ready';
    this.changed();
    const missing = rows.filter((row) => !this.texts.has(row.id)).map((row) => row.id);
    if (missing.length > 0) missingText(missing);
  }

  /** Brings the index in line with rows that changed, and forgets rows that are gone. */
  updateRows(changed: readonly EntryRow[], removed: readonly EntryId[]): void {
    this.syncRows(changed);
    for (const id of removed) this.forget(id);
    this.changed();
  }

  /** A body changed (typed here or received from a peer): index it and store it. */
  updateText(text: EntryText): void {
    const previous = this.texts.get(text.id);
    if (previous && previous.body === text.body && previous.links.join() === text.links.join()) return;
    this.setText(text);
    const row = this.rows.get(text.id);
    if (row) this.indexRow(row);
    this.pendingWrites.push(text);
    this.writeTimer ??= setTimeout(() => {
      this.writeTimer = null;
      const writes = this.pendingWrites;
      this.pendingWrites = [];
      void this.store?.put(writes).catch((cause: unknown) => console.warn('[search] could not store texts', cause));
    }, 500);
    this.changed();
  }

  search(query: string, filter: SearchFilter): SearchHit[] {
    const text = query.trim();
    // One letter matches nearly everything and says little: results start at two.
    if (text.length < MIN_QUERY_LENGTH) return [];
    const results = this.index.search(text, {
      filter: (result) => {
        const row = this.rows.get(result.id as EntryId);
        return (
          !!row &&
          row.trashedAt === null &&
          (filter.kind === null || row.kind === filter.kind) &&
          (filter.tag === null || row.tags.includes(filter.tag))
        );
      },
    });
    return results.slice(0, MAX_HITS).map((result) => this.toHit(result));
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

  private toHit(result: SearchResult): SearchHit {
    const row = this.rows.get(result.id as EntryId) as EntryRow;
    const terms = result.terms.map((term) => term.toLowerCase());
    const body = this.texts.get(row.id)?.body ?? '';
    return { row, score: result.score, title: highlightWords(displayTitle(row), terms), snippet: makeSnippet(body, terms) };
  }

  private setText(text: EntryText): void {
    const previous = this.texts.get(text.id);
    for (const target of previous?.links ?? []) this.linkedFromIndex.get(target)?.delete(text.id);
    for (const target of text.links) {
      let sources = this.linkedFromIndex.get(target);
      if (!sources) this.linkedFromIndex.set(target, (sources = new Set()));
      sources.add(text.id);
    }
    this.texts.set(text.id, text);
  }

  private syncRows(rows: readonly EntryRow[]): void {
    for (const row of rows) {
      this.rows.set(row.id, row);
      if (this.indexedAs.get(row.id) !== signature(row, this.texts.get(row.id))) this.indexRow(row);
    }
  }

  private forget(id: EntryId): void {
    this.rows.delete(id);
    if (this.indexedAs.has(id)) this.index.discard(id);
    this.indexedAs.delete(id);
    this.setText({ id, body: '', links: [] });
    this.texts.delete(id);
    void this.store?.remove(id).catch(() => undefined);
  }

  private indexRow(row: EntryRow): void {
    const text = this.texts.get(row.id);
    const document: IndexedEntry = { id: row.id, title: row.title, body: text?.body ?? '', tags: row.tags.join(' ') };
    if (this.indexedAs.has(row.id)) this.index.replace(document);
    else this.index.add(document);
    this.indexedAs.set(row.id, signature(row, text));
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
