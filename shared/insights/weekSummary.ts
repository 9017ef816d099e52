import type { ThanksCount } from '../library/entryActivity';
import type { EntryRow } from '../library/entryRow';
import { sortThanks } from '../entry/mentions';
import { addDays, startOfWeek } from '../time/calendarDays';

/**
 * "This week": what the journal holds of the current week (Monday to Sunday, local time), from
 * the library rows alone.
 */
export interface WeekSummary {
  readonly weekStart: number;
  /** The Monday after: the week is [weekStart, weekEnd). */
  readonly weekEnd: number;
  /** Entries created this week, newest first. */
  readonly written: EntryRow[];
  /** Entries created before this week and changed during it, last changed first. */
  readonly changed: EntryRow[];
  readonly lessonsWritten: number;
  /** Check items ticked this week, in any entry. */
  readonly checkItemsDone: number;
  /** Debriefs written or changed this week that more than one person has edited. */
  readonly coWrittenDebriefs: EntryRow[];
  /** Thanks in the debriefs written or changed this week, per person. */
  readonly thanks: ThanksCount[];
}

/** Live entries that are really in the journal (not in the trash, not waiting for a peer). */
export function isLiveEntry(row: EntryRow): boolean {
  return row.trashedAt === null && !row.awaitingPeer;
}

/** Co-written: more than one person's name among the entry's contributors. */
export function isCoWritten(row: EntryRow): boolean {
  return (row.activity?.contributors.length ?? 0) >= 2;
}

export function addThanks(into: Map<string, number>, thanks: readonly ThanksCount[]): void {
  for (const { name, count } of thanks) into.set(name, (into.get(name) ?? 0) + count);
}

export function summarizeWeek(rows: readonly EntryRow[], now: number): WeekSummary {
  const weekStart = startOfWeek(now);
  const weekEnd = addDays(weekStart, 7);
  const inWeek = (time: number): boolean => time >= weekStart && time < weekEnd;
  const live = rows.filter(isLiveEntry);
  const written = live.filter((row) => inWeek(row.createdAt)).sort((a, b) => b.createdAt - a.createdAt);
  const changed = live
    .filter((row) => row.createdAt < weekStart && inWeek(row.updatedAt))
    .sort((a, b) => b.updatedAt - a.updatedAt);
  const touched = [...written, ...changed];
  const thanks = new Map<string, number>();
  for (const row of touched) addThanks(thanks, row.activity?.thanks ?? []);
  return {
    weekStart,
    weekEnd,
    written,
    changed,
    lessonsWritten: written.filter((row) => row.kind === 'lesson').length,
    checkItemsDone: live.reduce((sum, row) => sum + (row.activity?.ticks.filter(inWeek).length ?? 0), 0),
    coWrittenDebriefs: touched.filter((row) => row.kind === 'debrief' && isCoWritten(row)),
    thanks: sortThanks([...thanks].map(([name, count]) => ({ name, count }))),
  };
}
