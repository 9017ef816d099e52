import { defineConfig } from 'vitest/config';
import pkg from './package.json' with { type: 'json' };

// Unit and integration tests run in Node. The end-to-end suite has its own config
// (tests/e2e/vitest.config.ts) because it drives real Chromium and runs serially.
export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/attack/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
