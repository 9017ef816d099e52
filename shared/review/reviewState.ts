import { addDays, daysBetween } from '../time/calendarDays';
import { MAX_INTERVAL_DAYS, memoryFromLadder, REVIEW_GRADES, type MemoryState, type ReviewGrade } from './fsrsScheduler';

/** One review: when, and the grade given (`again` is the only one that means forgotten). */
export interface ReviewRecord {
  readonly at: number;
  readonly grade: ReviewGrade;
}

/**
 * Where one lesson note stands in this device's review schedule. It is private to this device
 * (docs/DECISIONS.md, "Review on FSRS"): it lives in the library row, never in the entry document,
 * so a shared lesson is reviewed on each colleague's own schedule and nobody sees anyone else's.
 */
export interface ReviewState {
  /** When the lesson is next due (ms since the epoch; the start of a local day). */
  readonly dueAt: number;
  /** FSRS's memory of the lesson (fsrsScheduler.ts); null until it is first reviewed. */
  readonly memory: MemoryState | null;
  /** Times it was reviewed, and of those how many were answered Again. */
  readonly reviews: number;
  readonly lapses: number;
  readonly lastReviewedAt: number | null;
  /** The latest reviews, oldest first (at most MAX_REVIEW_HISTORY): Insights' retention per week. */
  readonly history: readonly ReviewRecord[];
}

/** Enough for Insights' twelve weeks: a lesson is reviewed at most once a day once it is learned. */
export const MAX_REVIEW_HISTORY = 120;
const MAX_COUNT = 1_000_000;
/** The fixed ladder that scheduled reviews before FSRS (step 0 … 40), kept to read its states. */
const LADDER_INTERVAL_DAYS = [1, 3, 7, 16, 35] as const;
const LADDER_LONGEST_DAYS = 35;
const LADDER_MAX_STEP = 40;

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

function isGrade(value: unknown): value is ReviewGrade {
  return typeof value === 'string' && (REVIEW_GRADES as readonly string[]).includes(value);
}

function parseMemory(value: unknown): MemoryState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { stability, difficulty } = value as Record<string, unknown>;
  if (typeof stability !== 'number' || !Number.isFinite(stability) || stability <= 0 || stability > 100 * MAX_INTERVAL_DAYS) return null;
  if (typeof difficulty !== 'number' || !Number.isFinite(difficulty) || difficulty < 1 || difficulty > 10) return null;
  return { stability, difficulty };
}

function parseHistory(value: unknown): ReviewRecord[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is ReviewRecord => typeof item === 'object' && item !== null && isTime((item as Record<string, unknown>).at) && isGrade((item as Record<string, unknown>).grade))
    .map(({ at, grade }) => ({ at, grade }))
    .slice(-MAX_REVIEW_HISTORY);
}

/** The ladder's interval for a step: its five rungs, then doubling up to a year. */
function ladderIntervalDays(step: number): number {
  const last = LADDER_INTERVAL_DAYS.length - 1;
  if (step <= last) return LADDER_INTERVAL_DAYS[step] ?? 1;
  return Math.min(MAX_INTERVAL_DAYS, LADDER_LONGEST_DAYS * 2 ** (step - last));
}

/**
 * A state the fixed ladder wrote (`step`, `dueAt`, `reviews`, `lapses`, `lastReviewedAt`), as an
 * FSRS state with the same due date: the lesson comes back when the ladder said it would, and
 * FSRS takes over from that review on. The ladder's step 0 after a review means the last answer
 * was Again (Got it always climbed), so that one review is kept for retention.
 */
function migrateLadderState(raw: Record<string, unknown>, step: number, dueAt: number): ReviewState {
  const reviews = isCount(raw.reviews, MAX_COUNT) ? raw.reviews : 0;
  const lapses = isCount(raw.lapses, MAX_COUNT) ? Math.min(raw.lapses, reviews) : 0;
  const lastReviewedAt = isTime(raw.lastReviewedAt) ? raw.lastReviewedAt : null;
  if (reviews === 0) return { dueAt, memory: null, reviews: 0, lapses: 0, lastReviewedAt: null, history: [] };
  const reviewedAt = lastReviewedAt ?? addDays(dueAt, -ladderIntervalDays(step));
  const interval = lastReviewedAt === null ? ladderIntervalDays(step) : Math.max(1, daysBetween(lastReviewedAt, dueAt));
  return {
    dueAt,
    memory: memoryFromLadder(interval, lapses),
    reviews,
    lapses,
    lastReviewedAt: reviewedAt,
    history: lastReviewedAt === null ? [] : [{ at: lastReviewedAt, grade: step === 0 ? 'again' : 'good' }],
  };
}

/**
 * Review state as stored in a library row: validated, or null when missing or broken. A state
 * written by the fixed ladder is read as its FSRS equivalent (migrateLadderState), so no stored
 * row needs rewriting: the next review stores the new form.
 */
export function parseReviewState(value: unknown): ReviewState | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Record<string, unknown>;
  if (!isTime(raw.dueAt)) return null;
  if (!('memory' in raw)) return isCount(raw.step, LADDER_MAX_STEP) ? migrateLadderState(raw, raw.step, raw.dueAt) : null;
  const lastReviewedAt = isTime(raw.lastReviewedAt) ? raw.lastReviewedAt : null;
  // FSRS reads a memory against the day it was last reviewed: without that day it has none.
  const memory = lastReviewedAt === null ? null : parseMemory(raw.memory);
  const reviews = memory && isCount(raw.reviews, MAX_COUNT) ? raw.reviews : 0;
  return {
    dueAt: raw.dueAt,
    memory,
    reviews,
    lapses: isCount(raw.lapses, MAX_COUNT) ? Math.min(raw.lapses, reviews) : 0,
    lastReviewedAt: memory ? lastReviewedAt : null,
    history: parseHistory(raw.history),
  };
}
