// Geometry of the sweep chart: a log2 batch axis with a tick at every batch size of the sweep, an
// accuracy axis from 0 to 1 or zoomed to the data (in steps of 5%), and the SVG path of a series.
import { line } from 'd3-shape';
import type { SweepSeries } from '../runtime/sweep/results';

/** The x domain: the sweep's smallest and largest batch, a quarter of a doubling of room on each side. */
export function sweepXDomain(batches: readonly number[]): [number, number] {
  const lo = batches.length ? Math.min(...batches) : 2;
  const hi = batches.length ? Math.max(...batches) : 128;
  return [lo / 2 ** 0.25, hi * 2 ** 0.25];
}

/** Tick values: every batch size of the sweep, ascending. */
export function sweepXTicks(batches: readonly number[]): number[] {
  return [...new Set(batches)].sort((a, b) => a - b);
}

/** [0, 1], or with `zoom` the accuracies' range widened to multiples of 5% (at least 10% tall). */
export function sweepYDomain(series: readonly SweepSeries[], zoom: boolean): [number, number] {
  const values = series.flatMap((s) => s.points.filter((p) => !p.diverged && Number.isFinite(p.acc)).map((p) => p.acc));
  if (!zoom || values.length === 0) return [0, 1];
  let lo = Math.max(0, Math.floor((Math.min(...values) - 0.01) * 20) / 20);
  let hi = Math.min(1, Math.ceil((Math.max(...values) + 0.01) * 20) / 20);
  if (hi - lo < 0.1) {
    if (hi >= 1) lo = Math.max(0, hi - 0.1); else hi = Math.min(1, lo + 0.1);
  }
  return [lo, hi];
}

/** The SVG path through a series' points (diverged ones left out), or null with none to draw. */
export function sweepPath(points: SweepSeries['points'], x: (b: number) => number, y: (a: number) => number): string | null {
  const drawn = points.filter((p) => !p.diverged && Number.isFinite(p.acc));
  if (drawn.length === 0) return null;
  return line<SweepSeries['points'][number]>().x((p) => x(p.batch)).y((p) => y(p.acc))(drawn);
}
