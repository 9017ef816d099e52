import MiniSearch, { type Options, type Query } from 'minisearch';
import type { QueryWord } from './bestResults';

/**
 * What the Search box asks of MiniSearch, in one place for the index (in the search worker) and
 * the benchmark that measures MiniSearch alone on the same corpus (bench/floor/searchFloor.ts).
 */
export interface IndexedEntry {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly tags: string;
}

export const SEARCH_INDEX_OPTIONS: Options<IndexedEntry> = {
  fields: ['title', 'body', 'tags'],
  searchOptions: { boost: { title: 3, tags: 2 }, combineWith: 'AND' },
};

/**
 * Bumped whenever the fields, tokenizer or stored layout change: a stored index of another
 * version is rebuilt instead of loaded.
 */
export const SEARCH_INDEX_VERSION = 1;

/**
 * Prefix and typo matching scaled to each word's length, so a keystroke costs about the same
 * whatever was typed: a word of two letters says little and, as a prefix of every body word,
 * would score most of the journal, so it matches titles and tags only; from three letters words
 * match as prefixes everywhere; from five a typo is forgiven, from eight two (a word that long is
 * told from its neighbours even with two letters wrong: "kubernetse" is "kubernetes").
 */
export function queryWord(term: string): QueryWord {
  const length = [...term].length;
  if (length <= 2) return { term, prefix: true, fuzzy: false, fields: ['title', 'tags'] };
  if (length < 5) return { term, prefix: true, fuzzy: false };
  return { term, prefix: true, fuzzy: length >= 8 ? 2 : 1 };
}

/** The words of what was typed, each with how it matches; every one must match. */
export function queryWords(text: string): QueryWord[] {
  return (
    text
      .toLowerCase()
      // MiniSearch's own tokenizer: whitespace and punctuation.
      .split(/[\n\r\p{Z}\p{P}]+/u)
      .filter((term) => term.length > 0)
      .map(queryWord)
  );
}

/**
 * The same words as MiniSearch's own query, for its `search` (the benchmark's floor, and the test
 * that holds `bestResults` to it).
 */
export function searchQuery(text: string): Query {
  return {
    combineWith: 'AND',
    queries: queryWords(text).map(({ term, prefix, fuzzy, fields }) => ({ queries: [term], prefix, fuzzy, ...(fields ? { fields: [...fields] } : {}) })),
  };
}

export function createSearchIndex(): MiniSearch<IndexedEntry> {
  return new MiniSearch<IndexedEntry>(SEARCH_INDEX_OPTIONS);
}
