import { defineConfig } from 'vitest/config';

// Benchmarks print figures; they do not pass or fail on time. `npm run bench`.
export default defineConfig({
  test: {
    include: [],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    environment: 'node',
  },
});
