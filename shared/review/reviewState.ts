/**
 * Where one lesson note stands in this device's review schedule. It is private to this device
 * (docs/DECISIONS.md, "Review"): it lives in the library row, never in the entry document, so
 * a shared lesson is reviewed on each colleague's own schedule and nobody sees anyone else's.
 */
export interface ReviewState {
  /** Rung on the ladder of intervals (reviewSchedule.ts): 0 is the first, one day. */
  readonly step: number;
  /** When the lesson is next due (ms since the epoch; the start of a day). */
  readonly dueAt: number;
  /** Times it was reviewed, and of those how many were answered Again. */
  readonly reviews: number;
  readonly lapses: number;
  readonly lastReviewedAt: number | null;
}

export const MAX_REVIEW_STEP = 40;

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

/** Review state as stored in a library row: validated, or null when missing or broken. */
export function parseReviewState(value: unknown): ReviewState | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Record<string, unknown>;
  if (!isCount(raw.step, MAX_REVIEW_STEP) || !isTime(raw.dueAt)) return null;
  return {
    step: raw.step,
    dueAt: raw.dueAt,
    reviews: isCount(raw.reviews, 1_000_000) ? raw.reviews : 0,
    lapses: isCount(raw.lapses, 1_000_000) ? raw.lapses : 0,
    lastReviewedAt: isTime(raw.lastReviewedAt) ? raw.lastReviewedAt : null,
  };
}
