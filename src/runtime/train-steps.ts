// The one training loop: every trainer trains a session through trainSteps. A run group (run-group.ts)
// passes its FrameBuilder, which records telemetry and evaluates the fixed test subset; one run on its
// own (one-run.ts: the command line, the sweep's and the seed experiments' jobs) passes an observer of
// its own. The steps, the batch order and the divergence rule are the session's in every case.
import type { EvalMetrics, TrainingSession } from '../session/session';

/** What watches the steps: called around each one; afterEval (if any) every evalEvery steps. */
export interface StepObserver {
  beforeStep(session: TrainingSession): void;
  afterStep(session: TrainingSession): void;
  afterEval?(session: TrainingSession, metrics: Map<string, EvalMetrics>): void;
}

/**
 * Trains up to `n` steps: each is observed before and after, and, for an observer with afterEval,
 * evaluated on the fixed test subset every evalEvery steps. Stops early when every run has diverged.
 * Returns the steps taken.
 */
export function trainSteps(session: TrainingSession, observer: StepObserver | null, n: number): number {
  let taken = 0;
  for (let i = 0; i < n; i++) {
    if (session.activeRuns().length === 0) break;
    observer?.beforeStep(session);
    session.trainStep();
    observer?.afterStep(session);
    if (observer?.afterEval && session.step % session.settings.evalEvery === 0) observer.afterEval(session, session.evaluate(false));
    taken++;
  }
  return taken;
}
