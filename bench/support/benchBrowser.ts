import type { Browser } from 'playwright-core';
import { withDisabledFeatures } from '../../electron/chromiumSwitches';
import { CHROMIUM_ARGS, launchBrowser } from '../../tests/e2e/support/chromium';

/**
 * Which Chromium the benchmarks measure the app in: by default one run with the desktop app's
 * switches (electron/chromiumSwitches.ts), as its window runs the same pages; with
 * `BENCH_CHROMIUM=stock`, a browser as it comes, as `npm run web` meets it.
 */
export const BENCH_CHROMIUM: 'desktop' | 'stock' = process.env.BENCH_CHROMIUM === 'stock' ? 'stock' : 'desktop';

export function launchBenchBrowser(): Promise<Browser> {
  console.log(`Chromium: ${BENCH_CHROMIUM === 'desktop' ? "the desktop app's switches" : 'stock (BENCH_CHROMIUM=stock)'}`);
  return launchBrowser({ args: BENCH_CHROMIUM === 'desktop' ? withDisabledFeatures(CHROMIUM_ARGS) : [...CHROMIUM_ARGS] });
}
