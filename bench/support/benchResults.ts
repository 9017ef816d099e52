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
