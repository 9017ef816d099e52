import type { EntryId } from '../../shared/entry/entryId';

/** IndexedDB database names. Part of the on-device format: renaming them loses data. */
export const LIBRARY_DATABASE_NAME = 'peerbook-library';

export function entryDatabaseName(id: EntryId): string {
  return `peerbook-entry-${id}`;
}
