// What the "Now" histograms draw from, as a number that changes only when it changed: the worker
// refreshes the histograms every few frames (STATS_EVERY in telemetry/frame.ts) and sends copies in
// between, so most frames would redraw nine panels of the same bars. A frame's bins, counts and
// overflow are compared with a copy of the last ones (a few hundred numbers, no allocation once the
// copy fits); useFrameDraw's key skips the draw while the number holds.
import type { TelemetryFrame } from '../telemetry/frame';

export class HistogramsSignature {
  private values = new Float64Array(256);
  private length = 0;
  private ids: string[] = [];
  private k = 0;
  private changed = false;
  /** Increments whenever the frame's histogram inputs differ from the previous call's. */
  version = 0;

  of(frame: TelemetryFrame): number {
    this.k = 0;
    this.changed = frame.runs.length !== this.ids.length || frame.runs.some((r, i) => r.id !== this.ids[i]);
    if (this.changed) this.ids = frame.runs.map((r) => r.id);
    for (const row of frame.bins) {
      for (const b of row) {
        if (!b) { this.put(NaN); continue; }
        this.put(b.lo); this.put(b.hi); this.put(b.count); this.put(b.version);
      }
    }
    for (const run of frame.runs) {
      for (const layer of run.layers) {
        for (const sf of layer.stages) {
          if (!sf) { this.put(NaN); continue; }
          this.put(sf.under); this.put(sf.over); this.put(sf.overflowEdges[0]); this.put(sf.overflowEdges[1]);
          const h = sf.hist;
          this.put(h.length);
          for (let i = 0; i < h.length; i++) this.put(h[i]);
        }
      }
    }
    if (this.k !== this.length) this.changed = true;
    this.length = this.k;
    if (this.changed) this.version++;
    return this.version;
  }

  private put(v: number): void {
    if (this.k === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    if (!this.changed && !Object.is(this.values[this.k], v)) this.changed = true;
    this.values[this.k++] = v;
  }
}
