// A multi-seed run trains exactly as the headless trainer does (same weights, same batches, same
// numbers), its runs of one seed share their start, and the summaries group them per setting.
import { describe, expect, it } from 'vitest';
import { make2d } from '../../data/synthetic';
import { headlessRun } from '../headless-run';
import { findPreset } from '../../session/presets';
import { SweepCancelled } from '../sweep/run-job';
import { checkOfVariant, planSeedJobs, seedRange } from './plan';
import { runSeedJob } from './seed-job';
import { summarizeRecords } from '../../session/seeds/summaries';

const xor = () => make2d('xor', { seed: 1, trainCount: 256, testCount: 128, noise: 0.1 });

describe('multi-seed runs', () => {
  it('plan every check x seed x run, a seed\'s runs side by side, with the run\'s norm and the seed', () => {
    const p = findPreset('high-lr')!;
    const jobs = planSeedJobs([{ preset: p, checks: p.checks }], [3, 7], { steps: 40 });
    expect(jobs).toHaveLength(4 * 2 * 2);
    expect(jobs.slice(0, 4).map((j) => `${j.check} ${j.seed} ${j.run}`)).toEqual(['lr 1 3 plain', 'lr 1 3 batch', 'lr 1 7 plain', 'lr 1 7 batch']);
    expect(jobs.map((j) => j.id)).toEqual(seedRange(16).map((i) => i - 1));
    expect(jobs[0].settings).toMatchObject({ norm: 'none', seed: 3, steps: 40, lr: 1, batch: 60, hidden: [100, 100, 100], act: 'sigmoid' });
    expect(jobs[1].settings.norm).toBe('batch');
    expect(checkOfVariant(p, 'lr-10')?.label).toBe('lr 10');
    expect(checkOfVariant(findPreset('bad-init')!, 'large')?.label).toBe('N(0, 1)');
    expect(checkOfVariant(p, null)?.label).toBe('lr 1');
  });

  it('trains as headlessRun does: the same final accuracy, loss and gradient norms', async () => {
    const ds = xor();
    const p = findPreset('bn-paper-fig1')!;
    const check = { label: 'tiny', settings: { ...p.checks[0].settings, dataset: 'xor' as const, hidden: [16, 16], steps: 150, evalEvery: 50, lr: 0.5, batch: 16 }, runs: p.checks[0].runs };
    for (const job of planSeedJobs([{ preset: p, checks: [check] }], [5])) {
      const r = await runSeedJob(job, ds, () => {}, { sliceMs: 1 });
      const ref = headlessRun(job.settings, ds);
      const last = ref.points.at(-1)!;
      expect(r.testAcc).toBe(last.testAcc);
      expect(r.testLoss).toBe(last.testLoss);
      expect(r.gradNormsLast).toEqual(last.gradNorms);
      expect(r.gradNorms100).toEqual(headlessRun({ ...job.settings, steps: 100 }, ds).points.at(-1)!.gradNorms);
      expect(r).toMatchObject({ preset: 'bn-paper-fig1', check: 'tiny', seed: 5, steps: 150, divergedAt: null });
    }
  });

  it('reports progress, stops on cancel, and marks a diverged run without an accuracy', async () => {
    const ds = xor();
    const p = findPreset('high-lr')!;
    const [job] = planSeedJobs([{ preset: p, checks: [{ label: 'x', settings: { ...p.checks[0].settings, dataset: 'xor', hidden: [8], steps: 400 }, runs: ['plain'] }] }], [1]);
    const flag = { aborted: false };
    const steps: number[] = [];
    await expect(runSeedJob(job, ds, (q) => { steps.push(q.step); if (q.step > 100) flag.aborted = true; }, { signal: flag, sliceMs: 1 })).rejects.toBeInstanceOf(SweepCancelled);
    expect(steps.length).toBeGreaterThan(1);
    const wild = { ...job, settings: { ...job.settings, lr: 1e30, act: 'relu' as const, init: 'normal:100' } };
    const r = await runSeedJob(wild, ds);
    expect(r.divergedAt).not.toBeNull();
    expect(r).toMatchObject({ testAcc: null, testLoss: null, steps: r.divergedAt });
  });

  it('summarise per setting and run kind, pairing runs by seed', () => {
    const rec = (check: string, run: 'plain' | 'batch', seed: number, testAcc: number | null) => ({ preset: 'high-lr', check, run, seed, testAcc });
    const s = summarizeRecords([
      rec('lr 10', 'batch', 1, 0.96), rec('lr 10', 'plain', 1, 0.9), rec('lr 10', 'plain', 2, 0.1), rec('lr 10', 'batch', 2, 0.95),
      rec('lr 10', 'plain', 3, null), rec('lr 10', 'batch', 3, 0.97), rec('lr 30', 'plain', 1, 0.1),
    ]);
    expect(s.map((c) => c.check)).toEqual(['lr 10', 'lr 30']);
    const [plain, batch] = s[0].runs;
    expect(plain).toMatchObject({ run: 'plain', seeds: [1, 2, 3], diverged: 1, above: 1, acc: { n: 2, median: 0.5, min: 0.1, max: 0.9 } });
    expect(batch).toMatchObject({ run: 'batch', seeds: [1, 2, 3], diverged: 0, above: 3, acc: { n: 3, median: 0.96 } });
    expect(s[0].paired).toMatchObject({ a: 'plain', b: 'batch', comparison: { n: 3, wins: 3, losses: 0, ties: 0 } });
    expect(s[0].paired!.comparison.medianDiff).toBeCloseTo((0.06 + 0.85) / 2, 12);
    expect(s[1].paired).toBeNull();
  });
});
