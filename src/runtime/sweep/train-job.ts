// The training part of a background job, shared by the sweep's runs (run-job.ts) and the seed
// experiments' runs (seeds/seed-job.ts): one run's session (one-run.ts) stepped by the one training
// loop in slices of `sliceMs`, between which the job yields to the event loop so that a cancel
// message can arrive; the cancel flag is checked before every step. Progress (the mean training loss
// since the previous report) goes out through a ProgressThrottle, then one 'evaluating' report.
import type { Dataset } from '../../data/dataset';
import { checkAgainstData } from '../../session/build';
import type { RunKind } from '../../session/run-kinds';
import type { TrainingSession } from '../../session/session';
import type { TrainSettings } from '../../session/settings';
import { oneRunSession } from '../one-run';
import { trainSteps, type StepObserver } from '../train-steps';
import { yieldToEvents } from '../yield-to-events';
import { ProgressThrottle } from './progress-throttle';

export interface SweepProgress {
  id: number;
  phase: 'training' | 'evaluating';
  step: number;
  steps: number;
  /** Mean training loss since the previous report (NaN before the first). */
  loss: number;
}

/** Anything with an `aborted` flag: an AbortSignal, or a plain object the worker flips. */
export interface CancelFlag { readonly aborted: boolean }

export class SweepCancelled extends Error {
  constructor(readonly jobId: number) {
    super(`sweep run ${jobId} was cancelled`);
    this.name = 'SweepCancelled';
  }
}

export class SweepJobError extends Error {}

export interface TrainJobOptions {
  signal?: CancelFlag;
  now?: () => number;
  /** Milliseconds of training between two yields to the event loop (default 40). */
  sliceMs?: number;
  /** Report at least every this share of the steps (default 1%) ... */
  progressFraction?: number;
  /** ... or this many milliseconds (default 250). */
  progressMs?: number;
}

export interface TrainedJob {
  session: TrainingSession;
  /** The step whose loss or weights stopped being finite (training stopped there), or null. */
  divergedAt: number | null;
}

/**
 * Trains job `id` (named `name` in an error) for settings.steps steps, or until it diverges. Throws
 * SweepJobError for settings the data refuses, SweepCancelled when the flag is raised before a step
 * or before the evaluation. `afterStep` sees each step that did not diverge.
 */
export async function trainJob(
  id: number, name: string, s: TrainSettings, dataset: Dataset, kind: RunKind | undefined,
  onProgress: (p: SweepProgress) => void, options: TrainJobOptions, afterStep: (session: TrainingSession) => void = () => {},
): Promise<TrainedJob> {
  const now = options.now ?? (() => performance.now());
  const sliceMs = options.sliceMs ?? 40;
  const problem = checkAgainstData(s, dataset);
  if (problem) throw new SweepJobError(`run ${id} (${name}): ${problem.message}`);
  const cancelled = () => options.signal?.aborted === true;
  if (cancelled()) throw new SweepCancelled(id);

  const session = oneRunSession(s, dataset, kind);
  const run = session.runs[0];
  const throttle = new ProgressThrottle(s.steps, now, options.progressFraction, options.progressMs);
  let lossSum = 0;
  let lossCount = 0;
  const observer: StepObserver = {
    beforeStep() {},
    afterStep(session) {
      if (run.divergedAt !== null) return;
      afterStep(session);
      lossSum += run.lastLoss;
      lossCount++;
      if (throttle.due(session.step)) {
        onProgress({ id, phase: 'training', step: session.step, steps: s.steps, loss: lossCount ? lossSum / lossCount : NaN });
        lossSum = 0;
        lossCount = 0;
      }
    },
  };

  let sliceStart = now();
  while (session.step < s.steps && run.divergedAt === null) {
    if (now() - sliceStart >= sliceMs) {
      await yieldToEvents();
      sliceStart = now();
    }
    if (cancelled()) throw new SweepCancelled(id);
    trainSteps(session, observer, 1);
  }

  onProgress({ id, phase: 'evaluating', step: run.divergedAt ?? s.steps, steps: s.steps, loss: NaN });
  await yieldToEvents();
  if (cancelled()) throw new SweepCancelled(id);
  return { session, divergedAt: run.divergedAt };
}
