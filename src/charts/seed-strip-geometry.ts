// Geometry of the strip plot of a multi-seed experiment: one column per run kind, one dot per seed
// (its test accuracy), the median as a bar across the column, and a thin line between the dots of the
// same seed in neighbouring columns (the paired comparison: the runs of a seed share weights and
// batches). Dots are spread sideways by the seed's rank among all seeds, the same in every column,
// so a seed's paired line runs level in x and its dots never sit on top of one another. A diverged run
// has no accuracy: its dot goes on the bottom edge, marked as diverged.
import { scaleLinear } from 'd3-scale';
import { median } from '../state/chart-inputs';

export interface StripPoint { run: string; seed: number; acc: number | null }

export interface StripBox { width: number; height: number; left: number; right: number; top: number; bottom: number }

export interface StripDot { run: string; seed: number; x: number; y: number; acc: number | null; diverged: boolean }

export interface StripColumn { run: string; x: number; half: number; median: number | null; medianY: number | null; count: number }

export interface StripPair { seed: number; from: string; to: string; x1: number; y1: number; x2: number; y2: number; up: boolean }

export interface StripLayout {
  yDomain: [number, number];
  columns: StripColumn[];
  dots: StripDot[];
  pairs: StripPair[];
}

/** [0, 1], or the accuracies' range widened to multiples of 5% (at least 10% tall). */
export function stripYDomain(values: readonly number[], zoom: boolean): [number, number] {
  if (!zoom || values.length === 0) return [0, 1];
  let lo = Math.max(0, Math.floor((Math.min(...values) - 0.005) * 20) / 20);
  let hi = Math.min(1, Math.ceil((Math.max(...values) + 0.005) * 20) / 20);
  if (hi - lo < 0.1) {
    if (hi >= 1) lo = Math.max(0, hi - 0.1); else hi = Math.min(1, lo + 0.1);
  }
  return [lo, hi];
}

export function stripLayout(points: readonly StripPoint[], runs: readonly string[], box: StripBox, zoom = true): StripLayout {
  const finished = points.filter((p) => p.acc !== null && Number.isFinite(p.acc)).map((p) => p.acc!);
  const yDomain = stripYDomain(finished, zoom);
  const y = scaleLinear().domain(yDomain).range([box.height - box.bottom, box.top]).clamp(true);
  const inner = box.width - box.left - box.right;
  const step = runs.length ? inner / runs.length : inner;
  const seeds = [...new Set(points.map((p) => p.seed))].sort((a, b) => a - b);
  const half = Math.min(step * 0.3, 60);
  // sideways offset of a seed: its rank spread over [-half, half]
  const offset = (seed: number) => (seeds.length > 1 ? -half + (2 * half * seeds.indexOf(seed)) / (seeds.length - 1) : 0);
  const columns: StripColumn[] = runs.map((run, i) => {
    const accs = points.filter((p) => p.run === run && p.acc !== null).map((p) => p.acc!);
    const m = accs.length ? median(accs) : null;
    return { run, x: box.left + step * (i + 0.5), half, median: m, medianY: m === null ? null : y(m), count: points.filter((p) => p.run === run).length };
  });
  const xOf = new Map(columns.map((c) => [c.run, c.x]));
  const dots: StripDot[] = points.filter((p) => xOf.has(p.run)).map((p) => ({
    run: p.run, seed: p.seed, acc: p.acc, diverged: p.acc === null,
    x: xOf.get(p.run)! + offset(p.seed), y: p.acc === null ? box.height - box.bottom : y(p.acc),
  }));
  const pairs: StripPair[] = [];
  for (let i = 0; i + 1 < runs.length; i++) {
    for (const seed of seeds) {
      const a = dots.find((d) => d.run === runs[i] && d.seed === seed);
      const b = dots.find((d) => d.run === runs[i + 1] && d.seed === seed);
      if (!a || !b) continue;
      pairs.push({ seed, from: a.run, to: b.run, x1: a.x, y1: a.y, x2: b.x, y2: b.y, up: (b.acc ?? -1) > (a.acc ?? -1) });
    }
  }
  return { yDomain, columns, dots, pairs };
}
