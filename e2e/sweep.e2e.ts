// The batch-size sweep in Chromium: open it from the page, start a sweep of MNIST networks in the
// worker pool, watch the progress bar move and the first results draw, cancel and keep them, resume
// the live training the sweep paused; and on one page, tiny sweeps to completion (a small example
// count from the address, the same code path as the offered counts): one seed, then 3 seeds (median
// line with a min-max band, table cells median [min-max]).
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/chromium';
import { openWatchedPage, RESULTS_DIR, speak, waitForTraining, type WatchedPage } from './support/page';
import { setSweepChecks } from './support/sweep';

/** What the panel shows: progress, drawn points per series, table cells with a value, the status line. */
function panelState(page: Page) {
  return page.evaluate(() => {
    const panel = document.querySelector('[data-testid="sweep-panel"]')!;
    const bar = panel.querySelector('[role="progressbar"]');
    const series: Record<string, number> = {};
    for (const g of panel.querySelectorAll('svg.sweep-chart g[data-series]')) series[g.getAttribute('data-series')!] = g.querySelectorAll('circle').length;
    const cells = [...panel.querySelectorAll('.sweep-table td')].map((td) => td.textContent ?? '');
    return {
      progress: bar ? Number(bar.getAttribute('aria-valuenow')) : null,
      progressText: bar?.getAttribute('aria-valuetext') ?? null,
      points: Number(panel.querySelector('svg.sweep-chart')?.getAttribute('data-points') ?? 0),
      series,
      filled: cells.filter((c) => /%$/.test(c)).length,
      status: panel.querySelector('[data-testid="sweep-status"]')?.textContent ?? '',
    };
  });
}

/** The sweep's Web Workers alive in the page (workers/sweep-client.ts spawns them from sweep.worker). */
function sweepWorkers(page: Page): number {
  return page.workers().filter((w) => w.url().includes('/sweep.worker')).length;
}

