import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import mnist from './scripts/vite-plugin-mnist.ts';

export default defineConfig({
  plugins: [react(), mnist()],
  worker: { format: 'es' },
  // dist/.vite/manifest.json: scripts/bundle-size.ts reads which chunks the first page loads
  build: { manifest: true },
});
