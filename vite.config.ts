import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import csp from './scripts/vite-plugin-csp.ts';
import mnist from './scripts/vite-plugin-mnist.ts';
import wasmKernels from './scripts/vite-plugin-wasm-kernels.ts';

export default defineConfig(({ command, mode }) => ({
  // The build uses relative URLs, so dist/ works served from any sub-path (README: Deploy).
  base: command === 'build' ? './' : '/',
  plugins: [wasmKernels(), react(), mnist(), csp()],
  // The test hooks (src/test-hooks.d.ts) are built into test and development builds only:
  // `vite build` leaves them out, `vite build --mode test` (the browser tests, bench:ui) keeps them.
  define: { __TEST_HOOKS__: JSON.stringify(mode !== 'production') },
  worker: { format: 'es' },
  // dist/.vite/manifest.json: scripts/bundle-size.ts reads which chunks the first page loads
  build: { manifest: true },
}));
