// Vitest globalSetup for the browser tests: one `vite preview` for the whole run; tests read its
// address with inject('baseURL').

import type { TestProject } from 'vitest/node';
import { startPreviewServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPreviewServer();
  console.log(`[e2e] serving dist/ at ${server.url}`);
  project.provide('baseURL', server.url);
  return () => server.close();
}
