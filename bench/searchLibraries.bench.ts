import { Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import { bench, describe } from 'vitest';
import { sampleEntry } from '../shared/seed/sampleEntries';

/**
 * MiniSearch against FlexSearch on the journal Peerbook is built for: 10,000 sample entries
 * (title, body, tags). Each is configured for what the search box needs: prefix matching and
 * typo tolerance, ranked. Index build time, then a prefix query as typed and a misspelt query.
 * docs/DECISIONS.md records the figures and the choice.
 */
const ENTRIES = 10_000;
const docs = Array.from({ length: ENTRIES }, (_, index) => {
  const sample = sampleEntry(index);
  return {
    id: index,
    title: sample.title,
    body: sample.sections.flatMap((section) => [section.heading ?? '', ...section.paragraphs]).concat(sample.checks).join('\n'),
    tags: sample.tags.join(' '),
  };
});

function buildMiniSearch(): MiniSearch<(typeof docs)[number]> {
  const index = new MiniSearch<(typeof docs)[number]>({
    fields: ['title', 'body', 'tags'],
    searchOptions: { boost: { title: 3, tags: 2 }, prefix: true, fuzzy: (term) => (term.length >= 4 ? 0.2 : false), combineWith: 'AND' },
  });
  index.addAll(docs);
  return index;
}

function buildFlexSearch(): Document {
  const index = new Document({
    tokenize: 'forward',
    encoder: 'LatinBalance',
    document: { id: 'id', index: ['title', 'body', 'tags'] },
  } as never);
  for (const doc of docs) index.add(doc);
  return index;
}

const mini = buildMiniSearch();
const flex = buildFlexSearch();

describe('search libraries on 10,000 entries: building the index', () => {
  bench('MiniSearch', () => void buildMiniSearch(), { iterations: 3, warmupIterations: 0 });
  bench('FlexSearch', () => void buildFlexSearch(), { iterations: 3, warmupIterations: 0 });
});

describe('search libraries on 10,000 entries: a prefix typed so far ("rollb")', () => {
  bench('MiniSearch', () => void mini.search('rollb'));
  bench('FlexSearch', () => void flex.search('rollb', { limit: 50 }));
});

describe('search libraries on 10,000 entries: a typo ("runbok escalatoin")', () => {
  bench('MiniSearch', () => void mini.search('runbok escalatoin'));
  bench('FlexSearch', () => void flex.search('runbok escalatoin', { limit: 50 }));
});

function flexHits(query: string): number {
  const fields = flex.search(query, { limit: 10_000 }) as Array<{ result: unknown[] }>;
  return new Set(fields.flatMap((field) => field.result)).size;
}

// What each finds, printed once beside the timings: speed means nothing without the matches.
for (const query of ['rollb', 'runbook', 'runbok escalatoin']) {
  console.log(`"${query}": MiniSearch ${mini.search(query).length} entries, FlexSearch ${flexHits(query)} entries`);
}
