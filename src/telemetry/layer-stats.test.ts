// LayerStats against naive float64 formulas and the sorting percentile reference; NaN handling,
// saturation, sampling above the cap, reuse without reallocation, and the engine's real workspaces.
import { fc, test as fcTest } from '../testing/property';
import { maxAbs, U64 as u64 } from '../testing/bounds';
import { describe, expect, it } from 'vitest';
import { Mlp } from '../engine/mlp';
import { Rng } from '../engine/rng';
import type { ModelSpec } from '../engine/types';
import {
  BAND_PERCENTS, createLayerStats, DISTRIBUTION_PERCENTS, LayerStatsComputer, type LayerStats,
} from './layer-stats';
import { percentilesInPlace } from './sorted-percentiles.test-support';

/** Per-unit (column) values of a row-major rows x units array. */
function column(v: ArrayLike<number>, rows: number, units: number, u: number): number[] {
  return Array.from({ length: rows }, (_, r) => v[r * units + u]);
}
const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
const popVar = (a: number[]) => { const m = mean(a); return mean(a.map((x) => (x - m) ** 2)); };
const popStd = (a: number[]) => Math.sqrt(popVar(a));

const plusZero = (x: number) => x + 0;

function closeTo(got: number, want: number, rel = 1e-9, abs = 1e-12): void {
  if (!(Math.abs(got - want) <= abs + rel * Math.abs(want))) expect.fail(`got ${got}, want ${want}`);
}

function compute(values: Float32Array | Float64Array, rows: number, units: number, kind: Parameters<LayerStatsComputer['compute']>[3] = 'none', computer = new LayerStatsComputer()): LayerStats {
  return computer.compute(values, rows, units, kind, createLayerStats(units));
}

const shape = fc.record({
  rows: fc.integer({ min: 1, max: 40 }),
  units: fc.integer({ min: 1, max: 24 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
  scale: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
  shift: fc.double({ min: -100, max: 100, noNaN: true }),
  // Round to a grid sometimes, so that duplicates (as from ReLU zeros) are common.
  grid: fc.constantFrom(0, 0.5, 1),
});

function randomValues({ rows, units, seed, scale, shift, grid }: { rows: number; units: number; seed: number; scale: number; shift: number; grid: number }): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: rows * units }, () => {
    const x = shift + scale * rng.normal();
    return grid > 0 ? Math.round(x / (grid * scale)) * grid * scale : x;
  });
}

