// y domains of line charts: the full extent, or ignoring outliers, the [lo, hi] percentiles of the
// visible values (TensorBoard's "ignore outliers in chart scaling"); niced so axes change rarely.
import { scaleLinear, scaleLog } from 'd3-scale';

/** The steps a zoomed step axis shows ([from, to]), or null for all of them. */
export type YWindow = readonly [number, number] | null;

/** What sets a y axis: the runs not hidden from the view's legend, within the zoomed steps. */
export interface YFilter { hidden?: ReadonlySet<string>; window?: YWindow }

/** Collects finite values (positive only with `positive`) of several arrays into a reusable buffer. */
export class ValuePool {
  private buf = new Float64Array(1024);
  n = 0;
  reset(): void { this.n = 0; }
  /** Adds values[from .. from + count). */
  add(values: ArrayLike<number>, count = values.length, positive = false, from = 0): void {
    if (this.n + count > this.buf.length) {
      const next = new Float64Array(Math.max(this.buf.length * 2, this.n + count));
      next.set(this.buf.subarray(0, this.n));
      this.buf = next;
    }
    for (let i = from; i < from + count; i++) {
      const v = values[i];
      if (Number.isFinite(v) && (!positive || v > 0)) this.buf[this.n++] = v;
    }
  }
  /**
   * Adds the y values of a series whose step lies in `window` (all of them when null), with the point
   * just outside each edge, since the line to it crosses into the plot.
   */
  addSeries(s: { x: ArrayLike<number>; y: ArrayLike<number> }, window: YWindow = null, positive = false, count = s.y.length): void {
    if (!window) { this.add(s.y, count, positive); return; }
    let i0 = 0;
    while (i0 < count && s.x[i0] < window[0]) i0++;
    let i1 = count;
    while (i1 > i0 && s.x[i1 - 1] > window[1]) i1--;
    const from = Math.max(0, i0 - 1);
    const to = Math.min(count, i1 + 1);
    if (to > from) this.add(s.y, to - from, positive, from);
  }
  /** [min, max] or, with 0 < lo < hi < 1, the lo and hi quantiles (sorts the pool in place). null when empty. */
  domain(lo = 0, hi = 1): [number, number] | null {
    if (this.n === 0) return null;
    const v = this.buf.subarray(0, this.n);
    if (lo <= 0 && hi >= 1) {
      let a = Infinity;
      let b = -Infinity;
      for (let i = 0; i < v.length; i++) { if (v[i] < a) a = v[i]; if (v[i] > b) b = v[i]; }
      return [a, b];
    }
    v.sort();
    return [quantileSorted(v, lo), quantileSorted(v, hi)];
  }
}

/** R-7 quantile of sorted values (as d3.quantileSorted). */
export function quantileSorted(v: ArrayLike<number>, p: number): number {
  const n = v.length;
  if (n === 0) return NaN;
  const i = (n - 1) * Math.min(Math.max(p, 0), 1);
  const i0 = Math.floor(i);
  const i1 = Math.min(i0 + 1, n - 1);
  return v[i0] + (v[i1] - v[i0]) * (i - i0);
}

/**
 * A readable domain for [a, b]: linear domains get 5% headroom and are niced; log domains span whole
 * decades (or halves of a decade when narrow). A degenerate range is widened.
 */
const AXIS_LIMIT = 1e300;

export function niceDomain(extent: [number, number] | null, log = false, includeZero = false): [number, number] {
  if (!extent || Number.isNaN(extent[0]) || Number.isNaN(extent[1])) return log ? [0.1, 10] : [0, 1];
  // Values near the float64 limit would overflow with the headroom below: an axis stops at +-1e300.
  let a = Math.min(Math.max(extent[0], -AXIS_LIMIT), AXIS_LIMIT);
  let b = Math.min(Math.max(extent[1], -AXIS_LIMIT), AXIS_LIMIT);
  if (log) {
    a = Math.max(a, 1e-12);
    b = Math.max(b, a);
    // A little headroom, so a curve at a decade (a variance of 1) is not drawn on the frame.
    const lo = Math.floor(Math.log10(a / 1.05));
    const hi = Math.ceil(Math.log10(b * 1.05));
    // Within about a decade, whole decades would squash the curve: keep 2 significant digits instead.
    if (Math.log10(b / a) < 1) return [roundSig(a / 1.15, Math.floor), roundSig(b * 1.15, Math.ceil)];
    return [10 ** lo, 10 ** Math.max(hi, lo + 1)];
  }
  if (includeZero) { a = Math.min(a, 0); b = Math.max(b, 0); }
  if (a === b) { const d = Math.abs(a) * 0.1 || 1; a -= d; b += d; }
  const pad = (b - a) * 0.05;
  const lo = includeZero && a === 0 ? 0 : a - pad;
  const hi = includeZero && b === 0 ? 0 : b + pad;
  const [n0, n1] = scaleLinear().domain([lo, hi]).nice(5).domain();
  return [n0, n1];
}

/** A y scale for a domain (log when asked), mapped to [bottom, top]. */
export function yScale(domain: [number, number], bottom: number, top: number, log = false) {
  return log ? scaleLog().domain(domain).range([bottom, top]).clamp(true) : scaleLinear().domain(domain).range([bottom, top]);
}

/** A step (x) domain [0, nice max]: changes only when the steps pass a nice bound. */
export function stepDomain(maxStep: number): [number, number] {
  if (!(maxStep > 0)) return [0, 10];
  const [, hi] = scaleLinear().domain([0, maxStep]).nice(6).domain();
  return [0, hi];
}

export const sameDomain = (a: readonly number[] | null | undefined, b: readonly number[] | null | undefined): boolean =>
  a === b || (!!a && !!b && a.length === b.length && a.every((v, i) => v === b[i]));

function roundSig(v: number, round: (x: number) => number): number {
  const e = 10 ** (Math.floor(Math.log10(v)) - 1);
  return round(v / e) * e;
}

/**
 * Hysteresis for domains that move every frame (the current step's distributions): keep `prev` while
 * `next` fits inside it and still spans more than `minShare` of it; otherwise take `next`. Axes then
 * re-render only when the data outgrows or clearly shrinks inside them.
 */
export function stickyDomain(prev: readonly [number, number] | null | undefined, next: [number, number], minShare = 0.5): [number, number] {
  if (!prev) return next;
  const inside = next[0] >= prev[0] && next[1] <= prev[1];
  const span = prev[1] - prev[0];
  return inside && span > 0 && (next[1] - next[0]) / span > minShare ? [prev[0], prev[1]] : next;
}

/**
 * Hysteresis for a log axis of noisy values (a gradient norm per batch), in decades: keep `prev`
 * while `next` fits inside and spans more than `minShare` of it; when `next` pokes out, grow `prev` to
 * hold it as long as `next` still spans more than `minShare` of the union; otherwise take `next`.
 */
export function stickyLogDomain(prev: readonly [number, number] | null | undefined, next: [number, number], minShare = 0.5): [number, number] {
  if (!prev || !(prev[0] > 0) || !(prev[1] > prev[0]) || !(next[0] > 0) || !(next[1] > next[0])) return next;
  const lo = Math.min(prev[0], next[0]);
  const hi = Math.max(prev[1], next[1]);
  return Math.log10(next[1] / next[0]) / Math.log10(hi / lo) > minShare ? [lo, hi] : next;
}
