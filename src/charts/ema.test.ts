import { describe, expect, it } from 'vitest';
import { debiasedEma } from './ema';

describe('debiasedEma', () => {
  it('returns the values with weight 0', () => {
    expect(Array.from(debiasedEma([1, 5, 3], 0, 3).subarray(0, 3))).toEqual([1, 5, 3]);
  });
  it('debiases: the first value is kept, a constant stays constant', () => {
    const s = debiasedEma([2, 2, 2, 2], 0.9, 4);
    for (let i = 0; i < 4; i++) expect(s[i]).toBeCloseTo(2, 5);
  });
  it('matches the TensorBoard recurrence', () => {
    const xs = [1, 3, 2, 8];
    const w = 0.6;
    let last = 0;
    const expected = xs.map((x, i) => { last = last * w + (1 - w) * x; return last / (1 - w ** (i + 1)); });
    const s = debiasedEma(xs, w, 4);
    expected.forEach((e, i) => expect(s[i]).toBeCloseTo(e, 5));
  });
  it('skips non-finite values without poisoning the rest', () => {
    const s = debiasedEma([1, NaN, 1, Infinity, 1], 0.5, 5);
    expect(Number.isNaN(s[1])).toBe(true);
    expect(Number.isNaN(s[3])).toBe(true);
    expect(s[4]).toBeCloseTo(1, 6);
  });
  it('reuses the output array', () => {
    const out = new Float32Array(32);
    expect(debiasedEma([1, 2], 0.5, 2, out)).toBe(out);
  });
});
