import * as v from 'valibot';

/**
 * Numbers as boundaries read them. Each bound is a named limit of the value it counts; these only
 * say what a count and a time are. The predicates are the schemas' own checks, for the parsers
 * that read thousands of records by hand (entryRow.ts).
 */

/** A whole number from `min` to `max` (safe integers only, so no rounding hides in it). */
export function isCount(value: unknown, max: number, min = 0): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

export function countSchema(max: number, min = 0) {
  return v.custom<number>((value) => isCount(value, max, min), `expected a whole number from ${min} to ${max}`);
}

/** Most of anything a library row counts (check items, reviews): far above any real entry. */
export const MAX_STORED_COUNT = 1_000_000;

/** A moment in ms since the epoch, as stored: finite and not before 1970. */
export function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

export const TimeSchema = v.custom<number>(isTime, 'expected a time');

/** A count as stored in a library row. */
export function isStoredCount(value: unknown): value is number {
  return isCount(value, MAX_STORED_COUNT);
}

export const StoredCountSchema = countSchema(MAX_STORED_COUNT);
