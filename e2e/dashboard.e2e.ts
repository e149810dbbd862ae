// The dashboard in Chromium: MNIST loads and two networks train; every view draws; the sliders reach
// the worker; Pause and Play; settings from the URL and repaired garbage; frame time while training
// (reported, not asserted); light, dark and phone screenshots.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/chromium';
import { openWatchedPage, pauseTraining, screenshot, scrollToTop, statusStep, waitForTraining } from './support/page';

const TITLE = 'NormScope — watch batch normalization train';
const MNIST_CREDIT = 'MNIST by Yann LeCun and Corinna Cortes, CC BY-SA 3.0';


/** The settings the worker trains with, from the latest telemetry frame (window.normscope). */
function workerSettings(page: Page) {
  return page.evaluate(() => {
    const f = (window as unknown as { normscope: { telemetry: { get(): { settings: Record<string, unknown> | null } | null } } }).normscope.telemetry.get();
    return f?.settings ?? null;
  });
}

/** Per <figure>: its caption and whether it drew something (non-blank canvas pixels, SVG shapes, table cells). */
function figureContents(page: Page) {
  return page.evaluate(() => [...document.querySelectorAll('main figure')].map((fig) => {
    const caption = fig.querySelector('figcaption')?.textContent?.trim().slice(0, 40) ?? '(no caption)';
    let canvasInk = 0;
    for (const c of fig.querySelectorAll('canvas')) {
      if (c.width === 0 || c.height === 0) continue;
      const ctx = c.getContext('2d');
      if (!ctx) continue;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const first = [d[0], d[1], d[2], d[3]];
      for (let i = 0; i < d.length; i += 4 * 7) {
        if (d[i + 3] > 0 && (d[i] !== first[0] || d[i + 1] !== first[1] || d[i + 2] !== first[2] || d[i + 3] !== first[3])) canvasInk++;
      }
    }
    const shapes = [...fig.querySelectorAll('svg path, svg rect, svg polyline, svg circle, svg line')].filter((el) => {
      const d = el.getAttribute('d');
      return el.tagName !== 'path' || (d !== null && d.length > 8);
    }).length;
    const cells = fig.querySelectorAll('td').length;
    const numbers = fig.querySelectorAll('[data-testid]').length;
    // a view still showing its "no data yet" / "waiting" message has not drawn (its legend may be SVG)
    const empty = [...fig.querySelectorAll('.ns-empty, .ns-fig-empty')].some((el) => (el as HTMLElement).offsetParent !== null);
    return { caption, canvases: fig.querySelectorAll('canvas').length, canvasInk, shapes, cells, numbers, empty, drew: !empty && (canvasInk > 0 || shapes > 2 || cells > 0 || numbers > 0) };
  }));
}

/** Waits until every view has drawn; says which did not when they never do. */
async function allViewsDraw(page: Page) {
  let figures: Awaited<ReturnType<typeof figureContents>> = [];
  let shown = -1;
  try {
    await expect.poll(async () => {
      figures = await figureContents(page);
      // views draw only while on screen: bring the next one that has not drawn yet into view, in turn
      // (the one after the last shown, so that a slow view, such as the fold panel folding the test set
      // in the worker, works while the others are shown; what drew stays drawn off screen)
      const undrawn = figures.flatMap((f, i) => (f.drew ? [] : [i]));
      const next = undrawn.find((i) => i > shown) ?? undrawn[0];
      if (next !== undefined) {
        shown = next;
        await page.locator('main figure').nth(next).scrollIntoViewIfNeeded();
      }
      return figures.length > 0 && undrawn.length === 0;
    }, { message: 'some view never drew (scrolled into view in turn)', timeout: 30_000, interval: 100 }).toBe(true);
  } catch (e) {
    console.log(`[e2e] views that drew nothing: ${JSON.stringify(figures.filter((f) => !f.drew))}`);
    throw e;
  }
  return figures;
}

async function setNumberField(page: Page, name: string, value: string) {
  const field = page.getByRole('spinbutton', { name, exact: true });
  await field.fill(value);
  await field.press('Enter');
}

