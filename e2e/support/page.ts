// Opening a page while recording everything that should not happen: console errors, uncaught
// exceptions, failed requests, HTTP error responses, Content-Security-Policy violations and requests
// to any other origin than the app's. Tests assert `problems` is empty at the end.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { PROJECT_ROOT } from './server';

export const RESULTS_DIR = join(PROJECT_ROOT, 'test-results');

export interface WatchedPage {
  page: Page;
  /** One readable line per problem seen since the page opened. */
  problems: string[];
  /** Requests the browser or the page called off (net::ERR_ABORTED): not problems, kept for a look. */
  aborted: string[];
  close(): Promise<void>;
}

export async function openWatchedPage(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  // CSP violations in the page (workers report theirs on the console): logged as console errors
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const aborted: string[] = [];
  // no third-party requests: everything comes from the page's own origin (data: and blob: URLs stay local)
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    const pageUrl = page.url();
    const origin = /^https?:/.test(pageUrl) ? new URL(pageUrl).origin : null;
    if (origin && url.origin !== origin) problems.push(`third-party request: ${req.method()} ${req.url()}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      problems.push(`console error: ${msg.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  // net::ERR_ABORTED is a load the browser or the page called off: a navigation (goto, reload) cuts off
  // what the old document was still fetching, such as a view preloaded when the page was idle, and
  // CDP may report that before or after the navigation itself. It says nothing about the page, so it
  // is kept apart (`aborted`); a load that fails for a reason (refused, offline, an HTTP error) is a
  // problem, and a view whose code was cut off fails on its own (its boundary, .chart-failed).
  page.on('requestfailed', (req) => {
    if (req.failure()?.errorText === 'net::ERR_ABORTED') {
      aborted.push(`${req.method()} ${req.url()}`);
      return;
    }
    problems.push(`request failed: ${req.method()} ${req.url()}: ${req.failure()?.errorText ?? 'unknown error'}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  page.on('crash', () => problems.push('the page crashed'));
  return { page, problems, aborted, close: () => context.close() };
}

/** Writes a full-page PNG to test-results/NAME.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The step number in the status line, or null when it shows none. */
export async function statusStep(page: Page): Promise<{ text: string; step: number | null }> {
  const text = await page.getByTestId('session-status').innerText();
  const m = /step ([\d,]+)/.exec(text);
  return { text, step: m ? Number(m[1].replace(/,/g, '')) : null };
}

/** Waits until the status line says Training at step minStep or later; returns the step. */
export async function waitForTraining(page: Page, minStep = 1, timeout = 60_000): Promise<number> {
  let last = { text: '', step: null as number | null };
  try {
    await expect.poll(async () => {
      last = await statusStep(page);
      return /^Training/.test(last.text) && (last.step ?? -1) >= minStep;
    }, { timeout, interval: 100 }).toBe(true);
  } catch {
    throw new Error(`the page did not reach "Training" at step ${minStep} within ${timeout / 1000} s; its status line says "${last.text}"`);
  }
  return last.step!;
}

/** Waits until every lazily loaded view on the page has rendered (no "Loading the view..." left). */
export async function waitForViewsLoaded(page: Page, timeout = 60_000): Promise<void> {
  await expect.poll(() => page.locator('.view-loading').count(), {
    timeout, message: 'a lazily loaded view was still loading (its .view-loading placeholder stayed)',
  }).toBe(0);
}

/** Waits until no CSS transition or animation is running (e.g. after a colour-scheme switch). */
export async function waitForTransitionsDone(page: Page, timeout = 10_000): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running' && Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity)).length), {
    timeout, message: 'CSS transitions were still running',
  }).toBe(0);
}

/** Waits for the page to draw `n` more animation frames (e.g. after a scroll, before a screenshot). */
export async function nextFrames(page: Page, n = 2): Promise<void> {
  await page.evaluate((count) => new Promise<void>((resolve) => {
    let left = count;
    const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), n);
}

/** Scrolls to the top and waits until the page shows it (scrollY 0 and two frames drawn). */
export async function scrollToTop(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => page.evaluate(() => window.scrollY), { timeout: 5_000, message: 'the page did not scroll to the top' }).toBe(0);
  await nextFrames(page, 2);
}

/** Switches a page's language from its Language control (unless it speaks it already) and waits for <html lang>. */
export async function speak(page: Page, lang: 'en' | 'zh'): Promise<void> {
  const select = page.getByRole('combobox', { name: /^(Language|语言)$/ });
  if ((await select.inputValue()) !== lang) await select.selectOption(lang);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang), { message: `the page's lang never became ${lang}` }).toMatch(new RegExp(`^${lang}`));
}

/**
 * Pauses training through the page's store (a test build's window.normscope) and resolves once the
 * trainer has stopped: the store's pause() awaits the trainer's, which answers when no round is in flight.
 */
export async function pauseTraining(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { normscope: { store: { getState(): { pause(): Promise<void> } } } }).normscope.store.getState().pause());
}
