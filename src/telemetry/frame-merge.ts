// One telemetry frame from the parts the run groups built (coordinator.ts). Every part was built at
// the same step (the coordinator asks each group right after the same train() round), so the merge
// only has to put the runs in the session's order and bring the histograms onto shared bins.
//
// Shared bins: each group keeps StableBins over its own runs (histogram-bins.ts); the frame's bins for
// a (layer, stage) are the union of the groups' ranges, lo = min lo_g, hi = max hi_g, with the groups'
// bin count. A part on other bins is re-expressed on the union (histogram-reproject.ts, O(bins), so the
// merge costs nothing next to building the parts). The union's version goes up whenever its range
// changes, as StableBins' does, so the charts redraw their history.
// A part's values outside its own range stay counted against its own edges (StageFrame.overflowEdges):
// where they lie inside the union is unknown, so they are never spread into the union's bins.
import { reprojectCounts } from './histogram-reproject';
import type { BinsFrame, TelemetryFrame } from './frame';

export interface FrameHead {
  seq: number;
  status: string;
  notice: string | null;
  stepsPerSec: number;
  examplesPerSec: number;
}

export class FrameMerger {
  /** Per (layer, stage): the last union range and its version. */
  private union: ({ lo: number; hi: number; count: number; version: number } | null)[][] = [];

  /** Forget the ranges (a new session). */
  reset(): void {
    this.union = [];
  }

  /**
   * The frame of the whole session: `parts` in any order, runs ordered by `runOrder`; the head's
   * fields replace the parts' own (sequence, status, rates).
   */
  merge(parts: TelemetryFrame[], runOrder: readonly string[], head: FrameHead): TelemetryFrame {
    if (parts.length === 0) throw new RangeError('no frame parts to merge');
    const first = parts[0];
    const order = (id: string) => { const i = runOrder.indexOf(id); return i < 0 ? runOrder.length : i; };
    const bins = this.mergeBins(parts);
    const runs = parts.flatMap((p, k) => p.runs.map((r) => ({ r, k }))).sort((a, b) => order(a.r.id) - order(b.r.id));
    for (const { r, k } of runs) {
      const own = parts[k].bins;
      r.layers.forEach((layer, j) => layer.stages.forEach((sf, s) => {
        const from = own[j]?.[s];
        const to = bins[j]?.[s];
        if (!sf || !from || !to || (from.lo === to.lo && from.hi === to.hi && from.count === to.count)) return;
        const hist = new Float32Array(to.count);
        reprojectCounts(sf.hist, from.lo, from.hi, hist, to.lo, to.hi);
        sf.hist = hist;
      }));
    }
    const details = parts.map((p) => p.bnDetail).filter((d) => d !== null).sort((a, b) => order(a.run) - order(b.run));
    const scapes = parts.map((p) => p.landscape).filter((l) => l !== null);
    return {
      ...head,
      step: Math.max(...parts.map((p) => p.step)),
      epoch: Math.max(...parts.map((p) => p.epoch)),
      settings: first.settings,
      bins,
      runs: runs.map(({ r }) => r),
      bnDetail: details[0] ?? null,
      landscape: scapes.length === 0 ? null : {
        every: scapes[0].every,
        etaMultiples: scapes[0].etaMultiples,
        runs: scapes.flatMap((l) => l.runs).sort((a, b) => order(a.id) - order(b.id)),
        // The groups measure side by side: the session waits for the slowest, so the cost is theirs.
        cost: {
          measurements: Math.max(...scapes.map((l) => l.cost.measurements)),
          msEach: maxFinite(scapes.map((l) => l.cost.msEach)),
          fraction: maxFinite(scapes.map((l) => l.cost.fraction)),
        },
      },
    };
  }

  private mergeBins(parts: TelemetryFrame[]): (BinsFrame | null)[][] {
    const layers = Math.max(...parts.map((p) => p.bins.length));
    return Array.from({ length: layers }, (_, j) => {
      const stages = Math.max(...parts.map((p) => p.bins[j]?.length ?? 0));
      this.union[j] ??= [];
      return Array.from({ length: stages }, (_, s): BinsFrame | null => {
        // A group without a range yet (version 0) has counted nothing into it: it does not vote.
        const ranges = parts.map((p) => p.bins[j]?.[s]).filter((b): b is BinsFrame => !!b && b.version > 0);
        const anyBins = parts.some((p) => !!p.bins[j]?.[s]);
        if (!anyBins) return null;
        const prev = this.union[j][s] ?? null;
        if (ranges.length === 0) return prev ?? { lo: 0, hi: 1, count: parts.find((p) => p.bins[j]?.[s])!.bins[j][s]!.count, version: 0 };
        const lo = Math.min(...ranges.map((b) => b.lo));
        const hi = Math.max(...ranges.map((b) => b.hi));
        const count = Math.max(...ranges.map((b) => b.count));
        const next = prev && prev.lo === lo && prev.hi === hi && prev.count === count
          ? prev
          : { lo, hi, count, version: (prev?.version ?? 0) + 1 };
        this.union[j][s] = next;
        return { ...next };
      });
    });
  }
}

function maxFinite(values: number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  return finite.length === 0 ? NaN : Math.max(...finite);
}
