import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import type { EntryRow } from '../../shared/library/entryRow';
import { queryEntries } from '../../shared/library/libraryQuery';
import type { Journal } from '../journal/journal';
import type { SearchHit } from '../search/journalSearch';
import { matchTitles } from '../search/titleMatch';
import { useAppState } from './appStore';
import { useSearchVersion } from './journalHooks';

/** Go to entry shows ten, a [[ link offers a few: fifty is plenty for either. */
const MAX_TITLE_MATCHES = 50;

export interface LibrarySearch {
  /** The library as filtered and sorted in the sidebar. */
  readonly visible: EntryRow[];
  /** Search results while a search is typed, else null. */
  readonly hits: readonly SearchHit[] | null;
  /** Entries whose title matches, most recent first (the library's order for nothing typed). */
  readonly findEntries: (text: string) => EntryRow[];
}

/** The sidebar's list and search, from the filter, sort and query in the app's store. */
export function useLibrarySearch(journal: Journal, rows: readonly EntryRow[]): LibrarySearch {
  const filter = useAppState((state) => state.filter);
  const sort = useAppState((state) => state.sort);
  const query = useAppState((state) => state.query);
  const searchVersion = useSearchVersion(journal);
  const visible = useMemo(() => queryEntries(rows, filter, sort), [rows, filter, sort]);
  // Results come from the search worker; the previous ones stay on screen until they arrive.
  const [found, setFound] = useState<{ readonly hits: SearchHit[] } | null>(null);
  const searching = query.trim() !== '';
  useEffect(() => {
    if (!searching) {
      setFound(null);
      return;
    }
    let current = true;
    void journal.search.search(query, filter).then((hits) => {
      // Drawn in the task that brought them: a render scheduled for later could wait a frame.
      if (current) flushSync(() => setFound({ hits }));
    });
    return () => {
      current = false;
    };
    // searchVersion: results are asked again when the index changes.
  }, [journal, query, searching, filter, searchVersion]);
  // User-timing marks for the benchmarks (npm run bench): the library drawn, search results drawn.
  useEffect(() => void performance.mark('peerbook:library-interactive'), []);
  // Marked once the results are in the page (before the frame that paints them), as the search
  // did when it answered within the keystroke's own render.
  useLayoutEffect(() => {
    if (found) performance.mark('peerbook:search-drawn');
  }, [found]);
  // Go to entry and [[ links match titles in this thread, most recent first (titleMatch.ts).
  const byRecency = useMemo(() => {
    let sorted: EntryRow[] | null = null;
    return () => (sorted ??= queryEntries(rows, { kind: null, tag: null }, 'updated'));
  }, [rows]);
  const findEntries = useCallback(
    (text: string) => (text.trim() ? matchTitles(byRecency(), text, MAX_TITLE_MATCHES) : visible),
    [byRecency, visible],
  );
  return { visible, hits: searching ? (found?.hits ?? []) : null, findEntries };
}
