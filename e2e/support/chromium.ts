// Launching Debian's Chromium for the browser tests. Every browser test goes through launchChromium():
// the flags keep Chromium headless and quiet on a machine whose only network is the package registries
// (without --disable-background-networking and friends it floods the closed network with refused
// connections). playwright-core's launch() gives each browser a fresh temporary --user-data-dir.
// scripts/ensure-chromium.mjs installs the browser; NORMSCOPE_CHROMIUM overrides the path there and here.
//
// One Chromium serves the whole run: global-setup.ts starts it as a Playwright browser server and each
// test file connects to it (useBrowser), instead of launching and closing a browser of its own (1.5-4 s
// and 2-10 s on a loaded two-core machine, per file). Tests stay apart as before: every page opens in
// a fresh browser context (its own cookies, storage, HTTP cache and Cache API), and a file's
// disconnect closes the contexts it left open.

import { chromium, type Browser, type BrowserServer } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const CHROMIUM_PATH = process.env.NORMSCOPE_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    timeout: 60_000,
  });
}

/** The browser server the run's tests connect to (global-setup.ts). */
export async function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    timeout: 60_000,
  });
}

/** The run's Chromium for the tests of a describe block: connected before them (launched, when the
 * run has no browser server), let go of after. Call at describe level. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    const endpoint = inject('chromiumEndpoint');
    browser = endpoint ? await chromium.connect(endpoint, { timeout: 60_000 }) : await launchChromium();
  });
  afterAll(async () => { await browser?.close(); });
  return () => {
    if (!browser) throw new Error('the browser is not launched yet: call the getter inside a test');
    return browser;
  };
}
