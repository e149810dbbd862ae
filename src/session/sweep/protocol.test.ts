import { describe, expect, it } from 'vitest';
import { checkSweepPlan, planSweep, settingsOfJob, SweepPlanError, sweepLr, sweepSteps, SWEEP_BATCHES, SWEEP_NORMS } from './protocol';

describe('sweep protocol', () => {
  it('scales the learning rate linearly below batch 60 and holds 0.5 from there', () => {
    expect(sweepLr(2)).toBeCloseTo(0.5 * 2 / 60, 15);
    expect(sweepLr(30)).toBeCloseTo(0.25, 15);
    expect(sweepLr(59)).toBeCloseTo(0.5 * 59 / 60, 15);
    expect(sweepLr(60)).toBe(0.5);
    expect(sweepLr(64)).toBe(0.5);
    expect(sweepLr(128)).toBe(0.5);
  });

  it('takes ceil(examples / batch) steps, at least one', () => {
    expect(SWEEP_BATCHES.map((b) => sweepSteps(240_000, b))).toEqual([120_000, 60_000, 30_000, 15_000, 7500, 3750, 1875]);
    expect(sweepSteps(30_000, 64)).toBe(469); // 468.75 rounded up: 30,016 examples seen
    expect(sweepSteps(30_000, 128)).toBe(235);
    expect(sweepSteps(1, 128)).toBe(1);
  });

  it('plans every norm at every batch, smallest batches first, norms interleaved', () => {
    const jobs = planSweep({ norms: SWEEP_NORMS, batches: [128, 2, 32], examples: 240_000, seed: 7 });
    expect(jobs.map((j) => [j.id, j.batch, j.norm])).toEqual([
      [0, 2, 'none'], [1, 2, 'batch'], [2, 2, 'layer'],
      [3, 32, 'none'], [4, 32, 'batch'], [5, 32, 'layer'],
      [6, 128, 'none'], [7, 128, 'batch'], [8, 128, 'layer'],
    ]);
    for (const j of jobs) {
      expect(j).toMatchObject({ dataset: 'mnist', examples: 240_000, seed: 7, steps: 240_000 / j.batch, lr: sweepLr(j.batch) });
    }
    expect(planSweep({ norms: SWEEP_NORMS, batches: SWEEP_BATCHES, examples: 240_000, seed: 1 })).toHaveLength(21);
  });

  it('turns a job into the protocol settings', () => {
    const [job] = planSweep({ norms: ['batch'], batches: [16], examples: 1600, seed: 3 });
    expect(settingsOfJob(job)).toMatchObject({
      dataset: 'mnist', hidden: [100, 100, 100], act: 'sigmoid', norm: 'batch', placement: 'pre', init: 'xavier',
      eps: 1e-5, momentum: 0.1, optimizer: 'sgd', sgdMomentum: 0, weightDecay: 0, batch: 16, lr: 0.5 * 16 / 60, steps: 100, seed: 3,
    });
  });

  it('refuses bad plans naming the part', () => {
    const ok = { norms: SWEEP_NORMS, batches: [2, 4], examples: 1000, seed: 1 };
    expect(checkSweepPlan(ok)).toBeNull();
    expect(checkSweepPlan({ ...ok, norms: [] })).toMatch(/^norms:/);
    expect(checkSweepPlan({ ...ok, norms: ['batch', 'batch'] })).toMatch(/^norms: each/);
    expect(checkSweepPlan({ ...ok, batches: [] })).toMatch(/^batches:/);
    expect(checkSweepPlan({ ...ok, batches: [0] })).toMatch(/^batches: 0 is not an integer/);
    expect(checkSweepPlan({ ...ok, batches: [2.5] })).toMatch(/^batches:/);
    expect(checkSweepPlan({ ...ok, batches: [4, 4] })).toMatch(/^batches: each/);
    expect(checkSweepPlan({ ...ok, batches: [1] })).toMatch(/batch 1 with batch norm/);
    expect(checkSweepPlan({ ...ok, norms: ['none', 'layer'], batches: [1] })).toBeNull();
    expect(checkSweepPlan({ ...ok, examples: 0 })).toMatch(/^examples:/);
    expect(checkSweepPlan({ ...ok, seed: -1 })).toMatch(/^seed:/);
    expect(() => planSweep({ ...ok, examples: 1.5 })).toThrow(SweepPlanError);
    expect(checkSweepPlan({ ...ok, seeds: [] })).toMatch(/^seeds: give/);
    expect(checkSweepPlan({ ...ok, seeds: [3, 3] })).toMatch(/^seeds: each/);
    expect(checkSweepPlan({ ...ok, seeds: [1, -2] })).toMatch(/^seed: -2/);
    expect(checkSweepPlan({ ...ok, seeds: Array.from({ length: 40 }, (_, i) => i) })).toMatch(/at most 200 runs/);
  });

  it('plans every norm at every batch once per seed: batches ascending, then seeds, then norms', () => {
    const jobs = planSweep({ norms: ['none', 'batch'], batches: [8, 2], examples: 160, seed: 1, seeds: [7, 3] });
    expect(jobs.map((j) => `${j.batch}/${j.seed}/${j.norm}`)).toEqual([
      '2/7/none', '2/7/batch', '2/3/none', '2/3/batch', '8/7/none', '8/7/batch', '8/3/none', '8/3/batch',
    ]);
    expect(jobs.map((j) => j.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
