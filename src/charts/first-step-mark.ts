// The performance mark the first chart to draw a trained step (step >= 1) leaves, once per page
// load: its startTime is milliseconds since navigation. e2e/first-load.e2e.ts reads it.
import type { TelemetryFrame } from '../telemetry/frame';

export const FIRST_STEP_DRAWN = 'normscope:first-step-drawn';

let marked = false;

/** Called after a chart drew `frame`; marks the first frame of step 1 or later. */
export function markFirstStepDrawn(frame: Pick<TelemetryFrame, 'step'>): void {
  if (marked || frame.step < 1) return;
  marked = true;
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(FIRST_STEP_DRAWN, { detail: { step: frame.step } });
}
