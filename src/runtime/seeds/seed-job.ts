// One run of a multi-seed experiment: the settings of an experiment's check with one run kind and one
// seed, trained on the background pool (the sweep's workers, in the page and in the CLI). Training is
// the background jobs' (sweep/train-job.ts: the one training loop, as the command line's headlessRun
// trains, so the same numbers), but the whole test set is evaluated only at the end, and the
// weight-gradient norms are kept at step 100 and at the last step.
import type { Dataset } from '../../data/dataset';
import { weightGradNorms } from '../../session/net-model';
import type { RunKind } from '../../session/run-kinds';
import type { TrainingSession } from '../../session/session';
import type { TrainSettings } from '../../session/settings';
import { modelOf } from '../one-run';
import { trainJob, type SweepProgress, type TrainJobOptions } from '../sweep/train-job';

export interface SeedJob {
  /** Position in the plan, 0-based. */
  id: number;
  preset: string;
  /** The check's label (the setting measured, e.g. "lr 10"). */
  check: string;
  run: RunKind;
  seed: number;
  /** Everything the run trains with (the run's norm and this seed included). */
  settings: TrainSettings;
  /** settings.steps and settings.batch, for the pool's work estimate. */
  steps: number;
  batch: number;
}

export interface SeedResult {
  id: number;
  preset: string;
  check: string;
  run: RunKind;
  seed: number;
  /** Steps trained (the diverging step when the run diverged). */
  steps: number;
  /** Whole test set, evaluation mode; null when the run diverged. */
  testAcc: number | null;
  testLoss: number | null;
  /** The step whose loss was not finite (training stopped there), or null. */
  divergedAt: number | null;
  /** ||dL/dW|| per linear layer (hidden layers, then output) after step 100 (null for shorter runs) and the last step. */
  gradNorms100: number[] | null;
  gradNormsLast: number[];
  /** Wall time of the job, training and evaluation. */
  seconds: number;
}

export type SeedJobOptions = Pick<TrainJobOptions, 'signal' | 'now' | 'sliceMs'>;

export const GRAD_NORM_STEP = 100;

export async function runSeedJob(
  job: SeedJob, dataset: Dataset, onProgress: (p: SweepProgress) => void = () => {}, options: SeedJobOptions = {},
): Promise<SeedResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let gradNorms100: number[] | null = null;
  const keepNorms100 = (s: TrainingSession) => {
    if (s.step === GRAD_NORM_STEP) gradNorms100 = weightGradNorms(modelOf(s));
  };
  const name = `${job.preset}, ${job.check}, ${job.run}, seed ${job.seed}`;
  const { session, divergedAt } = await trainJob(job.id, name, job.settings, dataset, job.run, onProgress, options, keepNorms100);
  const model = modelOf(session);
  const evaluated = divergedAt === null ? model.evaluate(dataset.testX, dataset.testY, dataset.testCount) : null;
  return {
    id: job.id, preset: job.preset, check: job.check, run: job.run, seed: job.seed, steps: divergedAt ?? job.settings.steps,
    testAcc: evaluated ? evaluated.accuracy : null, testLoss: evaluated ? evaluated.loss : null,
    divergedAt, gradNorms100, gradNormsLast: divergedAt === null ? weightGradNorms(model) : [], seconds: (now() - started) / 1000,
  };
}
