// Runs with their own settings (issue #16): `?runs=batch,batch:eps=1` trains batch norm at the page's
// eps beside batch norm at eps 1 from the same weights; the legend names them "Batch norm" and
// "Batch norm · ε 1", the sidebar lists the variant, a live eps change leaves its eps alone, and
// "Compare a change" adds a run from the setting changed last.
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/chromium';
import { openWatchedPage, RESULTS_DIR, waitForTraining } from './support/page';

type Win = {
  normscope: {
    store: { getState(): { runs: string[]; step: number; settings: { eps: number }; set(k: string, v: unknown): void; compareChange(): Promise<void> } };
    telemetry: { get(): { runs: { id: string; lastLoss: number }[] } | null };
  };
};

describe('per-run settings', () => {
  const baseURL = inject('baseURL');
  const browser = useBrowser();

  it('opens ?runs=batch,batch:eps=1, names both in the legend, trains them apart, and compares a change', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${baseURL}?dataset=spiral&hidden=16,16&runs=batch,batch:eps=1&speed=max`);
      await waitForTraining(page, 50, 90_000);
      const state = () => page.evaluate(() => {
        const { store, telemetry } = (window as unknown as Win).normscope;
        const frame = telemetry.get();
        return { runs: store.getState().runs, frameRuns: frame ? frame.runs.map((r) => [r.id, r.lastLoss] as const) : [] };
      });
      expect((await state()).runs).toEqual(['batch', 'batch:eps=1']);
      // both in the loss chart's legend, by name
      const legend = page.locator('[data-chart="LossChart"] .ns-legend2');
      await legend.scrollIntoViewIfNeeded();
      await expect.poll(() => legend.locator('button.ns-legend-toggle').allInnerTexts(), { timeout: 30_000 }).toEqual(['Batch norm', 'Batch norm · ε 1']);
      // the sidebar lists the variant with a remove button
      expect(await page.getByRole('button', { name: 'Remove Batch norm · ε 1' }).count()).toBe(1);
      // both train, and eps 1 trains differently from eps 1e-5
      await expect.poll(async () => {
        const f = (await state()).frameRuns;
        return f.length === 2 && f.every(([, l]) => Number.isFinite(l)) && f[0][1] !== f[1][1];
      }, { timeout: 30_000 }).toBe(true);
      // the address keeps the runs readable
      expect(decodeURIComponent(await page.evaluate(() => window.location.search))).toContain('runs=batch,batch:eps=1');

      // Compare a change: eps 1e-5 -> 0.01 live, then the button adds batch:eps=0.01 and puts eps back
      await page.evaluate(() => (window as unknown as Win).normscope.store.getState().set('eps', 0.01));
      await expect.poll(() => page.evaluate(() => (window as unknown as Win).normscope.store.getState().settings.eps)).toBe(0.01);
      await page.getByRole('button', { name: 'Compare a change' }).click();
      await expect.poll(async () => (await state()).runs, { timeout: 30_000 }).toEqual(['batch', 'batch:eps=1', 'batch:eps=0.01']);
      expect(await page.evaluate(() => (window as unknown as Win).normscope.store.getState().settings.eps)).toBe(1e-5);
      // a chart out of sight does not draw (issue #11): the legend is read where a person would read it, on screen
      await legend.scrollIntoViewIfNeeded();
      await expect.poll(() => legend.locator('button.ns-legend-toggle').allInnerTexts(), { timeout: 60_000 }).toEqual(['Batch norm', 'Batch norm · ε 1', 'Batch norm · ε 0.01']);
      // the two variants' swatches: colours by place, never the same
      const swatches = await page.locator('.own-run .swatch').evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
      expect(swatches).toHaveLength(2);
      expect(new Set(swatches).size).toBe(2);
      await waitForTraining(page, 20, 60_000);
      await page.screenshot({ path: join(RESULTS_DIR, 'per-run.png') });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('offers the examples-seen x axis while a run keeps its own batch size', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${baseURL}?dataset=spiral&hidden=16,16&runs=batch,batch:batch=120&speed=max`);
      await waitForTraining(page, 20, 90_000);
      const loss = page.locator('[data-chart="LossChart"]');
      const toggle = loss.getByRole('checkbox', { name: 'Examples seen' });
      await expect.poll(() => toggle.count(), { timeout: 30_000 }).toBe(1);
      expect(await loss.locator('text', { hasText: 'examples seen' }).count()).toBe(0);
      await toggle.check();
      await expect.poll(() => loss.locator('text', { hasText: 'examples seen' }).count(), { timeout: 10_000 }).toBe(1);
      // the axis now counts rows: its ticks go far past the steps trained (60 and 120 rows a step)
      const step = await page.evaluate(() => (window as unknown as Win).normscope.store.getState().step);
      const largestTick = async () => {
        const texts = await loss.locator('g.ns-ax text:not(.ns-ax-label)').allTextContents();
        return Math.max(...texts.map((t) => /^[0-9.]+k?$/.test(t.trim()) ? Number(t.trim().replace('k', '')) * (t.trim().endsWith('k') ? 1000 : 1) : 0));
      };
      await expect.poll(largestTick, { timeout: 10_000 }).toBeGreaterThan(30 * step);
      // the other views over steps offer the same switch (each its own, as Log steps), and switch too
      for (const view of ['PercentilesChart', 'LayerMomentsChart', 'LandscapeChart']) {
        const chart = page.locator(`[data-chart="${view}"]`);
        await chart.scrollIntoViewIfNeeded(); // a view draws its panels only on screen (issue #11)
        const own = chart.getByRole('checkbox', { name: 'Examples seen' });
        await expect.poll(() => own.count(), { timeout: 30_000 }).toBe(1);
        expect(await chart.locator('text', { hasText: 'examples seen' }).count()).toBe(0);
        await own.check();
        await expect.poll(() => chart.locator('text', { hasText: 'examples seen' }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      }
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('repairs a hostile ?runs= with the usual notice and still trains', async () => {
    const { page, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${baseURL}?dataset=spiral&hidden=8&runs=batch,batch:eps=99,batch:%3Cb%3E=1,nope&speed=max`);
      await waitForTraining(page, 10, 90_000);
      expect(await page.evaluate(() => (window as unknown as Win).normscope.store.getState().runs)).toEqual(['batch', 'batch:eps=1']);
      await expect.poll(() => page.locator('body').innerText(), { timeout: 10_000 }).toMatch(/runs/);
    } finally {
      await close();
    }
  });
});
