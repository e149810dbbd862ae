import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Compiles src/engine/wasm/kernels.as.ts first (the engine imports the generated module).
    globalSetup: ['scripts/vitest-global-setup.ts'],
    testTimeout: 60_000,
  },
});
