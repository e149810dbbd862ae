// Vitest globalSetup for the browser tests: one `vite preview` and one Chromium for the whole run;
// tests read the app's address with inject('baseURL') and connect to the browser through useBrowser()
// (./chromium.ts: inject('chromiumEndpoint')).

import type { TestProject } from 'vitest/node';
import { launchChromiumServer } from './chromium';
import { startPreviewServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    /** The Playwright browser server's WebSocket address. */
    chromiumEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPreviewServer();
  console.log(`[e2e] serving dist/ at ${server.url}`);
  project.provide('baseURL', server.url);
  const browser = await launchChromiumServer();
  project.provide('chromiumEndpoint', browser.wsEndpoint());
  return async () => {
    await browser.close();
    await server.close();
  };
}
