// Fast-forwarding a session's history, for the browser tests and the UI benchmark (scripts/bench-ui.ts):
// the page's charts must stay smooth after hours of training, and no test can train for hours. The
// history is appended through the same bounded series a real session fills, so the page receives and
// draws as many points as it would at that step; only the values are synthetic. The weights do not
// move. Like src/runtime/crash.test-support.ts it is reached only through the page's debug handle (window.normscope).
import type { TrainingSession } from '../session/session';
import type { BoundedSeries } from './bounded-series';
import { BAND_EVERY, type FrameBuilder } from './frame';
import { landscapeDue } from './landscape-monitor';

/** Most steps one call may add (a call runs in the worker between two training slices: ~0.1 s per 100k). */
export const MAX_FAST_FORWARD = 1_000_000;

/** Throws unless `steps` is a whole number from 1 to MAX_FAST_FORWARD. */
export function checkFastForward(steps: unknown): asserts steps is number {
  if (!(typeof steps === 'number' && Number.isInteger(steps) && steps >= 1 && steps <= MAX_FAST_FORWARD)) {
    throw new RangeError(`fast-forward steps must be an integer from 1 to ${MAX_FAST_FORWARD}, got ${String(steps)}`);
  }
}

/**
 * Synthetic values around each series' level when the fast-forward began: that level varied by a few
 * percent (a hash of the step), with a spike every 997 steps, so reduced drawing has an envelope and
 * spikes to keep. A series still empty stays empty; one whose last value was NaN stays NaN.
 */
export class Wobble {
  private readonly levels = new Map<BoundedSeries, number>();

  append(s: BoundedSeries | null, step: number): void {
    if (!s || s.appended === 0) return;
    let level = this.levels.get(s);
    if (level === undefined) { level = s.lastY; this.levels.set(s, level); }
    if (level !== level) { s.append(step, NaN); return; }
    const h = Math.sin(step * 12.9898) * 43758.5453;
    const u = h - Math.floor(h) - 0.5;
    const spike = step % 997 === 0 ? Math.abs(level) * 0.5 : 0;
    s.append(step, level * (1 + 0.08 * u) + spike);
  }
}

/**
 * Appends `steps` steps of synthetic history to every series of `builder`, as the steps would have
 * (loss every step, bands every BAND_EVERY, test metrics every evalEvery, the landscape on its
 * schedule), so the charts draw as many points as a session that long; the weights stay as they are.
 */
export function fastForward(builder: FrameBuilder, session: TrainingSession, steps: number): void {
  checkFastForward(steps);
  const from = session.step;
  const every = session.settings.evalEvery;
  const w = new Wobble();
  for (let step = from + 1; step <= from + steps; step++) {
    builder.history.forEach((h, i) => {
      if (session.runs[i].divergedAt !== null) return;
      w.append(h.loss, step);
      if (step % BAND_EVERY === 0) {
        for (const lh of h.layers) {
          for (const s of [lh.p15, lh.p50, lh.p85, lh.zMean, lh.zVar, lh.normMean, lh.normVar, lh.runningMean, lh.runningVar]) w.append(s, step);
        }
        if (h.renorm) for (const s of [h.renorm.rmax, h.renorm.dmax, h.renorm.clippedR, h.renorm.clippedD]) w.append(s, step);
      }
      if (step % every === 0) for (const s of [h.testLoss, h.testAcc, h.testLossBatchStats, h.testAccBatchStats]) w.append(s, step);
    });
    if (landscapeDue(step, session.settings.landscapeEvery)) {
      for (const h of builder.landscape.history) {
        for (const s of [h.loss, h.lossMin, h.lossMax, h.gradPredMin, h.gradPredMax, h.betaSmooth, ...h.icsDist, ...h.icsCos]) w.append(s, step);
      }
    }
  }
  session.step = from + steps;
}
