import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Compiles src/engine/wasm/kernels.as.ts first (the engine imports the generated module).
    globalSetup: ['scripts/vitest-global-setup.ts'],
    // fast-check's seed and number of runs for fc.assert (test.prop: src/testing/property.ts)
    setupFiles: ['scripts/vitest-setup.ts'],
    testTimeout: 60_000,
  },
});
