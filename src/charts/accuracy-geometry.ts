// Geometry of the test accuracy chart: which series each run draws (evaluation mode with running
// statistics, or each test batch's own statistics for batch-norm runs) and the y domain [lo, 1].
import { addPinnedValues, pinnedLastStep, type PinnedLine } from './pinned-geometry';
import type { SeriesColumns } from '../telemetry/bounded-series';
import type { RunFrame, TelemetryFrame } from '../telemetry/frame';
import { ValuePool, stepDomain, type YFilter } from './y-domain';

export type BnStats = 'running' | 'batch';

/** The accuracy series run draws in this mode, and the other one (the "gap" reference), if any. */
export function accuracySeries(run: RunFrame, mode: BnStats): { main: SeriesColumns; other: SeriesColumns | null } {
  const batch = run.testAccBatchStats;
  if (!batch) return { main: run.testAcc, other: null };
  return mode === 'batch' ? { main: batch, other: run.testAcc } : { main: run.testAcc, other: batch };
}

/** x: steps; y: [floor of the lowest accuracy to 0.1, 1]. */
export function accuracyDomains(frame: TelemetryFrame, pool = new ValuePool(), f: YFilter = {}, pinned: readonly PinnedLine[] = []): { x: [number, number]; y: [number, number] } {
  pool.reset();
  addPinnedValues(pool, pinned, f.hidden, f.window ?? null, false);
  for (const r of frame.runs) {
    if (f.hidden?.has(r.id)) continue;
    pool.addSeries(r.testAcc, f.window);
    if (r.testAccBatchStats) pool.addSeries(r.testAccBatchStats, f.window);
  }
  const d = pool.domain();
  const lo = d ? Math.max(0, Math.floor(d[0] * 10 - 1e-9) / 10) : 0;
  return { x: stepDomain(Math.max(frame.step, pinnedLastStep(pinned))), y: [Math.min(lo, 0.9), 1] };
}
