// The loss-landscape view in Chromium: with ?landscape-every=20 both networks (plain and batch norm)
// get measurements in the telemetry and the figure draws them, with its cost line; with
// ?landscape-every=0 it says it is off, its button turns it on, and the control turns it off again.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/chromium';
import { openWatchedPage, screenshot, waitForTraining } from './support/page';

interface Frame {
  settings: { landscapeEvery: number } | null;
  landscape: { every: number; runs: { id: string; betaSmooth: { x: ArrayLike<number>; y: ArrayLike<number> }; icsCos: { y: ArrayLike<number> }[] }[]; cost: { measurements: number; msEach: number; fraction: number } } | null;
}

/** Per run id, the landscape measurements in the latest frame (steps and beta-smoothness). */
function landscapePoints(page: Page) {
  return page.evaluate(() => {
    const f = (window as unknown as { normscope: { telemetry: { get(): Frame | null } } }).normscope.telemetry.get();
    const l = f?.landscape;
    if (!l) return null;
    return {
      every: l.every,
      cost: l.cost,
      runs: Object.fromEntries(l.runs.map((r) => [r.id, { steps: Array.from(r.betaSmooth.x), beta: Array.from(r.betaSmooth.y), cos: r.icsCos.map((c) => Array.from(c.y)) }])),
    };
  });
}

/** What the landscape figure shows: canvas pixels that differ from the first one, SVG shapes, texts. */
function figureState(page: Page) {
  return page.evaluate(() => {
    const fig = document.querySelector('[data-chart="LandscapeChart"] figure');
    if (!fig) return null;
    let ink = 0;
    for (const c of fig.querySelectorAll('canvas')) {
      if (c.width === 0 || c.height === 0) continue;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4 * 5) if (d[i + 3] > 0) ink++;
    }
    const empty = fig.querySelector('.ns-fig-empty') as HTMLElement | null;
    return {
      caption: fig.querySelector('figcaption')?.textContent ?? '',
      ink,
      ticks: fig.querySelectorAll('svg .ns-ax text').length,
      panelTitles: [...fig.querySelectorAll('svg .ns-panel-title')].map((e) => e.textContent ?? ''),
      empty: empty ? empty.innerText : null,
      cost: (fig.querySelector('[data-testid="landscape-cost"]') as HTMLElement | null)?.innerText ?? '',
    };
  });
}


/** A small 2-D problem with the default page's depth (three hidden layers): the view measures and draws
 * the same for any dataset, and the page trains from its first frame (MNIST takes seconds to load). */
const SPIRAL = 'dataset=spiral&hidden=16,16,16';

