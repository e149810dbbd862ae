// The CNN in Chromium: ?arch=cnn trains the convolutional network's runs, its four views draw (canvases
// with ink), the step-by-step panel names the N x H x W values of a channel, the fully connected
// step panel and the landscape chart give way to the CNN's, and axe finds nothing serious.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/chromium';
import { openWatchedPage, screenshot, waitForTraining, waitForViewsLoaded } from './support/page';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const CNN_VIEWS = ['CnnHistogramsChart', 'CnnFeatureMapsChart', 'CnnStepByStep', 'CnnChannelStatsChart'];

/** Canvas pixels with ink (alpha > 0, every 5th pixel) in the view's figure. */
function ink(page: Page, chart: string): Promise<number> {
  return page.evaluate((name) => {
    let n = 0;
    for (const c of document.querySelectorAll(`[data-chart="${name}"] canvas`)) {
      const canvas = c as HTMLCanvasElement;
      if (canvas.width === 0 || canvas.height === 0) continue;
      const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < d.length; i += 20) if (d[i] > 0) n++;
    }
    return n;
  }, chart);
}

/** What the latest frame says of the CNN: per run, its conv layers' channels and whether its maps and detail came. */
function cnnFrame(page: Page) {
  return page.evaluate(() => {
    type F = { runs: { id: string; layers: { units: number }[]; conv?: { layers: { channels: number }[]; maps: unknown; detail: { count: number } | null } | null }[] } | null;
    const f = (window as unknown as { normscope: { telemetry: { get(): F } } }).normscope.telemetry.get();
    return f ? f.runs.map((r) => ({ id: r.id, units: r.layers.map((l) => l.units), conv: !!r.conv, maps: !!r.conv?.maps, count: r.conv?.detail?.count ?? null })) : [];
  });
}

describe('CNN (arch=cnn)', () => {
  const baseURL = inject('baseURL');
  const browser = useBrowser();

  it('trains the CNN, draws each CNN view, and passes axe', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1000 } });
    try {
      await page.goto(`${baseURL}?arch=cnn&act=relu&init=pytorch&speed=max`);
      await waitForTraining(page, 5, 120_000);
      // The batch run's step-by-step detail: batch 60 at 28 x 28 in the first conv layer, 47,040 values form one channel's mean.
      await expect.poll(async () => (await cnnFrame(page)).map((r) => `${r.id}:${r.units.join('/')}:${r.conv}:${r.maps}:${r.count}`).join(' '),
        { timeout: 60_000, message: 'the frames never carried both runs\' conv layers (8 and 16 channels) with feature maps and the batch run\'s 47,040-value detail' })
        .toBe(`plain:8/16:true:true:null batch:8/16:true:true:${60 * 28 * 28}`);
      await waitForViewsLoaded(page);
      for (const name of CNN_VIEWS) {
        await page.locator(`[data-chart="${name}"]`).scrollIntoViewIfNeeded();
        await expect.poll(() => ink(page, name), { timeout: 30_000, message: `the ${name} view drew nothing on its canvas` }).toBeGreaterThan(50);
      }
      expect(await page.locator('[data-chart="BnStepByStep"]').count()).toBe(0);
      expect(await page.locator('[data-chart="LandscapeChart"]').count()).toBe(0);
      await expect.poll(() => page.locator('[data-chart="CnnStepByStep"] .ns-cnn-step-text').innerText(), {
        timeout: 10_000, message: 'the step-by-step panel never named the N x H x W values of channel 1',
      }).toMatch(/60 × 28 × 28 = 47,040 values/);
      // Choosing channel 3 of conv 2 moves the panel there (14 x 14 maps).
      const step = page.locator('[data-chart="CnnStepByStep"]');
      await step.getByRole('combobox', { name: 'Layer' }).selectOption({ value: '1' });
      await step.getByRole('combobox', { name: 'Channel', exact: true }).selectOption({ value: '2' });
      await expect.poll(() => step.locator('.ns-cnn-step-text').innerText(), {
        timeout: 15_000, message: 'the step-by-step panel did not follow the choice of conv 2, channel 3',
      }).toMatch(/channel 3 of every sample.*60 × 14 × 14 = 11,760 values/);
      await screenshot(page, 'cnn-views');

      if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, target: JSON.stringify(v.nodes[0]?.target) }));
      });
      for (const v of violations) console.log(`axe cnn: ${v.impact} ${v.id} ${v.target}`);
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 240_000);

  it('offers only the runs the CNN takes', async () => {
    const { page, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${baseURL}?arch=cnn&runs=plain,layer,group&paused=1`);
      const layer = page.getByRole('checkbox', { name: 'Layer norm' });
      await expect.poll(() => layer.isDisabled(), { timeout: 30_000, message: 'the Layer norm run stayed selectable with the CNN' }).toBe(true);
      expect(await layer.isChecked()).toBe(false);
      expect(await page.getByRole('checkbox', { name: 'Group norm' }).isChecked()).toBe(true);
    } finally {
      await close();
    }
  }, 120_000);
});
