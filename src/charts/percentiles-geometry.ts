// Geometry of the percentiles chart: the layer shown by default, the shared y domain of the 15/50/85th
// percentile bands of a layer across runs, and of the nine-point distributions of a stage.
import type { Stage, TelemetryFrame } from '../telemetry/frame';
import { STAGES } from '../state/chart-inputs';
import { baseKey, pushSeriesKey } from './frame-key';
import { ValuePool, niceDomain, stepDomain, type YFilter } from './y-domain';
import { addPinnedValues, pinnedLastStep, type PinnedLine } from './pinned-geometry';
import { layerSeriesKey } from './pinned-layers';

/** TensorBoard's distribution percentiles (as in StageFrame.distribution). */
export const DISTRIBUTION_PERCENTILES = [0, 6.68, 15.87, 30.85, 50, 69.15, 84.13, 93.32, 100] as const;

/** The number of hidden layers in the frame (0 before data). */
export const layerCount = (frame: TelemetryFrame): number => frame.runs[0]?.layers.length ?? 0;

/** The layer to show: the chosen one if it exists, else the last hidden layer. */
export function shownLayer(chosen: number | null, count: number): number {
  return chosen !== null && chosen >= 0 && chosen < count ? chosen : Math.max(0, count - 1);
}

/** The saved band series (state/export.ts's names), lowest first. */
export const BAND_SERIES = ['p15', 'p50', 'p85'] as const;

/** The pinned lines of `layer`'s bands (./pinned-layers.ts groups): p15, p50, p85. */
export function pinnedBands(groups: ReadonlyMap<string, readonly PinnedLine[]>, layer: number): (readonly PinnedLine[])[] {
  return BAND_SERIES.map((s) => groups.get(layerSeriesKey(s, layer)) ?? []);
}

/**
 * x: steps up to the last one trained or pinned (or `end` of it: the axis's units for that step, e.g.
 * examples seen); y: the range of p15..p85 of `layer` over every run and the `pinned` bands (shared by
 * the per-run panels).
 */
export function bandDomains(frame: TelemetryFrame, layer: number, pool = new ValuePool(), f: YFilter = {},
  pinned: readonly (readonly PinnedLine[])[] = [], end: (step: number) => number = (s) => s): { x: [number, number]; y: [number, number] } {
  pool.reset();
  let last = 0;
  for (const lines of pinned) { addPinnedValues(pool, lines, f.hidden, f.window ?? null, false); last = Math.max(last, pinnedLastStep(lines)); }
  for (const r of frame.runs) {
    const b = r.layers[layer]?.bands;
    if (!b || f.hidden?.has(r.id)) continue;
    pool.addSeries(b.p15, f.window);
    pool.addSeries(b.p85, f.window);
  }
  return { x: stepDomain(end(Math.max(frame.step, last))), y: niceDomain(pool.domain()) };
}

/** The y domain of stage `stage` of `layer` over every run's nine-point distribution (null: no data). */
export function distributionDomain(frame: TelemetryFrame, layer: number, stage: Stage, pool = new ValuePool(), hidden?: ReadonlySet<string>): [number, number] | null {
  pool.reset();
  const s = STAGES.indexOf(stage);
  for (const r of frame.runs) {
    if (hidden?.has(r.id)) continue;
    const st = r.layers[layer]?.stages[s];
    if (st) pool.add(st.distribution);
  }
  return pool.n ? niceDomain(pool.domain()) : null;
}

/** Nested ranges of the nine points, outermost first: [lo index, hi index, opacity]. */
export const DISTRIBUTION_BANDS: readonly [number, number, number][] = [[0, 8, 0.15], [1, 7, 0.25], [2, 6, 0.35], [3, 5, 0.5]];

/**
 * The draw key of the Percentiles view (useFrameDraw): the step axis, the layers, and per run the
 * shown layer's band series and its stages' nine-point distributions. Bands grow every few steps and
 * a paused session changes nothing: while the key holds the view is not drawn and does not re-render.
 */
export function percentilesKey(frame: TelemetryFrame, chosen: number | null): number[] {
  const k = baseKey(frame);
  const L = layerCount(frame);
  const j = shownLayer(chosen, L);
  k.push(L, j);
  for (const r of frame.runs) {
    const l = r.layers[j];
    if (!l) { k.push(-2); continue; }
    pushSeriesKey(k, l.bands.p15);
    pushSeriesKey(k, l.bands.p50);
    pushSeriesKey(k, l.bands.p85);
    for (const st of l.stages) {
      if (!st) { k.push(-1); continue; }
      for (let i = 0; i < st.distribution.length; i++) k.push(st.distribution[i]);
    }
  }
  return k;
}
