// BoundedSeries against a naive model (bucket p holds raw appends [p*stride, (p+1)*stride)), plus its
// invariants under fast-check, bounded memory over 1e5 and 1e6 appends, NaN, and the export protocol.
import { fc, test as fcTest } from '../testing/property';
import { U32, U64 } from '../testing/bounds';
import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng';
import { BoundedSeries, createSeriesColumns, type SeriesColumns } from './bounded-series';

interface Raw { x: number[]; y: number[] }

/** Smallest power of two s with appends <= capacity * s: when the stride doubles is part of the contract. */
function expectedStride(appends: number, capacity: number): number {
  let s = 1;
  while (appends > capacity * s) s *= 2;
  return s;
}

/** Checks every exported point against the naive bucket it must summarise. */
function expectMatchesModel(series: BoundedSeries, raw: Raw): void {
  const N = raw.x.length;
  const s = expectedStride(N, series.capacity);
  expect(series.stride).toBe(s);
  expect(series.length).toBe(Math.ceil(N / s));
  const c = series.toColumns();
  for (let p = 0; p < series.length; p++) {
    const from = p * s;
    const to = Math.min(N, from + s);
    const xs = raw.x.slice(from, to);
    const ys = raw.y.slice(from, to).filter((v) => !Number.isNaN(v));
    expect(c.count[p]).toBe(to - from);
    expect(c.nan[p]).toBe(to - from - ys.length);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    // float64 means of at most s integer steps, merged log2(s) times: (s + log2 s + 2) u64 |mean|
    expect(Math.abs(c.x[p] - mx)).toBeLessThanOrEqual((s + Math.log2(s) + 2) * U64 * Math.max(1, Math.abs(mx)));
    if (ys.length === 0) {
      expect([c.y[p], c.min[p], c.max[p]]).toEqual([NaN, NaN, NaN]);
      continue;
    }
    // + 0: -0 and 0 are the same extreme (Math.min prefers -0, the series keeps the first seen).
    expect(c.min[p] + 0).toBe(Math.fround(Math.min(...ys)) + 0);
    expect(c.max[p] + 0).toBe(Math.fround(Math.max(...ys)) + 0);
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const scale = Math.max(...ys.map(Math.abs));
    // a float32 store per merge of two buckets (log2 s of them) and one for the open bucket's float64
    // sum: (log2 s + 2) u32 max|y|
    expect(Math.abs(c.y[p] - my)).toBeLessThanOrEqual((Math.log2(s) + 2) * U32 * scale + 1e-30);
  }
}

function expectInvariants(series: BoundedSeries, raw: Raw): void {
  const c = series.toColumns();
  const n = series.length;
  expect(n).toBeLessThanOrEqual(series.capacity);
  // Total coverage: counts add up to the appends, NaN counts to the NaN appends.
  expect(c.count.reduce((a, b) => a + b, 0)).toBe(raw.x.length);
  expect(c.nan.reduce((a, b) => a + b, 0)).toBe(raw.y.filter(Number.isNaN).length);
  for (let p = 0; p < n; p++) {
    // Evenly spaced in appends: every point but the last holds exactly `stride`.
    if (p < n - 1) expect(c.count[p]).toBe(series.stride);
    else expect(c.count[p]).toBeGreaterThanOrEqual(1);
    if (p > 0) expect(c.x[p]).toBeGreaterThanOrEqual(c.x[p - 1]);
    if (c.count[p] > c.nan[p]) {
      expect(c.min[p]).toBeLessThanOrEqual(c.y[p]);
      expect(c.y[p]).toBeLessThanOrEqual(c.max[p]);
    } else {
      expect(c.y[p]).toBeNaN();
    }
  }
  // Global extremes survive every merge exactly.
  const finite = raw.y.filter((v) => !Number.isNaN(v));
  if (finite.length > 0) {
    expect(Math.min(...Array.from(c.min).filter((v) => !Number.isNaN(v))) + 0).toBe(Math.fround(Math.min(...finite)) + 0);
    expect(Math.max(...Array.from(c.max).filter((v) => !Number.isNaN(v))) + 0).toBe(Math.fround(Math.max(...finite)) + 0);
  }
  if (raw.x.length > 0) {
    expect(series.lastX).toBe(raw.x[raw.x.length - 1]);
    expect(Object.is(series.lastY, raw.y[raw.y.length - 1]) || series.lastY === raw.y[raw.y.length - 1]).toBe(true);
  }
}

