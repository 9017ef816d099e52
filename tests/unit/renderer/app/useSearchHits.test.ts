// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppStore, AppStoreContext } from '../../../../renderer/app/appStore';
import { useSearchHits } from '../../../../renderer/app/useSearchHits';
import { JournalSearch } from '../../../../renderer/search/journalSearch';
import { createEntryId, type EntryId } from '../../../../shared/entry/entryId';
import { entryRow } from '../../support/entryRows';
import { countingChannel } from '../../support/searchChannel';

// The search results drawn under the Search box (the sidebar's hook), with the engine in this
// thread: what a person searching sees while entries change behind the results.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  vi.useRealTimers();
});

function entryIdFor(seed: number): EntryId {
  return createEntryId((length) => new Uint8Array(length).fill(seed));
}

/** Draws the titles found, as the sidebar lists them. */
function Results({ search }: { search: JournalSearch }) {
  const hits = useSearchHits(search);
  return createElement('ul', null, ...(hits ?? []).map((hit) => createElement('li', { key: hit.row.id }, hit.row.title)));
}

function shownTitles(container: HTMLElement): string[] {
  return [...container.querySelectorAll('li')].map((item) => item.textContent ?? '');
}

describe('search results while entries change behind them', () => {
  it('shows a change to the journal in the results on screen, once for a burst of changes', async () => {
    vi.useFakeTimers();
    const drill = entryRow(entryIdFor(1), Date.UTC(2026, 0, 5), { title: 'Rollback drill' });
    const others = Array.from({ length: 20 }, (_, index) => entryRow(entryIdFor(index + 2), Date.UTC(2026, 0, 6), { title: `Standup ${index}` }));
    const { channel, queries } = countingChannel();
    const search = new JournalSearch(null, channel);
    await search.start([drill, ...others], () => {});
    const store = new AppStore();
    const container = document.createElement('div');
    root = createRoot(container);
    act(() => root?.render(createElement(AppStoreContext, { value: store }, createElement(Results, { search }))));

    await act(async () => {
      store.setQuery('rollback');
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(shownTitles(container)).toEqual(['Rollback drill']);
    const askedForTheQuery = queries();

    // Colleagues retitle twenty entries in quick succession, one every 10 ms.
    for (const [index, row] of others.entries()) {
      await act(async () => {
        search.updateRows([{ ...row, title: `Rollback review ${index}` }], []);
        await vi.advanceTimersByTimeAsync(10);
      });
    }
    // Within the refresh time all twenty are shown, asked for again once or twice, not twenty times.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(300);
    });
    expect(shownTitles(container)).toHaveLength(21);
    expect(shownTitles(container)).toContain('Rollback review 19');
    expect(queries() - askedForTheQuery).toBeLessThanOrEqual(2);

    // A new query is asked at once, whatever changed just before.
    await act(async () => {
      search.updateRows([{ ...drill, title: 'Deploy drill' }], []);
      store.setQuery('deploy');
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(shownTitles(container)).toEqual(['Deploy drill']);
    search.close();
  });
});
