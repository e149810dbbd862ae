// Memory soak: the dashboard trains MNIST; the JS heap of the page and of each worker (coordinator,
// run groups, or the single trainer) is measured after a forced GC at the end of the warm-up and at the
// end: V8's used heap, and the ArrayBuffer backing stores (typed arrays live there, outside the heap).
// The heap must grow under 10% per target and in total; the buffers under 10% in total (per target
// they are printed, not judged: telemetry frames are transferred from the workers to the page, so at
// any instant a frame or two in transit sits in one target or the other). `npm run test:soak`.
//
// When to measure. Every chart series is a BoundedSeries (src/telemetry/bounded-series.ts): it grows to
// its capacity (2048 points), then halves and doubles its stride, so its memory saws between 1024 and
// 2048 points forever, by design. A series appended every k steps holds the same number of points at
// steps S and 2^m S once it has filled once (S >= k * 2048). So the warm-up lasts until every series
// has filled (the slowest are appended every BAND_EVERY = 20 steps: step 40,960, a few minutes), and
// the end is at step 2^m S, the first such step the pace of the warm-up needs at least SOAK_MINUTES for
// (default 10; m >= 1, so a short run may take longer). Comparing two arbitrary moments would compare
// two points of the saw, up to a factor 2 in the telemetry's share of the page's heap, and say nothing
// about a leak.
// At both points the soak also measures the frame time (p95 of the animation-frame gaps over 4 s at the
// top of the page) and fails if it grew by more than 25%: the page's drawing must not grow with history.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEFAULT_SERIES_CAPACITY } from '../src/telemetry/bounded-series';
import { BAND_EVERY, RATIO_EVERY } from '../src/telemetry/frame';
import { useBrowser } from './support/chromium';
import { HeapProbe, type HeapSample } from './support/heap';
import { openWatchedPage, statusStep, waitForTraining } from './support/page';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const MAX_GROWTH = 0.10;
/** The frame time (p95 of the animation-frame gaps) may grow this much from the first measuring point to the second. */
const MAX_FRAME_GROWTH = 0.25;
const FRAME_WINDOW_MS = 4000;
/** Every series has filled and halved once: the slowest is appended every max(BAND_EVERY, RATIO_EVERY) steps. */
const WARM_STEP = Math.max(BAND_EVERY, RATIO_EVERY) * DEFAULT_SERIES_CAPACITY + 1000;

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(2);

/** Steps of training between two scrolls of a simulated reader (about 2 s at the page's opening 100 steps/s). */
const SCROLL_EVERY = 200;

/** Trains until the status line's step reaches `step`, scrolling the views so they keep drawing. */
async function trainUntil(page: Page, step: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let lastLog = Date.now();
  for (;;) {
    const now = (await statusStep(page)).step ?? 0;
    if (now >= step) return now;
    if (Date.now() > deadline) throw new Error(`training reached step ${now}, not ${step}, in ${Math.round(timeoutMs / 1000)} s`);
    if (Date.now() - lastLog > 60_000) { lastLog = Date.now(); console.log(`[soak] ${(await statusStep(page)).text} (waiting for step ${step})`); }
    await page.mouse.wheel(0, 400);
    if (await page.evaluate(() => window.scrollY + window.innerHeight >= document.body.scrollHeight - 4)) await page.evaluate(() => window.scrollTo(0, 0));
    // The next scroll comes when training has gone SCROLL_EVERY steps further (or reached `step`), not after a time.
    await waitForTraining(page, Math.min(step, now + SCROLL_EVERY), Math.max(1000, deadline - Date.now()));
  }
}

/** Records animation-frame gaps in the page from its start (installed before it loads). */
function recordFrameGaps(): void {
  const state = { gaps: [] as number[], last: -1 };
  (window as unknown as { __soakFrames: typeof state }).__soakFrames = state;
  const tick = (t: number) => { if (state.last >= 0) state.gaps.push(t - state.last); state.last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
}

/** p95 of the animation-frame gaps over FRAME_WINDOW_MS of the page's time, at the top of the page (ms). */
async function frameP95(page: Page): Promise<number> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const t0 = await page.evaluate(() => { (window as unknown as { __soakFrames: { gaps: number[] } }).__soakFrames.gaps = []; return performance.now(); });
  await page.waitForFunction(([start, ms]) => performance.now() - start >= ms, [t0, FRAME_WINDOW_MS] as const, { timeout: 60_000, polling: 250 });
  const gaps = await page.evaluate(() => (window as unknown as { __soakFrames: { gaps: number[] } }).__soakFrames.gaps.slice());
  if (gaps.length < 10) throw new Error(`only ${gaps.length} animation frames in ${FRAME_WINDOW_MS} ms: the page is not drawing`);
  gaps.sort((a, b) => a - b);
  return gaps[Math.ceil(0.95 * gaps.length) - 1];
}

