// Keys of a chart's inputs (useFrameDraw's `key`): a chart whose key did not change since it last drew
// is not drawn again. A series is keyed by its length and its last point (BoundedSeries only ever
// appends to the end or halves, which changes the length), so a key costs a few reads per series.
import type { SeriesColumns } from '../telemetry/bounded-series';
import type { TelemetryFrame } from '../telemetry/frame';
import { stepDomain } from './y-domain';

/** Appends the signature of `cols` (length, last x, last y; NaN-safe through Object.is) to `out`. */
export function pushSeriesKey(out: number[], cols: SeriesColumns | null | undefined): void {
  if (!cols) { out.push(-1); return; }
  const n = cols.y.length;
  out.push(n, n ? cols.x[n - 1] : 0, n ? cols.y[n - 1] : 0);
}

/** The step axis and, per run, its id's position and divergence: what every step chart depends on besides its series. */
export function baseKey(frame: TelemetryFrame): number[] {
  const out = [stepDomain(frame.step)[1], frame.runs.length];
  for (const r of frame.runs) out.push(r.divergedAt ?? -1);
  return out;
}
