// The two test suites as Vitest projects (`npm test`, scripts/test-all.mjs, runs them as its stages):
//
//   npx vitest run --project unit      unit, gradient and property tests (src/, scripts/)
//   npx vitest run --project browser   Chromium against `vite preview` of dist/: build it first with
//                                      `npx vite build --mode test` (e2e/vitest.config.ts)
//
// One file: `npx vitest run src/engine/matmul.test.ts`; one browser file: `npx vitest run --project
// browser e2e/cnn.e2e.ts` (or `-c e2e/vitest.config.ts e2e/cnn.e2e.ts`). The memory soak stays
// outside both (`npm run test:soak`, e2e/vitest.soak.config.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          // Compiles src/engine/wasm/kernels.as.ts first (the engine imports the generated module).
          globalSetup: ['scripts/vitest-global-setup.ts'],
          // fast-check's seed and number of runs for fc.assert (test.prop: src/testing/property.ts)
          setupFiles: ['scripts/vitest-setup.ts'],
          // Two files at a time even on two cores (Vitest's default there is one): much of a file's
          // time is spent loading modules and waiting on child processes, not computing.
          maxWorkers: 2,
          // The files of a worker share one module graph instead of each loading its own (with
          // isolation, loading took more CPU than the tests). So a file must leave shared state as it
          // found it: spies, stubbed globals and env are undone after each test (below), and the
          // setup file fails a file that leaves the language or the SIMD switch changed.
          isolate: false,
          restoreMocks: true,
          unstubGlobals: true,
          unstubEnvs: true,
          testTimeout: 60_000,
        },
      },
      // one Chromium at a time (fileParallelism: false); the file says why
      './e2e/vitest.config.ts',
    ],
  },
});