describe('LayerStatsComputer', () => {
  fcTest.prop([shape])('per-unit batch mean and population variance, and their summaries over units', (p) => {
    const v = randomValues(p);
    const s = compute(v, p.rows, p.units);
    const means: number[] = [];
    const vars: number[] = [];
    for (let u = 0; u < p.units; u++) {
      const c = column(v, p.rows, p.units, u);
      means.push(mean(c));
      vars.push(popVar(c));
    }
    // Bounds from float64 rounding of float32 inputs (src/testing/bounds.ts), X = max|value|: a mean of
    // n values is off by (n + 1) u X; a variance (one- or two-pass) by (n + 4) u X^2 absolute; a
    // standard deviation near 0 by the square root of its variance's error (|sqrt a - sqrt b| <= sqrt|a - b|).
    const X = maxAbs(v), n = p.rows, U = p.units;
    for (let u = 0; u < U; u++) {
      closeTo(s.unitMean[u], means[u], 0, 4 * (n + 1) * u64 * X);
      closeTo(s.unitVar[u], vars[u], 0, 8 * (n + 4) * u64 * X * X);
    }
    closeTo(s.meanOfMeans, mean(Array.from(v)), 0, 4 * (n * U + 2) * u64 * X);
    closeTo(s.meanOfVars, mean(vars), 0, 8 * (n + U + 4) * u64 * X * X);
    closeTo(s.stdOfMeans, popStd(means), 0, Math.sqrt(16 * (n + U + 4) * u64) * X);
    closeTo(s.stdOfVars, popStd(vars), 0, Math.sqrt(16 * (n + U + 4) * u64) * X * X);
    expect(s.minOfMeans).toBe(Math.min(...Array.from(s.unitMean.subarray(0, p.units))));
    expect(s.maxOfVars).toBe(Math.max(...Array.from(s.unitVar.subarray(0, p.units))));
    expect([s.rows, s.units, s.count, s.nanCount, s.quantileValues]).toEqual([p.rows, p.units, p.rows * p.units, 0, p.rows * p.units]);
  });

  fcTest.prop([shape])('percentiles and distribution equal the sorting reference exactly', (p) => {
    const v = randomValues(p);
    const s = compute(v, p.rows, p.units);
    const bands = percentilesInPlace(Float32Array.from(v), BAND_PERCENTS);
    const dist = percentilesInPlace(Float32Array.from(v), DISTRIBUTION_PERCENTS);
    // + 0 turns -0 into 0: sorting orders -0 before 0, selection treats them as equal.
    expect([s.p15, s.p50, s.p85].map(plusZero)).toEqual(bands.map(plusZero));
    expect(Array.from(s.distribution, plusZero)).toEqual(dist.map(plusZero));
    expect(s.min + 0).toBe(dist[0] + 0);
    expect(s.max + 0).toBe(dist[8] + 0);
    for (let i = 1; i < 9; i++) expect(s.distribution[i]).toBeGreaterThanOrEqual(s.distribution[i - 1]);
  });

  it('keeps the variance exact when the mean dwarfs the spread (mean / std = 1e7)', () => {
    const rng = new Rng(21);
    const rows = 500;
    const v = Float64Array.from({ length: rows * 3 }, () => 1e4 + 1e-3 * rng.normal());
    v[0] = 1e4 + 0.05; // an outlying row 0 (the shift) still leaves mean - shift within sqrt(B) std
    const s = compute(v, rows, 3);
    for (let u = 0; u < 3; u++) {
      const c = column(v, rows, 3, u);
      closeTo(s.unitVar[u], popVar(c), 1e-9);
      closeTo(s.unitMean[u], mean(c), 1e-15);
    }
  });

  it('accepts float64 input (the gradient-check dtype); order statistics are of the float32-rounded values', () => {
    const rng = new Rng(2);
    const v = Float64Array.from({ length: 12 * 7 }, () => rng.normal());
    const s = compute(v, 12, 7);
    expect(Array.from(s.distribution.subarray(1, 8), plusZero)).toEqual(percentilesInPlace(Float32Array.from(v), DISTRIBUTION_PERCENTS).slice(1, 8).map(plusZero));
    expect(s.min).toBe(Math.fround(Math.min(...v))); // like every order statistic, of the float32 values
    closeTo(s.unitMean[3], mean(column(v, 12, 7, 3)), 1e-14);
  });

  it('NaN: counted, skipped by order statistics and min/max, propagated into the moments of its unit', () => {
    // 3 rows x 2 units; unit 1 has a NaN.
    const v = Float32Array.from([1, 10, 2, NaN, 3, 30]);
    const s = compute(v, 3, 2, 'tanh');
    expect(s.nanCount).toBe(1);
    expect(s.quantileValues).toBe(5);
    expect(s.unitMean[0]).toBe(2);
    expect(s.unitMean[1]).toBeNaN();
    expect(s.meanOfMeans).toBeNaN();
    expect(s.maxOfMeans).toBeNaN();
    expect([s.min, s.max, s.p50]).toEqual([1, 30, 3]);
    expect(Array.from(s.distribution)).toEqual(percentilesInPlace(Float32Array.of(1, 10, 2, 3, 30), DISTRIBUTION_PERCENTS));
    expect(s.saturation).toBe(1); // |x| > 0.98 for all 5 non-NaN values
    const all = compute(new Float32Array(4).fill(NaN), 2, 2, 'sigmoid');
    expect([all.min, all.max, all.p50, all.saturation, all.nanCount]).toEqual([NaN, NaN, NaN, NaN, 4]);
  });

  it('sigmoid saturation: fraction below 0.02 or above 0.98', () => {
    const v = Float64Array.from([0.01, 0.5, 0.99, 0.97, 0.03, 0.0, 1.0, 0.5]);
    expect(compute(v, 4, 2, 'sigmoid').saturation).toBe(4 / 8); // 0.01, 0.99, 0.0, 1.0
    expect(compute(v, 4, 2, 'none').saturation).toBeNaN();
    // Strictly beyond the thresholds: 0.02 and 0.98 themselves are not saturated.
    expect(compute(Float64Array.of(0.02, 0.98, 0.0199, 0.9801), 2, 2, 'sigmoid').saturation).toBe(2 / 4);
  });

  it('tanh saturation: fraction with |x| above 0.98', () => {
    const v = Float64Array.from([-0.99, 0.99, 0.97, -0.5, 1, -1]);
    expect(compute(v, 3, 2, 'tanh').saturation).toBe(4 / 6);
    expect(compute(Float64Array.of(0.98, -0.98, 0.9801, -0.9801), 2, 2, 'tanh').saturation).toBe(2 / 4);
  });

  it('relu saturation: fraction of units that output 0 in every row', () => {
    // 3 rows x 4 units: unit 0 dead, unit 1 alive in one row, unit 2 alive, unit 3 dead with -0.
    const v = Float32Array.from([
      0, 0, 1, -0,
      0, 2, 3, 0,
      0, 0, 1, -0,
    ]);
    expect(compute(v, 3, 4, 'relu').saturation).toBe(2 / 4);
    // Values that cancel in the mean are not zero in every row.
    expect(compute(Float32Array.from([1, -1]), 2, 1, 'relu').saturation).toBe(0);
    expect(compute(new Float32Array(6), 3, 2, 'relu').saturation).toBe(1);
  });

  it('above maxQuantileValues, percentiles come from an evenly spread sample; moments and min/max stay exact', () => {
    const rows = 256;
    const units = 512;
    // x_bu = u + b / rows: the sample must cover all units (not one column) to get the quantiles right.
    const v = Float32Array.from({ length: rows * units }, (_, i) => (i % units) + Math.floor(i / units) / rows);
    const computer = new LayerStatsComputer({ maxQuantileValues: 32768 });
    const s = compute(v, rows, units, 'none', computer);
    expect(s.quantileValues).toBe(32768);
    const exact = percentilesInPlace(Float32Array.from(v), DISTRIBUTION_PERCENTS);
    expect(s.distribution[0]).toBe(exact[0]);
    expect(s.distribution[8]).toBe(exact[8]);
    for (let i = 1; i < 8; i++) expect(Math.abs(s.distribution[i] - exact[i])).toBeLessThan(0.01 * units);
    closeTo(s.meanOfMeans, mean(Array.from(v)), 1e-12);
    closeTo(s.unitVar[7], popVar(column(v, rows, units, 7)), 1e-9);
    // Deterministic: the same input gives the same sample.
    const again = compute(v, rows, units, 'none', computer);
    expect(Array.from(again.distribution)).toEqual(Array.from(s.distribution));
  });

  it('sampling skips NaN and counts all of them', () => {
    const n = 1000;
    const v = Float32Array.from({ length: n }, (_, i) => (i % 10 === 3 ? NaN : i));
    const s = compute(v, 100, 10, 'none', new LayerStatsComputer({ maxQuantileValues: 500 }));
    expect(s.nanCount).toBe(100);
    expect(s.quantileValues).toBeGreaterThan(400);
    expect(s.quantileValues).toBeLessThanOrEqual(500);
    expect(s.min).toBe(0);
    expect(s.max).toBe(999);
    expect(Math.abs(s.p50 - 500)).toBeLessThan(25);
  });

  it('reuses the result arrays and scratch: no reallocation across calls of the same or smaller size', () => {
    const computer = new LayerStatsComputer();
    const out = createLayerStats(100);
    const rng = new Rng(4);
    const v = Float32Array.from({ length: 60 * 100 }, () => rng.normal());
    const { unitMean, unitVar, distribution } = out;
    computer.compute(v, 60, 100, 'none', out);
    const scratch = (computer as unknown as { scratch: Float32Array }).scratch;
    computer.compute(v, 30, 100, 'relu', out);
    computer.compute(v, 60, 50, 'sigmoid', out);
    expect(out.unitMean).toBe(unitMean);
    expect(out.unitVar).toBe(unitVar);
    expect(out.distribution).toBe(distribution);
    expect((computer as unknown as { scratch: Float32Array }).scratch).toBe(scratch);
    expect(out.units).toBe(50);
    // A wider layer grows the per-unit arrays.
    computer.compute(new Float32Array(2 * 300), 2, 300, 'none', out);
    expect(out.unitMean.length).toBeGreaterThanOrEqual(300);
  });

  it('does not modify the input (small, large read in place, large with a far outlier that forces partitions)', () => {
    const rng = new Rng(8);
    const small = Float32Array.from({ length: 20 * 10 }, () => rng.normal());
    const large = Float32Array.from({ length: 60 * 100 }, () => rng.normal());
    const outlier = Float32Array.from(large);
    outlier[123] = 1e30;
    for (const [v, rows] of [[small, 20], [large, 60], [outlier, 60]] as const) {
      const copy = Float32Array.from(v);
      const s = compute(v, rows, v.length / rows, 'tanh');
      expect(v).toEqual(copy);
      expect(Array.from(s.distribution, plusZero)).toEqual(percentilesInPlace(Float32Array.from(v), DISTRIBUTION_PERCENTS).map(plusZero));
    }
  });

  it('rejects shapes larger than the array and non-integer shapes; an empty batch gives NaN', () => {
    const computer = new LayerStatsComputer();
    expect(() => computer.compute(new Float32Array(5), 2, 3, 'none', createLayerStats(3))).toThrow(RangeError);
    expect(() => computer.compute(new Float32Array(6), 1.5, 4, 'none', createLayerStats(4))).toThrow(RangeError);
    expect(() => new LayerStatsComputer({ maxQuantileValues: 0 })).toThrow(RangeError);
    const s = computer.compute(new Float32Array(6), 0, 3, 'relu', createLayerStats(3));
    expect([s.count, s.meanOfMeans, s.p50, s.min, s.saturation]).toEqual([0, NaN, NaN, NaN, NaN]);
  });

  it('reads the engine: batch norm output has per-unit mean beta = 0 and variance var/(var+eps) ~ 1', () => {
    const spec: ModelSpec = {
      inputSize: 20, outputSize: 3, normPlacement: 'pre', eps: 1e-5, momentum: 0.1,
      hidden: [{ units: 16, activation: 'sigmoid', norm: 'batch' }, { units: 8, activation: 'relu', norm: 'batch' }],
    };
    const mlp = new Mlp(spec, { type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0 }, { seed: 3 });
    const rng = new Rng(1);
    const B = 32;
    const x = Float32Array.from({ length: B * 20 }, () => rng.normal());
    const y = Int32Array.from({ length: B }, () => rng.int(3));
    mlp.trainStep(x, y, B);
    const computer = new LayerStatsComputer();
    for (const layer of mlp.layers) {
      const ws = layer.train;
      const z = computer.compute(layer.normInput(ws), B, layer.units, 'none', createLayerStats(layer.units));
      const bn = computer.compute(layer.activationInput(ws), B, layer.units, 'none', createLayerStats(layer.units));
      const act = computer.compute(layer.output(ws), B, layer.units, layer.activation, createLayerStats(layer.units));
      expect(bn.stdOfMeans).toBeLessThan(1e-5);
      for (let u = 0; u < layer.units; u++) {
        // trainStep's forward ran before the update: beta was 0, gamma 1.
        expect(Math.abs(bn.unitMean[u])).toBeLessThan(1e-5);
        expect(bn.unitVar[u]).toBeCloseTo(z.unitVar[u] / (z.unitVar[u] + 1e-5), 4);
      }
      expect(act.saturation).toBeGreaterThanOrEqual(0);
      expect(act.saturation).toBeLessThanOrEqual(1);
    }
  });
});