describe('memory soak', () => {
  const baseURL = inject('baseURL');
  const browser = useBrowser();

  it(`trains ~${MINUTES} min after the series filled; page and worker heaps grow under 10%, frame p95 under 25%`, async () => {
    if (!(MINUTES > 0)) throw new Error(`SOAK_MINUTES must be > 0, got ${process.env.SOAK_MINUTES}`);
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1200 } });
    try {
      await page.addInitScript(recordFrameGaps);
      const probe = await HeapProbe.attach(page);
      const t0 = Date.now();
      await page.goto(baseURL);
      await waitForTraining(page);
      const stepA = await trainUntil(page, WARM_STEP, 30 * 60_000);
      const warmSeconds = (Date.now() - t0) / 1000;
      const before = await probe.sample();
      const frameBefore = await frameP95(page);
      const rate = stepA / warmSeconds;
      const m = Math.max(1, Math.ceil(Math.log2((stepA + rate * MINUTES * 60) / stepA)));
      const target = stepA * 2 ** m;
      console.log(`[soak] warm-up ${warmSeconds.toFixed(0)} s to step ${stepA} (${rate.toFixed(0)} steps/s); measuring again at step ${target} (x${2 ** m})`);
      console.log(`[soak] at step ${stepA}: ${before.map((s) => `${s.target} ${mb(s.usedBytes)} MB (+${mb(s.backingBytes)} MB buffers)`).join(', ')}`);

      const t1 = Date.now();
      const stepB = await trainUntil(page, target, Math.max(3, 4 * (target - stepA) / rate) * 1000 + 120_000);
      const after = await probe.sample();
      const frameAfter = await frameP95(page);
      console.log(`[soak] frame p95 (top of the page, ${FRAME_WINDOW_MS / 1000} s): ${frameBefore.toFixed(1)} ms at step ${stepA}, ${frameAfter.toFixed(1)} ms at step ${stepB}`);
      console.log(`[soak] at step ${stepB}, ${((Date.now() - t1) / 60_000).toFixed(1)} min later: ${after.map((s) => `${s.target} ${mb(s.usedBytes)} MB (+${mb(s.backingBytes)} MB buffers)`).join(', ')}`);
      await probe.detach();

      const rows = (['usedBytes', 'backingBytes'] as const).flatMap((field) => {
        const per = before.map((b) => {
          const a = after.find((s) => s.target === b.target) as HeapSample | undefined;
          return { target: `${b.target} ${field === 'usedBytes' ? 'heap' : 'buffers'}`, before: b[field], after: a?.[field] ?? NaN };
        });
        const total = { target: `total ${field === 'usedBytes' ? 'heap' : 'buffers'}`, before: per.reduce((s, r) => s + r.before, 0), after: per.reduce((s, r) => s + r.after, 0) };
        return [...per, total].map((r) => ({ ...r, growth: r.before > 0 ? r.after / r.before - 1 : r.after > 0 ? Infinity : 0 }));
      });
      for (const r of rows) {
        console.log(`[soak] ${r.target.padEnd(40)} ${mb(r.before).padStart(8)} MB -> ${mb(r.after).padStart(8)} MB  ${(r.growth * 100).toFixed(1)}%`);
      }
      expect(before.length).toBeGreaterThanOrEqual(2); // the page and at least one worker
      expect(after.map((s) => s.target).sort()).toEqual(before.map((s) => s.target).sort()); // the same workers lived
      for (const r of rows.filter((row) => row.target.endsWith(' heap') || row.target === 'total buffers')) expect(r.growth, r.target).toBeLessThan(MAX_GROWTH);
      // Drawing is bounded by the pixels, not the history: the frame time must not creep up with the steps.
      expect(frameAfter, `frame p95 ${frameBefore.toFixed(1)} ms -> ${frameAfter.toFixed(1)} ms`).toBeLessThanOrEqual(frameBefore * (1 + MAX_FRAME_GROWTH));
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
