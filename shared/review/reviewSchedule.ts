import { addDays, startOfDay } from '../time/calendarDays';
import { REVIEW_PARAMETERS, scheduleReview, type ReviewGrade } from './fsrsScheduler';
import { MAX_REVIEW_HISTORY, type ReviewState } from './reviewState';

/**
 * The spaced schedule lesson notes come back on: FSRS (fsrsScheduler.ts). Each review is graded
 * Again (forgotten), Hard, Got it (good) or Easy; FSRS updates its memory of the lesson and
 * puts the next review where it expects the lesson to be 90% likely remembered: Easy further
 * out than Got it, Got it further than Hard, Again soonest (tomorrow, for a lesson just met).
 * Reviews fall due at the start of a day, so a lesson due "in 3 days" is there all that morning.
 */
export type { ReviewGrade } from './fsrsScheduler';

/** A lesson written at `createdAt` is first due the next day. */
export function initialReview(createdAt: number): ReviewState {
  return { dueAt: addDays(startOfDay(createdAt), 1), memory: null, reviews: 0, lapses: 0, lastReviewedAt: null, history: [] };
}

/** The state after answering a review at `now`. */
export function answerReview(state: ReviewState, grade: ReviewGrade, now: number, parameters = REVIEW_PARAMETERS): ReviewState {
  const reviewed =
    state.memory && state.lastReviewedAt !== null
      ? { memory: state.memory, lastReviewedAt: state.lastReviewedAt, dueAt: state.dueAt, reviews: state.reviews, lapses: state.lapses }
      : null;
  const next = scheduleReview(reviewed, grade, now, parameters);
  return {
    dueAt: next.dueAt,
    memory: next.memory,
    reviews: state.reviews + 1,
    lapses: next.lapses,
    lastReviewedAt: now,
    history: [...state.history, { at: now, grade }].slice(-MAX_REVIEW_HISTORY),
  };
}

/** Due today: due at any time before tomorrow starts (overdue lessons included). */
export function isDueToday(state: ReviewState, now: number): boolean {
  return state.dueAt < addDays(startOfDay(now), 1);
}
