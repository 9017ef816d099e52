import { useEffect, useState, useSyncExternalStore } from 'react';
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

/** A number that changes whenever the search index does, to recompute results. */
export function useSearchVersion(journal: Journal): number {
  return useSyncExternalStore(
    (onChange) => journal.search.onChange(onChange),
    () => journal.search.version,
  );
}
