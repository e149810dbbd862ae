// Geometry of the batch renorm chart: its two panels (the limits rmax and dmax; the shares of units
// whose r or d sat at a limit), the saved series each draws (export.ts names, for pinned runs), and the
// limits panel's y domain over the live run and the shown pinned lines.
import type { RenormFrame, RunFrame, TelemetryFrame } from '../telemetry/frame-format';
import type { SeriesColumns } from '../telemetry/bounded-series';
import { addPinnedValues, type PinnedLine } from './pinned-geometry';
import { niceDomain, type ValuePool, type YWindow } from './y-domain';

export interface RenormPanel {
  /** The r-side series (drawn as a line) and the d-side series (light, with dots) of the live frame. */
  r: (rn: RenormFrame) => SeriesColumns;
  d: (rn: RenormFrame) => SeriesColumns;
  /** The same two series' names in a saved record (state/export.ts frameSeries). */
  saved: { r: string; d: string };
}

export const RENORM_PANELS: readonly [RenormPanel, RenormPanel] = [
  { r: (rn) => rn.rmax, d: (rn) => rn.dmax, saved: { r: 'renormRmax', d: 'renormDmax' } },
  { r: (rn) => rn.clippedR, d: (rn) => rn.clippedD, saved: { r: 'renormClippedR', d: 'renormClippedD' } },
];

export const RENORM_SERIES_NAMES: readonly string[] = RENORM_PANELS.flatMap((p) => [p.saved.r, p.saved.d]);

/** The live runs with a renorm part (batch renorm, and its variants with their own settings), in the frame's order. */
export function renormRuns(frame: Pick<TelemetryFrame, 'runs'>): (RunFrame & { renorm: RenormFrame })[] {
  return frame.runs.filter((r): r is RunFrame & { renorm: RenormFrame } => r.renorm !== null && r.renorm !== undefined);
}

/** The limits panel's domain: from 0 to at least 1, over the shown live runs' rmax and dmax and the shown pinned ones. */
export function renormLimitDomain(live: readonly RenormFrame[], pinned: readonly PinnedLine[], pool: ValuePool, hidden: ReadonlySet<string>, window: YWindow): [number, number] {
  pool.reset();
  for (const rn of live) { pool.addSeries(rn.rmax, window); pool.addSeries(rn.dmax, window); }
  addPinnedValues(pool, pinned, hidden, window, false);
  const lim = niceDomain(pool.domain() ?? [0, 1]);
  return [0, Math.max(lim[1], 1)];
}
