// The built app under its strict Content-Security-Policy, with no third-party request, and offline once
// loaded. openWatchedPage records CSP violations (as console errors) and requests to other origins as
// problems. One page serves both tests: online it gets the policy, trains, preloads every lazy view's
// code and downloads CSV and JSON: zero problems. Then the network goes away and the same page keeps
// training, draws every view (the lazy ones for the first time), saves each as PNG, switches to an
// experiment with Figure 1 and starts a sweep: no problem but the offline loads it is expected to try.
// (The views, Save PNG and the experiment ran online on a second page before: the same policy, and
// offline every request that fails is a problem besides, so they prove no less here. A sweep run to
// completion under the same policy with zero problems: sweep.e2e.ts's tiny sweep, on this server, and
// subpath.e2e.ts's, under the deploy headers.)
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CSP_HEADER, CSP_META } from '../scripts/vite-plugin-csp';
import { useBrowser } from './support/chromium';
import { PRELOADED_CHUNKS } from './support/preloaded-chunks';
import { openWatchedPage, pauseTraining, waitForTraining, type WatchedPage } from './support/page';
import { setSweepChecks } from './support/sweep';

/** Scrolls through every <figure> of the main view until each has drawn something (canvas or SVG). */
async function visitEveryView(page: Page): Promise<number> {
  const count = await page.locator('main figure').count();
  for (let i = 0; i < count; i++) {
    const fig = page.locator('main figure').nth(i);
    await fig.scrollIntoViewIfNeeded();
    await expect.poll(() => fig.evaluate((el) => el.querySelectorAll('canvas, svg, td').length > 0 && !el.querySelector('.chart-failed')), { message: 'a view drew nothing offline (or failed)', timeout: 20_000 }).toBe(true);
  }
  return count;
}

