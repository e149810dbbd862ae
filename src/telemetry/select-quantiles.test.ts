// The selector must agree exactly with the sorting reference (quantiles.ts) on every input shape:
// random, sorted, reversed, constant, duplicate-heavy (dead ReLUs), infinities, forced heap-sort.
import { fc, test as fcTest } from '../testing/property';
import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng';
import { percentilesInPlace } from './sorted-percentiles.test-support';
import { QuantileSelector } from './select-quantiles';

const TELEMETRY = [15, 50, 85, 0, 6.68, 15.87, 30.85, 50, 69.15, 84.13, 93.32, 100];

function reference(values: Float32Array, qs: readonly number[]): number[] {
  return percentilesInPlace(Float32Array.from(values), qs);
}

function selected(values: Float32Array, qs: readonly number[], selector = new QuantileSelector(qs.length)): number[] {
  const scratch = Float32Array.from(values);
  const out = new Float64Array(qs.length);
  selector.select(scratch, values.length, qs, out);
  return Array.from(out);
}

/** Equal as numbers (-0 == 0); the reference returns -0 where the selection may find +0. */
function expectSame(got: number[], want: number[]): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    const w = want[i];
    if (g !== w) expect.fail(`percentile #${i}: got ${g}, want ${w}`);
  });
}

const float32 = fc.float({ noNaN: true, noDefaultInfinity: true, min: Math.fround(-1e30), max: Math.fround(1e30) });
const percent = fc.double({ min: 0, max: 100, noNaN: true });

