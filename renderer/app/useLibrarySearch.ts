import { useCallback, useEffect, useLayoutEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import type { EntryRow } from '../../shared/library/entryRow';
import { queryEntries } from '../../shared/library/libraryQuery';
import type { JournalSearch, SearchHit } from '../search/journalSearch';
import { matchTitles } from '../search/titleMatch';
import { useAppState, useAppStore } from './appStore';

/** Go to entry shows ten, a [[ link offers a few: fifty is plenty for either. */
const MAX_TITLE_MATCHES = 50;

export interface LibrarySearch {
  /** The library as filtered and sorted in the sidebar. */
  readonly visible: EntryRow[];
  /** Entries whose title matches, most recent first (the library's order for nothing typed). */
  readonly findEntries: (text: string) => EntryRow[];
}

/** The sidebar's list, from the filter and sort in the app's store, and Go to entry's matching. */
export function useLibrarySearch(rows: readonly EntryRow[]): LibrarySearch {
  const filter = useAppState((state) => state.filter);
  const sort = useAppState((state) => state.sort);
  const visible = useMemo(() => queryEntries(rows, filter, sort), [rows, filter, sort]);
  // User-timing mark for the benchmarks (npm run bench): the library drawn.
  useEffect(() => void performance.mark('peerbook:library-interactive'), []);
  // Go to entry and [[ links match titles in this thread, most recent first (titleMatch.ts).
  const byRecency = useMemo(() => {
    let sorted: EntryRow[] | null = null;
    return () => (sorted ??= queryEntries(rows, { kind: null, tag: null }, 'updated'));
  }, [rows]);
  const findEntries = useCallback(
    (text: string) => (text.trim() ? matchTitles(byRecency(), text, MAX_TITLE_MATCHES) : visible),
    [byRecency, visible],
  );
  return { visible, findEntries };
}

/**
 * Search results while a search is typed, else null. Used where they are drawn (the sidebar),
 * so a keystroke in Search redraws the sidebar, not the whole app.
 */
export function useSearchHits(search: JournalSearch): readonly SearchHit[] | null {
  const filter = useAppState((state) => state.filter);
  const query = useAppState((state) => state.query);
  const searchVersion = useSyncExternalStore(
    (onChange) => search.onChange(onChange),
    () => search.version,
  );
  // Results come from the search worker; the previous ones stay on screen until they arrive.
  const [found, setFound] = useState<{ readonly hits: SearchHit[] } | null>(null);
  const searching = query.trim() !== '';
  // Asked as soon as the query or filter changes in the store, in the key's own event, so the
  // engine works while this thread draws the keystroke; the effect below gets the same answer.
  const store = useAppStore();
  useEffect(
    () =>
      store.subscribe(() => {
        const { query: asked, filter: narrowed } = store.getState();
        if (asked.trim() !== '') void search.search(asked, narrowed);
      }),
    [store, search],
  );
  useEffect(() => {
    if (!searching) {
      setFound(null);
      return;
    }
    let current = true;
    void search.search(query, filter).then((hits) => {
      // Drawn in the task that brought them: a render scheduled for later could wait a frame.
      if (current) flushSync(() => setFound({ hits }));
    });
    return () => {
      current = false;
    };
    // searchVersion: results are asked again when the index changes.
  }, [search, query, searching, filter, searchVersion]);
  // User-timing mark for the benchmarks: marked once the results are in the page (before the
  // frame that paints them), as the search did when it answered within the keystroke's render.
  useLayoutEffect(() => {
    if (found) performance.mark('peerbook:search-drawn');
  }, [found]);
  return searching ? (found?.hits ?? []) : null;
}
