// Geometry of the sweep chart over seeds: per norm (and batch norm once more with batch statistics),
// at each batch size the median of the seeds' final test accuracy and the range from the worst seed
// to the best; the median as a line through points, the range as a band (a D3 area). A diverged run
// is left out of its cell and counted.
import { area, line } from 'd3-shape';
import type { NormKind } from '../state/chart-inputs';
import type { SweepResult } from '../runtime/sweep/run-job';
import { summarize } from '../state/chart-inputs';

export type BandSeriesId = 'plain' | 'batch' | 'layer' | 'renorm' | 'group' | 'batch-stats';

export interface BandPoint { batch: number; median: number; min: number; max: number; n: number; diverged: number }

export interface BandSeries { id: BandSeriesId; norm: NormKind; points: BandPoint[] }

const ID: Record<NormKind, BandSeriesId> = { none: 'plain', batch: 'batch', layer: 'layer', renorm: 'renorm', group: 'group' };
const NORMS: readonly NormKind[] = ['none', 'batch', 'layer', 'renorm', 'group'];

function points(rs: readonly SweepResult[], pick: (r: SweepResult) => number | null): BandPoint[] {
  const batches = [...new Set(rs.map((r) => r.batch))].sort((a, b) => a - b);
  const out: BandPoint[] = [];
  for (const batch of batches) {
    const cell = rs.filter((r) => r.batch === batch);
    const values = cell.filter((r) => r.divergedAt === null).map(pick).filter((v): v is number => v !== null && Number.isFinite(v));
    if (values.length === 0) continue;
    const s = summarize(values);
    out.push({ batch, median: s.median, min: s.min, max: s.max, n: values.length, diverged: cell.filter((r) => r.divergedAt !== null).length });
  }
  return out;
}

/** One series per norm present, plus batch norm with batch statistics; points by ascending batch. */
export function bandSeries(results: readonly SweepResult[]): BandSeries[] {
  const out: BandSeries[] = [];
  for (const norm of NORMS) {
    const mine = results.filter((r) => r.norm === norm);
    if (mine.length === 0) continue;
    out.push({ id: ID[norm], norm, points: points(mine, (r) => r.testAcc) });
    if (norm === 'batch') {
      const bs = points(mine, (r) => r.testAccBatchStats);
      if (bs.length) out.push({ id: 'batch-stats', norm, points: bs });
    }
  }
  return out;
}

/** Seeds among the results. */
export function seedCount(results: readonly SweepResult[]): number {
  return new Set(results.map((r) => r.seed)).size;
}

/** The band's SVG path (min to max over the batch axis), or null with no point. */
export function bandPath(ps: readonly BandPoint[], x: (b: number) => number, y: (a: number) => number): string | null {
  if (ps.length === 0) return null;
  return area<BandPoint>().x((p) => x(p.batch)).y0((p) => y(p.min)).y1((p) => y(p.max))(ps);
}

/** The median's SVG path, or null with no point. */
export function medianPath(ps: readonly BandPoint[], x: (b: number) => number, y: (a: number) => number): string | null {
  if (ps.length === 0) return null;
  return line<BandPoint>().x((p) => x(p.batch)).y((p) => y(p.median))(ps);
}

/** [0, 1], or with `zoom` the bands' range widened to multiples of 5% (at least 10% tall). */
export function bandYDomain(series: readonly BandSeries[], zoom: boolean): [number, number] {
  const values = series.flatMap((s) => s.points.flatMap((p) => [p.min, p.max]));
  if (!zoom || values.length === 0) return [0, 1];
  let lo = Math.max(0, Math.floor((Math.min(...values) - 0.01) * 20) / 20);
  let hi = Math.min(1, Math.ceil((Math.max(...values) + 0.01) * 20) / 20);
  if (hi - lo < 0.1) {
    if (hi >= 1) lo = Math.max(0, hi - 0.1); else hi = Math.min(1, lo + 0.1);
  }
  return [lo, hi];
}
