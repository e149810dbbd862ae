// Adaptive telemetry pacing, so that training at full speed never makes the page stutter. On a machine
// whose cores are all busy training (two run workers on two cores), the compositor gets too little CPU
// and the page misses animation frames. A FrameBudget watches the gaps between animation frames while
// training and tells the frame pump to wait longer between telemetry frames when too many are late
// (each telemetry frame costs a redraw of the charts on screen and a commit to the compositor), and to
// come back towards the trainer's own rate (20 a second) once frames are on time again.

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
}

export const DEFAULT_FRAME_BUDGET: FrameBudgetOptions = {
  window: 30, lateAboveMs: 25, slowDownAbove: 0.05, slowStepMs: 50, calmWindows: 4, fastStepMs: 25, maxMs: 100,
};

export class FrameBudget {
  private frames = 0;
  private late = 0;
  private calm = 0;
  private extra = 0;

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

  /** How long (ms) the frame pump waits, beyond the next animation frame, before asking for a frame. */
  get delayMs(): number {
    return this.extra;
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
