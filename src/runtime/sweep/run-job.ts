// One run of the sweep: a network built from the protocol, trained for the job's steps on batches drawn
// as the live session draws them (BatchSampler seeded with streamSeeds(seed).batches: reshuffled every
// epoch, the tail dropped), then evaluated on the whole test set. Batch-norm runs are evaluated twice:
// with the running statistics (inference) and with batch statistics, the test set cut into chunks of
// the run's own batch size, each normalised by its own mean and variance.
//
// Training is the background jobs' (train-job.ts): the one training loop over a session of this one
// run, in slices between which a cancel message can arrive.
import type { Dataset } from '../../data/dataset';
import { settingsOfJob, type SweepJob } from '../../session/sweep/protocol';
import { trainJob, type SweepProgress, type TrainJobOptions } from './train-job';

export { SweepCancelled, SweepJobError, type CancelFlag, type SweepProgress } from './train-job';

export interface SweepResult {
  id: number;
  norm: SweepJob['norm'];
  batch: number;
  steps: number;
  /** Examples seen: steps * batch. */
  examples: number;
  lr: number;
  seed: number;
  /** Whole test set, evaluation mode (batch norm with its running statistics). */
  testAcc: number;
  testLoss: number;
  /** Batch norm only: the test set in chunks of `batch`, each normalised by its own statistics; else null. */
  testAccBatchStats: number | null;
  testLossBatchStats: number | null;
  /** Wall time of the job, training and evaluation. */
  seconds: number;
  /** The step whose loss was not finite (training stopped there), or null. */
  divergedAt: number | null;
}

export type RunJobOptions = TrainJobOptions;

export async function runSweepJob(
  job: SweepJob,
  dataset: Dataset,
  onProgress: (p: SweepProgress) => void = () => {},
  options: RunJobOptions = {},
): Promise<SweepResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const B = job.batch;
  const { session, divergedAt } = await trainJob(job.id, `${job.norm}, batch ${B}`, settingsOfJob(job), dataset, undefined, onProgress, options);
  // The whole test set; batch norm also with batch statistics in chunks of the batch size (the session's evaluation).
  const [m] = session.evaluate(true).values();
  return {
    id: job.id, norm: job.norm, batch: B, steps: job.steps, examples: job.steps * B, lr: job.lr, seed: job.seed,
    testAcc: m.accuracy, testLoss: m.loss, testAccBatchStats: m.batchStatsAccuracy, testLossBatchStats: m.batchStatsLoss,
    seconds: (now() - started) / 1000, divergedAt,
  };
}
