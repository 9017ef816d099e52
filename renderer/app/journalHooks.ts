import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import type { EntryUid } from '../../shared/entry/entryUid';
import type { EntryRow } from '../../shared/library/entryRow';
import type { Journal } from '../journal/journal';

/** Every library row, redrawn when the library document changes. */
export function useEntryRows(journal: Journal): EntryRow[] {
  const [rows, setRows] = useState(() => journal.rows());
  useEffect(() => {
    setRows(journal.rows());
    return journal.onRowsChange(() => setRows(journal.rows()));
  }, [journal]);
  return rows;
}

/** The current time, refreshed every 30 s so "5 min ago" stays true. */
export function useNow(journal: Journal): number {
  return useSyncExternalStore(subscribeToClock, () => Math.floor(journal.now() / 30_000) * 30_000);
}

function subscribeToClock(onChange: () => void): () => void {
  const timer = setInterval(onChange, 30_000);
  return () => clearInterval(timer);
}

/**
 * The live entries whose bodies link to `id` (its "Linked from"), redrawn only when that list
 * changes: the search index changes with every entry saved or arriving from a colleague, and
 * each redraw of the open entry is a React commit, which measures the caret across its whole body.
 */
export function useLinkedFrom(journal: Journal, id: EntryId, uid: EntryUid | undefined): EntryRow[] {
  const [linked, setLinked] = useState(() => journal.search.linkedFrom(id, uid));
  const shown = useRef(linked);
  useEffect(() => {
    const update = (): void => {
      const next = journal.search.linkedFrom(id, uid);
      if (sameRows(shown.current, next)) return;
      shown.current = next;
      setLinked(next);
    };
    update();
    return journal.search.onChange(update);
  }, [journal, id, uid]);
  return linked;
}

/** Rows are the same objects until they change (the library keeps unchanged rows). */
function sameRows(a: readonly EntryRow[], b: readonly EntryRow[]): boolean {
  return a.length === b.length && a.every((row, index) => row === b[index]);
}
