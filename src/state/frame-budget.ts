// Adaptive telemetry pacing, so that training at full speed never makes the page stutter. On a machine
// whose cores are all busy training (two run workers on two cores), the compositor gets too little CPU
// and the page misses animation frames. A FrameBudget watches the gaps between animation frames while
// training and tells the frame pump to wait longer between telemetry frames when too many are late
// (each telemetry frame costs a redraw of the charts on screen and a commit to the compositor), and to
// come back towards the trainer's own rate (20 a second) once frames are on time again.
// It also acts before frames are missed: the frame pump measures the main thread's work for each
// telemetry frame (handing it to the charts, their drawing, and the style, layout and paint of the
// animation frame that shows it; see ./frame-pump.ts) and reports it with recordWork(). The pump then
// waits long enough that this work stays under `maxWorkShare` of the main thread's time, leaving the
// rest to input, the compositor and frames that must not be late.

export interface FrameBudgetOptions {
  /** Frames per verdict. */
  window: number;
  /** A gap longer than this (ms) is a missed frame (1.5 vsync at 60 Hz). */
  lateAboveMs: number;
  /** A window with a larger share of late frames slows the pump down by `slowStepMs`. */
  slowDownAbove: number;
  slowStepMs: number;
  /** This many windows in a row without a late frame speed it up by `fastStepMs`. */
  calmWindows: number;
  fastStepMs: number;
  /** The extra wait stays between 0 and this (ms). */
  maxMs: number;
  /** Largest share of the main thread's time the telemetry's work may take. */
  maxWorkShare: number;
  /** Weight of the newest work measurement in its moving average (0..1]. */
  workWeight: number;
  /** The animation frame the pump waits for anyway (ms). */
  vsyncMs: number;
}

export const DEFAULT_FRAME_BUDGET: FrameBudgetOptions = {
  window: 30, lateAboveMs: 25, slowDownAbove: 0.05, slowStepMs: 50, calmWindows: 4, fastStepMs: 25, maxMs: 100,
  maxWorkShare: 0.4, workWeight: 0.25, vsyncMs: 1000 / 60,
};

export class FrameBudget {
  private frames = 0;
  private late = 0;
  private calm = 0;
  private extra = 0;
  private work = NaN;

  constructor(private readonly options: FrameBudgetOptions = DEFAULT_FRAME_BUDGET) {}

  /** One gap between two animation frames (ms). Gaps over a second (a hidden tab) are not counted. */
  record(gapMs: number): void {
    if (!(gapMs > 0) || gapMs > 1000) return;
    const o = this.options;
    this.frames++;
    if (gapMs > o.lateAboveMs) this.late++;
    if (this.frames < o.window) return;
    // quick to slow down, slow to speed up again: no see-saw around the limit
    if (this.late / this.frames > o.slowDownAbove) {
      this.extra = Math.min(o.maxMs, this.extra + o.slowStepMs);
      this.calm = 0;
    } else if (this.late > 0) {
      this.calm = 0; // a late frame or two: keep the wait, and start counting calm windows again
    } else if (++this.calm >= o.calmWindows) {
      this.extra = Math.max(0, this.extra - o.fastStepMs);
      this.calm = 0;
    }
    this.frames = 0;
    this.late = 0;
  }

  /** The main thread's milliseconds for one telemetry frame (measured by the frame pump). */
  recordWork(ms: number): void {
    if (!(ms >= 0) || ms > 10_000) return;
    const w = this.options.workWeight;
    this.work = this.work === this.work ? (1 - w) * this.work + w * ms : ms;
  }

  /** The moving average of recordWork() (ms), NaN before the first. */
  get workMs(): number {
    return this.work;
  }

  /**
   * How long (ms) the frame pump waits, beyond the next animation frame, before asking for a frame:
   * the larger of the wait late frames asked for, and the wait that keeps the telemetry's work under
   * maxWorkShare (work / (work + vsync + wait) <= share), both at most maxMs.
   */
  get delayMs(): number {
    const o = this.options;
    const w = this.work;
    const forWork = w === w ? w / o.maxWorkShare - w - o.vsyncMs : 0;
    return Math.min(o.maxMs, Math.max(this.extra, forWork, 0));
  }
}

/**
 * Records animation-frame gaps into `budget` while `active()` (training); the loop stops when it is not
 * and `wake()` starts it again, so a paused page runs no animation-frame loop. Returns stop and wake.
 */
export function watchFrameGaps(budget: FrameBudget, active: () => boolean): { wake: () => void; stop: () => void } {
  let raf = 0;
  let last = -1;
  let stopped = false;
  const tick = (t: number) => {
    raf = 0;
    if (stopped || !active()) { last = -1; return; }
    if (last >= 0) budget.record(t - last);
    last = t;
    raf = requestAnimationFrame(tick);
  };
  const wake = () => { if (!raf && !stopped && active()) raf = requestAnimationFrame(tick); };
  wake();
  return { wake, stop: () => { stopped = true; if (raf) cancelAnimationFrame(raf); } };
}