const value = fc.oneof(
  { arbitrary: fc.double({ min: -10, max: 10, noNaN: true }), weight: 8 },
  { arbitrary: fc.constant(NaN), weight: 1 },
  { arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }), weight: 1 }, // spikes
);
const run = fc.record({
  capacity: fc.constantFrom(2, 4, 6, 8, 16, 32),
  points: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), value), { maxLength: 1500 }),
});

function feed(capacity: number, points: [number, number][]): { series: BoundedSeries; raw: Raw } {
  const series = new BoundedSeries(capacity);
  const raw: Raw = { x: [], y: [] };
  let x = 0;
  for (const [dx, y] of points) {
    x += dx;
    series.append(x, y);
    raw.x.push(x);
    raw.y.push(y);
  }
  return { series, raw };
}

describe('BoundedSeries', () => {
  fcTest.prop([run])('invariants: coverage, min <= mean <= max, exact global extremes, monotone x, bounded length', ({ capacity, points }) => {
    const { series, raw } = feed(capacity, points);
    expectInvariants(series, raw);
  });

  fcTest.prop([run])('every point summarises exactly its bucket of stride raw appends', ({ capacity, points }) => {
    const { series, raw } = feed(capacity, points);
    expectMatchesModel(series, raw);
  });

  it('100,000 appends: memory bounded, evenly spaced steps, a single spike is kept', () => {
    const series = new BoundedSeries(2048);
    const rng = new Rng(1);
    const raw: Raw = { x: [], y: [] };
    for (let step = 0; step < 100_000; step++) {
      const y = step === 61_234 ? 1e4 : Math.exp(-step / 20_000) + 0.01 * rng.normal();
      series.append(step, y);
      raw.x.push(step);
      raw.y.push(y);
    }
    expect(series.stride).toBe(64); // 2048 * 32 < 100,000 <= 2048 * 64
    expect(series.length).toBe(Math.ceil(100_000 / 64));
    expectInvariants(series, raw);
    expectMatchesModel(series, raw);
    const c = series.toColumns();
    for (let p = 1; p < series.length - 1; p++) expect(c.x[p] - c.x[p - 1]).toBe(64);
    expect(c.x[0]).toBe(31.5); // the mean of steps 0..63
    const spike = Math.floor(61_234 / 64);
    expect(c.max[spike]).toBe(1e4);
  });

  it('1e6 appends in a quick loop stay within capacity', () => {
    const series = new BoundedSeries(); // default 2048
    const t0 = performance.now();
    for (let i = 0; i < 1_000_000; i++) series.append(i, (i % 1000) - 500);
    const ms = performance.now() - t0;
    expect(series.capacity).toBe(2048);
    expect(series.stride).toBe(512);
    expect(series.length).toBe(Math.ceil(1e6 / 512));
    expect(series.appended).toBe(1e6);
    const c = series.toColumns();
    expect(c.count.reduce((a, b) => a + b, 0)).toBe(1e6);
    expect(Math.min(...c.min)).toBe(-500);
    expect(Math.max(...c.max)).toBe(499);
    // a figure, not a budget (an append that were O(n) would not finish 1e6 of them before the timeout)
    console.log(`[bounded-series] 1e6 appends in ${ms.toFixed(0)} ms`);
  });

  it('NaN values are counted but never reach min, max or the mean', () => {
    const series = new BoundedSeries(4);
    const ys = [1, NaN, 3, NaN, NaN, NaN, 2, -5, NaN];
    ys.forEach((y, i) => series.append(i, y));
    const c = series.toColumns();
    expect(series.stride).toBe(4);
    expect(Array.from(c.count)).toEqual([4, 4, 1]);
    expect(Array.from(c.nan)).toEqual([2, 2, 1]);
    expect(Array.from(c.y)).toEqual([2, -1.5, NaN]);
    expect(Array.from(c.min)).toEqual([1, -5, NaN]);
    expect(Array.from(c.max)).toEqual([3, 2, NaN]);
    expect(series.lastY).toBeNaN();
  });

  it('merges with the documented formulas: a bucket of NaNs does not dilute its neighbour', () => {
    const series = new BoundedSeries(2);
    series.append(0, NaN);
    series.append(10, 4);
    series.append(20, 8); // halving: (NaN) + (4) -> stride 2
    const c = series.toColumns();
    expect(Array.from(c.x)).toEqual([5, 20]);
    expect(Array.from(c.y)).toEqual([4, 8]);
    expect(Array.from(c.count)).toEqual([2, 1]);
  });

  it('rejects decreasing or non-finite x and bad capacities; equal x is fine', () => {
    const series = new BoundedSeries(4);
    series.append(5, 1);
    series.append(5, 2);
    expect(() => series.append(4, 1)).toThrow(RangeError);
    expect(() => series.append(NaN, 1)).toThrow(RangeError);
    expect(() => series.append(Infinity, 1)).toThrow(RangeError);
    expect(series.appended).toBe(2);
    for (const bad of [0, 1, 3, 2.5, -2]) expect(() => new BoundedSeries(bad)).toThrow(RangeError);
  });

  it('clear() forgets everything, keeps capacity, bumps the revision', () => {
    const series = new BoundedSeries(4);
    for (let i = 0; i < 20; i++) series.append(i, i);
    const rev = series.revision;
    series.clear();
    expect([series.length, series.stride, series.appended, series.lastX, series.lastY]).toEqual([0, 1, 0, NaN, NaN]);
    expect(series.revision).toBeGreaterThan(rev);
    series.append(0, 7); // a smaller x than before the clear is fine
    expect(Array.from(series.toColumns().y)).toEqual([7]);
  });

  it('toColumns: exact-length arrays on their own buffers (transferable)', () => {
    const series = new BoundedSeries(8);
    for (let i = 0; i < 5; i++) series.append(i, i);
    const c = series.toColumns();
    const cols = [c.x, c.y, c.min, c.max, c.count, c.nan];
    for (const a of cols) {
      expect(a.length).toBe(5);
      expect(a.buffer.byteLength).toBe(a.byteLength);
    }
    expect(new Set(cols.map((a) => a.buffer)).size).toBe(cols.length);
  });

  fcTest.prop([run, fc.array(fc.nat(), { maxLength: 40 })])(
    'incremental export: re-reading from k - 1 while the revision is unchanged mirrors the series', ({ capacity, points }, syncAt) => {
      const series = new BoundedSeries(capacity);
      const mirror = createSeriesColumns(capacity);
      const scratch = createSeriesColumns(capacity);
      let have = 0;
      let seen = series.revision;
      const syncs = new Set(syncAt.map((i) => i % Math.max(1, points.length)));
      const sync = () => {
        const from = series.revision === seen ? Math.max(0, have - 1) : 0;
        const k = series.copyInto(scratch, from);
        copyColumns(scratch, mirror, k, from);
        have = from + k;
        seen = series.revision;
      };
      let x = 0;
      points.forEach(([dx, y], i) => {
        x += dx;
        series.append(x, y);
        if (syncs.has(i)) sync();
      });
      sync();
      const want = series.toColumns();
      expect(have).toBe(series.length);
      for (const key of ['x', 'y', 'min', 'max', 'count', 'nan'] as const) {
        expect(Array.from(mirror[key].subarray(0, have))).toEqual(Array.from(want[key]));
      }
    });
});

function copyColumns(src: SeriesColumns, dst: SeriesColumns, k: number, at: number): void {
  for (const key of ['x', 'y', 'min', 'max', 'count', 'nan'] as const) {
    (dst[key] as Float64Array).set((src[key] as Float64Array).subarray(0, k), at);
  }
}
