// Geometry of the layer mean/variance chart: the small-multiples grid (one row per layer, columns
// mean and variance), the y domain of each panel over every run and kind (before the norm, after it,
// the running estimate), and the per-unit scatter domain (running vs batch statistics).
import type { SeriesColumns } from '../telemetry/bounded-series';
import type { LayerFrame, TelemetryFrame } from '../telemetry/frame';
import { ValuePool, niceDomain, type YFilter } from './y-domain';
import { addPinnedValues, type PinnedLine } from './pinned-geometry';
import { layerSeriesKey } from './pinned-layers';

export interface Rect { x: number; y: number; width: number; height: number }

/** Panel rectangles: panels[layer][column], rows of rowHeight with `gap` between them and the columns. */
export function gridLayout(width: number, rows: number, cols: number, rowHeight: number, gap: number): Rect[][] {
  const cw = Math.max(0, (width - gap * (cols - 1)) / cols);
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => ({
    x: Math.round(c * (cw + gap)), y: r * (rowHeight + gap), width: Math.floor(cw), height: rowHeight,
  })));
}

export type MomentKind = 'z' | 'norm' | 'running';
export const MOMENT_KINDS: readonly MomentKind[] = ['z', 'norm', 'running'];

/** The series of a kind for the mean (column 0) or the variance (column 1) of a layer. */
export function momentSeries(layer: LayerFrame, column: 0 | 1, kind: MomentKind): SeriesColumns | null {
  const m = layer.moments;
  if (kind === 'z') return column === 0 ? m.zMean : m.zVar;
  if (kind === 'norm') return column === 0 ? m.normMean : m.normVar;
  return column === 0 ? m.runningMean : m.runningVar;
}

/** The saved series (state/export.ts's names) of a kind, for the mean and the variance. */
export const MOMENT_SERIES: Record<MomentKind, readonly [string, string]> = {
  z: ['zMean', 'zVar'], norm: ['normMean', 'normVar'], running: ['runningMean', 'runningVar'],
};
export const MOMENT_SERIES_NAMES: readonly string[] = MOMENT_KINDS.flatMap((k) => MOMENT_SERIES[k]);

/** The pinned lines (./pinned-layers.ts groups) of a kind in panel [layer][column]. */
export function pinnedMoment(groups: ReadonlyMap<string, readonly PinnedLine[]>, layer: number, column: 0 | 1, kind: MomentKind): readonly PinnedLine[] {
  return groups.get(layerSeriesKey(MOMENT_SERIES[kind][column], layer)) ?? [];
}

/** y domains [layer][column]: linear for means, log (decades) for variances. */
export function momentDomains(frame: TelemetryFrame, pool = new ValuePool(), f: YFilter = {},
  pinned: ReadonlyMap<string, readonly PinnedLine[]> = new Map()): [number, number][][] {
  const L = frame.runs[0]?.layers.length ?? 0;
  return Array.from({ length: L }, (_, j) => ([0, 1] as const).map((c) => {
    pool.reset();
    for (const k of MOMENT_KINDS) addPinnedValues(pool, pinnedMoment(pinned, j, c, k), f.hidden, f.window ?? null, c === 1);
    for (const r of frame.runs) {
      const layer = r.layers[j];
      if (!layer || f.hidden?.has(r.id)) continue;
      for (const k of MOMENT_KINDS) { const s = momentSeries(layer, c, k); if (s) pool.addSeries(s, f.window, c === 1); }
    }
    return niceDomain(pool.domain(), c === 1);
  }));
}

/** One domain for both axes of a per-unit scatter of a and b (so y = x is the diagonal). */
export function scatterDomain(a: ArrayLike<number>, b: ArrayLike<number>, pool = new ValuePool()): [number, number] {
  pool.reset();
  pool.add(a);
  pool.add(b);
  return niceDomain(pool.domain());
}
