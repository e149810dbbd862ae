// Browser tests: `npx vite build && npx vitest run -c e2e/vitest.config.ts` (npm test does both).
// They drive Debian's Chromium through playwright-core against `vite preview` of dist/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/global-setup.ts'],
    // One browser at a time: two cores, and later tests train networks in the page's worker.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
