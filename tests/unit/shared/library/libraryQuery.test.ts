import { describe, expect, it } from 'vitest';
import type { EntryRow } from '../../../../shared/library/entryRow';
import { countTags, queryEntries, sortEntries, trashedEntries } from '../../../../shared/library/libraryQuery';
import { entryRow } from '../../support/entryRows';

const day = 86_400_000;
const start = Date.UTC(2025, 0, 1);

function newRow(id: string, changes: Partial<EntryRow>): EntryRow {
  return entryRow(id, start, changes);
}

// A small journal: written over a week, edited since, one entry in the trash.
const flags = newRow('e-aaaaaaaa01', { title: 'feature flags', tags: ['release'], createdAt: start, updatedAt: start + 6 * day });
const step10 = newRow('e-aaaaaaaa02', { kind: 'checklist', title: 'Step 10 rollout', tags: ['release', 'on-call'], createdAt: start + day, updatedAt: start + 2 * day });
const step2 = newRow('e-aaaaaaaa03', { kind: 'checklist', title: 'Step 2 rollout', tags: ['on-call'], createdAt: start + 2 * day, updatedAt: start + 2 * day });
const outage = newRow('e-aaaaaaaa04', { kind: 'debrief', title: 'DNS outage', tags: ['incident', 'on-call'], createdAt: start + 3 * day, updatedAt: start + 4 * day });
const untitled = newRow('e-aaaaaaaa05', { kind: 'lesson', title: '', createdAt: start + 4 * day, updatedAt: start + 4 * day });
const binned = newRow('e-aaaaaaaa06', { kind: 'debrief', title: 'Old debrief', tags: ['incident'], createdAt: start + 5 * day, updatedAt: start + 7 * day, trashedAt: start + 8 * day });
const rows = [step2, binned, untitled, flags, outage, step10];

const everything = { kind: null, tag: null } as const;
const ids = (list: readonly EntryRow[]): string[] => list.map((row) => row.id);

describe('sorting the library', () => {
  it('puts the most recently changed entry first', () => {
    // The untitled lesson and the outage, and the two rollouts, changed at the same moment:
    // of each pair, the newer entry comes first.
    expect(ids(queryEntries(rows, everything, 'updated'))).toEqual(ids([flags, untitled, outage, step2, step10]));
  });

  it('puts the newest entry first', () => {
    expect(ids(queryEntries(rows, everything, 'created'))).toEqual(ids([untitled, outage, step2, step10, flags]));
  });

  it('orders by title the way a person reads it: case-blind, numbers by value, untitled by its kind', () => {
    // "Untitled lesson" is what the library shows for the entry without a title.
    expect(ids(queryEntries(rows, everything, 'title'))).toEqual(ids([outage, flags, step2, step10, untitled]));
  });

  it('orders entries that tie on every field the same way every time', () => {
    const twinA = newRow('e-twin000001', { title: 'Same' });
    const twinB = newRow('e-twin000002', { title: 'Same' });
    for (const sort of ['updated', 'created', 'title'] as const) {
      expect(ids(sortEntries([twinB, twinA], sort)), sort).toEqual(ids([twinA, twinB]));
      expect(ids(sortEntries([twinA, twinB], sort)), sort).toEqual(ids([twinA, twinB]));
    }
  });

  it('does not reorder the list it was given', () => {
    const before = ids(rows);
    sortEntries(rows, 'title');
    expect(ids(rows)).toEqual(before);
  });
});

describe('filtering the library', () => {
  it('shows only entries of the chosen kind', () => {
    expect(ids(queryEntries(rows, { kind: 'checklist', tag: null }, 'created'))).toEqual(ids([step2, step10]));
    // The debrief in the trash stays out of sight.
    expect(ids(queryEntries(rows, { kind: 'debrief', tag: null }, 'created'))).toEqual(ids([outage]));
  });

  it('shows only entries with the chosen tag', () => {
    expect(ids(queryEntries(rows, { kind: null, tag: 'on-call' }, 'created'))).toEqual(ids([outage, step2, step10]));
    expect(ids(queryEntries(rows, { kind: null, tag: 'incident' }, 'created'))).toEqual(ids([outage]));
  });

  it('combines kind and tag', () => {
    expect(ids(queryEntries(rows, { kind: 'checklist', tag: 'release' }, 'created'))).toEqual(ids([step10]));
    expect(queryEntries(rows, { kind: 'lesson', tag: 'incident' }, 'created')).toEqual([]);
  });
});

describe('the trash', () => {
  it('holds the deleted entries, most recently deleted first', () => {
    const laterBinned = { ...flags, trashedAt: start + 9 * day };
    expect(ids(trashedEntries([binned, outage, laterBinned]))).toEqual(ids([laterBinned, binned]));
  });
});

describe('tag counts', () => {
  it('counts each tag over live entries, most used first, then alphabetically', () => {
    // "incident" is on one live entry and on one in the trash: only the live one counts.
    expect(countTags(rows)).toEqual([
      { tag: 'on-call', count: 3 },
      { tag: 'release', count: 2 },
      { tag: 'incident', count: 1 },
    ]);
  });

  it('forgets a tag once its only entry is in the trash', () => {
    const onlyInTrash = newRow('e-aaaaaaaa07', { tags: ['postmortem'], trashedAt: start });
    expect(countTags([onlyInTrash, flags])).toEqual([{ tag: 'release', count: 1 }]);
  });
});
