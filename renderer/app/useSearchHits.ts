import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import type { JournalSearch, SearchHit } from '../search/journalSearch';
import { useAppState, useAppStore } from './appStore';

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