describe('QuantileSelector', () => {
  fcTest.prop([fc.array(float32, { minLength: 1, maxLength: 400 }), fc.array(percent, { minLength: 1, maxLength: 12 })])(
    'matches the sorting reference on random values and percentiles', (vals, qs) => {
      const v = Float32Array.from(vals);
      expectSame(selected(v, qs), reference(v, qs));
    });

  fcTest.prop([fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 3000 })])(
    'handles heavy duplicates (few distinct values)', (vals) => {
      const v = Float32Array.from(vals);
      expectSame(selected(v, TELEMETRY), reference(v, TELEMETRY));
    });

  fcTest.prop([fc.array(float32, { minLength: 17, maxLength: 2000, size: 'max' }), fc.array(percent, { minLength: 1, maxLength: 12 })])(
    'heap-sort fallback (no partition budget) gives the same answers', (vals, qs) => {
      const v = Float32Array.from(vals);
      expectSame(selected(v, qs, new QuantileSelector(12, 0)), reference(v, qs));
    });

  it('heap-sort fallback on large ranges (partition budget 0 and 1) gives the same answers', () => {
    const rng = new Rng(9);
    for (const n of [100, 777, 4000]) {
      const v = Float32Array.from({ length: n }, () => rng.normal());
      for (const limit of [0, 1]) expectSame(selected(v, TELEMETRY, new QuantileSelector(12, limit)), reference(v, TELEMETRY));
    }
  });

  it('only reorders the scratch: it keeps the same values', () => {
    const rng = new Rng(5);
    for (const n of [500, 5000]) {
      const v = Float32Array.from({ length: n }, () => rng.normal());
      const scratch = Float32Array.from(v);
      new QuantileSelector(12).select(scratch, n, TELEMETRY, new Float64Array(12));
      expect(Float32Array.from(scratch).sort()).toEqual(Float32Array.from(v).sort());
    }
  });

  fcTest.prop([
    fc.array(float32, { minLength: 1024, maxLength: 3000, size: 'max' }),
    fc.array(percent, { minLength: 1, maxLength: 12 }),
  ])('bucket method (n >= 1024) matches the reference on random values', (vals, qs) => {
    const v = Float32Array.from(vals);
    expectSame(selected(v, qs), reference(v, qs));
  });

  it('bucket method falls back correctly: far outliers, infinities, constant data, n around 1024', () => {
    const rng = new Rng(12);
    const cases: Float32Array[] = [];
    for (const n of [1023, 1024, 1025, 6000]) cases.push(Float32Array.from({ length: n }, () => rng.normal()));
    // One far outlier squeezes everything into bucket 0: more than half the values are candidates.
    const outlier = Float32Array.from({ length: 6000 }, () => rng.normal());
    outlier[17] = 1e30;
    const inf = Float32Array.from({ length: 3000 }, () => rng.normal());
    inf[5] = Infinity;
    inf[6] = -Infinity;
    const constant = new Float32Array(2048).fill(-3);
    const twoValues = Float32Array.from({ length: 2048 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const tiny = Float32Array.from({ length: 2048 }, () => rng.normal() * 1e-40); // subnormal floats
    const huge = Float32Array.from({ length: 2048 }, () => rng.normal() * 1e37); // 1e38 would overflow to inf
    for (const v of [...cases, outlier, constant, twoValues, tiny, huge]) {
      expectSame(selected(v, TELEMETRY), reference(v, TELEMETRY));
    }
    // With infinities the reference's min is -inf + 0 (x - -inf) = NaN; the selection returns -inf.
    const got = selected(inf, TELEMETRY);
    const want = reference(inf, TELEMETRY);
    expect([got[3], got[11]]).toEqual([-Infinity, Infinity]);
    expectSame(got.filter((_, i) => i !== 3 && i !== 11), want.filter((_, i) => i !== 3 && i !== 11));
  });

  it('agrees on large activation-like inputs: normal, ReLU (half zeros), sorted, reversed, constant', () => {
    const rng = new Rng(11);
    const n = 60 * 100;
    const normal = Float32Array.from({ length: n }, () => rng.normal());
    const relu = normal.map((x) => Math.max(0, x));
    const sorted = Float32Array.from(normal).sort();
    const reversed = Float32Array.from(sorted).reverse();
    const constant = new Float32Array(n).fill(0.25);
    const sigmoid = normal.map((x) => 1 / (1 + Math.exp(-8 * x)));
    for (const v of [normal, relu, sorted, reversed, constant, sigmoid]) {
      expectSame(selected(v, TELEMETRY), reference(v, TELEMETRY));
    }
  });

  it('uses only the first n values and handles n = 0, 1, 2', () => {
    const sel = new QuantileSelector(3);
    const out = new Float64Array(3);
    const v = Float32Array.from([5, 1, 3, -100, 100]);
    sel.select(v, 3, [0, 50, 100], out);
    expect(Array.from(out)).toEqual([1, 3, 5]);
    sel.select(new Float32Array([7]), 1, [0, 50, 100], out);
    expect(Array.from(out)).toEqual([7, 7, 7]);
    sel.select(new Float32Array([4, 2]), 2, [0, 25, 100], out);
    expect(Array.from(out)).toEqual([2, 2.5, 4]);
    sel.select(new Float32Array(4), 0, [0, 50, 100], out);
    expect(Array.from(out).every(Number.isNaN)).toBe(true);
  });

  it('keeps infinities without producing NaN from inf - inf', () => {
    const v = Float32Array.from([Infinity, Infinity, -Infinity, 1, 2]);
    const out = new Float64Array(4);
    new QuantileSelector(4).select(v, 5, [0, 40, 90, 100], out);
    expect(Array.from(out)).toEqual([-Infinity, 1.6, Infinity, Infinity]);
  });

  it('rejects percentiles outside [0, 100], too many percentiles and n beyond the array', () => {
    const sel = new QuantileSelector(2);
    const v = new Float32Array(4);
    const out = new Float64Array(3);
    expect(() => sel.select(v, 4, [101], out)).toThrow(RangeError);
    expect(() => sel.select(v, 4, [NaN], out)).toThrow(RangeError);
    expect(() => sel.select(v, 4, [1, 2, 3], out)).toThrow(RangeError);
    expect(() => sel.select(v, 5, [1], out)).toThrow(RangeError);
  });
});