describe('batch-size sweep', () => {
  const baseURL = inject('baseURL');
  const browser = useBrowser();

  it('starts from the page, shows progress and partial results, pauses the live training, cancels and keeps the results', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1400 } });
    try {
      await page.goto(baseURL);
      await waitForTraining(page);
      // the Experiments menu opens the sweep with the small-batches experiment (which trains at batch 2 live)
      await page.getByRole('button', { name: 'Experiments' }).click();
      await page.getByRole('menuitem', { name: /Small batches/ }).click();
      await waitForTraining(page);
      const panel = page.getByTestId('sweep-panel');
      await panel.getByRole('heading', { name: 'Batch-size sweep' }).waitFor();

      // every control has a name a screen reader can say
      for (const name of ['Plain', 'Batch norm', 'Layer norm', 'Batch 2', 'Batch 128']) await panel.getByRole('checkbox', { name, exact: true }).waitFor();
      await panel.getByRole('combobox', { name: 'Examples per run' }).waitFor();
      await panel.getByRole('spinbutton', { name: 'Seed' }).waitFor();
      expect(await panel.getByRole('combobox', { name: 'Examples per run' }).inputValue()).toBe('30000');

      // plain and batch norm at batches 64 and 128, 30,000 examples each: four runs (469 and 235 steps)
      await setSweepChecks(page, { 'Layer norm': false, 'Batch 2': false, 'Batch 4': false, 'Batch 8': false, 'Batch 16': false, 'Batch 32': false });
      const t0 = Date.now();
      await panel.getByRole('button', { name: 'Start sweep' }).click();
      expect(await panel.getByRole('button', { name: 'Cancel' }).isEnabled()).toBe(true);
      expect(await panel.getByRole('button', { name: 'Start sweep' }).isDisabled()).toBe(true);

      // the dashboard's live training is paused and the panel says so
      await expect.poll(() => page.getByTestId('session-status').innerText(), { message: 'the live training was not paused while the sweep ran', timeout: 10_000 }).toMatch(/^Paused/);
      await panel.getByText('The live training is paused while the sweep runs').waitFor();

      // the progress bar moves, then the first result draws while the others still run
      const seen: number[] = [];
      await expect.poll(async () => {
        const s = await panelState(page);
        if (s.progress !== null && seen.at(-1) !== s.progress) seen.push(s.progress);
        return s.points;
      }, { message: 'the sweep drew no first result', timeout: 180_000, interval: 100 }).toBeGreaterThanOrEqual(1);
      const partial = await panelState(page);
      expect(sweepWorkers(page)).toBeGreaterThanOrEqual(1);
      console.log(`[e2e] sweep: first result after ${Date.now() - t0} ms; progress seen ${seen.join(', ')}; ${partial.progressText}`);
      expect(seen.filter((v) => v > 0 && v < 100).length).toBeGreaterThanOrEqual(2);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
      expect(partial.filled).toBeGreaterThanOrEqual(1);
      expect(partial.progress!).toBeLessThan(100);

      // cancel: it stops at once and keeps what finished
      await panel.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(async () => (await panelState(page)).status, { message: 'Cancel did not stop the sweep with its message', timeout: 10_000 }).toMatch(/^Cancelled: \d of 4 runs had finished; their results are kept\.$/);
      const after = await panelState(page);
      expect(after.points).toBeGreaterThanOrEqual(partial.points);
      expect(after.points).toBeLessThan(4);
      expect(after.status).toContain(`Cancelled: ${after.points} of 4`);
      // (after the cancel: a screenshot while the runs went on could outlast them)
      await panel.screenshot({ path: join(RESULTS_DIR, 'sweep-cancelled.png') });
      // nothing trains on: Cancel terminates the sweep's workers (the pool's end), so their going is the
      // event to wait for; after it no result can come, and the points are still those kept
      await expect.poll(() => sweepWorkers(page), { message: 'the sweep workers were not terminated by Cancel', timeout: 10_000 }).toBe(0);
      expect((await panelState(page)).points).toBe(after.points);
      expect(await panel.getByRole('button', { name: 'Start sweep' }).isEnabled()).toBe(true);
      expect(await panel.getByRole('button', { name: 'Cancel' }).isDisabled()).toBe(true);

      // the page offers to resume the live training
      await panel.getByRole('button', { name: 'Resume live training' }).click();
      await waitForTraining(page);
      expect(await panel.getByRole('button', { name: 'Resume live training' }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  // The tiny sweeps share one page (opened by whichever test runs first; the same address for both):
  // ?sweep-examples adds a small count to the choices and opens the small-batches experiment with the
  // panel; paused=1 keeps the dashboard idle. 128 examples: one or two steps per run, and every run is
  // still trained and evaluated on the whole test set (the numbers are not the point here; 30,000 are,
  // above). The sweep's workers run under the app's strict CSP (a violation is one of the page's
  // problems): csp-offline.e2e.ts counts on these tests for it.
  describe('tiny sweeps to completion', () => {
    const EXAMPLES = 128;
    let shared: Promise<WatchedPage> | undefined;
    const tinyPage = (): Promise<WatchedPage> => (shared ??= (async () => {
      const watched = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1400 } });
      await watched.page.goto(`${baseURL}?paused=1&sweep-examples=${EXAMPLES}`);
      await watched.page.getByTestId('sweep-panel').waitFor();
      return watched;
    })());
    afterAll(async () => { await (await shared?.catch(() => undefined))?.close(); });

    it('runs a tiny sweep to completion: every point, the batch-statistics line and the table (and 简体中文)', async () => {
      const { page, problems } = await tinyPage();
      await speak(page, 'en');
      const panel = page.getByTestId('sweep-panel');
      expect(await panel.getByRole('combobox', { name: 'Examples per run' }).inputValue()).toBe(String(EXAMPLES));
      await panel.getByRole('combobox', { name: 'Seeds' }).selectOption('1');
      await setSweepChecks(page, { Plain: true, 'Batch norm': true, 'Layer norm': true, 'Batch 2': false, 'Batch 4': false, 'Batch 8': false, 'Batch 16': false, 'Batch 32': false, 'Batch 64': true, 'Batch 128': true });
      await panel.getByRole('button', { name: 'Start sweep' }).click();
      await expect.poll(async () => (await panelState(page)).status, { message: 'the tiny sweep did not finish its 6 runs', timeout: 180_000, interval: 200 }).toMatch(/^Done: 6 runs in /);
      const s = await panelState(page);
      expect(s.progress).toBe(100);
      expect(s.points).toBe(6);
      expect(s.series).toEqual({ plain: 2, batch: 2, 'batch-stats': 2, layer: 2 });
      expect(s.filled).toBe(8); // 2 batch sizes x (plain, batch norm, batch norm with batch stats, layer norm)
      // the dashboard was paused before: nothing to resume
      expect(await panel.getByRole('button', { name: 'Resume live training' }).count()).toBe(0);
      await panel.screenshot({ path: join(RESULTS_DIR, 'sweep-done.png') });

      await speak(page, 'zh');
      await page.locator('#experiment').getByRole('heading', { name: '小批量：批大小扫描' }).waitFor();
      await panel.getByRole('button', { name: '开始扫描' }).waitFor();
      expect((await panelState(page)).status).toMatch(/^完成：6 次训练/);
      await panel.screenshot({ path: join(RESULTS_DIR, 'sweep-done-zh.png') });
      expect(problems).toEqual([]);
    });

    // (was experiments-seeds.e2e.ts's; it opened this same address in a page of its own)
    it('sweeps over 3 seeds in the page: median line with a min-max band per norm, table cells median [min-max]', async () => {
      const { page, problems } = await tinyPage();
      await speak(page, 'en');
      const panel = page.getByTestId('sweep-panel');
      await setSweepChecks(page, { Plain: true, 'Batch norm': true, 'Layer norm': false, 'Batch 2': false, 'Batch 4': false, 'Batch 8': false, 'Batch 16': false, 'Batch 32': false, 'Batch 64': true, 'Batch 128': true });
      await panel.getByRole('combobox', { name: 'Seeds' }).selectOption('3');
      expect(await panel.innerText()).toMatch(/12 runs on \d+ background workers/);
      await panel.getByRole('button', { name: 'Start sweep' }).click();
      await expect.poll(() => panel.getByTestId('sweep-status').innerText(), { timeout: 180_000, message: 'the 12 runs of the 3-seed sweep never finished' }).toMatch(/^Done: 12 runs in /);
      const drawn = await page.evaluate(() => {
        const svg = document.querySelector('[data-testid="sweep-panel"] svg.sweep-band-chart');
        return {
          seeds: svg?.getAttribute('data-seeds') ?? null,
          bands: [...(svg?.querySelectorAll('path[data-band]') ?? [])].map((p) => p.getAttribute('data-band')),
          points: svg?.querySelectorAll('g[data-series] circle').length ?? 0,
          cells: [...document.querySelectorAll('[data-testid="sweep-panel"] .sweep-table td')].map((td) => td.textContent ?? ''),
        };
      });
      expect(drawn).toMatchObject({ seeds: '3', bands: ['plain', 'batch', 'batch-stats'], points: 6 });
      expect(drawn.cells).toHaveLength(6);
      for (const c of drawn.cells) expect(c).toMatch(/^\d+\.\d% \[\d+\.\d-\d+\.\d\]$/);
      await panel.screenshot({ path: join(RESULTS_DIR, 'sweep-seeds.png') });
      expect(problems).toEqual([]);
    });
  });
});
