import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import mnist from './scripts/vite-plugin-mnist.ts';
import wasmKernels from './scripts/vite-plugin-wasm-kernels.ts';

export default defineConfig({
  plugins: [wasmKernels(), react(), mnist()],
  worker: { format: 'es' },
  // dist/.vite/manifest.json: scripts/bundle-size.ts reads which chunks the first page loads
  build: { manifest: true },
});
