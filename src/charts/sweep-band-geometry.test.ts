import { describe, expect, it } from 'vitest';
import type { SweepResult } from '../runtime/sweep/run-job';
import { bandPath, bandSeries, bandYDomain, medianPath, seedCount } from './sweep-band-geometry';

const r = (norm: SweepResult['norm'], batch: number, seed: number, testAcc: number, bs: number | null = null, diverged = false): SweepResult => ({
  id: 0, norm, batch, steps: 1, examples: batch, lr: 0.1, seed, testAcc, testLoss: 0.1,
  testAccBatchStats: bs, testLossBatchStats: bs === null ? null : 0.2, seconds: 1, divergedAt: diverged ? 1 : null,
});

describe('sweep band geometry', () => {
  it('summarises each norm and batch over seeds: median, min, max, diverged runs left out and counted', () => {
    const s = bandSeries([
      r('batch', 2, 1, 0.64, 0.40), r('batch', 2, 2, 0.70, 0.42), r('batch', 2, 3, 0.60, 0.44),
      r('none', 2, 1, 0.95), r('none', 2, 2, 0.96), r('none', 2, 3, 0.1, null, true),
      r('none', 8, 1, 0.97),
    ]);
    expect(s.map((x) => x.id)).toEqual(['plain', 'batch', 'batch-stats']);
    expect(s[0].points).toEqual([
      { batch: 2, median: 0.955, min: 0.95, max: 0.96, n: 2, diverged: 1 },
      { batch: 8, median: 0.97, min: 0.97, max: 0.97, n: 1, diverged: 0 },
    ]);
    expect(s[1].points[0]).toMatchObject({ median: 0.64, min: 0.6, max: 0.7, n: 3 });
    expect(s[2].points[0]).toMatchObject({ median: 0.42, min: 0.4, max: 0.44 });
    expect(seedCount([r('none', 2, 1, 0.9), r('batch', 2, 1, 0.9), r('none', 2, 4, 0.9)])).toBe(2);
  });

  it('draws the band from min to max and the median line through the batches', () => {
    const ps = [{ batch: 2, median: 0.5, min: 0.4, max: 0.6, n: 3, diverged: 0 }, { batch: 4, median: 0.8, min: 0.7, max: 0.9, n: 3, diverged: 0 }];
    const x = (b: number) => b * 10;
    const y = (a: number) => 100 - a * 100;
    expect(medianPath(ps, x, y)).toBe('M20,50L40,20');
    // the area goes along the max (top edge) and back along the min
    expect(bandPath(ps, x, y)).toBe('M20,40L40,10L40,30L20,60Z');
    expect(bandPath([], x, y)).toBeNull();
  });

  it('zooms the y axis to the bands in 5% steps', () => {
    const s = bandSeries([r('none', 2, 1, 0.93), r('none', 2, 2, 0.96)]);
    const [lo, hi] = bandYDomain(s, true);
    expect(lo).toBeCloseTo(0.9, 12);
    expect(hi).toBeCloseTo(1, 12);
    expect(bandYDomain(s, false)).toEqual([0, 1]);
  });
});
