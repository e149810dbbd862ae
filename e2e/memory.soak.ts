// Memory soak: the dashboard trains MNIST for SOAK_MINUTES (default 10) after a warm-up of
// SOAK_WARMUP_SECONDS (default 60); the JS heap of the page and of each worker (coordinator, run
// groups, or the single trainer) is measured after a forced GC at the end of the warm-up and at the
// end: V8's used heap, and the ArrayBuffer backing stores (typed arrays live there, outside the heap).
// Growth must stay under 10% per target and in total, for both. `npm run test:soak`.
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/chromium';
import { HeapProbe, type HeapSample } from './support/heap';
import { openWatchedPage, statusStep, waitForTraining } from './support/page';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const WARMUP_S = Number(process.env.SOAK_WARMUP_SECONDS ?? 60);
const MAX_GROWTH = 0.10;

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(2);

describe('memory soak', () => {
  const baseURL = inject('baseURL');
  const browser = useBrowser();

  it(`trains for ${MINUTES} min after a ${WARMUP_S} s warm-up; page and worker heaps grow under 10%`, async () => {
    if (!(MINUTES > 0) || !(WARMUP_S >= 0)) throw new Error(`SOAK_MINUTES must be > 0 and SOAK_WARMUP_SECONDS >= 0, got ${MINUTES} and ${WARMUP_S}`);
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1200 } });
    try {
      const probe = await HeapProbe.attach(page);
      await page.goto(baseURL);
      await waitForTraining(page);
      await page.waitForTimeout(WARMUP_S * 1000);
      const stepA = (await statusStep(page)).step ?? 0;
      const before = await probe.sample();
      console.log(`[soak] after the warm-up (step ${stepA}): ${before.map((s) => `${s.target} ${mb(s.usedBytes)} MB (+${mb(s.backingBytes)} MB buffers)`).join(', ')}`);

      // train, and keep the views drawing: scroll through them now and then
      const end = Date.now() + MINUTES * 60_000;
      let lastLog = Date.now();
      while (Date.now() < end) {
        await page.waitForTimeout(Math.min(15_000, Math.max(0, end - Date.now())));
        await page.mouse.wheel(0, 600);
        if (Date.now() - lastLog > 60_000) {
          lastLog = Date.now();
          console.log(`[soak] ${(await statusStep(page)).text}`);
        }
        if (await page.evaluate(() => window.scrollY + window.innerHeight >= document.body.scrollHeight - 4)) await page.evaluate(() => window.scrollTo(0, 0));
      }
      const stepB = await waitForTraining(page, stepA + 1);
      const after = await probe.sample();
      console.log(`[soak] after ${MINUTES} more min (step ${stepB}): ${after.map((s) => `${s.target} ${mb(s.usedBytes)} MB (+${mb(s.backingBytes)} MB buffers)`).join(', ')}`);
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
      for (const r of rows) expect(r.growth, r.target).toBeLessThan(MAX_GROWTH);
      expect(stepB).toBeGreaterThan(stepA);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
