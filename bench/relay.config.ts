import { defineConfig } from 'vitest/config';

// The relay's load test (npm run bench): a real relay process on loopback and many clients in
// this process. It prints figures and writes bench/results/latest.json; it fails only when a
// measurement could not be taken (or a change was lost), never on time.
export default defineConfig({
  test: {
    include: ['bench/**/*.relay.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
