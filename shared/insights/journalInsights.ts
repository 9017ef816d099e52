import type { ThanksCount } from '../library/entryActivity';
import type { EntryRow } from '../library/entryRow';
import { countTags } from '../library/libraryQuery';
import { displayTitle } from '../library/entryRow';
import { sortThanks } from '../entry/mentions';
import { addDays, startOfWeek } from '../time/calendarDays';
import { addThanks, isCoWritten, isLiveEntry } from './weekSummary';

/**
 * The figures behind Insights, computed from the library rows on this device (nothing is sent
 * anywhere). Weeks run Monday to Sunday in local time; the last one is the current week.
 */
export interface WeekFigure {
  readonly weekStart: number;
  /** "3 Mar": the week's Monday. */
  readonly label: string;
  readonly lessons: number;
  readonly debriefs: number;
  readonly coWrittenDebriefs: number;
  /** Reviews answered this week that were remembered (Hard, Got it, Easy) and forgotten (Again). */
  readonly remembered: number;
  readonly forgotten: number;
}

export interface ChecklistFigure {
  readonly id: string;
  readonly title: string;
  readonly done: number;
  readonly total: number;
}

export interface JournalInsights {
  readonly weeks: WeekFigure[];
  readonly lessons: number;
  readonly checklists: ChecklistFigure[];
  readonly checkItems: { readonly done: number; readonly total: number };
  readonly debriefs: number;
  readonly coWrittenDebriefs: number;
  readonly topTags: Array<{ tag: string; count: number }>;
  readonly whoHelped: ThanksCount[];
  /** Reviews in the weeks shown, and how many of them were remembered. */
  readonly reviews: { readonly remembered: number; readonly total: number };
}

export const INSIGHT_WEEKS = 12;
const TOP = 8;

export function weekLabel(weekStart: number): string {
  return new Date(weekStart).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
}

export function computeInsights(rows: readonly EntryRow[], now: number, weekCount = INSIGHT_WEEKS): JournalInsights {
  const live = rows.filter(isLiveEntry);
  const first = addDays(startOfWeek(now), -7 * (weekCount - 1));
  const weeks = Array.from({ length: weekCount }, (_, index) => {
    const weekStart = addDays(first, 7 * index);
    return { weekStart, weekEnd: addDays(weekStart, 7), lessons: 0, debriefs: 0, coWrittenDebriefs: 0, remembered: 0, forgotten: 0 };
  });
  const weekOf = (time: number) => weeks.find((week) => time >= week.weekStart && time < week.weekEnd);
  const thanks = new Map<string, number>();
  for (const row of live) {
    const week = weekOf(row.createdAt);
    if (row.kind === 'lesson' && week) week.lessons++;
    if (row.kind === 'debrief' && week) {
      week.debriefs++;
      if (isCoWritten(row)) week.coWrittenDebriefs++;
    }
    addThanks(thanks, row.activity?.thanks ?? []);
    for (const { at, grade } of row.kind === 'lesson' ? (row.review?.history ?? []) : []) {
      const reviewWeek = weekOf(at);
      if (reviewWeek && grade === 'again') reviewWeek.forgotten++;
      else if (reviewWeek) reviewWeek.remembered++;
    }
  }
  const checklists = live
    .filter((row) => row.kind === 'checklist' && row.progress && row.progress.total > 0)
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .map((row) => ({ id: row.id, title: displayTitle(row), done: row.progress?.done ?? 0, total: row.progress?.total ?? 0 }));
  const debriefs = live.filter((row) => row.kind === 'debrief');
  return {
    weeks: weeks.map(({ weekStart, lessons, debriefs: count, coWrittenDebriefs, remembered, forgotten }) => ({
      weekStart,
      label: weekLabel(weekStart),
      lessons,
      debriefs: count,
      coWrittenDebriefs,
      remembered,
      forgotten,
    })),
    lessons: live.filter((row) => row.kind === 'lesson').length,
    checklists,
    checkItems: checklists.reduce((sum, list) => ({ done: sum.done + list.done, total: sum.total + list.total }), { done: 0, total: 0 }),
    debriefs: debriefs.length,
    coWrittenDebriefs: debriefs.filter(isCoWritten).length,
    topTags: countTags(live).slice(0, TOP),
    whoHelped: sortThanks([...thanks].map(([name, count]) => ({ name, count }))).slice(0, TOP),
    reviews: weeks.reduce((sum, week) => ({ remembered: sum.remembered + week.remembered, total: sum.total + week.remembered + week.forgotten }), { remembered: 0, total: 0 }),
  };
}
