import type { ThanksCount } from '../library/entryActivity';
import type { EntryRow } from '../library/entryRow';
import { countTags } from '../library/libraryQuery';
import { displayTitle } from '../library/entryRow';
import { formatDay } from '../locale/localeFormat';
import { addDays, startOfWeek } from '../time/calendarDays';
import { ALL_TIME, checkItemsDone, debriefsWritten, inPeriod, isLiveEntry, lessonNotesWritten, splitThanks, thanksIn, type Period } from './journalFigures';

/**
 * The figures behind Insights, computed from the library rows on this device (nothing is sent
 * anywhere). Weeks run Monday to Sunday in local time; the last one is the current week, and
 * its figures are This week's (journalFigures.ts defines both).
 */
export interface WeekFigure {
  readonly weekStart: number;
  /** "2 Mar" (in the user's locale): the week's Monday. */
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
  /** Thanks naming the user, and thanks naming anyone else (journalFigures.ts, splitThanks). */
  readonly thanks: { readonly received: number; readonly toColleagues: number };
  /** Reviews in the weeks shown, and how many of them were remembered. */
  readonly reviews: { readonly remembered: number; readonly total: number };
}

export const INSIGHT_WEEKS = 12;
const TOP = 8;

/** A week as charts and titles name it: its Monday, "2 Mar" (en-GB) or "Mar 2" (en-US). */
export function weekLabel(weekStart: number, locale?: string): string {
  return formatDay(weekStart, {}, locale);
}

export interface InsightsOptions {
  /** The user's name (Settings), to tell thanks received from thanks to colleagues. */
  readonly you?: string;
  readonly weekCount?: number;
  readonly locale?: string;
}

export function computeInsights(rows: readonly EntryRow[], now: number, { you = '', weekCount = INSIGHT_WEEKS, locale }: InsightsOptions = {}): JournalInsights {
  const live = rows.filter(isLiveEntry);
  const first = addDays(startOfWeek(now), -7 * (weekCount - 1));
  const weeks = Array.from({ length: weekCount }, (_, index): Period => {
    const start = addDays(first, 7 * index);
    return { start, end: addDays(start, 7) };
  });
  const reviewsIn = (week: Period): { remembered: number; forgotten: number } => {
    let remembered = 0;
    let forgotten = 0;
    for (const row of live) {
      for (const { at, grade } of row.kind === 'lesson' ? (row.review?.history ?? []) : []) {
        if (!inPeriod(at, week)) continue;
        if (grade === 'again') forgotten++;
        else remembered++;
      }
    }
    return { remembered, forgotten };
  };
  const weekFigures = weeks.map((week): WeekFigure => {
    const debriefs = debriefsWritten(live, week);
    return {
      weekStart: week.start,
      label: weekLabel(week.start, locale),
      lessons: lessonNotesWritten(live, week).length,
      debriefs: debriefs.all.length,
      coWrittenDebriefs: debriefs.coWritten.length,
      ...reviewsIn(week),
    };
  });
  const checklists = live
    .filter((row) => row.kind === 'checklist' && row.progress && row.progress.total > 0)
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .map((row) => ({ id: row.id, title: displayTitle(row), done: row.progress?.done ?? 0, total: row.progress?.total ?? 0 }));
  const debriefs = debriefsWritten(live, ALL_TIME);
  const thanks = thanksIn(live);
  return {
    weeks: weekFigures,
    lessons: lessonNotesWritten(live, ALL_TIME).length,
    checklists,
    checkItems: checkItemsDone(live),
    debriefs: debriefs.all.length,
    coWrittenDebriefs: debriefs.coWritten.length,
    topTags: countTags(live).slice(0, TOP),
    whoHelped: thanks.slice(0, TOP),
    thanks: splitThanks(thanks, you),
    reviews: weekFigures.reduce((sum, week) => ({ remembered: sum.remembered + week.remembered, total: sum.total + week.remembered + week.forgotten }), { remembered: 0, total: 0 }),
  };
}

/**
 * The weeks a weekly chart names on its axis: every week that has a bar, and the first and last
 * weeks shown when no named week is next to them (so labels never sit on top of each other, and
 * a bar is never left without its week).
 */
export function weekAxisLabels(weeks: ReadonlyArray<{ readonly label: string; readonly hasBar: boolean }>): string[] {
  const named = new Set(weeks.flatMap((week, index) => (week.hasBar ? [index] : [])));
  for (const end of [0, weeks.length - 1]) {
    if (end >= 0 && !named.has(end - 1) && !named.has(end + 1)) named.add(end);
  }
  return weeks.filter((_, index) => named.has(index)).map((week) => week.label);
}
