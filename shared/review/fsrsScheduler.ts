import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type FSRSParameters, type Grade } from 'ts-fsrs';

/**
 * The FSRS scheduler (ts-fsrs, the reference TypeScript implementation) behind Review; the only
 * module that imports ts-fsrs (docs/DECISIONS.md, "Review on FSRS").
 *
 * Reviews happen on days, not at times of day: a lesson falls due on a local calendar day and is
 * there all that day. So ts-fsrs runs its long-term scheduler (no same-day learning steps), and
 * every time handed to it is the local calendar day it falls on, written as that date's midnight
 * in UTC: ts-fsrs counts elapsed days between UTC dates, which are then exactly the user's own
 * calendar days, across daylight-saving changes too.
 */

export type ReviewGrade = 'again' | 'hard' | 'good' | 'easy';
export const REVIEW_GRADES: readonly ReviewGrade[] = ['again', 'hard', 'good', 'easy'];

/** FSRS's memory of a lesson: stability in days (the interval at 90% recall) and difficulty, 1 to 10. */
export interface MemoryState {
  readonly stability: number;
  readonly difficulty: number;
}

/** What the scheduler needs to know of a lesson reviewed before. */
export interface ReviewedCard {
  readonly memory: MemoryState;
  readonly lastReviewedAt: number;
  readonly dueAt: number;
  readonly reviews: number;
  readonly lapses: number;
}

export interface ScheduledReview {
  readonly memory: MemoryState;
  /** The start of the local day the lesson is next due. */
  readonly dueAt: number;
  readonly lapses: number;
}

/** A year at most between two reviews, as the ladder had: a lesson note is met at least yearly. */
export const MAX_INTERVAL_DAYS = 365;

export const REVIEW_PARAMETERS: FSRSParameters = generatorParameters({
  request_retention: 0.9,
  maximum_interval: MAX_INTERVAL_DAYS,
  enable_short_term: false,
  // A journal holds tens of lessons, not an Anki deck's thousands: nothing to spread out, and a
  // schedule the user (and a test) can predict.
  enable_fuzz: false,
});

const RATINGS: Record<ReviewGrade, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** The local calendar day of `time`, as that date's midnight in UTC (see above). */
function calendarDate(time: number): Date {
  const local = new Date(time);
  return new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()));
}

/** Midnight, local time, at the start of the calendar day a `calendarDate` stands for. */
function startOfCalendarDate(date: Date): number {
  return new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()).getTime();
}

function cardOf(card: ReviewedCard | null, now: number): Card {
  if (!card) return createEmptyCard(calendarDate(now));
  const lastReview = calendarDate(card.lastReviewedAt);
  const due = calendarDate(card.dueAt);
  return {
    ...createEmptyCard(lastReview),
    state: State.Review,
    stability: card.memory.stability,
    difficulty: card.memory.difficulty,
    due,
    last_review: lastReview,
    scheduled_days: Math.max(0, Math.round((due.getTime() - lastReview.getTime()) / 86_400_000)),
    reps: card.reviews,
    lapses: card.lapses,
  };
}

/** The next memory state and due day of a lesson answered `grade` at `now` (null: its first review). */
export function scheduleReview(card: ReviewedCard | null, grade: ReviewGrade, now: number, parameters: FSRSParameters = REVIEW_PARAMETERS): ScheduledReview {
  const next = fsrs(parameters).next(cardOf(card, now), calendarDate(now), RATINGS[grade]).card;
  return {
    memory: { stability: next.stability, difficulty: next.difficulty },
    dueAt: startOfCalendarDate(next.due),
    lapses: next.lapses,
  };
}

/**
 * FSRS's memory of a lesson that the fixed ladder (1, 3, 7, 16, 35 days, …) had scheduled
 * `intervalDays` out. Stability is by definition the interval at which FSRS expects 90% recall,
 * which is what the ladder was aiming at, so it is that interval; difficulty starts where FSRS
 * puts a lesson first answered Good, and rises once per lapse the lesson had.
 */
export function memoryFromLadder(intervalDays: number, lapses: number, parameters: FSRSParameters = REVIEW_PARAMETERS): MemoryState {
  const scheduler = fsrs(parameters);
  let difficulty = scheduler.init_difficulty(Rating.Good);
  for (let lapse = 0; lapse < Math.min(lapses, 20); lapse++) difficulty = scheduler.next_difficulty(difficulty, Rating.Again);
  return { stability: Math.max(1, intervalDays), difficulty };
}
