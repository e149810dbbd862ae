// Geometry of the activation-histogram panels: shares of a histogram, a y-axis maximum that moves in
// 1-2-5 steps (so the React-rendered axes change rarely), the niced step domain of a history.
import { scaleLinear } from 'd3-scale';

/** The smallest 1, 2, 2.5 or 5 x 10^k >= v (v > 0), else 1. */
export function niceCeil(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/** Counts as shares of their total (0 when empty), into `out`; returns the largest share. */
export function shares(hist: ArrayLike<number>, n: number, out: Float64Array): number {
  let total = 0;
  for (let i = 0; i < n; i++) { const c = hist[i]; if (c > 0) total += c; }
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = total > 0 && hist[i] > 0 ? hist[i] / total : 0;
    out[i] = v;
    if (v > max) max = v;
  }
  return max;
}

/** The step axis domain of a history panel: the covered steps, niced outward (d3) so it moves in tick steps. */
export function niceStepDomain(start: number, end: number, ticks = 5): [number, number] {
  if (!(end > start)) return [start - 1, start + 1];
  const d = scaleLinear().domain([start, end]).nice(ticks).domain();
  return [Math.max(0, d[0]), d[1]];
}

/** Format of a share on the y axis: 0%, 5%, 12.5%... */
export function formatShare(v: number): string {
  const p = v * 100;
  return `${Number.isInteger(p) ? p : +p.toPrecision(3)}%`;
}

/** Compact step labels: 950, 12k, 1.5M. */
export function formatStep(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toPrecision(3)}k`;
  return String(Math.round(v));
}

/**
 * The y maximum of a histogram panel with hysteresis: it grows at once to the 1-2-5 ceiling of what the
 * data needs, and shrinks only after the data has needed at most half of it for `patience` consecutive
 * updates (then to the data's own ceiling). So the axis changes only when the data needs it. Mutable
 * state per panel, no allocation per update.
 */
export class StickyMax {
  value = 0;
  private low = 0;

  constructor(readonly patience = 30) {}

  /** Takes the largest share of an update; returns the axis maximum to use. */
  update(needed: number): number {
    const want = niceCeil(needed);
    if (this.value === 0 || want > this.value) {
      this.value = want;
      this.low = 0;
    } else if (want <= this.value / 2) {
      if (++this.low >= this.patience) { this.value = want; this.low = 0; }
    } else this.low = 0;
    return this.value;
  }

  reset(): void {
    this.value = 0;
    this.low = 0;
  }
}

/**
 * Re-expresses counts over [srcLo, srcHi] on `dst`'s bins over [dstLo, dstHi] (values spread
 * uniformly inside each source bin), keeping the mass that falls outside the destination range apart:
 * it is returned as {under, over}, never added to the edge bins (which would draw it as a real spike).
 */
export function reprojectKeepOverflow(src: ArrayLike<number>, srcLo: number, srcHi: number, dst: Float64Array | Float32Array,
  dstLo: number, dstHi: number, srcBins = src.length, dstBins = dst.length): { under: number; over: number } {
  dst.fill(0, 0, dstBins);
  let under = 0;
  let over = 0;
  if (!(srcHi > srcLo && dstHi > dstLo) || dstBins < 1) return { under, over };
  const sw = (srcHi - srcLo) / srcBins;
  const dw = (dstHi - dstLo) / dstBins;
  for (let i = 0; i < srcBins; i++) {
    const c = src[i];
    if (!(c > 0)) continue;
    const a = srcLo + i * sw;
    const b = a + sw;
    const perUnit = c / sw;
    if (a < dstLo) under += perUnit * (Math.min(b, dstLo) - a);
    if (b > dstHi) over += perUnit * (b - Math.max(a, dstHi));
    const from = Math.max(0, Math.floor((a - dstLo) / dw));
    const to = Math.min(dstBins - 1, Math.floor((b - dstLo) / dw));
    for (let j = from; j <= to; j++) {
      const e0 = dstLo + j * dw;
      const overlap = Math.min(b, e0 + dw) - Math.max(a, e0);
      if (overlap > 0) dst[j] += perUnit * overlap;
    }
  }
  return { under, over };
}

/** The standard normal density. */
export const normalPdf = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** erf(x), Abramowitz and Stegun 7.1.26: absolute error below 1.5e-7. */
export function erf(x: number): number {
  const s = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}

/** The standard normal distribution function. */
export const normalCdf = (x: number): number => 0.5 * (1 + erf(x / Math.SQRT2));

/**
 * The N(0, 1) reference in a histogram's units: the expected share of values in a bin of width
 * `binWidth` centred on x, Phi(x + w/2) - Phi(x - w/2) (shares sum to 1 over all bins, so the batch's
 * count cancels). Exact whatever the width: about phi(x) w for narrow bins, never above 1 for wide ones.
 */
export const normalShare = (x: number, binWidth: number): number => normalCdf(x + binWidth / 2) - normalCdf(x - binWidth / 2);

/**
 * The text of an overflow marker: how many values fell outside the axis and where, from a template
 * such as "{n} values > {edge}" (the count rounded and grouped; a minus sign, not a hyphen).
 */
export function overflowText(count: number, edge: number, format: (v: number) => string, template: string): string {
  const n = Math.round(count).toLocaleString('en-US');
  const e = format(edge).replace(/^-/, '−');
  return template.replace('{n}', n).replace('{edge}', e);
}
