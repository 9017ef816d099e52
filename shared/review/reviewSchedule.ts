import { addDays, startOfDay } from '../time/calendarDays';
import { MAX_REVIEW_STEP, type ReviewState } from './reviewState';

/**
 * The spaced schedule lesson notes come back on. A lesson climbs a ladder of intervals, one rung
 * per `Got it`; `Again` puts it back on the first rung, so it returns tomorrow and climbs again.
 * Past the last rung the interval keeps doubling, up to a year. Reviews fall due at the start of
 * a day, so a lesson due "in 3 days" is there all that morning.
 */
export const REVIEW_INTERVAL_DAYS = [1, 3, 7, 16, 35] as const;
export const MAX_INTERVAL_DAYS = 365;

export type ReviewAnswer = 'got-it' | 'again';

/** Days until the next review for a lesson on `step`. */
export function intervalDays(step: number): number {
  const last = REVIEW_INTERVAL_DAYS.length - 1;
  if (step <= last) return REVIEW_INTERVAL_DAYS[Math.max(0, step)] ?? 1;
  const longest = REVIEW_INTERVAL_DAYS[last] ?? 1;
  return Math.min(MAX_INTERVAL_DAYS, longest * 2 ** (step - last));
}

function dueAfter(time: number, step: number): number {
  return addDays(startOfDay(time), intervalDays(step));
}

/** A lesson written at `createdAt` is first due the next day. */
export function initialReview(createdAt: number): ReviewState {
  return { step: 0, dueAt: dueAfter(createdAt, 0), reviews: 0, lapses: 0, lastReviewedAt: null };
}

/** The state after answering a review at `now`. */
export function answerReview(state: ReviewState, answer: ReviewAnswer, now: number): ReviewState {
  const step = answer === 'got-it' ? Math.min(MAX_REVIEW_STEP, state.step + 1) : 0;
  return {
    step,
    dueAt: dueAfter(now, step),
    reviews: state.reviews + 1,
    lapses: state.lapses + (answer === 'again' ? 1 : 0),
    lastReviewedAt: now,
  };
}

/** Due today: due at any time before tomorrow starts (overdue lessons included). */
export function isDueToday(state: ReviewState, now: number): boolean {
  return state.dueAt < addDays(startOfDay(now), 1);
}
