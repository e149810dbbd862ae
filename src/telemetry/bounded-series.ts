// An append-only time series (x = training step, y = a scalar such as the loss) in bounded memory.
//
// Scheme: points live in preallocated columns of `capacity` entries. Each stored point is a bucket of
// `stride` consecutive raw appends; stride starts at 1. When a new bucket is needed and all `capacity`
// are taken (all full, each of `stride` appends), adjacent pairs are merged, halving the series to
// capacity / 2 points, and stride doubles. So every point but the last covers exactly `stride` appends,
// the last (open) one 1..stride, and memory stays at `capacity` points whatever the number of appends,
// while the whole history stays evenly spaced (in appends; in steps too when steps advance evenly).
// Each point keeps, over the raw values it covers:
//   x     the mean step of its appends (the bucket's centre, so a mean y is drawn where it was measured;
//         exported as Float64Array, exact for steps up to 2^52)
//   y     the mean of its non-NaN values (float32; NaN when all were NaN), clamped into [min, max]
//   min   the smallest non-NaN value, max the largest (float32): spikes survive every merge, and the
//         global min and max over all appends are exactly the min of `min` and the max of `max`
//   count the appends it covers, nan how many of them were NaN (NaN never poisons min, max or y)
// Merging two points of equal count c:  x = (x1 + x2) / 2,  y = (v1 y1 + v2 y2) / (v1 + v2) with
// v = c - nan,  min = min(min1, min2),  max = max(max1, max2). An append costs O(1); a halving O(capacity)
// once per capacity / 2 buckets, so O(1) amortised; nothing is allocated after construction.

export const DEFAULT_SERIES_CAPACITY = 2048;

/** Struct-of-arrays export of a series; every column has (at least) the exported number of points. */
export interface SeriesColumns {
  x: Float64Array;
  y: Float32Array;
  min: Float32Array;
  max: Float32Array;
  count: Uint32Array;
  nan: Uint32Array;
}

/** Columns of `length` points, e.g. as the preallocated target of copyInto. */
export function createSeriesColumns(length: number): SeriesColumns {
  return {
    x: new Float64Array(length), y: new Float32Array(length), min: new Float32Array(length),
    max: new Float32Array(length), count: new Uint32Array(length), nan: new Uint32Array(length),
  };
}

export class BoundedSeries {
  readonly capacity: number;
  private readonly cols: SeriesColumns;
  private n = 0;
  private strideValue = 1;
  private total = 0;
  /** Float64 sums of the open (last) bucket, so its mean does not drift by float32 rounding per append. */
  private openX = 0;
  private openY = 0;
  private revisionValue = 0;
  private lastXValue = NaN;
  private lastYValue = NaN;

  constructor(capacity = DEFAULT_SERIES_CAPACITY) {
    if (!(Number.isInteger(capacity) && capacity >= 2 && capacity % 2 === 0)) {
      throw new RangeError(`capacity must be an even integer >= 2, got ${capacity}`);
    }
    this.capacity = capacity;
    this.cols = createSeriesColumns(capacity);
  }

  /** Stored points (at most capacity); the last one may still be filling. */
  get length(): number { return this.n; }
  /** Raw appends per stored point (a power of 2). */
  get stride(): number { return this.strideValue; }
  /** Raw appends since construction or clear(). */
  get appended(): number { return this.total; }
  /** x and y of the last raw append (y may be NaN); NaN before the first. */
  get lastX(): number { return this.lastXValue; }
  get lastY(): number { return this.lastYValue; }
  /**
   * Increments whenever points before the last one change (a halving, clear()). Between two equal
   * revisions only the last point changed and new points were added, so a consumer that has points
   * [0, k) needs to re-read from k - 1 on.
   */
  get revision(): number { return this.revisionValue; }

