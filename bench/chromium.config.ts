import { defineConfig } from 'vitest/config';

// Benchmarks in Chromium (npm run bench): they print figures and write bench/results/latest.json;
// they fail only when a measurement could not be taken, never on time.
export default defineConfig({
  test: {
    include: ['bench/**/*.chromium.ts'],
    environment: 'node',
    globalSetup: ['bench/support/benchSetup.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
