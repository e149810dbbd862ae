import { fc, test as fcTest } from '../testing/property';
import { describe, expect, it } from 'vitest';
import { reprojectCounts } from './histogram-reproject';

describe('reprojectCounts', () => {
  it('is the identity on equal bins', () => {
    const src = Float32Array.of(1, 2, 3, 4);
    const dst = new Float32Array(4);
    reprojectCounts(src, -1, 1, dst, -1, 1);
    expect(Array.from(dst)).toEqual([1, 2, 3, 4]);
  });

  it('merges bins into a coarser, wider range and splits them into a finer one', () => {
    const dst = new Float32Array(2);
    reprojectCounts(Float32Array.of(1, 2, 3, 4), 0, 1, dst, 0, 2);
    expect(Array.from(dst)).toEqual([10, 0]);
    const fine = new Float64Array(4);
    reprojectCounts(Float64Array.of(4, 8), 0, 2, fine, 0, 2);
    expect(Array.from(fine)).toEqual([2, 2, 4, 4]);
    const shifted = new Float64Array(2);
    // [0, 0.5] is clipped into bin 0, which also gets [0.5, 1] and [1, 1.5]: 2 + 2 + 4; bin 1 gets [1.5, 2].
    reprojectCounts(Float64Array.of(4, 8), 0, 2, shifted, 0.5, 2.5);
    expect(Array.from(shifted)).toEqual([8, 4]);
  });

  it('clips mass outside the new range into its edge bins', () => {
    const dst = new Float64Array(2);
    reprojectCounts(Float64Array.of(5, 1, 1, 5), -4, 4, dst, -1, 1);
    // [-4,-2] and the left half of [-2,0] outside -> bin 0 with [-1,0]: 5 + 1 = 6; symmetric on the right.
    expect(Array.from(dst)).toEqual([6, 6]);
  });

  fcTest.prop([
    fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60 }),
    fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 1e-3, max: 100, noNaN: true }),
    fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 1e-3, max: 100, noNaN: true }),
    fc.integer({ min: 1, max: 60 }),
  ])('preserves the total and never produces negative counts', (counts, sLo, sW, dLo, dW, nb) => {
    const dst = new Float64Array(nb);
    reprojectCounts(Float64Array.from(counts), sLo, sLo + sW, dst, dLo, dLo + dW);
    const total = counts.reduce((s, c) => s + c, 0);
    expect(Math.abs(dst.reduce((s, c) => s + c, 0) - total)).toBeLessThanOrEqual(1e-9 * Math.max(1, total));
    expect(dst.every((c) => c >= 0)).toBe(true);
  });

  it('rejects empty ranges', () => {
    expect(() => reprojectCounts([1], 1, 1, new Float32Array(1), 0, 1)).toThrow(RangeError);
    expect(() => reprojectCounts([1], 0, 1, new Float32Array(1), 2, 1)).toThrow(RangeError);
  });
});
