// Statistics of one (layer, stage) tensor of a training step: B rows (samples) x U units, row-major,
// as the engine's Workspace holds z, norm and act. Computed into a preallocated LayerStats without
// allocating (after the first call at the largest size).
//
//  - Batch statistics per unit u (what batch norm sees), population form (divide by B, like BN):
//      mean_u = (1/B) sum_b x_bu,   var_u = (1/B) sum_b (x_bu - mean_u)^2   (one shifted pass, see below)
//  - Their summary over units: meanOfMeans (= the mean of all values), meanOfVars (the average
//    within-unit variance), and the spread across units as population standard deviations
//      stdOfMeans = sqrt((1/U) sum_u (mean_u - meanOfMeans)^2),  stdOfVars likewise,
//    plus min/max of the per-unit means and variances.
//  - Order statistics over all B*U values: the 15/50/85 percentiles and TensorBoard's nine-point
//    distribution (DISTRIBUTION_PERCENTS: the normal CDF at -inf, -1.5, -1, -0.5, 0, 0.5, 1, 1.5 sigma,
//    +inf), linearly interpolated like quantiles.ts, by selection (select-quantiles.ts; ~8x faster than
//    sorting), reading the input in place. Above `maxQuantileValues` values they come from an evenly
//    spread deterministic sample of that many values (see quantileValues); min and max stay exact.
//  - Saturation of the activation output: sigmoid, fraction of values < 0.02 or > 0.98; tanh, fraction
//    with |x| > 0.98; relu, fraction of units that output exactly 0 for every row (dead for the batch).
//
// Float64 input (gradient checks): moments in float64, order statistics of the float32-rounded values.
// NaN: moments propagate it (a NaN anywhere makes that unit's mean NaN, so divergence shows); order
// statistics and saturation fractions skip NaN values and nanCount says how many there were.
import type { Activation, FloatArray } from '../engine/types';
import { QuantileSelector } from './select-quantiles';

export { l2Norm, ParamSnapshot, updateRatio } from './update-ratio';

/** TensorBoard's distribution percentiles (its basis points / 100). */
export const DISTRIBUTION_PERCENTS: readonly number[] = [0, 6.68, 15.87, 30.85, 50, 69.15, 84.13, 93.32, 100];
/** The band drawn around the median. */
export const BAND_PERCENTS: readonly number[] = [15, 50, 85];
/** Sigmoid outputs below m or above 1 - m, and |tanh| above 1 - m, count as saturated (m = this margin). */
export const SATURATION_MARGIN = 0.02;
/** Default cap on the values that order statistics are computed from (256 rows x 128 units). */
export const DEFAULT_MAX_QUANTILE_VALUES = 32768;

/** Which saturation to measure: the activation whose output `values` are, or none. */
export type SaturationKind = Activation | 'none';

export interface LayerStats {
  rows: number;
  units: number;
  /** rows * units */
  count: number;
  nanCount: number;
  /** How many (non-NaN) values the percentiles were computed from: all of them unless sampled. */
  quantileValues: number;
  /** Per-unit batch mean and population variance; the first `units` entries are valid. */
  unitMean: Float64Array;
  unitVar: Float64Array;
  meanOfMeans: number;
  meanOfVars: number;
  stdOfMeans: number;
  stdOfVars: number;
  minOfMeans: number;
  maxOfMeans: number;
  minOfVars: number;
  maxOfVars: number;
  /** Smallest and largest non-NaN value (exact, also when percentiles are sampled). */
  min: number;
  max: number;
  p15: number;
  p50: number;
  p85: number;
  /** Percentiles DISTRIBUTION_PERCENTS; [0] = min and [8] = max. */
  distribution: Float64Array;
  /** Fraction saturated (see the file header); NaN for 'none'. */
  saturation: number;
}

/** A LayerStats with per-unit arrays for `units` units (they grow if a wider layer comes). */
export function createLayerStats(units = 0): LayerStats {
  return {
    rows: 0, units: 0, count: 0, nanCount: 0, quantileValues: 0,
    unitMean: new Float64Array(units), unitVar: new Float64Array(units),
    meanOfMeans: NaN, meanOfVars: NaN, stdOfMeans: NaN, stdOfVars: NaN,
    minOfMeans: NaN, maxOfMeans: NaN, minOfVars: NaN, maxOfVars: NaN,
    min: NaN, max: NaN, p15: NaN, p50: NaN, p85: NaN,
    distribution: new Float64Array(DISTRIBUTION_PERCENTS.length).fill(NaN),
    saturation: NaN,
  };
}

