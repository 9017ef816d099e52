import type { ThanksCount } from '../library/entryActivity';
import type { EntryRow } from '../library/entryRow';
import { addDays, startOfWeek } from '../time/calendarDays';
import { checkItemsTicked, debriefsWritten, isLiveEntry, lessonNotesWritten, thanksIn, type Period } from './journalFigures';

/**
 * "This week": what the journal holds of the current week (Monday to Sunday, local time), from
 * the library rows alone. Its figures are defined in journalFigures.ts, as Insights' are.
 */
export interface WeekSummary {
  readonly weekStart: number;
  /** The Monday after: the week is [weekStart, weekEnd). */
  readonly weekEnd: number;
  /** Entries created this week, newest first. */
  readonly written: EntryRow[];
  /** Entries created before this week and changed during it, last changed first. */
  readonly changed: EntryRow[];
  /** Lesson notes written this week. */
  readonly lessonsWritten: number;
  /** Check items of checklists ticked this week (debrief actions apart). */
  readonly checkItemsDone: number;
  /** Debriefs written this week that more than one person has edited. */
  readonly coWrittenDebriefs: EntryRow[];
  /** Thanks in the debriefs written or changed this week, per person. */
  readonly thanks: ThanksCount[];
}

export function summarizeWeek(rows: readonly EntryRow[], now: number): WeekSummary {
  const weekStart = startOfWeek(now);
  const week: Period = { start: weekStart, end: addDays(weekStart, 7) };
  const live = rows.filter(isLiveEntry);
  const written = live.filter((row) => row.createdAt >= week.start && row.createdAt < week.end).sort((a, b) => b.createdAt - a.createdAt);
  const changed = live
    .filter((row) => row.createdAt < week.start && row.updatedAt >= week.start && row.updatedAt < week.end)
    .sort((a, b) => b.updatedAt - a.updatedAt);
  return {
    weekStart,
    weekEnd: week.end,
    written,
    changed,
    lessonsWritten: lessonNotesWritten(live, week).length,
    checkItemsDone: checkItemsTicked(live, week),
    coWrittenDebriefs: debriefsWritten(written, week).coWritten,
    thanks: thanksIn([...written, ...changed]),
  };
}
