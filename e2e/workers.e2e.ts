// One worker per run in the browser: the same steps give the same losses with the single training
// worker (?workers=1) and with two run workers under the coordinator (?workers=2), and each mode's
// twin steps per second on the Figure 1 network at speed=max are printed (numbers to read, not limits).
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/chromium';
import { openWatchedPage } from './support/page';

/**
 * Figure 1: 784-100-100-100-10 sigmoid, batch 60, plain and batch norm side by side, at speed=max: the
 * page opens at 100 steps/s, a pace both modes keep, which would make the comparison of throughputs
 * say nothing.
 */
const FIGURE_1 = 'hidden=100,100,100&act=sigmoid&batch=60&init=normal:1&paused=1&speed=max';
const STEPS = 25;

interface Probe { step: number; losses: number[][]; lastLoss: number[] }

type Window = { normscope: { store: { getState(): { step: number; speed: number | null; stepOnce(): Promise<void>; play(): Promise<void>; pause(): Promise<void> }; subscribe(listener: () => void): () => void }; telemetry: { get(): { step: number; runs: { lastLoss: number; loss: { y: Float32Array } }[] } | null } } };

/** Steps the paused session STEPS times by hand and reads every run's losses from the frame of that step. */
async function stepAndRead(page: Page): Promise<Probe> {
  await expect.poll(() => page.evaluate(() => (window as unknown as Window).normscope.telemetry.get()?.runs.length ?? 0), { message: 'the page never showed its two runs', timeout: 60_000 }).toBe(2);
  await page.evaluate(async (n) => {
    const store = (window as unknown as Window).normscope.store;
    for (let i = 0; i < n; i++) await store.getState().stepOnce();
  }, STEPS);
  await expect.poll(() => page.evaluate(() => (window as unknown as Window).normscope.telemetry.get()?.step ?? -1), { message: 'the telemetry never reached the stepped-to step', timeout: 30_000 }).toBe(STEPS);
  return page.evaluate(() => {
    const f = (window as unknown as Window).normscope.telemetry.get()!;
    return { step: f.step, losses: f.runs.map((r) => Array.from(r.loss.y)), lastLoss: f.runs.map((r) => r.lastLoss) };
  });
}

/** Twin steps per second while playing, over `steps` steps after a warm-up, and the page's frame time then. */
async function throughput(page: Page, steps: number): Promise<{ rate: number; p50: number; p95: number }> {
  return page.evaluate(async (n) => {
    const store = (window as unknown as Window).normscope.store;
    if (store.getState().speed !== null) throw new Error(`the page trains at ${store.getState().speed} steps/s, not as fast as it can (speed=max)`);
    await store.getState().play();
    // warm-up: 50 steps (JIT, first frames), then the time the next `n` steps take (a printed figure)
    const w0 = store.getState().step;
    await new Promise<void>((resolve) => { const stop = store.subscribe(() => { if (store.getState().step >= w0 + 50) { stop(); resolve(); } }); });
    const s0 = store.getState().step;
    const t0 = performance.now();
    const deltas: number[] = [];
    let last = t0;
    let measuring = true;
    const tick = (now: number) => { deltas.push(now - last); last = now; if (measuring) requestAnimationFrame(tick); };
    requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
    await new Promise<void>((resolve) => { const stop = store.subscribe(() => { if (store.getState().step >= s0 + n) { stop(); resolve(); } }); });
    measuring = false;
    const rate = ((store.getState().step - s0) * 1000) / (performance.now() - t0);
    await store.getState().pause();
    deltas.sort((a, b) => a - b);
    const q = (p: number) => deltas[Math.min(deltas.length - 1, Math.floor(p * deltas.length))] ?? NaN;
    return { rate, p50: q(0.5), p95: q(0.95) };
  }, steps);
}

describe('one worker per run', () => {
  const baseURL = inject('baseURL');
  const browser = useBrowser();

  it('trains to the same losses as the single worker, and prints both throughputs', async () => {
    const results: { mode: string; probe: Probe; rate: number; p50: number; p95: number; cores: number }[] = [];
    for (const mode of ['workers=1', 'workers=2']) {
      const { page, problems, close } = await openWatchedPage(browser());
      try {
        await page.goto(`${baseURL}?${FIGURE_1}&${mode}`);
        const probe = await stepAndRead(page);
        const { rate, p50, p95 } = await throughput(page, 600);
        const cores = await page.evaluate(() => navigator.hardwareConcurrency);
        results.push({ mode, probe, rate, p50, p95, cores });
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }
    const [one, perRun] = results;
    const frames = (r: typeof one) => `frame time p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`;
    console.log(`[e2e] Figure 1 twin steps/s in the browser (${one.cores} cores): one worker ${one.rate.toFixed(0)} (${frames(one)}), `
      + `one worker per run ${perRun.rate.toFixed(0)} (${frames(perRun)}): x${(perRun.rate / one.rate).toFixed(2)}`);
    expect(one.probe.losses[0]).toHaveLength(STEPS);
    expect(perRun.probe).toEqual(one.probe);
    expect(perRun.rate).toBeGreaterThan(0);
  });
});
