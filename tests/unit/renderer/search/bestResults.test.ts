import { describe, expect, it } from 'vitest';
import { bestResults } from '../../../../renderer/search/bestResults';
import { createSearchIndex, queryWords, searchQuery } from '../../../../renderer/search/searchQuery';
import { sampleEntry } from '../../../../shared/seed/sampleEntries';

/** A journal of sample entries, as the search worker indexes them. */
function sampleIndex(count: number) {
  const index = createSearchIndex();
  for (let at = 0; at < count; at++) {
    const entry = sampleEntry(at);
    const body = [...entry.sections.flatMap((section) => [section.heading ?? '', ...section.paragraphs]), ...entry.checks].join('\n');
    index.add({ id: `entry-${at}`, title: entry.title, body, tags: entry.tags.join(' ') });
  }
  return index;
}

/** What MiniSearch's own search answers: every match made a result, filtered and sorted. */
function searchedBy(index: ReturnType<typeof createSearchIndex>, text: string, count: number, accept: (id: string) => boolean) {
  return index
    .search(searchQuery(text), { filter: (result) => accept(result.id as string) })
    .slice(0, count)
    .map(({ id, score, terms, match }) => ({ id, score, terms, match }));
}

describe('the best results of a query', () => {
  const index = sampleIndex(600);
  // Prefixes as they are typed, whole words, typos, two words, and words nothing matches.
  const asked = ['ro', 'rol', 'rollb', 'rollback', 'dep', 'deploy', 'deplyo', 'migraiton', 'handover runbook', 'pairing lat', 'zzzz', 'escalate'];

  it('are the first results MiniSearch itself gives, in the same order and with the same scores and marked words', () => {
    for (const text of asked) {
      for (const count of [1, 7, 50]) {
        const everyone = (): boolean => true;
        expect({ text, count, results: bestResults(index, queryWords(text), count, everyone) }).toEqual({ text, count, results: searchedBy(index, text, count, everyone) });
      }
    }
    // The journal matches plenty: the test would prove little if most queries found a handful.
    expect(index.search(searchQuery('rollback')).length).toBeGreaterThan(100);
  });

  it('pass over the entries left out (trashed, or another kind or tag) and still give as many as asked', () => {
    const leftOut = (id: string): boolean => Number(id.slice('entry-'.length)) % 3 !== 0;
    for (const text of asked) {
      const results = bestResults(index, queryWords(text), 20, leftOut);
      expect(results).toEqual(searchedBy(index, text, 20, leftOut));
      expect(results.every((result) => leftOut(result.id))).toBe(true);
    }
  });

  it('keep equal scores in the order MiniSearch gives them', () => {
    const twins = createSearchIndex();
    for (let at = 0; at < 40; at++) twins.add({ id: `twin-${at}`, title: 'Rollback drill', body: 'Same words in every one.', tags: '' });
    const everyone = (): boolean => true;
    expect(bestResults(twins, queryWords('rollback'), 10, everyone).map((result) => result.id)).toEqual(searchedBy(twins, 'rollback', 10, everyone).map((result) => result.id));
  });

  it('match MiniSearch on a journal whose entries were rewritten and removed, with repeated and odd words', () => {
    // Rewritten entries leave old postings that scoring clears as it meets them, and that changes
    // the scores after them: each side gets its own, identical, journal.
    const edited = () => {
      const journal = sampleIndex(300);
      for (let at = 0; at < 300; at += 7) {
        const entry = sampleEntry(at + 1000);
        journal.replace({ id: `entry-${at}`, title: `${entry.title} rollback`, body: `constructor __proto__ toString ${entry.sections[0]?.paragraphs.join(' ') ?? ''}`, tags: 'rollback' });
      }
      for (let at = 3; at < 300; at += 11) journal.discard(`entry-${at}`);
      return journal;
    };
    const texts = ['rollback', 'ro rollback', 'rollback rollback', 'deploy ro', '__proto__', 'constructor rollback', 'tostring', 'rol dep mig'];
    for (const text of texts) {
      const mine = edited();
      const theirs = edited();
      const everyone = (): boolean => true;
      for (const count of [5, 50]) expect({ text, results: bestResults(mine, queryWords(text), count, everyone) }).toEqual({ text, results: searchedBy(theirs, text, count, everyone) });
    }
    expect(edited().search(searchQuery('__proto__')).length).toBeGreaterThan(10);
  });

  it('match MiniSearch after entries are added and rewritten between queries', () => {
    // The scorer keeps a copy of what it reads from the index: it must follow the index's changes.
    const mine = sampleIndex(200);
    const theirs = sampleIndex(200);
    const everyone = (): boolean => true;
    const same = (text: string) => expect({ text, results: bestResults(mine, queryWords(text), 30, everyone) }).toEqual({ text, results: searchedBy(theirs, text, 30, everyone) });
    same('rollback');
    for (const index of [mine, theirs]) {
      for (let at = 200; at < 1500; at++) {
        const entry = sampleEntry(at);
        index.add({ id: `entry-${at}`, title: entry.title, body: entry.sections.flatMap((section) => section.paragraphs).join('\n'), tags: entry.tags.join(' ') });
      }
      for (let at = 0; at < 1500; at += 5) index.replace({ id: `entry-${at}`, title: 'Rollback rehearsal', body: 'deploy '.repeat((at % 7) + 1), tags: '' });
    }
    for (const text of ['rollback', 'deploy', 'rehearsal deploy', 'migration']) same(text);
  });
});
