import { useEffect, useLayoutEffect, useState } from 'react';
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
  const indexVersion = useIndexRefresh(search);
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
    // indexVersion: results on screen are asked again after the index changes.
  }, [search, query, searching, filter, indexVersion]);
  // User-timing mark for the benchmarks: marked once the results are in the page (before the
  // frame that paints them), as the search did when it answered within the keystroke's render.
  useLayoutEffect(() => {
    if (found) performance.mark('peerbook:search-drawn');
  }, [found]);
  return searching ? (found?.hits ?? []) : null;
}

/**
 * How long results on screen may lag a change to the index. Every entry saved here or arriving
 * from a colleague changes it, several times a second while shared entries are busy; asking
 * again and redrawing on each change took frames from whoever was typing.
 */
const RESULTS_REFRESH_MS = 300;

/**
 * The index's version as results should follow it: at most one change per `RESULTS_REFRESH_MS`,
 * the latest, except that the index becoming ready shows at once. A new query is asked at once
 * whatever this says.
 */
function useIndexRefresh(search: JournalSearch): number {
  const [version, setVersion] = useState(search.version);
  useEffect(() => {
    let state = search.state;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const catchUp = (): void => {
      timer = null;
      setVersion(search.version);
    };
    const unsubscribe = search.onChange(() => {
      if (search.state !== state) {
        state = search.state;
        if (timer) clearTimeout(timer);
        catchUp();
      } else {
        timer ??= setTimeout(catchUp, RESULTS_REFRESH_MS);
      }
    });
    // A change between the first render and this subscription is caught up with now.
    setVersion(search.version);
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [search]);
  return version;
}
