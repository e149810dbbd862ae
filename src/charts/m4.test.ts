import { fc, test } from '../testing/property';
import { describe, expect, it } from 'vitest';
import { BREAK, M4Scratch, columnsOf, m4Indices, type Columns } from './m4';

const px = (a: number, b = 0, dpr = 1): Columns => ({ a, b, dpr });

function reduce(xs: ArrayLike<number>, ys: ArrayLike<number>, cols: Columns, positive = false, lo?: ArrayLike<number>): number[] {
  const out = new Int32Array(xs.length);
  const k = m4Indices(xs, ys, xs.length, cols, out, positive, lo);
  return Array.from(out.subarray(0, k));
}

describe('m4Indices', () => {
  it('keeps first, min, max and last of each pixel column, in index order', () => {
    // 8 points over 2 columns of 4 (x = 0..7, 4 points per pixel)
    const ys = [5, 9, 1, 4, /* col 2 */ 3, 3, 8, 2];
    expect(reduce([0, 1, 2, 3, 4, 5, 6, 7], ys, px(0.25))).toEqual([0, 1, 2, 3, 4, 6, 7]);
  });
  it('leaves a series with a point per column (or fewer) unchanged', () => {
    expect(reduce([0, 1, 2, 3], [4, 2, 7, 1], px(1))).toEqual([0, 1, 2, 3]);
  });
  it('counts columns in device pixels', () => {
    // 4 points half a CSS pixel apart: 2 columns at dpr 1, 4 at dpr 2
    const xs = [0, 0.5, 1, 1.5];
    expect(reduce(xs, [1, 2, 3, 4], px(1, 0, 1))).toEqual([0, 1, 2, 3]); // 2 points per column: first and last
    expect(reduce(xs, [1, 2, 3, 4], px(1, 0, 2))).toEqual([0, 1, 2, 3]);
    expect(reduce([0, 0.2, 0.4, 0.6, 0.8], [1, 5, 2, 6, 3], px(1, 0, 1))).toEqual([0, 3, 4]); // first 0, min is first, max 3, last 4
  });
  it('breaks at invalid points (one BREAK per run) and never spans a column across them', () => {
    expect(reduce([0, 1, 2, 3, 4, 5], [1, NaN, Infinity, 2, 3, NaN], px(0.01))).toEqual([0, BREAK, 3, 4]);
    expect(reduce([0, 1, 2], [NaN, 1, 2], px(1))).toEqual([1, 2]);
    expect(reduce([0, 1, 2], [1, 0, 2], px(1), true)).toEqual([0, BREAK, 2]);
  });
  it('with a second column (bands) a point is valid only when both are', () => {
    expect(reduce([0, 1, 2], [5, 6, 7], px(1), false, [1, NaN, 3])).toEqual([0, BREAK, 2]);
  });
  it('columnsOf reads the affine map of a linear scale', () => {
    expect(columnsOf((v) => 3 * v + 10, 2)).toEqual({ a: 3, b: 10, dpr: 2 });
  });

  test.prop([
    fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN)), { minLength: 1, maxLength: 3000 }),
    fc.integer({ min: 1, max: 700 }),
  ])('is bounded by 4 points per column, keeps first/last exactly and every column\'s extremes', (ys, width) => {
    const n = ys.length;
    const xs = Float64Array.from(ys, (_, i) => i);
    const cols = columnsOf((v) => (v / n) * width, 1);
    const out = reduce(xs, ys, cols);
    const kept = out.filter((i) => i !== BREAK);
    const valid = ys.map((v) => Number.isFinite(v));
    const firstValid = valid.indexOf(true);
    const lastValid = valid.lastIndexOf(true);
    // width-bounded: at most 4 per column plus the breaks, which sit between runs of valid points
    const breaks = out.length - kept.length;
    expect(kept.length).toBeLessThanOrEqual(4 * (width + 1 + breaks));
    // indices strictly increase, and only valid points are kept
    for (let j = 1; j < kept.length; j++) expect(kept[j]).toBeGreaterThan(kept[j - 1]);
    for (const i of kept) expect(valid[i]).toBe(true);
    if (firstValid < 0) { expect(out).toEqual([]); return; }
    expect(kept[0]).toBe(firstValid);
    expect(kept[kept.length - 1]).toBe(lastValid);
    // every column's min and max (the spikes) are drawn: same values as over the raw points
    const col = (i: number) => Math.floor(cols.a * xs[i] + cols.b);
    const rawMax = new Map<number, number>();
    const rawMin = new Map<number, number>();
    ys.forEach((v, i) => { if (!valid[i]) return; const c = col(i); rawMax.set(c, Math.max(rawMax.get(c) ?? -Infinity, v)); rawMin.set(c, Math.min(rawMin.get(c) ?? Infinity, v)); });
    const keptMax = new Map<number, number>();
    const keptMin = new Map<number, number>();
    for (const i of kept) { const c = col(i); keptMax.set(c, Math.max(keptMax.get(c) ?? -Infinity, ys[i])); keptMin.set(c, Math.min(keptMin.get(c) ?? Infinity, ys[i])); }
    expect(keptMax).toEqual(rawMax);
    expect(keptMin).toEqual(rawMin);
  });

  it('keeps a one-point spike in 2048 points drawn 200 px wide', () => {
    const n = 2048;
    const ys = new Float32Array(n).fill(1);
    ys[1234] = 50;
    const xs = Float64Array.from({ length: n }, (_, i) => i);
    const out = reduce(xs, ys, columnsOf((v) => (v / n) * 200, 1));
    expect(out).toContain(1234);
    expect(out.length).toBeLessThanOrEqual(4 * 201);
  });
});

describe('M4Scratch', () => {
  it('allocates only when a longer series than before comes', () => {
    const s = new M4Scratch();
    const a = s.indices(2048);
    expect(s.indices(2048)).toBe(a);
    expect(s.indices(100)).toBe(a);
    const before = s.allocations;
    for (let f = 0; f < 100; f++) s.indices(2048);
    expect(s.allocations).toBe(before);
    expect(s.indices(5000).length).toBeGreaterThanOrEqual(5000);
  });
});

describe('M4 on a log-step axis', () => {
  it('columns follow the scale, not an affine fit: early steps get their own columns', async () => {
    const { stepScale } = await import('./step-axis');
    const s = stepScale([0, 10000], { zoom: null, log: true }, 0, 100);
    const scratch = new M4Scratch();
    const n = 10000;
    const xs = Float64Array.from({ length: n }, (_, i) => i + 1);
    const ys = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const idx = scratch.indices(n);
    const k = m4Indices(xs, ys, n, scratch.columns(s, 1), idx);
    // steps 1..10 span 25 px: each of the first steps is kept (its own pixel column or an extreme)
    for (let i = 0; i < 5; i++) expect(Array.from(idx.subarray(0, k))).toContain(i);
    expect(k).toBeLessThanOrEqual(4 * 101);
  });
});
