import type { EntryLinkTarget } from '../../shared/entry/entryUid';
import type { EntryId } from '../../shared/entry/entryId';
import type { EntryKind } from '../../shared/entry/entryKind';
import type { SnippetPart } from '../../shared/search/searchSnippet';
import type { EntryText } from './entryTextStore';

/**
 * The messages between the app and the search engine, which runs in a Web Worker
 * (searchWorker.ts) so that queries and indexing never hold up the page, or in the page itself
 * where there is no worker (tests in Node).
 */
export interface SearchFilter {
  readonly kind: EntryKind | null;
  readonly tag: string | null;
}

/** What the engine needs of a library row. */
export interface SearchRow {
  readonly id: EntryId;
  readonly title: string;
  readonly tags: readonly string[];
  readonly kind: EntryKind;
  readonly live: boolean;
}

/** One result, ranked, with the title and a snippet of the body marked where they matched. */
export interface FoundEntry {
  readonly id: EntryId;
  readonly score: number;
  readonly title: SnippetPart[];
  readonly snippet: SnippetPart[] | null;
}

export type SearchRequest =
  /** Load the stored index and texts, bring them in line with the rows, and report. */
  | { readonly type: 'start'; readonly rows: readonly SearchRow[] }
  | { readonly type: 'rows'; readonly rows: readonly SearchRow[]; readonly removed: readonly EntryId[] }
  | { readonly type: 'texts'; readonly texts: readonly EntryText[] }
  | { readonly type: 'query'; readonly id: number; readonly query: string; readonly filter: SearchFilter; readonly limit: number };

export type SearchReply =
  | {
      readonly type: 'started';
      /** Every stored entry's links, for "Linked from". */
      readonly links: ReadonlyArray<readonly [EntryId, readonly EntryLinkTarget[]]>;
      /** Rows with no stored text, to be read from their documents. */
      readonly missing: readonly EntryId[];
    }
  | {
      readonly type: 'answer';
      readonly id: number;
      readonly hits: readonly FoundEntry[];
      /** The engine's own time for the query (ms), for the benchmarks. */
      readonly took: number;
    };

/** Either side of the channel: a worker, or the engine in this thread. */
export interface SearchChannel {
  send(request: SearchRequest): void;
  onReply(listener: (reply: SearchReply) => void): void;
  close(): void;
}
