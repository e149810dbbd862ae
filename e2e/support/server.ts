// The server the browser tests load the app from: `vite preview` of the production build in dist/,
// on a free port of 127.0.0.1 (never another address). scripts/test-all.mjs builds dist/ first.

import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const HOST = '127.0.0.1';

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('could not read the probe port'))));
    });
  });
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:41234/`, with the trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** Serves dist/ with `vite preview` (the project's vite.config.ts applies). */
export async function startPreviewServer(root: string = PROJECT_ROOT): Promise<RunningServer> {
  if (!existsSync(join(root, 'dist', 'index.html'))) {
    throw new Error(`No build in ${join(root, 'dist')}: run \`npx vite build --mode test\` first (npm test does).`);
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    try {
      const server = await preview({
        root,
        logLevel: 'warn',
        preview: { host: HOST, port, strictPort: true, open: false },
      });
      return {
        url: `http://${HOST}:${port}/`,
        close: () =>
          new Promise<void>((resolve, reject) => server.httpServer.close((err) => (err ? reject(err) : resolve()))),
      };
    } catch (err) {
      lastError = err; // somebody took the port between the probe and the listen: try another
    }
  }
  throw new Error(`vite preview could not start: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
}
