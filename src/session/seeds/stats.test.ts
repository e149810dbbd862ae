// The summary statistics against cases worked out by hand.
import { describe, expect, it } from 'vitest';
import { countAbove, median, pairedComparison, quantileSorted, StatsError, summarize } from './stats';

describe('seed statistics', () => {
  it('median of odd and even counts, in any order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5); // (2 + 3) / 2
    expect(median([7])).toBe(7);
  });

  it('quartiles interpolate between order statistics (type 7)', () => {
    // 1..8: h = 7 * 0.25 = 1.75 -> 2 + 0.75 * (3 - 2) = 2.75; h = 5.25 -> 6 + 0.25 = 6.25
    const s = summarize([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(s).toEqual({ n: 8, median: 4.5, min: 1, max: 8, q1: 2.75, q3: 6.25, iqr: 3.5 });
    // 1..5: h = 1 and 3 exactly -> q1 = 2, q3 = 4
    expect(summarize([5, 1, 4, 2, 3])).toMatchObject({ median: 3, q1: 2, q3: 4, iqr: 2 });
    expect(quantileSorted([10, 20], 0.25)).toBe(12.5);
  });

  it('a skewed set: the median stays with the majority, the range shows the outlier', () => {
    // the lr-10 plain runs: four seeds left chance, four did not
    const acc = [0.94, 0.95, 0.69, 0.45, 0.1, 0.1, 0.1, 0.1];
    const s = summarize(acc);
    expect(s.median).toBeCloseTo((0.1 + 0.45) / 2, 15);
    expect(s.min).toBe(0.1);
    expect(s.max).toBe(0.95);
    // sorted 0.1 0.1 0.1 0.1 0.45 0.69 0.94 0.95; q1 at h = 1.75 -> 0.1; q3 at h = 5.25 -> 0.69 + 0.25 * 0.25
    expect(s.q1).toBeCloseTo(0.1, 15);
    expect(s.q3).toBeCloseTo(0.7525, 15);
    expect(countAbove(acc, 0.3)).toBe(4);
  });

  it('counts strictly above the threshold and never counts a diverged run', () => {
    expect(countAbove([0.3, 0.31, null, 0.2], 0.3)).toBe(1);
    expect(countAbove([], 0.3)).toBe(0);
  });

  it('paired comparison: wins, losses, ties and the median difference over seeds with both runs', () => {
    const plain = new Map<number, number | null>([[1, 0.9], [2, 0.8], [3, 0.95], [4, null], [5, 0.5], [6, 0.7]]);
    const bn = new Map<number, number | null>([[1, 0.95], [2, 0.85], [3, 0.93], [4, 0.9], [5, 0.5], [7, 0.99]]);
    const p = pairedComparison(plain, bn);
    // seeds 1..5 paired (6 and 7 have one run only); diffs 0.05, 0.05, -0.02, 0 (seed 4: plain diverged, a win)
    expect(p).toMatchObject({ n: 5, wins: 3, losses: 1, ties: 1 });
    expect(p.medianDiff).toBeCloseTo(0.025, 12); // sorted -0.02 0 0.05 0.05
    expect(p.minDiff).toBeCloseTo(-0.02, 12);
    expect(p.maxDiff).toBeCloseTo(0.05, 12);
    const none = pairedComparison(new Map([[1, null]]), new Map([[1, null]]));
    expect(none).toEqual({ n: 1, wins: 0, losses: 0, ties: 1, medianDiff: null, minDiff: null, maxDiff: null });
  });

  it('refuses no values and non-finite values with a message', () => {
    expect(() => summarize([])).toThrow(StatsError);
    expect(() => summarize([1, Number.NaN])).toThrow(/NaN is not a finite number/);
  });
});
