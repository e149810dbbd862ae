// The training steps of a session with its telemetry: the one loop body the single-worker trainer and
// a run-group worker (run-group.ts) both call, so that a run trains the same way in either.
import type { FrameBuilder } from '../telemetry/frame';
import type { TrainingSession } from '../session/session';

/**
 * Trains up to `n` steps: each is measured (landscape), trained, recorded, and evaluated on the fixed
 * test subset every evalEvery steps. Stops early when every run has diverged. Returns the steps taken.
 */
export function trainSteps(session: TrainingSession, builder: FrameBuilder | null, n: number): number {
  let taken = 0;
  for (let i = 0; i < n; i++) {
    if (session.activeRuns().length === 0) break;
    builder?.beforeStep(session);
    session.trainStep();
    builder?.afterStep(session);
    if (session.step % session.settings.evalEvery === 0) builder?.afterEval(session, session.evaluate(false));
    taken++;
  }
  return taken;
}
