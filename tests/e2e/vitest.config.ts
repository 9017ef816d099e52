import { defineConfig } from 'vitest/config';

// The end-to-end suite: the web build (built once in globalSetup) in real Chromium. Files run
// one after another; each file starts its own browsers. PEERBOOK_SCREENSHOTS=1 runs the
// README's screenshot script instead (`npm run screenshots`).
const screenshots = process.env.PEERBOOK_SCREENSHOTS === '1';
export default defineConfig({
  test: {
    include: screenshots ? ['tests/e2e/**/*.shots.ts'] : ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/support/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
