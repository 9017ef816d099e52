import type MiniSearch from 'minisearch';

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

/** One word of a query, with how it matches (searchQuery.ts scales these to its length). */
export interface QueryWord {
  readonly term: string;
  readonly prefix: boolean;
  /** How many letters may differ, or none. */
  readonly fuzzy: number | false;
  /** Where it is looked for, if not every field. */
  readonly fields?: readonly string[];
}

/** For each document, how often a term is in one field. */
type TermFrequencies = Map<number, number>;
/** For each field, a term's frequencies. */
type FieldTermData = Map<number, TermFrequencies>;

/** The parts of MiniSearch's index that `search` scores with (minisearch 7.2.0, pinned exactly). */
interface ScoringInternals {
  readonly _index: {
    get(term: string): FieldTermData | undefined;
    atPrefix(prefix: string): Iterable<[string, FieldTermData]>;
    fuzzyGet(term: string, maxDistance: number): Map<string, [FieldTermData, number]>;
  };
  readonly _documentIds: Map<number, string>;
  readonly _fieldIds: Record<string, number>;
  readonly _fieldLength: Map<number, number[]>;
  readonly _avgFieldLength: number[];
  readonly _documentCount: number;
  readonly _nextId: number;
  /** The index's search options, over MiniSearch's defaults (weights and BM25's parameters among them). */
  readonly _options: { readonly fields: readonly string[]; readonly searchOptions: IndexSearchOptions };
  removeTerm(fieldId: number, shortId: number, term: string): void;
}

interface IndexSearchOptions {
  readonly boost?: Record<string, number>;
  readonly weights: { readonly fuzzy: number; readonly prefix: number };
  readonly bm25: BM25Parameters;
}

interface BM25Parameters {
  readonly k: number;
  readonly b: number;
  readonly d: number;
}

/** A term of the index one query word matched, in one field: what the marked words are made of. */
interface Matched {
  readonly term: string;
  readonly field: string;
  readonly frequencies: TermFrequencies;
}

/**
 * Scratch arrays, one slot per document number, reused from query to query (a query runs to its
 * end before the next starts).
 */
let scratch = { score: new Float64Array(0), word: new Float64Array(0), seen: new Int32Array(0), matched: new Int32Array(0), stamp: 0 };

function scratchFor(size: number): typeof scratch {
  if (scratch.score.length < size) {
    const length = Math.max(size, scratch.score.length * 2, 1024);
    scratch = { score: new Float64Array(length), word: new Float64Array(length), seen: new Int32Array(length), matched: new Int32Array(length), stamp: 0 };
  }
  // Stamps say which slots this query (and which of its words) has written, so nothing is cleared.
  if (scratch.stamp > 2 ** 30) {
    scratch.seen.fill(0);
    scratch.matched.fill(0);
    scratch.stamp = 0;
  }
  return scratch;
}

/** Each document's field lengths, by field then document number, for the numbers below `nextId`. */
interface Lengths {
  nextId: number;
  byField: Float64Array[];
}

/**
 * An index's field lengths copied into arrays, read for every posting scored (a hash lookup each
 * in MiniSearch's map, scattered in memory). MiniSearch gives every document it adds a new number
 * and never changes a number's lengths afterwards (a changed entry is removed and added again), so
 * the copy only grows: the documents added since the last query are appended to it.
 */
const lengthsOf = new WeakMap<object, Lengths>();

function lengthsFor(internals: ScoringInternals): readonly Float64Array[] {
  let lengths = lengthsOf.get(internals);
  if (!lengths) {
    lengths = { nextId: 0, byField: Object.values(internals._fieldIds).map(() => new Float64Array(1024)) };
    lengthsOf.set(internals, lengths);
  }
  const nextId = internals._nextId;
  if (lengths.nextId === nextId) return lengths.byField;
  const capacity = (lengths.byField[0] as Float64Array).length;
  if (nextId > capacity) {
    const grown = Math.max(nextId, capacity * 2);
    lengths.byField = lengths.byField.map((field) => {
      const bigger = new Float64Array(grown);
      bigger.set(field);
      return bigger;
    });
  }
  for (let shortId = lengths.nextId; shortId < nextId; shortId++) {
    internals._fieldLength.get(shortId)?.forEach((length, fieldId) => {
      const field = lengths.byField[fieldId];
      if (field) field[shortId] = length;
    });
  }
  lengths.nextId = nextId;
  return lengths.byField;
}

/**
 * The `count` best results for `words` (every word must match) that `accept` lets through, exactly
 * as MiniSearch's `search` gives them for the same query (`searchQuery`): the same scores, marked
 * words and order, equal scores in MiniSearch's own order.
 *
 * `search` makes an object for every match of every term and field, merges them word by word and
 * sorts them all: a complete word of a 10,000-entry journal matches thousands of entries, and that
 * (with the garbage it leaves) was most of a keystroke's time in the search worker. MiniSearch has
 * no top-k search (lucaong/minisearch#148). This walks the same index in the same order with the
 * same arithmetic, adding scores into arrays, and makes results only of the best few. The version is
 * pinned exactly, and a test checks this against `search` itself.
 */