/** The percentiles handed to the selector: bands, then the distribution (with 0 and 100: min, max). */
const SELECTED_PERCENTS = new Float64Array([...BAND_PERCENTS, ...DISTRIBUTION_PERCENTS]);
const BANDS = BAND_PERCENTS.length;
const MIN_AT = BANDS;
const MAX_AT = BANDS + DISTRIBUTION_PERCENTS.length - 1;

/** Computes LayerStats; owns the scratch that the percentile selection reorders (shared by all channels). */
export class LayerStatsComputer {
  readonly maxQuantileValues: number;
  private scratch = new Float32Array(0);
  private readonly selector = new QuantileSelector(SELECTED_PERCENTS.length);
  private readonly selected = new Float64Array(SELECTED_PERCENTS.length);
  private scanMin = NaN;
  private scanMax = NaN;
  /** Per-unit shifts of the moment sums. */
  private shift = new Float64Array(0);

  constructor(options: { maxQuantileValues?: number } = {}) {
    const cap = options.maxQuantileValues ?? DEFAULT_MAX_QUANTILE_VALUES;
    if (!(Number.isInteger(cap) && cap >= 1)) throw new RangeError(`maxQuantileValues must be an integer >= 1, got ${cap}`);
    this.maxQuantileValues = cap;
  }

  /** Fills `out` with the statistics of values[0 .. rows*units) (row-major, rows x units); returns out. */
  compute(values: FloatArray, rows: number, units: number, saturation: SaturationKind, out: LayerStats): LayerStats {
    if (!(Number.isInteger(rows) && rows >= 0 && Number.isInteger(units) && units >= 0)) {
      throw new RangeError(`rows and units must be integers >= 0, got ${rows} x ${units}`);
    }
    const n = rows * units;
    if (n > values.length) throw new RangeError(`${rows} x ${units} values needed, the array has ${values.length}`);
    if (out.unitMean.length < units) {
      out.unitMean = new Float64Array(units);
      out.unitVar = new Float64Array(units);
    }
    const sampled = n > this.maxQuantileValues;
    const want = sampled ? this.maxQuantileValues : n;
    if (this.scratch.length < want) this.scratch = new Float32Array(want);
    out.rows = rows;
    out.units = units;
    out.count = n;

    // One pass for the per-unit moments: sums of d = x - s_u and d^2, with s_u the unit's row-0 value,
    //   mean_u = s_u + S1/B,   var_u = S2/B - (S1/B)^2.
    // Shifting by a value of the unit keeps both terms of the order of the variance (mean - s_u is a few
    // std), so the subtraction costs ~1e-16 relative, where unshifted sums of squares would lose
    // (mean/std)^2 x 1e-16. A NaN value makes its unit's mean NaN (so does +inf with -inf; the slow path
    // below handles that too), which spares a NaN test per value on the common path.
    const mean = out.unitMean;
    const variance = out.unitVar;
    if (this.shift.length < units) this.shift = new Float64Array(units);
    const shift = this.shift;
    for (let u = 0; u < units; u++) {
      shift[u] = rows > 0 ? values[u] : 0;
      mean[u] = 0;
      variance[u] = 0;
    }
    for (let r = 0; r < rows; r++) {
      const base = r * units;
      for (let u = 0; u < units; u++) {
        const d = values[base + u] - shift[u];
        mean[u] += d;
        variance[u] += d * d;
      }
    }
    let maybeNaN = false;
    for (let u = 0; u < units; u++) {
      const m1 = mean[u] / rows;
      if (m1 !== m1) maybeNaN = true;
      mean[u] = shift[u] + m1;
      variance[u] = Math.max(0, variance[u] / rows - m1 * m1);
    }

    // Order statistics, percentiles 0 and 100 included (exact min and max but for sampling).
    const scratch = this.scratch;
    const sel = this.selected;
    let m: number;
    let nanCount: number;
    let min: number;
    let max: number;
    if (sampled) {
      nanCount = this.scanAll(values, n);
      min = this.scanMin;
      max = this.scanMax;
      m = this.copySample(values, n);
      this.selector.select(scratch, m, SELECTED_PERCENTS, sel);
    } else if (!maybeNaN && values instanceof Float32Array) {
      // The common case: read in place (partitions, if needed, use the scratch).
      nanCount = 0;
      m = n;
      this.selector.select(values, n, SELECTED_PERCENTS, sel, scratch);
      min = sel[MIN_AT];
      max = sel[MAX_AT];
    } else {
      m = 0;
      for (let i = 0; i < n; i++) {
        const x = values[i];
        scratch[m] = x;
        m += +(x === x); // a NaN is overwritten by the next value
      }
      nanCount = n - m;
      this.selector.select(scratch, m, SELECTED_PERCENTS, sel);
      min = sel[MIN_AT];
      max = sel[MAX_AT];
    }
    out.nanCount = nanCount;
    out.quantileValues = m;
    out.min = min <= max ? min : NaN; // no non-NaN value: NaN rather than +-Infinity
    out.max = min <= max ? max : NaN;
    out.p15 = sel[0];
    out.p50 = sel[1];
    out.p85 = sel[2];
    const dist = out.distribution;
    for (let i = 0; i < dist.length; i++) dist[i] = sel[BANDS + i];
    dist[0] = out.min;
    dist[dist.length - 1] = out.max;

    summarizeUnits(out, units);

    out.saturation = saturationOf(values, n, nanCount, saturation, out);
    return out;
  }

