// Geometry of the loss chart: smoothed training curves per run (reused buffers) and the axis domains
// (steps; loss: full extent or the 1st-99th percentiles of the visible values, linear or log).
import { pinnedLastStep, type PinnedLine } from './pinned-geometry';
import type { TelemetryFrame } from '../telemetry/frame';
import { debiasedEma } from './ema';
import { ValuePool, niceDomain, stepDomain, type YWindow } from './y-domain';

export interface LossOptions { smoothing: number; log: boolean; ignoreOutliers: boolean }
export interface LossDomains { x: [number, number]; y: [number, number] }

/** Per-run smoothed losses, kept between draws so smoothing allocates only when a series grows. */
export class LossSmoother {
  private readonly bufs = new Map<string, Float32Array>();
  readonly pool = new ValuePool();

  /** The curve of run `id` as the last domains() (or smoothed()) call computed it. */
  last(id: string): Float32Array | undefined { return this.bufs.get(id); }

  smoothed(id: string, y: Float32Array, weight: number): Float32Array {
    const out = debiasedEma(y, weight, y.length, this.bufs.get(id));
    this.bufs.set(id, out);
    return out;
  }

  /** Smooths every run (into the buffers) and returns the domains, of the runs not in `hidden` (legend toggles), within the zoomed steps `window`. */
  domains(frame: TelemetryFrame, o: LossOptions, hidden?: ReadonlySet<string>, window: YWindow = null, pinned: readonly PinnedLine[] = []): LossDomains {
    const pool = this.pool;
    pool.reset();
    // Pinned runs (./pinned-geometry.ts): drawn smoothed as the live ones are, so their curves count.
    for (const l of pinned) {
      const s = this.smoothed(l.id, l.y, o.smoothing);
      if (hidden?.has(l.id)) continue;
      pool.addSeries(o.smoothing > 0 ? { x: l.x, y: s } : l, window, o.log, l.y.length);
    }
    for (const run of frame.runs) {
      const n = run.loss.y.length;
      const s = this.smoothed(run.id, run.loss.y, o.smoothing);
      if (hidden?.has(run.id)) continue;
      pool.addSeries(run.loss, window, o.log, n);
      if (o.smoothing > 0) pool.addSeries({ x: run.loss.x, y: s }, window, o.log, n);
      pool.addSeries(run.testLoss, window, o.log);
    }
    const extent = o.ignoreOutliers ? pool.domain(0.01, 0.99) : pool.domain();
    return { x: stepDomain(Math.max(frame.step, pinnedLastStep(pinned))), y: niceDomain(extent, o.log, !o.log && !o.ignoreOutliers) };
  }
}
