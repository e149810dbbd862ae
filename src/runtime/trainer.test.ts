// The trainer as the page sees it: through comlink over a MessageChannel, as in a Web Worker.
import { expose, proxy, wrap, type Remote } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { make2d } from '../data/synthetic';
import { BAND_EVERY, STAGES, type TelemetryFrame } from '../telemetry/frame';
import { DEFAULT_SETTINGS, type TrainSettings } from '../session/settings';
import { createInThreadTrainer as createTrainer } from './in-thread-trainer';
import type { Trainer } from './trainer-api';

const settings = (over: Partial<TrainSettings> = {}): TrainSettings => ({
  ...DEFAULT_SETTINGS, dataset: 'spiral', hidden: [16, 12], act: 'tanh', batch: 16, lr: 0.1, init: 'xavier', evalEvery: 50, steps: 1e8, ...over,
});
const loadDataset = async (s: TrainSettings) => make2d(s.dataset, { seed: s.seed, trainCount: 800, testCount: 400, noise: s.noise });

const open: { port1: MessagePort; port2: MessagePort; trainer: Trainer }[] = [];
function connect(frameIntervalMs?: number): Remote<Trainer> {
  const { port1, port2 } = new MessageChannel();
  const trainer = createTrainer({ loadDataset, frameIntervalMs });
  expose(trainer, port1);
  open.push({ port1, port2, trainer });
  return wrap<Trainer>(port2);
}
afterEach(() => {
  for (const o of open.splice(0)) { o.trainer.dispose(); o.port1.close(); o.port2.close(); }
});

/** A frame without the fields that depend on timing. */
function timeless(f: TelemetryFrame) {
  const { seq: _s, stepsPerSec: _r, examplesPerSec: _e, ...rest } = f;
  return rest;
}

