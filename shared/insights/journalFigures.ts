import { isSamePerson } from '../entry/debriefActions';
import { sortThanks } from '../entry/mentions';
import type { ThanksCount } from '../library/entryActivity';
import type { EntryRow } from '../library/entryRow';
import type { NounForms } from '../locale/localeFormat';

/**
 * One definition per figure, shared by This week and Insights, so that the two always say the
 * same thing of the same journal (docs/DECISIONS.md, "Figures that agree"). Every figure counts
 * live entries only (not in the trash, not still waiting for a peer). A period is [start, end),
 * in milliseconds; This week counts the current week, Insights each of its weeks and the whole
 * journal.
 */
export interface Period {
  readonly start: number;
  readonly end: number;
}

export const ALL_TIME: Period = { start: 0, end: Number.POSITIVE_INFINITY };

export function inPeriod(time: number, period: Period): boolean {
  return time >= period.start && time < period.end;
}

/** Live entries that are really in the journal (not in the trash, not waiting for a peer). */
export function isLiveEntry(row: EntryRow): boolean {
  return row.trashedAt === null && !row.awaitingPeer;
}

/** Co-written: more than one person's name among the entry's contributors. */
export function isCoWritten(row: EntryRow): boolean {
  return (row.activity?.contributors.length ?? 0) >= 2;
}

/** Lesson notes written: lesson notes created in the period. */
export function lessonNotesWritten(rows: readonly EntryRow[], period: Period): EntryRow[] {
  return rows.filter((row) => row.kind === 'lesson' && isLiveEntry(row) && inPeriod(row.createdAt, period));
}

/** Debriefs written (created) in the period, and those of them co-written. */
export function debriefsWritten(rows: readonly EntryRow[], period: Period): { readonly all: EntryRow[]; readonly coWritten: EntryRow[] } {
  const all = rows.filter((row) => row.kind === 'debrief' && isLiveEntry(row) && inPeriod(row.createdAt, period));
  return { all, coWritten: all.filter(isCoWritten) };
}

/**
 * Check items are the items of checklists: a debrief's actions are counted as actions, not here,
 * and a check item in a lesson note is not counted. Done in a period: ticked in it (by when the
 * tick was made, whoever made it).
 */
export function checkItemsTicked(rows: readonly EntryRow[], period: Period): number {
  return rows
    .filter((row) => row.kind === 'checklist' && isLiveEntry(row))
    .reduce((sum, row) => sum + (row.activity?.ticks.filter((at) => inPeriod(at, period)).length ?? 0), 0);
}

/** The check items of every checklist now, and how many are done (checklist progress, summed). */
export function checkItemsDone(rows: readonly EntryRow[]): { readonly done: number; readonly total: number } {
  return rows
    .filter((row) => row.kind === 'checklist' && isLiveEntry(row))
    .reduce((sum, row) => ({ done: sum.done + (row.progress?.done ?? 0), total: sum.total + (row.progress?.total ?? 0) }), { done: 0, total: 0 });
}

/** Adds one entry's thanks into a running count per person. */
export function addThanks(into: Map<string, number>, thanks: readonly ThanksCount[]): void {
  for (const { name, count } of thanks) into.set(name, (into.get(name) ?? 0) + count);
}

/**
 * Thanks per person: the mentions under "Knowledge exchanges that made a difference" in these
 * entries (shared/entry/mentions.ts), most thanked first.
 */
export function thanksIn(rows: readonly EntryRow[]): ThanksCount[] {
  const thanks = new Map<string, number>();
  for (const row of rows) if (isLiveEntry(row)) addThanks(thanks, row.activity?.thanks ?? []);
  return sortThanks([...thanks].map(([name, count]) => ({ name, count })));
}

/**
 * Thanks told apart: those the user received (mentions naming them, by their name in Settings)
 * and those that went to colleagues (every other mention). Who wrote a mention is not recorded,
 * so "to colleagues" is what the journal's debriefs give, the user's own words among them.
 */
export function splitThanks(thanks: readonly ThanksCount[], you: string): { readonly received: number; readonly toColleagues: number } {
  let received = 0;
  let toColleagues = 0;
  for (const { name, count } of thanks) {
    if (isSamePerson(name, you)) received += count;
    else toColleagues += count;
  }
  return { received, toColleagues };
}

/** The people an entry was written with: its contributors, the user left out. */
export function collaboratorsOf(row: EntryRow, you: string): string[] {
  return (row.activity?.contributors ?? []).filter((name) => !isSamePerson(name, you));
}

/** What a figure is called, and what it counts, said beside it wherever it is shown. */
export interface FigureLabel {
  readonly forms: NounForms;
  readonly counts: string;
}

export const FIGURE_LABELS = {
  entriesWritten: { forms: { one: 'entry written', other: 'entries written' }, counts: 'new entries of every kind' },
  entriesChanged: { forms: { one: 'entry changed', other: 'entries changed' }, counts: 'written before, changed since' },
  lessonNotes: { forms: { one: 'lesson note', other: 'lesson notes' }, counts: 'written' },
  checkItemsDone: { forms: { one: 'check item done', other: 'check items done' }, counts: 'in checklists; debrief actions apart' },
  debriefsCoWritten: { forms: { one: 'debrief co-written', other: 'debriefs co-written' }, counts: 'written with a colleague' },
  thanksReceived: { forms: { one: 'thank-you received', other: 'thanks received' }, counts: 'naming you, in debriefs' },
  thanksToColleagues: { forms: { one: 'thank-you to colleagues', other: 'thanks to colleagues' }, counts: 'naming others, in debriefs' },
  reviewsRemembered: { forms: { one: 'review remembered', other: 'reviews remembered' }, counts: 'answered anything but Again' },
} as const satisfies Record<string, FigureLabel>;
