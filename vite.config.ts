import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import mnist from './scripts/vite-plugin-mnist.ts';

export default defineConfig({
  plugins: [react(), mnist()],
  worker: { format: 'es' },
});
