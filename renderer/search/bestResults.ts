import type MiniSearch from 'minisearch';
import type { Query } from 'minisearch';

/** One of the best results, as MiniSearch's `search` would have made it. */
export interface BestResult {
  readonly id: string;
  /** MiniSearch's score: its BM25 sum times the number of query words matched. */
  readonly score: number;
  /** The words of the document that matched (after prefix and typo matching). */
  readonly terms: readonly string[];
  /** For each of those words, the fields it was found in. */
  readonly match: Readonly<Record<string, readonly string[]>>;
}

/** MiniSearch's scored matches before it makes a result of each (minisearch 7.2.0, pinned exactly). */
interface RawMatch {
  readonly score: number;
  readonly terms: readonly string[];
  readonly match: Readonly<Record<string, readonly string[]>>;
}
interface ScoringInternals {
  executeQuery(query: Query): Map<number, RawMatch>;
  readonly _documentIds: Map<number, string>;
}

interface Candidate {
  readonly score: number;
  readonly shortId: number;
  readonly raw: RawMatch;
}

/**
 * The `count` best results of `query` that `accept` lets through, in the order MiniSearch's
 * `search` gives them (highest score first; equal scores in MiniSearch's own order).
 *
 * `search` makes a result object for every match and sorts them all: a complete word of a
 * 10,000-entry journal matches thousands of entries, and that was most of a keystroke's time in
 * the search worker (MiniSearch has no top-k search: lucaong/minisearch#148). This scores the
 * same way, through the same internal step `search` uses, and keeps only the best few. The
 * version is pinned exactly, and a test checks this against `search` itself.
 */
export function bestResults(index: MiniSearch, query: Query, count: number, accept: (id: string) => boolean): BestResult[] {
  if (count <= 0) return [];
  const internals = index as unknown as ScoringInternals;
  const matches = internals.executeQuery(query);
  // Best first. A newcomer goes after every candidate scoring as much, so equal scores keep the
  // order MiniSearch's stable sort would keep.
  const best: Candidate[] = [];
  for (const [shortId, raw] of matches) {
    const score = raw.score * (raw.terms.length || 1);
    if (best.length === count && score <= (best[count - 1] as Candidate).score) continue;
    const id = internals._documentIds.get(shortId);
    if (id === undefined || !accept(id)) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((best[middle] as Candidate).score >= score) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, { score, shortId, raw });
    if (best.length > count) best.pop();
  }
  return best.map(({ score, shortId, raw }) => ({
    id: internals._documentIds.get(shortId) as string,
    score,
    terms: Object.keys(raw.match),
    match: raw.match,
  }));
}
