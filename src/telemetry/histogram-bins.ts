// Stable histogram bins for one (layer, stage) channel, shared by every run of a session (TensorBoard
// style): `bins` equal bins over [lo, hi] that stay put, so histograms of successive steps and of
// different runs can be compared bin by bin and stacked into a history.
//
// Protocol, once per update (frame): observe(values, n) for each run, then count(values, n, out) for
// each run. The first count() commits the update (or call commit()). observe() only keeps a reference
// to `values` (they must not change before the commit), for when the range has to be set from data.
// count() is one pass over the values: it counts into bins x k sub-bins (k = ceil(256 / bins)), sums
// them into `out`, and adds them, with the values outside the range, to the evidence that the next
// commit decides on. Values outside the range are not binned (an edge bin holding them would look like
// a real spike): count() returns how many there were, and `below` / `above` tell which side. So a decision looks at everything counted since the previous commit (all runs:
// the union; several frames if commits are rarer than counts), one update behind the values.
//
// Range policy (all of it deterministic: the same observations give the same bins):
//  - Robust extent E = [q(0.1%), q(99.9%)] of the finite values observed in the committed update
//    (exact, by selection; computed only when a range is set).
//  - Target range for E and a factor g: [a, b] = E widened about its centre to g times its width (a
//    degenerate E gets 10% of its magnitude, or 1e-3 at 0; never below 1e-30); kept on E's side of 0
//    when E is one-signed and not just {0} (ReLU outputs keep lo = 0); clamped to `domain`; then
//    rounded outward to multiples of a 1-2-5 grid unit, the smallest 1, 2 or 5 x 10^k >= (b - a) / 8
//    (e.g. [0, 1], [-4, 4], [0.1, 0.9], [0, 60]).
//  - Initialise: at the first commit with finite observed values, target(E, initialGrowth = 1.25).
//  - Grow: more than maxOutsideFraction (1%) of the counted values outside [lo, hi] (+-Infinity
//    included) in overflowPatience (2) consecutive commits -> target(E, growth = 2). A few stray values
//    or one odd batch stay outside (counted as overflow), never rebinned; after a grow the range has 2x
//    headroom over E, so the outside fraction drops to ~0.2%.
//  - Shrink: the central 98% of the counted values (1st to 99th percentile, rounded outward to
//    sub-bins) spans less than minUsedFraction (1/8) of the range in shrinkPatience (20) consecutive
//    commits -> target(E, growth), applied only if it at least halves the width. The next shrink
//    needs the data to narrow by about 2x again, so the range cannot oscillate. The page commits about
//    3 times a second, so the axis follows the recent distribution within seconds (a range grown by a
//    burst at batch 2 comes back once the batch is large again), not the all-time extreme.
//  - Commits without counts since the previous one decide nothing (and do not break a run).
//  - A changed range increments `version` (the initialisation too: 0 means no range yet), so the UI
//    knows to redraw history (histogram-reproject.ts maps old counts onto new bins). A target equal
//    to the current range changes nothing.
// NaN values are ignored everywhere (counted nowhere); +-Infinity count as outside.
import { QuantileSelector } from './select-quantiles';

export interface StableBinsOptions {
  /** Number of bins (default 40). */
  bins?: number;
  /** Grow when more than this fraction of the counted values falls outside the range (default 0.01)... */
  maxOutsideFraction?: number;
  /** ...at this many consecutive commits (default 2). */
  overflowPatience?: number;
  /** Shrink when the central 98% uses less than this fraction of the range (default 1/8)... */
  minUsedFraction?: number;
  /** ...at this many consecutive commits (default 20). */
  shrinkPatience?: number;
  /** Width of a new range relative to the robust extent of the data (default 2). */
  growth?: number;
  /** The same for the first range (default 1.25). */
  initialGrowth?: number;
  /** Hard limits the range never crosses, e.g. {lo: 0, hi: 1} for sigmoid outputs, {lo: 0} for ReLU. */
  domain?: { lo?: number; hi?: number };
}

/** At least this many sub-bins: the central-98% span of the shrink test is rounded outward to them. */
const MIN_SUB_BINS = 256;
/** Narrowest range: keeps the grid arithmetic away from subnormal numbers. */
const MIN_SPAN = 1e-30;
/** Tails left out of the robust extent E. */
const EXTENT_PERCENTS = [0.1, 99.9];

