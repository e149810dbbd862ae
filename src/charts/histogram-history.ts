// Client-side history of the per-frame histograms, for the "Over time" heatmaps (TensorBoard's
// distribution-over-time view). One channel per (run, layer, stage) keeps at most `maxColumns`
// columns of counts on the session's shared bins. Columns are keyed by step: a frame with the step of
// the last column adds nothing (a re-sent frame while paused), a step that goes backwards means the
// session was reset and the channel starts again. When a channel is full, the adjacent pair spanning
// the fewest steps is merged (the weighted mean of the two columns, spanning both), so the columns
// stay about equally wide in steps however long training runs. When the bins change range
// (bins.version), every stored column is re-expressed on the new bins (histogram-reproject.ts).
import type { BinsFrame, Stage, TelemetryFrame } from '../telemetry/frame';
import { STAGES } from '../state/chart-inputs';
import { reprojectCounts } from '../state/chart-inputs';

export const DEFAULT_HISTORY_COLUMNS = 300;

export class HistogramChannel {
  lo = 0;
  hi = 1;
  bins = 0;
  version = 0;
  /** Number of columns stored. */
  length = 0;
  /** First and last step each column covers. */
  readonly stepStart: Float64Array;
  readonly stepEnd: Float64Array;
  /** How many frames each column averages. */
  readonly weight: Float64Array;
  /** Column c's counts are data[c * bins .. (c + 1) * bins). */
  private data = new Float32Array(0);
  private scratch = new Float32Array(0);

  constructor(readonly maxColumns = DEFAULT_HISTORY_COLUMNS) {
    if (!(Number.isInteger(maxColumns) && maxColumns >= 2)) throw new RangeError(`maxColumns must be an integer >= 2, got ${maxColumns}`);
    this.stepStart = new Float64Array(maxColumns);
    this.stepEnd = new Float64Array(maxColumns);
    this.weight = new Float64Array(maxColumns);
  }

  /** Counts of column c (a view, valid until the next add). */
  column(c: number): Float32Array {
    return this.data.subarray(c * this.bins, (c + 1) * this.bins);
  }

  clear(): void {
    this.length = 0;
  }

  /** Adds one frame's histogram; returns false when it changed nothing (same step as the last column). */
  add(step: number, hist: ArrayLike<number>, bins: BinsFrame): boolean {
    if (bins.version === 0 || bins.count < 1 || hist.length < bins.count) return false;
    if (bins.count !== this.bins) {
      this.bins = bins.count;
      this.data = new Float32Array(this.maxColumns * bins.count);
      this.scratch = new Float32Array(bins.count);
      this.length = 0;
    } else if (this.length > 0 && (bins.lo !== this.lo || bins.hi !== this.hi)) {
      this.reproject(bins.lo, bins.hi);
    }
    this.lo = bins.lo;
    this.hi = bins.hi;
    this.version = bins.version;
    if (this.length > 0) {
      const last = this.stepEnd[this.length - 1];
      if (step === last) return false;
      if (step < last) this.length = 0;
    }
    if (this.length === this.maxColumns) this.mergeNarrowestPair();
    const c = this.length++;
    this.stepStart[c] = step;
    this.stepEnd[c] = step;
    this.weight[c] = 1;
    const col = this.column(c);
    for (let i = 0; i < this.bins; i++) col[i] = hist[i];
    return true;
  }

  /** Re-expresses every stored column on [lo, hi] (same number of bins). */
  reproject(lo: number, hi: number): void {
    const B = this.bins;
    for (let c = 0; c < this.length; c++) {
      const col = this.column(c);
      reprojectCounts(col, this.lo, this.hi, this.scratch, lo, hi, B, B);
      col.set(this.scratch);
    }
    this.lo = lo;
    this.hi = hi;
  }

  /** Merges the adjacent pair covering the fewest steps (the oldest on ties) into one column. */
  mergeNarrowestPair(): void {
    if (this.length < 2) return;
    let best = 0;
    let bestSpan = Infinity;
    for (let c = 0; c + 1 < this.length; c++) {
      const span = this.stepEnd[c + 1] - this.stepStart[c];
      if (span < bestSpan) { bestSpan = span; best = c; }
    }
    const B = this.bins;
    const a = this.column(best);
    const b = this.column(best + 1);
    const wa = this.weight[best];
    const wb = this.weight[best + 1];
    const w = wa + wb;
    for (let i = 0; i < B; i++) a[i] = (a[i] * wa + b[i] * wb) / w;
    this.weight[best] = w;
    this.stepEnd[best] = this.stepEnd[best + 1];
    // Shift the later columns left by one.
    this.data.copyWithin((best + 1) * B, (best + 2) * B, this.length * B);
    this.stepStart.copyWithin(best + 1, best + 2, this.length);
    this.stepEnd.copyWithin(best + 1, best + 2, this.length);
    this.weight.copyWithin(best + 1, best + 2, this.length);
    this.length--;
  }

  /** The steps the columns cover: from before the first column to the end of the last (for the x axis). */
  stepDomain(): [number, number] | null {
    if (this.length === 0) return null;
    const end = this.stepEnd[this.length - 1];
    // The first column stands for the frames up to its end; give it the width of a typical column.
    const typical = this.length > 1 ? (end - this.stepEnd[0]) / (this.length - 1) : 1;
    const start = Math.min(this.stepStart[0], this.stepEnd[0] - typical);
    return [start, end];
  }
}

const key = (run: string, layer: number, stage: Stage) => `${run}\u0000${layer}\u0000${stage}`;

/** Every (run, layer, stage) channel of a session, fed with whole frames. */
export class HistogramHistory {
  private readonly channels = new Map<string, HistogramChannel>();
  private lastSeq = -1;
  private shape = '';

  constructor(readonly maxColumns = DEFAULT_HISTORY_COLUMNS) {}

  /** Adds a frame's histograms; returns whether any channel changed. */
  push(frame: TelemetryFrame): boolean {
    if (frame.seq === this.lastSeq) return false;
    this.lastSeq = frame.seq;
    // A different network (runs, layer sizes) starts every channel again.
    const shape = `${frame.runs.map((r) => `${r.id}:${r.layers.map((l) => l.units).join(',')}`).join(';')}|${frame.settings?.act ?? ''}`;
    if (frame.runs.length > 0 && shape !== this.shape) {
      this.channels.clear();
      this.shape = shape;
    }
    let changed = false;
    for (const run of frame.runs) {
      run.layers.forEach((layer, j) => {
        layer.stages.forEach((sf, s) => {
          const bins = frame.bins[j]?.[s];
          if (!sf || !bins) return;
          const k = key(run.id, j, STAGES[s]);
          let ch = this.channels.get(k);
          if (!ch) { ch = new HistogramChannel(this.maxColumns); this.channels.set(k, ch); }
          if (ch.add(frame.step, sf.hist, bins)) changed = true;
        });
      });
    }
    return changed;
  }

  channel(run: string, layer: number, stage: Stage): HistogramChannel | undefined {
    return this.channels.get(key(run, layer, stage));
  }

  clear(): void {
    this.channels.clear();
    this.shape = '';
    this.lastSeq = -1;
  }
}
