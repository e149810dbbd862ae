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
