import { scaleLinear, scaleLog } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import type { SweepResult } from '../runtime/sweep/run-job';
import { sweepSeries } from '../runtime/sweep/results';
import { sweepPath, sweepXDomain, sweepXTicks, sweepYDomain } from './sweep-geometry';

const result = (norm: SweepResult['norm'], batch: number, acc: number, bs: number | null = null, diverged = false): SweepResult => ({
  id: 0, norm, batch, steps: 1, examples: batch, lr: 0.1, seed: 1, testAcc: acc, testLoss: 0.1, testAccBatchStats: bs, testLossBatchStats: bs === null ? null : 0.1,
  seconds: 1, divergedAt: diverged ? 5 : null,
});

describe('sweep chart geometry', () => {
  it('spaces batch sizes evenly on a log2 axis with a tick at each', () => {
    const [lo, hi] = sweepXDomain([2, 4, 8, 16, 32, 64, 128]);
    expect(Math.log2(lo)).toBeCloseTo(0.75, 12);
    expect(Math.log2(hi)).toBeCloseTo(7.25, 12);
    const x = scaleLog().base(2).domain([lo, hi]).range([0, 650]);
    const ticks = sweepXTicks([128, 2, 8, 4, 16, 64, 32]);
    expect(ticks).toEqual([2, 4, 8, 16, 32, 64, 128]);
    const gaps = ticks.slice(1).map((t, i) => x(t) - x(ticks[i]));
    for (const g of gaps) expect(g).toBeCloseTo(100, 9);
    expect(sweepXDomain([])).toEqual(sweepXDomain([2, 128]));
  });

  it('keeps y at 0..1 unless zoomed; zoomed, it covers the data in steps of 5%', () => {
    const series = sweepSeries([result('none', 2, 0.943), result('batch', 2, 0.671, 0.52), result('batch', 8, 0.965, 0.96)]);
    expect(sweepYDomain(series, false)).toEqual([0, 1]);
    expect(sweepYDomain(series, true)).toEqual([0.5, 1]);
    expect(sweepYDomain(sweepSeries([result('none', 8, 0.955), result('layer', 8, 0.962)]), true)).toEqual([0.9, 1]);
    expect(sweepYDomain(sweepSeries([result('none', 8, 0.45)]), true)).toEqual([0.4, 0.5]);
    expect(sweepYDomain([], true)).toEqual([0, 1]);
    // a diverged run does not stretch the axis
    expect(sweepYDomain(sweepSeries([result('none', 8, 0.96), result('none', 2, 0.098, null, true)]), true)).toEqual([0.9, 1]);
  });

  it('draws a series through its points in batch order, skipping diverged runs', () => {
    const x = scaleLog().base(2).domain([2, 8]).range([0, 200]);
    const y = scaleLinear().domain([0, 1]).range([100, 0]);
    const [plain] = sweepSeries([result('none', 8, 0.9), result('none', 2, 0.5), result('none', 4, 0.1, null, true)]);
    expect(plain.points.map((p) => p.batch)).toEqual([2, 4, 8]);
    expect(sweepPath(plain.points, x, y)).toBe('M0,50L200,10');
    expect(sweepPath([{ batch: 2, acc: 0.1, diverged: true }], x, y)).toBeNull();
  });

  it('adds a batch-statistics series for batch norm only', () => {
    const ids = sweepSeries([result('none', 2, 0.9), result('batch', 2, 0.6, 0.5), result('layer', 2, 0.9)]).map((s) => s.id);
    expect(ids).toEqual(['plain', 'batch', 'batch-stats', 'layer']);
  });
});
