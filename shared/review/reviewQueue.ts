import type { EntryRow } from '../library/entryRow';
import { initialReview, isDueToday } from './reviewSchedule';
import type { ReviewState } from './reviewState';

/** A lesson note's review state: its own, or, if it was never reviewed, the first one. */
export function reviewOf(row: Pick<EntryRow, 'createdAt' | 'review'>): ReviewState {
  return row.review ?? initialReview(row.createdAt);
}

/** Lesson notes take part in review once they are in the journal (not in the trash, not awaited). */
export function isReviewable(row: EntryRow): boolean {
  return row.kind === 'lesson' && row.trashedAt === null && !row.awaitingPeer;
}

function byDue(a: EntryRow, b: EntryRow): number {
  return reviewOf(a).dueAt - reviewOf(b).dueAt || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The lessons due today (overdue first), in the order Review shows them. */
export function lessonsDueToday(rows: readonly EntryRow[], now: number): EntryRow[] {
  return rows.filter((row) => isReviewable(row) && isDueToday(reviewOf(row), now)).sort(byDue);
}

/** The next lessons to come up after today, soonest first. */
export function upcomingLessons(rows: readonly EntryRow[], now: number, limit = 5): EntryRow[] {
  return rows
    .filter((row) => isReviewable(row) && !isDueToday(reviewOf(row), now))
    .sort(byDue)
    .slice(0, limit);
}
