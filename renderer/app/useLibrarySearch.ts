import { useCallback, useEffect, useMemo } from 'react';
import type { EntryRow } from '../../shared/library/entryRow';
import { queryEntries } from '../../shared/library/libraryQuery';
import { matchTitles } from '../search/titleMatch';
import { useAppState } from './appStore';

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
