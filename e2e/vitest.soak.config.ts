// The memory soak, outside the default browser suite: `npm run test:soak` (builds dist/ first).
// SOAK_MINUTES (default 10) sets about how long it trains after the warm-up (e2e/memory.soak.ts says
// why the warm-up lasts until step ~42,000 and the run may be longer).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.soak.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: (40 + 3 * minutes) * 60_000, // the warm-up can take minutes, the run up to twice SOAK_MINUTES
    hookTimeout: 120_000,
  },
});
