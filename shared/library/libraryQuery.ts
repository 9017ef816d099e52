import type { EntryKind } from '../entry/entryKind';
import { displayTitle, type EntryRow } from './entryRow';

export const ENTRY_SORTS = ['updated', 'created', 'title'] as const;
export type EntrySort = (typeof ENTRY_SORTS)[number];

export const ENTRY_SORT_LABELS: Readonly<Record<EntrySort, string>> = {
  updated: 'Last changed',
  created: 'Newest first',
  title: 'Title A–Z',
};

export interface LibraryFilter {
  readonly kind: EntryKind | null;
  readonly tag: string | null;
}

/** The live entries (not in the trash) that pass the filter, in the chosen order. */
export function queryEntries(rows: readonly EntryRow[], filter: LibraryFilter, sort: EntrySort): EntryRow[] {
  const kept = rows.filter(
    (row) =>
      row.trashedAt === null &&
      (filter.kind === null || row.kind === filter.kind) &&
      (filter.tag === null || row.tags.includes(filter.tag)),
  );
  return sortEntries(kept, sort);
}

export function sortEntries(rows: readonly EntryRow[], sort: EntrySort): EntryRow[] {
  const byId = (a: EntryRow, b: EntryRow): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const compare: Record<EntrySort, (a: EntryRow, b: EntryRow) => number> = {
    updated: (a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt || byId(a, b),
    created: (a, b) => b.createdAt - a.createdAt || byId(a, b),
    title: (a, b) =>
      displayTitle(a).localeCompare(displayTitle(b), undefined, { sensitivity: 'base', numeric: true }) || byId(a, b),
  };
  return [...rows].sort(compare[sort]);
}

/** Entries in the trash, most recently deleted first. */
export function trashedEntries(rows: readonly EntryRow[]): EntryRow[] {
  return rows
    .filter((row) => row.trashedAt !== null)
    .sort((a, b) => (b.trashedAt ?? 0) - (a.trashedAt ?? 0));
}

/** Every tag on a live entry with how many live entries carry it, most used first. */
export function countTags(rows: readonly EntryRow[]): Array<{ tag: string; count: number }> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row.trashedAt !== null) continue;
    for (const tag of row.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
