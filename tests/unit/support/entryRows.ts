import { parseEntryId } from '../../../shared/entry/entryId';
import type { EntryRow } from '../../../shared/library/entryRow';

/**
 * A row of the library as the journal keeps it: an untitled lesson made and last changed at `at`,
 * with no tags or steps, not shared, trashed or awaited; `patch` says how this one differs.
 */
export function entryRow(id: string, at: number, patch: Partial<EntryRow> = {}): EntryRow {
  return {
    id: parseEntryId(id),
    kind: 'lesson',
    title: '',
    tags: [],
    createdAt: at,
    updatedAt: at,
    progress: null,
    trashedAt: null,
    share: null,
    awaitingPeer: false,
    ...patch,
  };
}
