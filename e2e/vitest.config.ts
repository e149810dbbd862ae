// The browser project (vitest.config.ts lists it as `browser`): `npx vite build --mode test`, then
// `npx vitest run --project browser` (or `-c e2e/vitest.config.ts`); npm test does both. The test mode
// keeps the page's test hooks (window.normscope.debug), which a production build leaves out.
// The tests drive Debian's Chromium through playwright-core against `vite preview` of dist/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    name: 'browser',
    root, // as a project of vitest.config.ts (whose root would be e2e/ otherwise)
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/global-setup.ts'],
    // One browser at a time: two cores, and the tests train networks in the page's workers. (Two files
    // at a time, tried: 316 s instead of 350 s for the whole stage, both cores busy, and long-history's
    // long-task bound failed.)
    fileParallelism: false,
    // The files run one after another in one worker that keeps its module graph (playwright-core and
    // the support modules load once, not ~1.2 s per file). Nothing in a file is global: each one
    // connects to the run's browser and opens its own contexts (support/chromium.ts).
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