  /** Min and max (into scanMin, scanMax; NaN skipped) of values[0..n); returns the NaN count. */
  private scanAll(values: FloatArray, n: number): number {
    let min = Infinity;
    let max = -Infinity;
    let nan = 0;
    for (let i = 0; i < n; i++) {
      const x = values[i];
      if (x < min) min = x;
      if (x > max) max = x;
      nan += +(x !== x);
    }
    this.scanMin = min;
    this.scanMax = max;
    return nan;
  }

  /**
   * Copies a deterministic sample of maxQuantileValues of the n values into the scratch, skipping NaN;
   * returns how many were copied. Indices follow a Weyl sequence i_j = j * step mod n with step ~ n / phi
   * and gcd(step, n) = 1, so they are distinct and spread evenly over rows and, as U divides n, over units.
   */
  private copySample(values: FloatArray, n: number): number {
    let step = Math.round(n * 0.6180339887498949);
    while (gcd(step, n) !== 1) step++;
    const scratch = this.scratch;
    let m = 0;
    let i = 0;
    for (let j = 0; j < this.maxQuantileValues; j++) {
      const x = values[i];
      scratch[m] = x;
      m += +(x === x);
      i += step;
      if (i >= n) i -= n;
    }
    return m;
  }
}


function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** Mean, population std, min and max over units of the per-unit means and variances (NaN propagates). */
function summarizeUnits(out: LayerStats, units: number): void {
  const mean = out.unitMean;
  const variance = out.unitVar;
  let sm = 0;
  let sv = 0;
  let minM = Infinity;
  let maxM = -Infinity;
  let minV = Infinity;
  let maxV = -Infinity;
  for (let u = 0; u < units; u++) {
    sm += mean[u];
    sv += variance[u];
    minM = Math.min(minM, mean[u]);
    maxM = Math.max(maxM, mean[u]);
    minV = Math.min(minV, variance[u]);
    maxV = Math.max(maxV, variance[u]);
  }
  const mm = sm / units;
  const mv = sv / units;
  let dm = 0;
  let dv = 0;
  for (let u = 0; u < units; u++) {
    dm += (mean[u] - mm) ** 2;
    dv += (variance[u] - mv) ** 2;
  }
  const empty = units === 0 || out.rows === 0;
  out.meanOfMeans = empty ? NaN : mm;
  out.meanOfVars = empty ? NaN : mv;
  out.stdOfMeans = empty ? NaN : Math.sqrt(dm / units);
  out.stdOfVars = empty ? NaN : Math.sqrt(dv / units);
  out.minOfMeans = empty ? NaN : minM;
  out.maxOfMeans = empty ? NaN : maxM;
  out.minOfVars = empty ? NaN : minV;
  out.maxOfVars = empty ? NaN : maxV;
}

function saturationOf(values: FloatArray, n: number, nanCount: number, kind: SaturationKind, stats: LayerStats): number {
  const valid = n - nanCount;
  const lo = SATURATION_MARGIN;
  const hi = 1 - SATURATION_MARGIN;
  let c = 0;
  switch (kind) {
    case 'none':
      return NaN;
    case 'sigmoid':
      for (let i = 0; i < n; i++) {
        const x = values[i];
        c += +(x < lo) + +(x > hi);
      }
      return valid > 0 ? c / valid : NaN;
    case 'tanh':
      for (let i = 0; i < n; i++) c += +(Math.abs(values[i]) > hi);
      return valid > 0 ? c / valid : NaN;
    case 'relu': {
      // Dead for the batch = 0 in every row. The per-unit moments already tell: mean 0 and variance 0
      // (sum of squared deviations from 0) hold exactly when every value is 0, whatever the signs.
      const units = stats.units;
      if (units === 0 || stats.rows === 0) return NaN;
      for (let u = 0; u < units; u++) c += +(stats.unitMean[u] === 0 && stats.unitVar[u] === 0);
      return c / units;
    }
  }
}
