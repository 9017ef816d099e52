import { describe, expect, it } from 'vitest';
import { createEntryId } from '../../../../shared/entry/entryId';
import { JournalSearch } from '../../../../renderer/search/journalSearch';
import { entryRow } from '../../support/entryRows';
import { countingChannel } from '../../support/searchChannel';

const everything = { kind: null, tag: null };

describe('asking the journal search while typing', () => {
  it('answers the keystroke and the view that draws it from one request, and asks again once the journal changes', async () => {
    const id = createEntryId((length) => new Uint8Array(length).fill(7));
    const drill = entryRow(id, Date.UTC(2026, 0, 5), { title: 'Rollback drill' });
    const { channel, queries } = countingChannel();
    const search = new JournalSearch(null, channel);
    await search.start([drill], () => {});

    const asKeyPressed = search.search('rollb', everything);
    const asDrawn = search.search('rollb ', everything);
    expect((await asKeyPressed).map((hit) => hit.row.title)).toEqual(['Rollback drill']);
    expect(await asDrawn).toBe(await asKeyPressed);
    expect(queries()).toBe(1);
    // Another filter is another question.
    expect(await search.search('rollb', { kind: 'checklist', tag: null })).toEqual([]);
    expect(queries()).toBe(2);

    expect(await search.search('rollb', everything)).toHaveLength(1);
    expect(queries()).toBe(3);

    // The same words after a change are asked again, and see it.
    search.updateRows([{ ...drill, title: 'Deploy drill' }], []);
    expect(await search.search('rollb', everything)).toEqual([]);
    expect((await search.search('deplo', everything)).map((hit) => hit.row.title)).toEqual(['Deploy drill']);
    expect(queries()).toBe(5);
    search.close();
  });
});
