// The batch-size sweep in Chromium: open it from the page, start a sweep of MNIST networks in the
// worker pool, watch the progress bar move and the first results draw, cancel and keep them, resume
// the live training the sweep paused; and one tiny sweep to completion (a small example count from
// the address, the same code path as the offered counts).
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/chromium';
import { openWatchedPage, screenshot, waitForTraining } from './support/page';
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

      // plain and batch norm at batches 32 and 64, 30,000 examples each: four runs
      await setSweepChecks(page, { 'Layer norm': false, 'Batch 2': false, 'Batch 4': false, 'Batch 8': false, 'Batch 16': false, 'Batch 128': false });
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
      console.log(`[e2e] sweep: first result after ${Date.now() - t0} ms; progress seen ${seen.join(', ')}; ${partial.progressText}`);
      expect(seen.filter((v) => v > 0 && v < 100).length).toBeGreaterThanOrEqual(2);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
      expect(partial.filled).toBeGreaterThanOrEqual(1);
      expect(partial.progress!).toBeLessThan(100);
      await screenshot(page, 'sweep-running');

      // cancel: it stops at once and keeps what finished
      await panel.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(async () => (await panelState(page)).status, { message: 'Cancel did not stop the sweep with its message', timeout: 10_000 }).toMatch(/^Cancelled: \d of 4 runs had finished; their results are kept\.$/);
      const after = await panelState(page);
      expect(after.points).toBeGreaterThanOrEqual(partial.points);
      expect(after.points).toBeLessThan(4);
      expect(after.status).toContain(`Cancelled: ${after.points} of 4`);
      // nothing trains on: an observation window (there is no event to wait for), over 2 s
      await new Promise((r) => setTimeout(r, 2000));
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

  it('runs a tiny sweep to completion: every point, the batch-statistics line and the table (and 简体中文)', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1400 } });
    try {
      // ?sweep-examples adds a small count to the choices and opens the small-batches experiment with the
      // panel; paused=1 keeps the dashboard idle. The sweep's workers run under the app's strict CSP
      // (a violation is one of the page's problems): csp-offline.e2e.ts counts on this test for it.
      await page.goto(`${baseURL}?paused=1&sweep-examples=1280`);
      const panel = page.getByTestId('sweep-panel');
      await panel.waitFor();
      expect(await panel.getByRole('combobox', { name: 'Examples per run' }).inputValue()).toBe('1280');
      await setSweepChecks(page, { 'Batch 2': false, 'Batch 4': false, 'Batch 8': false, 'Batch 16': false, 'Batch 32': false });
      await panel.getByRole('button', { name: 'Start sweep' }).click();
      await expect.poll(async () => (await panelState(page)).status, { message: 'the tiny sweep did not finish its 6 runs', timeout: 180_000, interval: 200 }).toMatch(/^Done: 6 runs in /);
      const s = await panelState(page);
      expect(s.progress).toBe(100);
      expect(s.points).toBe(6);
      expect(s.series).toEqual({ plain: 2, batch: 2, 'batch-stats': 2, layer: 2 });
      expect(s.filled).toBe(8); // 2 batch sizes x (plain, batch norm, batch norm with batch stats, layer norm)
      // the dashboard was paused before: nothing to resume
      expect(await panel.getByRole('button', { name: 'Resume live training' }).count()).toBe(0);
      await screenshot(page, 'sweep-done');

      await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
      await page.locator('#experiment').getByRole('heading', { name: '小批量：批大小扫描' }).waitFor();
      await panel.getByRole('button', { name: '开始扫描' }).waitFor();
      expect((await panelState(page)).status).toMatch(/^完成：6 次训练/);
      await screenshot(page, 'sweep-done-zh');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