export class StableBins {
  readonly bins: number;
  private readonly maxOutside: number;
  private readonly overflowPatience: number;
  private readonly minUsed: number;
  private readonly shrinkPatience: number;
  private readonly growth: number;
  private readonly initialGrowth: number;
  private readonly domainLo: number;
  private readonly domainHi: number;

  private loValue = 0;
  private hiValue = 1;
  private hasRange = false;
  private versionValue = 0;
  private overflowRun = 0;
  private shrinkRun = 0;

  /** Sub-bins: bins x perBin of them; bin i is sub-bins [i perBin, (i + 1) perBin). */
  readonly subBins: number;
  private readonly perBin: number;
  /** Sub-bin counts of one count() call. */
  private readonly callSub: Uint32Array;

  // The pending update: references to the observed arrays.
  private pending: (ArrayLike<number> | null)[] = [];
  private pendingN: number[] = [];
  private pendingCount = 0;
  // Evidence for the next decision: what count() saw since the last commit, against the current range.
  private readonly evidenceSub: Float64Array;
  private counted = 0;
  private below = 0;
  private above = 0;
  // Outside values of the last count() call.
  private lastBelow = 0;
  private lastAbove = 0;

  // Scratch of the (rare) target computation; grows to the largest update seen.
  private scratch = new Float32Array(0);
  private readonly selector = new QuantileSelector(EXTENT_PERCENTS.length);
  private readonly extent = new Float64Array(EXTENT_PERCENTS.length);

  constructor(options: StableBinsOptions = {}) {
    this.bins = options.bins ?? 40;
    this.maxOutside = options.maxOutsideFraction ?? 0.01;
    this.overflowPatience = options.overflowPatience ?? 2;
    this.minUsed = options.minUsedFraction ?? 1 / 8;
    this.shrinkPatience = options.shrinkPatience ?? 20;
    this.growth = options.growth ?? 2;
    this.initialGrowth = options.initialGrowth ?? 1.25;
    this.domainLo = options.domain?.lo ?? -Infinity;
    this.domainHi = options.domain?.hi ?? Infinity;
    if (!(Number.isInteger(this.bins) && this.bins >= 1)) throw new RangeError(`bins must be an integer >= 1, got ${this.bins}`);
    this.perBin = Math.ceil(MIN_SUB_BINS / this.bins);
    this.subBins = this.bins * this.perBin;
    this.callSub = new Uint32Array(this.subBins);
    this.evidenceSub = new Float64Array(this.subBins);
    if (!(this.growth >= 1 && this.initialGrowth >= 1)) throw new RangeError('growth factors must be >= 1');
    if (!(this.domainLo < this.domainHi)) throw new RangeError(`empty domain [${this.domainLo}, ${this.domainHi}]`);
  }

  /** Lower edge of bin 0. */
  get lo(): number { return this.loValue; }
  /** Upper edge of the last bin. */
  get hi(): number { return this.hiValue; }
  get binWidth(): number { return (this.hiValue - this.loValue) / this.bins; }
  /** Edge i (0..bins) of the bins: lo + i (hi - lo) / bins. */
  edge(i: number): number { return i === this.bins ? this.hiValue : this.loValue + (i * (this.hiValue - this.loValue)) / this.bins; }
  /** Increments on every range change (the first one and reset() included); 0 before any data. */
  get version(): number { return this.versionValue; }
  /** Whether a range was set from data (until then, and after reset(), the range is [0, 1]). */
  get initialized(): boolean { return this.hasRange; }
  /** Values below lo (-Infinity included) in the last count() call: not in any bin. */
  get countedBelow(): number { return this.lastBelow; }
  /** Values above hi (+Infinity included) in the last count() call: not in any bin. */
  get countedAbove(): number { return this.lastAbove; }

  /** Adds values[0..n) of one run to the pending update. `values` must not change until the commit. */
  observe(values: ArrayLike<number>, n: number = values.length): void {
    if (!(Number.isInteger(n) && n >= 0 && n <= values.length)) throw new RangeError(`n = ${n} is not within the ${values.length} values`);
    this.pending[this.pendingCount] = values;
    this.pendingN[this.pendingCount] = n;
    this.pendingCount++;
  }