describe('strict CSP, same origin only, offline once loaded', () => {
  const baseURL = inject('baseURL');
  const browser = useBrowser();
  let watched: WatchedPage | undefined;
  afterAll(async () => { await watched?.close(); });
  /** The page both tests use, opened by the first. */
  const shared = () => {
    if (!watched) throw new Error('the online test did not open the page');
    return watched;
  };

  it('serves the policy (header and meta); online, the page trains, preloads its lazy code and downloads without a violation or a third-party request', async () => {
    watched = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1200 } });
    const { page, problems } = watched;
    const response = await page.goto(baseURL);
    expect(response?.headers()['content-security-policy']).toBe(CSP_HEADER);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(CSP_META);
    for (const p of [CSP_HEADER, CSP_META]) {
      expect(p).not.toMatch(/'unsafe-eval'|'unsafe-inline'|\*/);
      expect(p).toContain("script-src 'self' 'wasm-unsafe-eval'");
    }
    // the policy is in force: an inline script is refused and reported (then taken back out of the problems).
    // (eval cannot be probed from here: DevTools' evaluation is allowed to eval whatever the policy says.)
    const inlineRan = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.append(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(inlineRan).toBe(false);
    // one report per policy in force (the header's and the meta tag's), each with the browser's own
    // console line: wait for both reports, then take exactly these lines out
    const probe = (p: string) => /CSP violation: script-src-elem blocked inline|Executing inline script violates/.test(p);
    await expect.poll(() => problems.filter((p) => /CSP violation: script-src-elem blocked inline/.test(p)).length, { message: 'the injected inline script was not reported twice (header and meta policy)' }).toBe(2);
    problems.splice(0, problems.length, ...problems.filter((p) => !probe(p)));

    await waitForTraining(page, 5);
    // src/ui/preload-views.ts fetches the lazy views' chunks and the sweep worker's script when idle
    const lazy = [...PRELOADED_CHUNKS];
    await expect.poll(() => page.evaluate((names) => {
      const loaded = performance.getEntriesByType('resource').map((e) => e.name);
      return names.filter((n) => !loaded.some((u) => u.includes(`/assets/${n}-`)));
    }, lazy), { message: 'the idle preload did not fetch every lazy view and the sweep worker', timeout: 20_000 }).toEqual([]);

    // (below 1,600 px the downloads are in the top bar's More menu)
    const more = page.getByRole('button', { name: /^More/ });
    for (const name of ['Download CSV', 'Download JSON']) {
      await more.click();
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name }).click()]);
      expect(file.suggestedFilename()).toMatch(/\.(csv|json)$/);
    }
    expect(problems).toEqual([]);
  });

  it('keeps working offline once loaded: views, Save PNG, experiments and a sweep whose code was never used online', { timeout: 240_000 }, async () => {
    const { page, problems } = shared();
    try {
      const requests: string[] = [];
      page.context().on('request', (req) => requests.push(req.url()));
      await page.context().setOffline(true);
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);

      const before = await waitForTraining(page);
      await waitForTraining(page, before + 20);
      // Paused for the views and the Save PNGs, which draw the last frame: the two training workers no
      // longer take the cores from the page (load ~17: 5.4 s instead of 11.7 s for the views, 8 s
      // instead of 23 s for the PNGs). The experiment below plays again.
      await pauseTraining(page);
      const views = await visitEveryView(page); // the lazily loaded ones included, first drawn offline

      // Save PNG on every figure that offers it (SVG overlays go through data: images)
      const saves = page.getByRole('button', { name: 'Save PNG' });
      const n = await saves.count();
      expect(n).toBeGreaterThan(0);
      for (let i = 0; i < n; i++) {
        await saves.nth(i).scrollIntoViewIfNeeded();
        const [png] = await Promise.all([page.waitForEvent('download'), saves.nth(i).click()]);
        expect(png.suggestedFilename()).toMatch(/\.png$/);
      }
      console.log(`[e2e] offline under the CSP: ${n} Save PNG downloads`);

      // an experiment with Figure 1: new runs, MNIST from the worker's memory
      await page.getByRole('button', { name: 'Experiments' }).click();
      await page.getByRole('menuitem').first().click();
      await page.locator('#experiment figure').first().waitFor();
      await expect.poll(() => page.url(), { message: 'the URL never named the experiment', timeout: 5000 }).toContain('experiment=');
      const again = await waitForTraining(page);
      await waitForTraining(page, again + 20);
      expect(await page.locator('.chart-failed').count()).toBe(0);

      // the sweep: its panel's code and its workers' script come from what was preloaded
      await page.getByRole('button', { name: 'Experiments' }).click();
      await page.getByRole('menuitem', { name: /Small batches/ }).click();
      const panel = page.getByTestId('sweep-panel');
      await panel.waitFor();
      await setSweepChecks(page, { 'Layer norm': false, 'Batch norm': false, 'Batch 2': false, 'Batch 4': false, 'Batch 8': false, 'Batch 16': false, 'Batch 32': false, 'Batch 64': false });
      await panel.getByRole('button', { name: 'Start sweep' }).click();
      await expect.poll(async () => Number(await panel.getByRole('progressbar').getAttribute('aria-valuenow')), { message: 'the offline sweep\'s progress never moved', timeout: 120_000, interval: 250 }).toBeGreaterThan(0);
      await panel.getByRole('button', { name: 'Cancel' }).click();
      console.log(`[e2e] offline: training went on, ${views} views drew, an experiment switched, a sweep ran`);
      expect(await page.locator('.chart-failed').count()).toBe(0);
      // What the page still asks the network for, offline: the favicon (the browser, on each URL change)
      // and MNIST's manifest and files (a new worker, then the Cache API copy). Code never: the
      // lazy chunks are in the module map, the sweep worker's script in the HTTP cache.
      const fromNetwork = requests.filter((u) => !/^(data|blob):/.test(u)).map((u) => new URL(u).pathname);
      console.log(`[e2e] offline requests: ${[...new Set(fromNetwork)].join(', ')}`);
      expect(fromNetwork.filter((u) => !/\/(favicon\.svg|mnist\/[\w.-]+|assets\/sweep\.worker-[\w-]+\.js)$/.test(u))).toEqual([]);
      const expected = (p: string) => /(favicon\.svg|\/mnist\/[\w.-]+)\b.*ERR_INTERNET_DISCONNECTED|ERR_INTERNET_DISCONNECTED.*(favicon\.svg|\/mnist\/)/.test(p);
      console.log(`[e2e] offline failures expected: ${problems.filter(expected).length}`);
      expect(problems.filter((p) => !expected(p))).toEqual([]);
    } finally {
      await page.context().setOffline(false);
    }
  });
});