describe('trainer over a MessageChannel', () => {
  it('streams frames with transferred typed arrays, at most 20 per second', async () => {
    const t = connect();
    await t.load(settings(), ['plain', 'batch']);
    await t.play();
    // 11 frames after the first, and past step 50 (conditions, however slow the machine); the pacing is
    // an upper bound on the rate that load cannot break: at most 20 frames/s, i.e. 50 ms apart (45 with
    // timer slack)
    let f = await t.nextFrame(0);
    const t0 = performance.now();
    let frames = 0;
    while (frames < 11 || f.step <= 50) { f = await t.nextFrame(f.seq); frames++; }
    const ms = performance.now() - t0;
    await t.pause();
    console.log(`[trainer] ${frames} frames in ${ms.toFixed(0)} ms (${((frames * 1000) / ms).toFixed(1)} per second), step ${f.step}`);
    expect(ms, `${frames} frames came in ${ms.toFixed(0)} ms: faster than 20 per second`).toBeGreaterThanOrEqual(frames * 45);
    expect(f.step).toBeGreaterThan(50);
    expect(f.runs.map((r) => r.id)).toEqual(['plain', 'batch']);
    const bn = f.runs[1];
    expect(bn.loss.y).toBeInstanceOf(Float32Array);
    expect(bn.loss.x.length).toBeGreaterThan(0);
    expect(bn.layers).toHaveLength(2);
    for (const [i, stage] of STAGES.entries()) {
      const sf = bn.layers[0].stages[i]!;
      expect(sf.stage).toBe(stage);
      expect(sf.distribution).toHaveLength(9);
      expect(sf.hist.length).toBe(f.bins[0][i]!.count);
      // every value of the 16 x 16 batch is in a bin or counted below or above the range
      expect(sf.hist.reduce((a, v) => a + v, 0) + sf.under + sf.over).toBe(16 * 16);
    }
    expect(f.runs[0].layers[0].stages[1]).toBeNull(); // the plain run has no norm output
    expect(bn.layers[0].running!.mean).toHaveLength(16);
    expect(bn.testAcc.y.length).toBeGreaterThan(0);
    expect(bn.testAccBatchStats!.y.length).toBe(bn.testAcc.y.length);
    const d = f.bnDetail!;
    expect(d.x).toHaveLength(16);
    // formulas (1)-(4) hold on the numbers the panel shows
    const mean = d.x.reduce((a, v) => a + v, 0) / 16;
    expect(d.mean).toBeCloseTo(mean, 4);
    expect(d.variance).toBeCloseTo(d.x.reduce((a, v) => a + (v - mean) ** 2, 0) / 16, 3);
    d.y.forEach((y, b) => expect(y).toBeCloseTo(d.gamma * d.xhat[b] + d.beta, 4));
  });

  it('pauses, steps one at a time, changes live settings and resets', async () => {
    const t = connect(0);
    await t.load(settings(), ['plain', 'batch']);
    expect(await t.stepOnce()).toBe(1);
    expect(await t.stepOnce(9)).toBe(10);
    const live = await t.change({ lr: 0.3, batch: 32, eps: 0.001 });
    expect(live.applied).toBe('live');
    let f = await t.nextFrame(0);
    expect(f.step).toBe(10);
    expect(f.settings).toMatchObject({ lr: 0.3, batch: 32, eps: 0.001 });
    await t.stepOnce();
    f = await t.nextFrame(f.seq);
    expect(f.bnDetail!.x).toHaveLength(32);
    await expect(t.change({ eps: -1 })).rejects.toThrow(/eps/);
    const reset = await t.change({ hidden: [8] });
    expect(reset.applied).toBe('reset');
    expect(reset.message).toMatch(/hidden needs new weights/);
    f = await t.nextFrame(f.seq);
    expect(f.step).toBe(0);
    expect(f.runs[0].layers).toHaveLength(1);
    await t.stepOnce(5);
    await t.reset();
    expect((await t.status()).step).toBe(0);
    await t.setRuns(['plain', 'batch', 'layer']);
    f = await t.nextFrame(f.seq);
    expect(f.runs.map((r) => r.id)).toEqual(['plain', 'batch', 'layer']);
    await expect(t.select(5, 0)).rejects.toThrow(/layer/);
    // unknown run kinds are refused and change nothing
    await expect(t.setRuns(['plain', 'nonsense'] as never)).rejects.toThrow(/runs must be .*batch-post/);
    await expect(t.setRuns([])).rejects.toThrow(/runs must be 1 to 8 distinct runs/);
    await t.setRuns(['batch-post', 'batch-pre']);
    f = await t.nextFrame(f.seq);
    expect(f.runs.map((r) => [r.id, r.placement])).toEqual([['batch-pre', 'pre'], ['batch-post', 'post']]);
  });

  it('pauses where training stops: the first paused frame shows the step reached, and one step goes one past it', async () => {
    // The group trains in this thread: each round waits for the queued messages first, so when the
    // pause arrives up to three rounds are still to come. A frame that says paused must show the step
    // after them, or a page that shows it and then steps once sees a jump of several steps.
    const t = connect(0);
    await t.load(settings(), ['plain', 'batch']);
    let f = await t.nextFrame(0);
    for (let cycle = 0; cycle < 5; cycle++) {
      await t.play();
      const from = f.step;
      do f = await t.nextFrame(f.seq); while (f.step < from + 20);
      const stopped = await t.pause();
      do f = await t.nextFrame(f.seq); while (f.status !== 'paused');
      const paused = f.step;
      expect(await t.stepOnce(), `cycle ${cycle}: one step after the paused frame's step ${paused}`).toBe(paused + 1);
      expect(stopped, 'pause() answers with the step training stopped at').toBe(paused);
      f = await t.nextFrame(f.seq);
      expect({ status: f.status, step: f.step }).toEqual({ status: 'paused', step: paused + 1 });
    }
  });

  it('is deterministic: the same settings and seed give the same telemetry', async () => {
    const run = async () => {
      const t = connect(0);
      await t.load(settings({ seed: 42 }), ['plain', 'batch', 'layer']);
      await t.stepOnce(137);
      return timeless(await t.nextFrame(0));
    };
    const [a, b] = [await run(), await run()];
    expect(b).toEqual(a);
    expect(a.runs[0].layers[0].bands.p50.x.length).toBe(Math.floor(137 / BAND_EVERY));
  });

  it('reports a diverged run, keeps the others training, and a reset clears it', async () => {
    const t = connect(0);
    await t.load(settings({ act: 'relu', hidden: [32, 32, 32], init: 'normal:1', lr: 1000, sgdMomentum: 0.99 }), ['plain']);
    await t.stepOnce(40);
    let f = await t.nextFrame(0);
    expect(f.runs[0].divergedAt).toBeGreaterThan(0);
    await t.reset();
    f = await t.nextFrame(f.seq);
    expect(f.runs[0].divergedAt).toBeNull();
  });

  it('never queues frames: a page that does not ask gets none built, then one fresh frame', async () => {
    const t = connect();
    await t.load(settings(), ['plain', 'batch']);
    await t.play();
    await vi.waitFor(async () => expect((await t.status()).step, 'training past step 20').toBeGreaterThan(20), { timeout: 30_000, interval: 20 });
    const f = await t.nextFrame(0);
    await t.pause();
    // frames are built only when asked: after 20 steps of training the first frame is number 1 or 2
    expect(f.seq).toBeLessThanOrEqual(2);
    expect(f.step).toBeGreaterThan(20);
  });

  it('reports load progress through a proxy and refuses bad settings with a message', async () => {
    const t = connect();
    const seen: number[] = [];
    await t.load(settings(), ['plain', 'batch'], proxy((p: { loaded: number }) => { seen.push(p.loaded); }));
    await expect(t.load(settings({ batch: 1 }), ['plain', 'batch'])).rejects.toThrow(/batch 1 with batch norm/);
    expect((await t.status()).status).toBe('paused');
    await expect(t.setSpeed(-3)).rejects.toThrow(/speed/);
    await t.setSpeed(50);
    const t0 = performance.now();
    await t.play();
    await vi.waitFor(async () => expect((await t.status()).step, 'training past step 10').toBeGreaterThan(10), { timeout: 30_000, interval: 20 });
    const ms = performance.now() - t0;
    await t.pause();
    const { step } = await t.status();
    // the pace is an upper bound a loaded machine cannot break: 50 steps/s, counted with slack up to 80
    console.log(`[trainer] speed 50: ${step} steps in ${ms.toFixed(0)} ms`);
    expect(step, `${step} steps in ${ms.toFixed(0)} ms at speed 50`).toBeLessThan(((ms + 100) / 1000) * 80);
  });
});

describe('trainer views', () => {
  it('gives a classification report and a decision grid per run', async () => {
    const t = connect(0);
    await t.load(settings({ dataset: 'circles' }), ['plain', 'batch']);
    await t.stepOnce(300);
    const report = await t.classificationReport();
    expect(Object.keys(report)).toEqual(['plain', 'batch']);
    expect(report.batch.confusion.flat().reduce((a, v) => a + v, 0)).toBe(400);
    expect(report.batch.accuracy).toBeGreaterThan(0.7);
    const grid = await t.decisionGrid(32);
    expect(grid.runs.batch.predicted).toHaveLength(32 * 32);
    expect(grid.points).toHaveLength(800);
    expect(new Set(grid.runs.batch.predicted).size).toBe(2);
    await expect(t.decisionGrid(1)).rejects.toThrow(/resolution/);
  });
});
