// The memory soak, outside the default browser suite: `npm run test:soak` (builds dist/ first).
// SOAK_MINUTES (default 10) sets how long it trains after the warm-up; SOAK_WARMUP_SECONDS (default 60)
// the warm-up.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const warmup = Number(process.env.SOAK_WARMUP_SECONDS ?? 60);

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.soak.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: (warmup + minutes * 60 + 180) * 1000,
    hookTimeout: 120_000,
  },
});