export function bestResults(index: MiniSearch, words: readonly QueryWord[], count: number, accept: (id: string) => boolean): BestResult[] {
  if (count <= 0 || words.length === 0) return [];
  const internals = index as unknown as ScoringInternals;
  const space = scratchFor(internals._nextId);
  const { score, word: wordScore, seen, matched } = space;
  const { boost = {}, weights, bm25: parameters } = internals._options.searchOptions;
  const byField = lengthsFor(internals);
  const firstStamp = space.stamp + 1;
  space.stamp += words.length;
  const matchedPerWord: Matched[][] = [];
  // The documents of the last word, in the order MiniSearch meets them: its order for equal scores.
  let order: number[] = [];

  words.forEach((query, at) => {
    const stamp = firstStamp + at;
    const found: number[] = [];
    const matches: Matched[] = [];
    const fields = query.fields ?? internals._options.fields;
    const score1 = (derived: string, weight: number, data: FieldTermData | undefined): void => {
      if (data == null) return;
      for (const field of fields) {
        const fieldId = internals._fieldIds[field] as number;
        const frequencies = data.get(fieldId);
        if (frequencies == null) continue;
        const fieldBoost = boost[field] || 1;
        matches.push({ term: derived, field, frequencies });
        let matchingFields = frequencies.size;
        // BM25's inverse frequency changes only when leftovers are cleared (below).
        let inverse = inverseFrequency(matchingFields, internals._documentCount);
        const averageLength = internals._avgFieldLength[fieldId] as number;
        const fieldLengths = byField[fieldId] as Float64Array;
        frequencies.forEach((frequency, shortId) => {
          if (!internals._documentIds.has(shortId)) {
            // A replaced or removed document's leftovers: MiniSearch clears them as it meets them.
            internals.removeTerm(fieldId, shortId, derived);
            matchingFields -= 1;
            inverse = inverseFrequency(matchingFields, internals._documentCount);
            return;
          }
          const fieldLength = fieldLengths[shortId] as number;
          // MiniSearch's product, in its order (its term and document boosts are 1 here).
          const weighted = weight * fieldBoost * bm25(parameters, inverse, frequency, fieldLength, averageLength);
          if (seen[shortId] === stamp) {
            wordScore[shortId] = (wordScore[shortId] as number) + weighted;
          } else {
            seen[shortId] = stamp;
            wordScore[shortId] = weighted;
            found.push(shortId);
          }
        });
      }
    };

    score1(query.term, 1, internals._index.get(query.term));
    const prefixMatches = query.prefix ? internals._index.atPrefix(query.term) : undefined;
    const fuzzyMatches = query.fuzzy ? internals._index.fuzzyGet(query.term, query.fuzzy) : undefined;
    if (prefixMatches) {
      for (const [term, data] of prefixMatches) {
        const distance = term.length - query.term.length;
        if (!distance) continue;
        fuzzyMatches?.delete(term);
        score1(term, (weights.prefix * term.length) / (term.length + 0.3 * distance), data);
      }
    }
    if (fuzzyMatches) {
      for (const [term, [data, distance]] of fuzzyMatches) {
        if (!distance) continue;
        score1(term, (weights.fuzzy * term.length) / (term.length + distance), data);
      }
    }
    matchedPerWord.push(matches);

    // Every word must match: a document counts only if it matched all the words before.
    order = [];
    for (const shortId of found) {
      if (at === 0) {
        score[shortId] = wordScore[shortId] as number;
      } else if (matched[shortId] === stamp - 1) {
        score[shortId] = (score[shortId] as number) + (wordScore[shortId] as number);
      } else {
        continue;
      }
      matched[shortId] = stamp;
      order.push(shortId);
    }
  });

  // MiniSearch multiplies the sum by how many different words matched: all of them, here.
  const wordCount = new Set(words.map((query) => query.term)).size;
  // Best first. A newcomer goes after every candidate scoring as much, so equal scores keep the
  // order MiniSearch's stable sort would keep.
  const best: Array<{ readonly score: number; readonly shortId: number }> = [];
  for (const shortId of order) {
    const total = (score[shortId] as number) * wordCount;
    if (best.length === count && total <= (best[count - 1] as { score: number }).score) continue;
    const id = internals._documentIds.get(shortId);
    if (id === undefined || !accept(id)) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((best[middle] as { score: number }).score >= total) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, { score: total, shortId });
    if (best.length > count) best.pop();
  }
  return best.map(({ score: total, shortId }) => {
    const match = markedWords(shortId, matchedPerWord);
    return { id: internals._documentIds.get(shortId) as string, score: total, terms: Object.keys(match), match };
  });
}

/**
 * The index's terms a document matched and the fields of each, keyed in the order MiniSearch
 * meets them; a term two words both matched keeps the later word's fields, as MiniSearch's merge does.
 */
function markedWords(shortId: number, matchedPerWord: readonly Matched[][]): Record<string, string[]> {
  const match: Record<string, string[]> = {};
  for (const matches of matchedPerWord) {
    const ofWord = new Map<string, string[]>();
    for (const { term, field, frequencies } of matches) {
      if (!frequencies.has(shortId)) continue;
      const fields = ofWord.get(term);
      if (fields) fields.push(field);
      else ofWord.set(term, [field]);
    }
    // Own properties whatever the word ("__proto__" included): a body's words are anyone's.
    for (const [term, fields] of ofWord) Object.defineProperty(match, term, { value: fields, enumerable: true, writable: true, configurable: true });
  }
  return match;
}

/** MiniSearch's BM25+ inverse document frequency of a term found in `matchingCount` of `totalCount` fields. */
function inverseFrequency(matchingCount: number, totalCount: number): number {
  return Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
}

/** MiniSearch's BM25+ score of one term in one field, its arithmetic in the same order. */
function bm25({ k, b, d }: BM25Parameters, inverse: number, frequency: number, fieldLength: number, averageLength: number): number {
  return inverse * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * fieldLength) / averageLength)));
}