  /** Appends one value at step x; x must be finite and not below the previous x. */
  append(x: number, y: number): void {
    if (!Number.isFinite(x) || x < this.lastXValue) {
      throw new RangeError(`x must be finite and non-decreasing: got ${x} after ${this.lastXValue}`);
    }
    const c = this.cols;
    if (this.n === 0 || c.count[this.n - 1] === this.strideValue) {
      if (this.n === this.capacity) this.halve();
      const i = this.n++;
      c.count[i] = 0;
      c.nan[i] = 0;
      c.y[i] = NaN;
      c.min[i] = NaN;
      c.max[i] = NaN;
      this.openX = 0;
      this.openY = 0;
    }
    const i = this.n - 1;
    const count = ++c.count[i];
    this.openX += x;
    c.x[i] = this.openX / count;
    if (y !== y) {
      c.nan[i]++;
    } else {
      this.openY += y;
      const f = Math.fround(y);
      if (!(f >= c.min[i])) c.min[i] = f; // also replaces the initial NaN
      if (!(f <= c.max[i])) c.max[i] = f;
      c.y[i] = clamp(this.openY / (count - c.nan[i]), c.min[i], c.max[i]);
    }
    this.total++;
    this.lastXValue = x;
    this.lastYValue = y;
  }

  /** Forgets every point; the capacity (and its memory) stays. */
  clear(): void {
    this.n = 0;
    this.strideValue = 1;
    this.total = 0;
    this.openX = 0;
    this.openY = 0;
    this.lastXValue = NaN;
    this.lastYValue = NaN;
    this.revisionValue++;
  }

  /**
   * Copies points [from, length) to out's columns at [0, length - from); returns how many. The columns
   * must hold that many (createSeriesColumns(capacity) always does).
   */
  copyInto(out: SeriesColumns, from = 0): number {
    if (!(Number.isInteger(from) && from >= 0)) throw new RangeError(`from must be an integer >= 0, got ${from}`);
    const k = Math.max(0, this.n - from);
    const end = from + k;
    const c = this.cols;
    out.x.set(c.x.subarray(from, end));
    out.y.set(c.y.subarray(from, end));
    out.min.set(c.min.subarray(from, end));
    out.max.set(c.max.subarray(from, end));
    out.count.set(c.count.subarray(from, end));
    out.nan.set(c.nan.subarray(from, end));
    return k;
  }

  /** Fresh columns of exactly `length` points, each on its own buffer (transferable to another thread). */
  toColumns(): SeriesColumns {
    const out = createSeriesColumns(this.n);
    this.copyInto(out);
    return out;
  }

  /** Merges pairs (2j, 2j+1) into j: capacity full points of count s become capacity/2 of count 2s. */
  private halve(): void {
    const c = this.cols;
    const half = this.capacity / 2;
    for (let j = 0; j < half; j++) {
      const a = 2 * j;
      const b = a + 1;
      const va = c.count[a] - c.nan[a];
      const vb = c.count[b] - c.nan[b];
      const min = minSkipNaN(c.min[a], c.min[b]);
      const max = maxSkipNaN(c.max[a], c.max[b]);
      const y = va === 0 ? c.y[b] : vb === 0 ? c.y[a] : (va * c.y[a] + vb * c.y[b]) / (va + vb);
      c.x[j] = (c.x[a] + c.x[b]) / 2; // equal counts
      c.y[j] = clamp(y, min, max);
      c.min[j] = min;
      c.max[j] = max;
      c.count[j] = c.count[a] + c.count[b];
      c.nan[j] = c.nan[a] + c.nan[b];
    }
    this.n = half;
    this.strideValue *= 2;
    this.revisionValue++;
  }
}

/** v limited to [lo, hi], so float32 rounding of a mean never lands outside its bucket's range. */
function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function minSkipNaN(a: number, b: number): number {
  return a !== a ? b : b < a ? b : a;
}

function maxSkipNaN(a: number, b: number): number {
  return a !== a ? b : b > a ? b : a;
}
