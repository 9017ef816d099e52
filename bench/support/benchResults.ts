import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** bench/results/latest.json: every figure of the last `npm run bench`, merged key by key. */
const resultsFile = join(__dirname, '../results/latest.json');

export function recordFigures(figures: Record<string, number>): void {
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>;
  } catch {
    // First run: no results yet.
  }
  const next = { ...current, ...figures, measured_at: new Date().toISOString() };
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, JSON.stringify(next, null, 2) + '\n');
  console.log(JSON.stringify(figures, null, 2));
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] as number) * 100) / 100;
}

/** How many times `npm run bench` takes each Chromium figure; it writes their median, min and max. */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * One figure taken once per round: `<key>` is the median of the rounds, with `<key>_min` and
 * `<key>_max` beside it. With `floors` (the same figure's floor, taken in the same rounds) it
 * also writes `<key>_floor` (and its min and max) and `<key>_ratio`, the median of each
 * round's figure over that round's floor.
 */
export function roundFigures(key: string, values: readonly number[], floors?: readonly number[]): Record<string, number> {
  const figures: Record<string, number> = {
    [key]: percentile(values, 50),
    [`${key}_min`]: round2(Math.min(...values)),
    [`${key}_max`]: round2(Math.max(...values)),
  };
  if (floors) {
    Object.assign(figures, {
      [`${key}_floor`]: percentile(floors, 50),
      [`${key}_floor_min`]: round2(Math.min(...floors)),
      [`${key}_floor_max`]: round2(Math.max(...floors)),
      [`${key}_ratio`]: percentile(
        values.map((value, index) => value / (floors[index] as number)),
        50,
      ),
    });
  }
  return figures;
}
