// Launching Debian's Chromium for the browser tests. Every browser test goes through launchChromium():
// the flags keep Chromium headless and quiet on a machine whose only network is the package registries
// (without --disable-background-networking and friends it floods the closed network with refused
// connections). playwright-core's launch() gives each browser a fresh temporary --user-data-dir.
// scripts/ensure-chromium.mjs installs the browser; NORMSCOPE_CHROMIUM overrides the path there and here.

import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

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

/** One Chromium for the tests of a describe block: launched before them, closed after. Call at describe level. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => { browser = await launchChromium(); });
  afterAll(async () => { await browser?.close(); });
  return () => {
    if (!browser) throw new Error('the browser is not launched yet: call the getter inside a test');
    return browser;
  };
}