  /**
   * Decides (see the policy in the file header) and forgets the pending observations; returns whether
   * the range changed. Without observations it does nothing.
   */
  commit(): boolean {
    if (this.pendingCount === 0) return false;
    let changed = false;
    if (!this.hasRange) changed = this.retarget(this.initialGrowth, false);
    else if (this.counted > 0) changed = this.decide();
    this.pending.fill(null, 0, this.pendingCount);
    this.pendingCount = 0;
    if (this.counted > 0 || changed) this.clearEvidence();
    return changed;
  }

  /**
   * Commits a pending update, then writes the histogram of values[0..n) into out[0..bins) (out is
   * overwritten, not accumulated). Values outside [lo, hi] are in no bin: returns how many there were
   * (countedBelow + countedAbove). NaN values are skipped.
   */
  count(values: ArrayLike<number>, n: number, out: Float32Array): number {
    if (this.pendingCount > 0) this.commit();
    const bins = this.bins;
    if (out.length < bins) throw new RangeError(`out holds ${out.length} bins, ${bins} needed`);
    if (!(Number.isInteger(n) && n >= 0 && n <= values.length)) throw new RangeError(`n = ${n} is not within the ${values.length} values`);
    const subBins = this.subBins;
    const sub = this.callSub;
    sub.fill(0);
    const lo = this.loValue;
    const hi = this.hiValue;
    const scale = subBins / (hi - lo);
    let below = 0;
    let above = 0;
    let nan = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v >= lo && v <= hi) {
        const t = (v - lo) * scale;
        sub[t < subBins ? t | 0 : subBins - 1]++; // v = hi, or rounding up to subBins: the last bin
      } else if (v < lo) below++; // -Infinity too
      else if (v > hi) above++; // +Infinity too
      else nan++;
    }
    // Bins from sub-bins; clipped values into the edge bins; sub-bins into the evidence.
    const k = this.perBin;
    const evidence = this.evidenceSub;
    for (let b = 0, j = 0; b < bins; b++) {
      let c = 0;
      for (let e = j + k; j < e; j++) {
        c += sub[j];
        evidence[j] += sub[j];
      }
      out[b] = c;
    }
    this.lastBelow = below;
    this.lastAbove = above;
    this.counted += n - nan;
    this.below += below;
    this.above += above;
    return below + above;
  }

  /** Forgets the range (next commit initialises again), the pending update and the evidence; version increments. */
  reset(): void {
    this.pending.fill(null, 0, this.pendingCount);
    this.pendingCount = 0;
    this.clearEvidence();
    this.overflowRun = this.shrinkRun = 0;
    this.loValue = 0;
    this.hiValue = 1;
    this.hasRange = false;
    this.versionValue++;
  }

  private clearEvidence(): void {
    this.evidenceSub.fill(0);
    this.counted = this.below = this.above = 0;
  }

  private decide(): boolean {
    const width = this.hiValue - this.loValue;
    if (this.below + this.above > this.maxOutside * this.counted) this.overflowRun++;
    else this.overflowRun = 0;
    if (this.overflowRun >= this.overflowPatience) {
      this.overflowRun = 0;
      this.shrinkRun = 0;
      return this.retarget(this.growth, false);
    }
    if (this.centralSpan() < this.minUsed * width) this.shrinkRun++;
    else this.shrinkRun = 0;
    if (this.shrinkRun >= this.shrinkPatience) {
      this.shrinkRun = 0;
      return this.retarget(this.growth, true);
    }
    return false;
  }

  /** An upper bound of q(99%) - q(1%) of the counted values, from the sub-bins. */
  private centralSpan(): number {
    const subBins = this.subBins;
    const tail = 0.01 * this.counted;
    const fw = (this.hiValue - this.loValue) / subBins;
    let p1 = this.loValue;
    let c = this.below;
    for (let j = 0; j < subBins && c < tail; j++) {
      c += this.evidenceSub[j];
      if (c >= tail) p1 = this.loValue + j * fw;
    }
    let p99 = this.hiValue;
    c = this.above;
    for (let j = subBins - 1; j >= 0 && c < tail; j--) {
      c += this.evidenceSub[j];
      if (c >= tail) p99 = this.loValue + (j + 1) * fw;
    }
    return Math.max(0, p99 - p1);
  }

  /**
   * Moves the range to target(E, factor) unless that equals the current range (or, when `shrinkOnly`,
   * is more than half as wide); returns whether it moved.
   */
  private retarget(factor: number, shrinkOnly: boolean): boolean {
    const m = this.copyFinite();
    if (m === 0) return false;
    this.selector.select(this.scratch, m, EXTENT_PERCENTS, this.extent);
    const [lo, hi] = niceRange(this.extent[0], this.extent[1], factor, this.domainLo, this.domainHi);
    if (this.hasRange && lo === this.loValue && hi === this.hiValue) return false;
    if (shrinkOnly && hi - lo > (this.hiValue - this.loValue) / 2) return false;
    this.loValue = lo;
    this.hiValue = hi;
    this.hasRange = true;
    this.versionValue++;
    return true;
  }

  /** Copies the finite pending values into the scratch; returns how many. */
  private copyFinite(): number {
    let total = 0;
    for (let r = 0; r < this.pendingCount; r++) total += this.pendingN[r];
    if (this.scratch.length < total) this.scratch = new Float32Array(total);
    let m = 0;
    for (let r = 0; r < this.pendingCount; r++) {
      const values = this.pending[r]!;
      const n = this.pendingN[r];
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (Number.isFinite(v)) this.scratch[m++] = v;
      }
    }
    return m;
  }
}

