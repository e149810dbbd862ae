// A pinned run's last distribution on the "Now" histograms (issue #16): the saved record's histogram of
// the same layer and stage (state/run-record.ts SavedDistribution, on its own bins) re-expressed on the
// panel's shown bins, as shares of all its values (those outside its bins included), so that its outline
// reads on the same axes as the live runs'.
import type { PinnedEntry } from '../state/pins';
import type { SavedDistribution } from '../state/run-record';
import type { Stage } from '../telemetry/frame';
import { pinnedLineId } from './pinned-geometry';
import { reprojectKeepOverflow } from './histograms-geometry';

export interface PinnedDistribution {
  /** The pinned run's line id (./pinned-geometry.ts): the legend toggle of its lines hides this too. */
  id: string;
  runId: string;
  entry: string;
  dist: SavedDistribution;
}

/** The last distribution of `layer` at `stage` of every run of every pinned entry that has it. */
export function pinnedDistributions(entries: readonly PinnedEntry[], layer: number, stage: Stage): PinnedDistribution[] {
  const out: PinnedDistribution[] = [];
  for (const { key, record } of entries) {
    for (const run of record.runs) {
      const dist = run.distributions.find((d) => d.layer === layer && d.stage === stage);
      if (dist && dist.counts.length > 0) out.push({ id: pinnedLineId(key, run.id), runId: run.id, entry: record.name, dist });
    }
  }
  return out;
}

/**
 * The shares of a saved distribution on B equal bins from lo to hi, written into `out` (length >= B):
 * each bin's count over all the distribution's values (its own overflow and what falls off the shown
 * range count in the total, not in a bin). Returns the largest share (0 when there are no values).
 */
export function pinnedShares(d: SavedDistribution, lo: number, hi: number, B: number, out: Float64Array): number {
  reprojectKeepOverflow(d.counts, d.lo, d.hi, out, lo, hi, d.counts.length, B);
  let total = d.under + d.over;
  for (let i = 0; i < d.counts.length; i++) total += d.counts[i];
  let max = 0;
  for (let i = 0; i < B; i++) {
    out[i] = total > 0 ? out[i] / total : 0;
    if (out[i] > max) max = out[i];
  }
  return max;
}

/** One entry per pinned run that saved any distribution (the legend's pinned entries). */
export function pinnedOverlayRuns(entries: readonly PinnedEntry[]): { id: string; runId: string; entry: string }[] {
  return entries.flatMap(({ key, record }) => record.runs.filter((r) => r.distributions.length > 0)
    .map((r) => ({ id: pinnedLineId(key, r.id), runId: r.id, entry: record.name })));
}