describe('loss landscape view', () => {
  const baseURL = inject('baseURL');
  const browser = useBrowser();

  it('measures and draws both networks with ?landscape-every=20, with its cost', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1000 } });
    try {
      await page.goto(`${baseURL}?${SPIRAL}&landscape-every=20`);
      await waitForTraining(page);
      let points: Awaited<ReturnType<typeof landscapePoints>> = null;
      await expect.poll(async () => {
        points = await landscapePoints(page);
        return !!points && ['plain', 'batch'].every((id) => (points!.runs[id]?.steps.length ?? 0) >= 3);
      }, { timeout: 60_000, interval: 300 }).toBe(true);
      const p = points!;
      expect(p.every).toBe(20);
      for (const id of ['plain', 'batch']) {
        const r = p.runs[id];
        expect(r.steps.slice(0, 3)).toEqual([0, 20, 40]);
        for (const b of r.beta) expect(b).toBeGreaterThan(0);
        expect(r.cos).toHaveLength(4); // three hidden layers and the output layer
        expect(r.cos[0].every((c) => c === 1)).toBe(true);
        for (const layer of r.cos) for (const c of layer) expect(Math.abs(c)).toBeLessThanOrEqual(1);
      }
      expect(p.cost.measurements).toBeGreaterThanOrEqual(3);
      expect(p.cost.msEach).toBeGreaterThan(0);
      console.log(`[e2e] landscape: ${p.cost.measurements} measurements, ${p.cost.msEach.toFixed(1)} ms each, ${(100 * p.cost.fraction).toFixed(1)}% of training time; beta plain ${p.runs.plain.beta.slice(-3).map((v) => v.toFixed(2)).join(',')}, batch ${p.runs.batch.beta.slice(-3).map((v) => v.toFixed(2)).join(',')}`);

      const figure = page.locator('[data-chart="LandscapeChart"] figure');
      await figure.scrollIntoViewIfNeeded();
      let state: Awaited<ReturnType<typeof figureState>> = null;
      await expect.poll(async () => {
        state = await figureState(page);
        return !!state && state.ink > 500 && state.empty === null && /Measuring takes/.test(state.cost);
      }, { timeout: 20_000, interval: 300 }).toBe(true);
      const s = state!;
      expect(s.caption).toMatch(/^Loss landscape/);
      expect(s.panelTitles).toHaveLength(5);
      expect(s.panelTitles[4]).toMatch(/output layer/);
      expect(s.ticks).toBeGreaterThan(10);
      expect(s.cost).toMatch(/^Measuring takes [\d.]+% of training time, [\d.]+ ms each \(every 20 steps\)\.$/);
      // both runs in the legend
      const legend = await figure.locator('.ns-legend2').innerText();
      expect(legend).toContain('Plain');
      expect(legend).toContain('Batch norm');

      // hovering the loss panel: the measurement nearest to the pointer, per run, with its range over η
      const plot = figure.locator('svg.ns-overlay');
      const box = (await plot.boundingBox())!;
      await page.mouse.move(box.x + 150, box.y + 80);
      const tip = figure.locator('.ns-tip');
      await tip.waitFor({ timeout: 5_000 });
      expect(await tip.innerText()).toMatch(/^step \d+\nPlain: [\d.e-]+ \(range [\d.e-]+ – [\d.e-]+\)\nBatch norm: [\d.e-]+ \(range [\d.e-]+ – [\d.e-]+\)$/);
      await page.mouse.move(box.x + box.width + 40, box.y - 40);
      await tip.waitFor({ state: 'detached', timeout: 5_000 });

      // another ICS layer
      await figure.getByRole('combobox', { name: 'ICS layer' }).selectOption({ label: 'layer 2' });
      await expect.poll(async () => (await figureState(page))?.panelTitles[3], { message: 'the landscape never showed layer 2\'s panel' }).toMatch(/layer 2$/);
      await figure.screenshot({ path: (await screenshot(page, 'landscape-page')).replace('landscape-page', 'landscape-figure') });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says when it is off, turns on from its button and off from the control', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1000 } });
    try {
      // at full speed: the button measures every 500 steps (the default), two measurements to draw
      await page.goto(`${baseURL}?${SPIRAL}&speed=max&landscape-every=0`);
      await waitForTraining(page);
      const figure = page.locator('[data-chart="LandscapeChart"] figure');
      await figure.scrollIntoViewIfNeeded();
      await expect.poll(async () => (await figureState(page))?.empty ?? '', { message: 'the landscape never said it is not being measured' }).toMatch(/not being measured/);
      expect((await landscapePoints(page))?.runs.plain.steps).toEqual([]);

      const turnOn = figure.getByRole('button', { name: /^Measure every \d+ steps$/ });
      const every = Number(/\d+/.exec(await turnOn.innerText())![0]);
      await turnOn.click();
      await expect.poll(async () => {
        const p = await landscapePoints(page);
        return p ? [p.every, p.runs.plain.steps.length > 0, p.runs.batch.steps.length > 0] : null;
      }, { timeout: 30_000, interval: 300 }).toEqual([every, true, true]);
      // the button sets the page's default: the address drops the key
      await expect.poll(() => new URL(page.url()).search, { message: 'the URL did not drop landscape-every', timeout: 5_000 }).toBe(`?${SPIRAL}&speed=max`);
      const field = page.getByRole('spinbutton', { name: 'Landscape every N steps', exact: true });
      expect(await field.inputValue()).toBe(String(every));
      await expect.poll(async () => (await figureState(page))?.ink ?? 0, { message: 'the landscape drew nothing', timeout: 10_000 }).toBeGreaterThan(100);

      // off again from the control: the curves stay, the cost line says it is off
      await field.fill('0');
      await field.press('Enter');
      await expect.poll(async () => (await landscapePoints(page))?.every, { message: 'the worker did not stop measuring the landscape', timeout: 10_000 }).toBe(0);
      await expect.poll(async () => (await figureState(page))?.cost ?? '', { message: 'the cost line never said \'Not measuring now\'', timeout: 10_000 }).toMatch(/^Not measuring now/);
      await expect.poll(() => new URL(page.url()).search, { message: 'the URL never took landscape-every=0', timeout: 5_000 }).toBe(`?${SPIRAL}&landscape-every=0&speed=max`);
      // a value out of range is refused with a notice
      await field.fill('-3');
      await field.press('Enter');
      await expect.poll(() => page.locator('body').innerText(), { message: 'no message refused landscape-every -3', timeout: 5_000 }).toMatch(/Landscape every N steps: -3 is not accepted/);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('speaks Chinese', async () => {
    const { page, problems, close } = await openWatchedPage(browser());
    try {
      await page.goto(`${baseURL}?${SPIRAL}&lang=zh&landscape-every=0&paused=1`);
      const figure = page.locator('[data-chart="LandscapeChart"] figure');
      await figure.waitFor();
      await expect.poll(() => figure.locator('figcaption').innerText(), { message: 'the landscape\'s caption never turned Chinese' }).toMatch(/^损失曲面/);
      await figure.scrollIntoViewIfNeeded();
      await expect.poll(async () => (await figureState(page))?.empty ?? '', { message: 'the landscape never said in Chinese that it is not measured' }).toMatch(/当前未测量损失曲面/);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
