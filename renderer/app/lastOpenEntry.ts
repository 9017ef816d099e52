import { isEntryId, type EntryId } from '../../shared/entry/entryId';
import type { EntryRow } from '../../shared/library/entryRow';

/** Where the entry last open on this device is kept, so a reload or a restart reopens it. */
const STORAGE_KEY = 'peerbook:last-open-entry';

export function rememberOpenEntry(id: EntryId): void {
  try {
    localStorage.setItem(STORAGE_KEY, id);
  } catch {
    // Storage full or refused: the next start opens on the library, nothing worse.
  }
}

/**
 * The entry to reopen at start: the one last open, if this journal still has it out of the
 * Trash. `row` looks an id up in the library.
 */
export function entryToReopen(row: (id: EntryId) => EntryRow | null | undefined): EntryId | null {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
  if (!isEntryId(stored)) return null;
  const found = row(stored);
  return found && found.trashedAt === null ? found.id : null;
}
