// The built app under its strict Content-Security-Policy, with no third-party request, and offline once
// loaded. openWatchedPage records CSP violations (as console errors) and requests to other origins as
// problems; here the page trains, every view draws, Save PNG and the downloads run, an experiment
// with Figure 1 runs: zero problems. Then the network goes away and the page keeps training, switches
// experiments and starts a sweep. (A sweep run to completion under the same policy with zero problems:
// sweep.e2e.ts's tiny sweep, on this server, and subpath.e2e.ts's, under the deploy headers.)
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { CSP_HEADER, CSP_META } from '../scripts/vite-plugin-csp';
import { useBrowser } from './support/chromium';
import { openWatchedPage, statusStep, waitForTraining } from './support/page';
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

  it('serves the policy (header and meta) and runs everything without a violation or a third-party request', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1200 } });
    try {
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
      const views = await visitEveryView(page);
      console.log(`[e2e] ${views} views drew under the CSP`);

      // Save PNG on every figure that offers it (SVG overlays go through data: images)
      const saves = page.getByRole('button', { name: 'Save PNG' });
      const n = await saves.count();
      expect(n).toBeGreaterThan(0);
      for (let i = 0; i < n; i++) {
        await saves.nth(i).scrollIntoViewIfNeeded();
        const [png] = await Promise.all([page.waitForEvent('download'), saves.nth(i).click()]);
        expect(png.suggestedFilename()).toMatch(/\.png$/);
      }
      // (below 1,600 px the downloads are in the top bar's More menu)
      const more = page.getByRole('button', { name: /^More/ });
      for (const name of ['Download CSV', 'Download JSON']) {
        await more.click();
        const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name }).click()]);
        expect(file.suggestedFilename()).toMatch(/\.(csv|json)$/);
      }
      console.log(`[e2e] ${n} Save PNG downloads and CSV/JSON under the CSP`);

      // an experiment with Figure 1
      await page.getByRole('button', { name: 'Experiments' }).click();
      await page.getByRole('menuitem').first().click();
      await page.locator('#experiment').waitFor();
      await waitForTraining(page, (await statusStep(page)).step ?? 1);

      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('keeps working offline once loaded: views, experiments and a sweep whose code was never used online', { timeout: 240_000 }, async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1200 } });
    try {
      await page.goto(baseURL);
      await waitForTraining(page, 5);
      // src/ui/preload-views.ts fetches the lazy views' chunks and the sweep worker's script when idle
      const lazy = ['bn-step', 'landscape-chart', 'fold-panel', 'renorm-chart', 'decision-boundary', 'figure1-chart', 'SweepPanel', 'sweep.worker'];
      await expect.poll(() => page.evaluate((names) => {
        const loaded = performance.getEntriesByType('resource').map((e) => e.name);
        return names.filter((n) => !loaded.some((u) => u.includes(`/assets/${n}-`)));
      }, lazy), { message: 'the idle preload did not fetch every lazy view and the sweep worker', timeout: 20_000 }).toEqual([]);

      const requests: string[] = [];
      page.context().on('request', (req) => requests.push(req.url()));
      await page.context().setOffline(true);
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);

      const before = await waitForTraining(page);
      await waitForTraining(page, before + 20);
      const views = await visitEveryView(page); // the lazily loaded ones included, first drawn offline
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
      await close();
    }
  });
});
