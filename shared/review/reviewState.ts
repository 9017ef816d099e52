import * as v from 'valibot';
import { isCount, isStoredCount, isTime, TimeSchema } from '../schema/numberSchemas';
import { parsedSchema, parseOrNull } from '../schema/parsedSchema';
import { isPlainObject, plainObject } from '../schema/plainObject';
import { validItems } from '../schema/validItems';
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
/** The fixed ladder that scheduled reviews before FSRS (step 0 … 40), kept to read its states. */
const LADDER_INTERVAL_DAYS = [1, 3, 7, 16, 35] as const;
const LADDER_LONGEST_DAYS = 35;
const LADDER_MAX_STEP = 40;

const MemorySchema = plainObject({
  stability: v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(100 * MAX_INTERVAL_DAYS)),
  difficulty: v.pipe(v.number(), v.finite(), v.minValue(1), v.maxValue(10)),
});

const ReviewRecordSchema = plainObject({ at: TimeSchema, grade: v.picklist(REVIEW_GRADES) });

function parseMemory(value: unknown): MemoryState | null {
  return parseOrNull(MemorySchema, value);
}

function readReviewRecord(item: unknown): ReviewRecord | null {
  return parseOrNull(ReviewRecordSchema, item);
}

function parseHistory(value: unknown): ReviewRecord[] {
  return validItems(value, Number.POSITIVE_INFINITY, readReviewRecord).slice(-MAX_REVIEW_HISTORY);
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
  const reviews = isStoredCount(raw.reviews) ? raw.reviews : 0;
  const lapses = isStoredCount(raw.lapses) ? Math.min(raw.lapses, reviews) : 0;
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
  if (!isPlainObject(value)) return null;
  const raw = value;
  if (!isTime(raw.dueAt)) return null;
  if (!('memory' in raw)) return isCount(raw.step, LADDER_MAX_STEP) ? migrateLadderState(raw, raw.step, raw.dueAt) : null;
  const lastReviewedAt = isTime(raw.lastReviewedAt) ? raw.lastReviewedAt : null;
  // FSRS reads a memory against the day it was last reviewed: without that day it has none.
  const memory = lastReviewedAt === null ? null : parseMemory(raw.memory);
  const reviews = memory && isStoredCount(raw.reviews) ? raw.reviews : 0;
  return {
    dueAt: raw.dueAt,
    memory,
    reviews,
    lapses: isStoredCount(raw.lapses) ? Math.min(raw.lapses, reviews) : 0,
    lastReviewedAt: memory ? lastReviewedAt : null,
    history: parseHistory(raw.history),
  };
}

/** parseReviewState as a schema: a stored state, migrated if the ladder wrote it; anything else fails. */
export const ReviewStateSchema = parsedSchema(parseReviewState, 'not a review state');