/**
 * The target range of the policy for the extent [a, b]: widened to `factor` times its width about its
 * centre, kept on its side of 0 if one-signed, clamped to [domainLo, domainHi], then rounded outward to
 * the multiples of a 1-2-5 grid unit >= 1/8 of the width. Exported for tests.
 */
export function niceRange(a: number, b: number, factor: number, domainLo = -Infinity, domainHi = Infinity): [number, number] {
  a = Math.min(Math.max(a, domainLo), domainHi); // data outside the domain (a misconfiguration) still gives a range
  b = Math.min(Math.max(b, domainLo), domainHi);
  let span = b - a;
  const magnitude = Math.max(Math.abs(a), Math.abs(b));
  if (!(span > 1e-6 * magnitude)) span = magnitude > 0 ? 0.1 * magnitude : 1e-3;
  span = Math.max(span, MIN_SPAN);
  const mid = (a + b) / 2;
  let lo = Math.min(a, mid - (factor * span) / 2); // min/max: rounding must not cut E
  let hi = Math.max(b, mid + (factor * span) / 2);
  if (a >= 0 && b > 0 && lo < 0) lo = 0;
  if (b <= 0 && a < 0 && hi > 0) hi = 0;
  lo = Math.max(lo, domainLo);
  hi = Math.min(hi, domainHi);
  // The unit m 10^e: the smallest with m in {1, 2, 5} that is >= (hi - lo) / 8, searched upward from a
  // decade below log10's estimate (which may round either way).
  const x = (hi - lo) / 8;
  if (!(x > 0 && x < Infinity)) return [lo, hi];
  let e = Math.floor(Math.log10(x)) - 1;
  let m = 1;
  while (scaled(m, e) < x) {
    if (m === 5) { m = 1; e++; } else m = m === 1 ? 2 : 5;
  }
  const unit = scaled(m, e);
  let gridLo = scaled(Math.floor(lo / unit) * m, e);
  let gridHi = scaled(Math.ceil(hi / unit) * m, e);
  // lo / unit can underflow to -0 for a subnormal lo (or round across a grid line): never cut the extent.
  if (gridLo > lo) gridLo -= unit;
  if (gridHi < hi) gridHi += unit;
  return [Math.max(domainLo, gridLo), Math.min(domainHi, gridHi)];
}

/** k 10^e, dividing by an exact power of ten for e < 0 so that e.g. 3 x 0.1 comes out as 0.3. */
function scaled(k: number, e: number): number {
  return e >= 0 ? k * 10 ** e : k / 10 ** -e;
}
