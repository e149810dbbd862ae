import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../data/dataset';
import { TrainingSession } from '../../session/session';
import { settingsOfJob } from '../../session/sweep/protocol';
import { runSweepJob, SweepCancelled, SweepJobError, type SweepProgress } from './run-job';
import { tinyDataset, tinyJobs } from '../../session/sweep/test-data.test-support';

const ds = tinyDataset();
const strip = <T extends { seconds: number }>(r: T) => ({ ...r, seconds: 0 });

describe('runSweepJob', () => {
  it('trains the planned steps and evaluates on the whole test set', async () => {
    const [job] = tinyJobs(['none'], [16], 1600);
    const progress: SweepProgress[] = [];
    const r = await runSweepJob(job, ds, (p) => progress.push(p));
    expect(r).toMatchObject({ id: job.id, norm: 'none', batch: 16, steps: 100, examples: 1600, lr: job.lr, seed: 1, divergedAt: null });
    expect(r.testAcc).toBeGreaterThanOrEqual(0);
    expect(r.testAcc).toBeLessThanOrEqual(1);
    expect(Number.isFinite(r.testLoss)).toBe(true);
    expect(r.seconds).toBeGreaterThan(0);
    // accuracy is a count over the 128 test rows
    expect(Number.isInteger(Math.round(r.testAcc * 128 * 1e6) / 1e6)).toBe(true);
    const training = progress.filter((p) => p.phase === 'training');
    expect(training.at(-1)?.step).toBe(100);
    expect(progress.at(-1)).toMatchObject({ phase: 'evaluating', step: 100, steps: 100 });
    expect(training.map((p) => p.step)).toEqual([...training.map((p) => p.step)].sort((a, b) => a - b));
  });

  it('draws the batches and weights the live session draws: same model after the same steps', async () => {
    const [job] = tinyJobs(['batch'], [8], 8 * 60);
    const r = await runSweepJob(job, ds);
    const session = new TrainingSession(ds, settingsOfJob(job), ['batch']);
    for (let i = 0; i < job.steps; i++) session.trainStep();
    const m = session.evaluate(true).get('batch')!;
    expect(r.testAcc).toBe(m.accuracy);
    expect(r.testLoss).toBe(m.loss);
    expect(r.testAccBatchStats).toBe(m.batchStatsAccuracy);
  });

  it('gives the same result for the same seed, and another for another seed', async () => {
    const [a] = tinyJobs(['batch'], [4], 400, 5);
    const r1 = await runSweepJob(a, ds);
    const r2 = await runSweepJob(a, ds);
    expect(strip(r2)).toEqual(strip(r1));
    const [b] = tinyJobs(['batch'], [4], 400, 6);
    const r3 = await runSweepJob(b, ds);
    expect(r3.testLoss).not.toBe(r1.testLoss);
  });

  it('computes batch-statistics accuracy for batch norm only', async () => {
    const jobs = tinyJobs(['none', 'batch', 'layer'], [8], 160);
    const results = await Promise.all(jobs.map((j) => runSweepJob(j, ds)));
    const byNorm = Object.fromEntries(results.map((r) => [r.norm, r]));
    expect(byNorm.none.testAccBatchStats).toBeNull();
    expect(byNorm.layer.testAccBatchStats).toBeNull();
    expect(byNorm.none.testLossBatchStats).toBeNull();
    expect(byNorm.batch.testAccBatchStats).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(byNorm.batch.testLossBatchStats)).toBe(true);
  });

  it('stops before the next step when cancelled, and never starts a cancelled job', async () => {
    const [job] = tinyJobs(['none'], [4], 4 * 2000);
    const signal = { aborted: false };
    let lastStep = 0;
    const run = runSweepJob(job, ds, (p) => {
      lastStep = p.step;
      if (p.step >= 200) signal.aborted = true;
    }, { signal, progressFraction: 0.01 });
    await expect(run).rejects.toBeInstanceOf(SweepCancelled);
    expect(lastStep).toBeGreaterThanOrEqual(200);
    expect(lastStep).toBeLessThan(job.steps);
    await expect(runSweepJob(job, ds, () => {}, { signal: { aborted: true } })).rejects.toThrow(/cancelled/);
  });

  it('reports progress about every 1% of the steps, not every step', async () => {
    const [job] = tinyJobs(['none'], [2], 2 * 3000);
    let calls = 0;
    await runSweepJob(job, ds, () => { calls++; }, { progressMs: 1e9 });
    expect(calls).toBeGreaterThanOrEqual(100);
    expect(calls).toBeLessThanOrEqual(102);
  });

  it('marks a run whose loss or weights stop being finite and still evaluates it', async () => {
    // one poisoned training row: the loss of the batch that holds it is NaN
    const poisoned: Dataset = { ...ds, trainX: ds.trainX.map((v, i) => (i === 10 ? NaN : v)) };
    const [job] = tinyJobs(['none'], [4], 4 * 100);
    const r = await runSweepJob(job, poisoned);
    expect(r.divergedAt).not.toBeNull();
    expect(r.divergedAt!).toBeLessThanOrEqual(256 / 4); // row 5 is in the first epoch
    expect(r.testAcc).toBeGreaterThanOrEqual(0);
  });

  it('refuses a batch larger than the training set with a clear message', async () => {
    const [job] = tinyJobs(['none'], [512], 512);
    await expect(runSweepJob(job, ds)).rejects.toThrow(SweepJobError);
    await expect(runSweepJob(job, ds)).rejects.toThrow(/batch 512 is larger than the 256 training examples/);
  });
});
