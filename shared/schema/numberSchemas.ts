import * as v from 'valibot';

/**
 * Numbers as boundaries read them. Each bound is a named limit of the value it counts; these only
 * say what a count and a time are.
 */

/** A whole number from `min` to `max` (safe integers only, so no rounding hides in it). */
export function countSchema(max: number, min = 0) {
  return v.pipe(v.number(), v.safeInteger(), v.minValue(min), v.maxValue(max));
}

/** Most of anything a library row counts (check items, reviews): far above any real entry. */
export const MAX_STORED_COUNT = 999_999;

/** A moment in ms since the epoch, as stored: finite and not before 1970. */
export const TimeSchema = v.pipe(v.number(), v.finite(), v.minValue(0));

/** A count as stored in a library row. */
export const StoredCountSchema = countSchema(MAX_STORED_COUNT);