describe('dashboard', () => {
  const baseURL = inject('baseURL');
  const browser = useBrowser();

  it('loads MNIST and trains at once, every view draws, sliders reach the worker, Pause and Play work (light)', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1200 }, colorScheme: 'light' });
    try {
      const t0 = Date.now();
      const response = await page.goto(baseURL);
      expect(response?.status()).toBe(200);
      await expect.poll(() => page.title(), { message: 'the page title never became the app\'s' }).toBe(TITLE);
      await page.getByRole('heading', { level: 1, name: 'NormScope' }).waitFor();
      const footer = (await page.locator('footer').innerText()).replace(/\s+/g, ' ');
      expect(footer).toContain(MNIST_CREDIT);
      expect(footer).toContain('Ioffe & Szegedy (2015)');

      // training starts at once and the step count goes up
      const first = await waitForTraining(page);
      console.log(`[e2e] MNIST loaded and training after ${Date.now() - t0} ms (step ${first})`);
      const later = await waitForTraining(page, first + 5);
      expect(later).toBeGreaterThan(first);
      expect(await page.getByRole('button', { name: 'Pause' }).isVisible()).toBe(true);
      expect(page.url()).toBe(baseURL); // the default session has a bare URL

      // frame time while the two MNIST networks train: rAF deltas over 2 s, measured in the page (a look,
      // not a measurement: npm run bench:ui measures the default page's frame gaps, 4 s per point)
      const ft = await page.evaluate(() => new Promise<{ frames: number; p50: number; p95: number; max: number; steps: number }>((resolve) => {
        const deltas: number[] = [];
        const start = performance.now();
        let last = start;
        const store = (window as unknown as { normscope: { store: { getState(): { step: number } } } }).normscope.store;
        const step0 = store.getState().step;
        const tick = (now: number) => {
          deltas.push(now - last);
          last = now;
          if (now - start < 2000) requestAnimationFrame(tick);
          else {
            deltas.sort((a, b) => a - b);
            const q = (p: number) => deltas[Math.min(deltas.length - 1, Math.floor(p * deltas.length))];
            resolve({ frames: deltas.length, p50: q(0.5), p95: q(0.95), max: deltas[deltas.length - 1], steps: store.getState().step - step0 });
          }
        };
        requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
      }));
      const delay = await page.evaluate(() => (window as unknown as { normscope: { debug: { telemetryDelayMs(): number } } }).normscope.debug.telemetryDelayMs());
      console.log(`[e2e] frame time over 2 s while two MNIST runs train: p50 ${ft.p50.toFixed(1)} ms, p95 ${ft.p95.toFixed(1)} ms, max ${ft.max.toFixed(1)} ms, ${ft.frames} frames; ${ft.steps} training steps (${(ft.steps / 2).toFixed(0)} steps/s); the frame budget's extra wait between telemetry frames: ${delay} ms`);
      expect(ft.frames).toBeGreaterThan(4); // the page kept drawing (a sanity bound, not a speed limit: 2 frames/s, as before)

      // every view draws something
      const figures = await allViewsDraw(page);
      console.log(`[e2e] ${figures.length} views: ${figures.map((f) => `${f.caption} (canvas ink ${f.canvasInk}, svg shapes ${f.shapes}, cells ${f.cells})`).join('; ')}`);

      await scrollToTop(page);
      const shot = await screenshot(page, 'dashboard-light');
      console.log(`[e2e] screenshot: ${shot}`);

      // Batch size and Epsilon: the number fields reach the worker
      await setNumberField(page, 'Batch size', '32');
      await setNumberField(page, 'Epsilon', '0.001');
      await expect.poll(async () => {
        const s = await workerSettings(page);
        return s ? [s.batch, s.eps] : null;
      }, { message: 'the worker never took batch 32 and eps 0.001 from the fields', timeout: 10_000 }).toEqual([32, 0.001]);
      const bnM = page.getByTestId('bn-m');
      if (await bnM.count()) {
        await bnM.scrollIntoViewIfNeeded(); // the panel updates only while on screen
        await expect.poll(() => bnM.innerText(), { message: 'the step-by-step panel never showed batch size 32', timeout: 10_000 }).toBe('32');
        await expect.poll(async () => Number(await page.getByTestId('bn-eps').innerText()), { message: 'the step-by-step panel never showed eps 0.001', timeout: 10_000 }).toBeCloseTo(0.001, 8);
      } else {
        console.log('[e2e] TODO: no [data-testid="bn-m"] on the page yet; batch and eps checked through the telemetry frame');
      }
      expect(await page.getByRole('slider', { name: 'Batch size' }).getAttribute('aria-valuetext')).toBe('32');
      await expect.poll(() => new URL(page.url()).search, { message: 'the URL never took eps and batch', timeout: 5_000 }).toBe('?eps=0.001&batch=32');

      // Pause stops the step count; Play resumes it
      await page.getByRole('button', { name: 'Pause' }).click();
      await expect.poll(async () => (await statusStep(page)).text, { message: 'the status line never said Paused after Pause', timeout: 5_000 }).toMatch(/^Paused · step [\d,]+$/);
      // the worker may finish the step it is on: wait for a frame it built after pausing
      await expect.poll(() => page.evaluate(() => (window as unknown as { normscope: { telemetry: { get(): { status: string } | null } } }).normscope.telemetry.get()?.status), { message: 'no telemetry frame from after the pause came', timeout: 5_000 }).toBe('paused');
      const paused = await page.evaluate(() => (window as unknown as { normscope: { telemetry: { get(): { step: number } | null } } }).normscope.telemetry.get()!.step);
      await expect.poll(async () => (await statusStep(page)).step, { timeout: 5_000, message: `the status line did not settle at the paused step ${paused}` }).toBe(paused);
      // paused stays paused: the trainer's own pause() answers once no round is in flight, with the step it stopped at
      await pauseTraining(page);
      expect((await statusStep(page)).step).toBe(paused);
      expect(await page.getByRole('button', { name: 'Play' }).isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Step' }).click();
      await expect.poll(async () => (await statusStep(page)).step, { message: 'Step did not advance the paused session by exactly one step', timeout: 5_000 }).toBe(paused + 1);
      await page.getByRole('button', { name: 'Play' }).click();
      await waitForTraining(page, paused + 10);

      // downloads: every series of the session
      // (below 1,600 px the downloads are in the top bar's More menu)
      const more = page.getByRole('button', { name: /^More/ });
      await more.click();
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Download CSV' }).click()]);
      expect(csv.suggestedFilename()).toMatch(/^normscope-mnist-step\d+\.csv$/);
      const csvText = await (await csv.createReadStream()).toArray().then((c) => Buffer.concat(c as Buffer[]).toString('utf8'));
      const csvLines = csvText.split('\n');
      expect(csvLines[0]).toMatch(/^# NormScope export at step \d+/);
      expect(csvLines.find((l) => l.startsWith('# settings: '))).toMatch(/ batch=32 /);
      expect(csvLines.find((l) => !l.startsWith('#'))).toBe('run,series,layer,step_from,step_to,steps,value,min,max');
      expect(csvText).toContain('\nplain,loss,,');
      expect(csvText).toContain('\nbatch,runningVar,2,');
      // integer step ranges on every row
      expect(csvLines.filter((l) => l && !l.startsWith('#')).slice(1).every((l) => /^\d+,\d+,\d+$/.test(l.split(',').slice(3, 6).join(',')))).toBe(true);
      await more.click();
      const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Download JSON' }).click()]);
      const jsonText = await (await json.createReadStream()).toArray().then((c) => Buffer.concat(c as Buffer[]).toString('utf8'));
      expect(JSON.parse(jsonText).runs.map((r: { id: string }) => r.id)).toEqual(['plain', 'batch']);

      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('restores settings from the URL and starts paused with ?paused=1 (dark)', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1200 }, colorScheme: 'dark' });
    try {
      await page.goto(`${baseURL}?dataset=spiral&hidden=16,16&batch=32&act=tanh&runs=plain,batch,layer&paused=1`);
      await expect.poll(async () => (await statusStep(page)).text, { message: 'the status line never said \'Paused · step 0\'', timeout: 30_000 }).toBe('Paused · step 0');
      expect(await page.getByRole('combobox', { name: 'Dataset', exact: true }).inputValue()).toBe('spiral');
      expect(await page.getByRole('textbox', { name: 'Hidden layers' }).inputValue()).toBe('16,16');
      expect(await page.getByRole('spinbutton', { name: 'Batch size' }).inputValue()).toBe('32');
      expect(await page.getByRole('combobox', { name: 'Activation', exact: true }).inputValue()).toBe('tanh');
      for (const run of ['Plain', 'Batch norm', 'Layer norm']) expect(await page.getByRole('checkbox', { name: run }).isChecked()).toBe(true);
      await expect.poll(() => workerSettings(page), { message: 'the worker never reported the URL\'s settings', timeout: 10_000 }).toMatchObject({ dataset: 'spiral', hidden: [16, 16], batch: 32, act: 'tanh' });
      // the worker answered with its settings; it stays at step 0: the trainer's pause() answers with the step it stopped at
      await pauseTraining(page);
      expect((await statusStep(page)).step).toBe(0);

      // an invalid hidden-layer list gives a message and changes nothing
      const hidden = page.getByRole('textbox', { name: 'Hidden layers' });
      await hidden.fill('16,abc');
      await hidden.press('Enter');
      await expect.poll(() => page.locator('[aria-live="polite"].error').innerText(), { message: 'the hidden-layers field showed no error for \'16,abc\'' }).toMatch(/comma-separated layer sizes/);
      expect(await workerSettings(page)).toMatchObject({ hidden: [16, 16] });

      // play: the three runs train on the 2-D set; the views draw
      await page.getByRole('button', { name: 'Play' }).click();
      await waitForTraining(page, 50);
      const figures = await allViewsDraw(page);
      console.log(`[e2e] spiral: ${figures.length} views drew: ${figures.map((f) => f.caption).join('; ')}`);
      await scrollToTop(page);
      const shot = await screenshot(page, 'dashboard-dark');
      console.log(`[e2e] screenshot: ${shot}`);

      // Speed: 20 steps per second instead of as fast as possible
      await setNumberField(page, 'Speed', '20');
      await expect.poll(() => new URL(page.url()).searchParams.get('speed'), { message: 'the URL never took speed=20', timeout: 5_000 }).toBe('20');
      // the rate over 20 steps, timed by the page's clock from a step after the change reached the worker
      const paced = await page.evaluate(async () => {
        const store = (window as unknown as { normscope: { store: { getState(): { step: number }; subscribe(f: () => void): () => void } } }).normscope.store;
        const until = (step: number) => new Promise<number>((resolve) => {
          const check = () => { if (store.getState().step >= step) { stop(); resolve(performance.now()); } };
          const stop = store.subscribe(check);
          check();
        });
        await until(store.getState().step + 5);
        const s0 = store.getState().step;
        const t0 = performance.now();
        const t1 = await until(s0 + 20);
        return { steps: store.getState().step - s0, seconds: (t1 - t0) / 1000 };
      });
      const rate = paced.steps / paced.seconds;
      console.log(`[e2e] at speed 20: ${paced.steps} steps in ${paced.seconds.toFixed(2)} s (${rate.toFixed(1)} steps/s)`);
      // the pacing holds (a loaded machine only makes it slower): twice the asked rate is a fault, not noise
      expect(rate, 'steps per second at speed 20').toBeLessThan(40);
      // an empty field is "max", written out (the page opens at 100 steps/s, a bare URL)
      await setNumberField(page, 'Speed', '');
      await expect.poll(() => new URL(page.url()).searchParams.get('speed'), { timeout: 5_000 }).toBe('max');
      await setNumberField(page, 'Speed', '100');
      await expect.poll(() => new URL(page.url()).searchParams.get('speed'), { message: 'speed never left the URL', timeout: 5_000 }).toBeNull();

      // which runs to compare: unchecking one retrains the others; the last one cannot be unchecked
      await page.getByRole('checkbox', { name: 'Layer norm' }).uncheck();
      const runIds = () => page.evaluate(() => (window as unknown as { normscope: { telemetry: { get(): { runs: { id: string }[] } | null } } }).normscope.telemetry.get()?.runs.map((r) => r.id));
      await expect.poll(runIds, { message: 'the runs never became plain and batch after unchecking Layer norm', timeout: 10_000 }).toEqual(['plain', 'batch']);
      await page.getByRole('checkbox', { name: 'Plain' }).uncheck();
      // (30 s: a loaded two-core machine once needed more than 10 s here)
      await expect.poll(runIds, { message: 'the runs never became batch alone after unchecking Plain', timeout: 30_000 }).toEqual(['batch']);
      expect(await page.getByRole('checkbox', { name: 'Batch norm' }).isDisabled()).toBe(true);
      await expect.poll(() => new URL(page.url()).searchParams.get('runs'), { message: 'the URL never took runs=batch', timeout: 5_000 }).toBe('batch');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('repairs a garbage URL with a notice and sane values', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${baseURL}?batch=-5&eps=abc&lr=1e99&dataset=xor&paused=1&bogus=1`);
      const notice = page.getByRole('alert');
      await expect.poll(() => notice.innerText(), { message: 'no notice about batch=-5', timeout: 10_000 }).toMatch(/batch=-5 is out of range, using 2/);
      const text = await notice.innerText();
      expect(text).toMatch(/eps=abc is not valid, using the default 0\.00001|eps=abc is not valid, using the default 1e-5/);
      expect(text).toMatch(/lr=1e99 is out of range, using 100/);
      await expect.poll(async () => (await statusStep(page)).text, { message: 'the status line never said \'Paused · step 0\'', timeout: 30_000 }).toBe('Paused · step 0');
      expect(await page.getByRole('spinbutton', { name: 'Batch size' }).inputValue()).toBe('2');
      expect(await page.getByRole('spinbutton', { name: 'Learning rate' }).inputValue()).toBe('100');
      expect(await page.getByRole('spinbutton', { name: 'Epsilon' }).inputValue()).toBe('1e-5');
      await expect.poll(() => workerSettings(page), { message: 'the worker never reported the repaired settings', timeout: 10_000 }).toMatchObject({ batch: 2, eps: 1e-5, lr: 100, dataset: 'xor' });
      // the address now holds the repaired values
      await expect.poll(() => new URL(page.url()).search, { message: 'the URL was never rewritten to the repaired settings', timeout: 5_000 }).toBe('?dataset=xor&batch=2&lr=100&paused=1');
      // the notice can be dismissed
      await page.getByRole('button', { name: 'Dismiss' }).click();
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says which run diverged and at what step', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(`${baseURL}?dataset=spiral&act=relu&hidden=64,64&lr=10&init=normal:10`);
      await expect.poll(() => page.getByTestId('session-status').innerText(), { message: 'the status line never said that Plain diverged', timeout: 30_000 }).toMatch(/Plain diverged at step \d+/);
      // the batch-norm run goes on
      const a = await waitForTraining(page, 1);
      await waitForTraining(page, a + 5);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('switches to 简体中文 and remembers it; fits a 400 px screen; keyboard reaches the controls', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), {
      viewport: { width: 400, height: 800 }, colorScheme: 'dark', deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    });
    try {
      await page.goto(`${baseURL}?dataset=circles&hidden=8&paused=1`);
      await expect.poll(async () => (await statusStep(page)).text, { message: 'the status line never said \'Paused · step 0\'', timeout: 30_000 }).toBe('Paused · step 0');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      // keyboard: Tab reaches the Play button, Space presses it
      let found = false;
      for (let i = 0; i < 12 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(() => document.activeElement?.textContent?.includes('Play') ?? false);
      }
      expect(found).toBe(true);
      await page.keyboard.press('Space');
      await waitForTraining(page, 1);
      await page.keyboard.press('Space');
      await expect.poll(async () => (await statusStep(page)).text, { message: 'the status line never said Paused', timeout: 5_000 }).toMatch(/^Paused/);

      await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
      await expect.poll(() => page.getByTestId('session-status').innerText(), { message: 'the status line never said 已暂停 in Chinese' }).toMatch(/^已暂停 · 第 [\d,]+ 步$/);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await page.getByRole('slider', { name: '批大小' }).waitFor();
      await page.reload();
      await expect.poll(() => page.getByTestId('session-status').innerText(), { message: 'the Chinese page never said 已暂停 · 第 0 步 after the reload', timeout: 30_000 }).toMatch(/^已暂停 · 第 0 步$/);
      await page.getByRole('button', { name: '播放' }).waitFor();
      const shot = await screenshot(page, 'dashboard-phone-zh');
      console.log(`[e2e] screenshot: ${shot}`);
      await page.getByRole('combobox', { name: '语言' }).selectOption('en');
      await page.getByRole('button', { name: 'Play' }).waitFor();

      // on a phone the controls come after the views: a button in the top bar jumps there and back
      const inView = (selector: string) => page.evaluate((sel) => {
        const r = document.querySelector(sel)!.getBoundingClientRect();
        return r.top < innerHeight && r.bottom > 0;
      }, selector);
      expect(await inView('aside#controls')).toBe(false);
      expect(await page.getByRole('button', { name: '↑ Back to the charts' }).isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Controls ↓' }).click();
      await expect.poll(() => inView('aside#controls'), { message: 'the Controls jump did not bring the controls into view' }).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('controls');
      await page.getByRole('button', { name: '↑ Back to the charts' }).click();
      await expect.poll(() => inView('main#views'), { message: 'the jump back did not bring the views into view' }).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('views');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
