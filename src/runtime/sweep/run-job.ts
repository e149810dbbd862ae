// One run of the sweep: a network built from the protocol, trained for the job's steps on batches drawn
// as the live session draws them (BatchSampler seeded with streamSeeds(seed).batches: reshuffled every
// epoch, the tail dropped), then evaluated on the whole test set. Batch-norm runs are evaluated twice:
// with the running statistics (inference) and with batch statistics, the test set cut into chunks of
// the run's own batch size, each normalised by its own mean and variance.
//
// Training runs in slices of `sliceMs`; between slices the job yields to the event loop so that a
// cancel message can arrive, and checks the cancel flag before every step.
import { usesBatchStatistics } from '../../engine/hidden-layer';
import { applyRenormSchedule } from '../../session/renorm';
import { BatchSampler, gather } from '../../data/batches';
import type { Dataset } from '../../data/dataset';
import { Rng } from '../../engine/rng';
import { checkAgainstData, streamSeeds } from '../../session/build';
import { createModel, diverged } from '../../session/net-model';
import { ProgressThrottle } from './progress-throttle';
import { settingsOfJob, type SweepJob } from '../../session/sweep/protocol';
import { yieldToEvents } from '../yield-to-events';

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

export interface RunJobOptions {
  signal?: CancelFlag;
  now?: () => number;
  /** Milliseconds of training between two yields to the event loop (default 40). */
  sliceMs?: number;
  /** Report at least every this share of the steps (default 1%) ... */
  progressFraction?: number;
  /** ... or this many milliseconds (default 250). */
  progressMs?: number;
}

export async function runSweepJob(
  job: SweepJob,
  dataset: Dataset,
  onProgress: (p: SweepProgress) => void = () => {},
  options: RunJobOptions = {},
): Promise<SweepResult> {
  const now = options.now ?? (() => performance.now());
  const sliceMs = options.sliceMs ?? 40;
  const started = now();
  const s = settingsOfJob(job);
  const problem = checkAgainstData(s, dataset);
  if (problem) throw new SweepJobError(`run ${job.id} (${job.norm}, batch ${job.batch}): ${problem.message}`);
  const cancelled = () => options.signal?.aborted === true;
  if (cancelled()) throw new SweepCancelled(job.id);

  const seeds = streamSeeds(s.seed);
  const model = createModel(s, dataset);
  const sampler = new BatchSampler(dataset.trainCount, new Rng(seeds.batches));
  const B = job.batch;
  const x = new Float32Array(B * dataset.inputSize);
  const y = new Uint8Array(B);
  const throttle = new ProgressThrottle(job.steps, now, options.progressFraction, options.progressMs);
  let lossSum = 0;
  let lossCount = 0;
  let divergedAt: number | null = null;

  let sliceStart = now();
  for (let step = 1; step <= job.steps; step++) {
    if (now() - sliceStart >= sliceMs) {
      await yieldToEvents();
      sliceStart = now();
    }
    if (cancelled()) throw new SweepCancelled(job.id);
    gather(x, y, dataset, sampler.next(B), B);
    applyRenormSchedule(model);
    const loss = model.trainStep(x, y, B);
    if (diverged(loss, model)) {
      divergedAt = step;
      break;
    }
    lossSum += loss;
    lossCount++;
    if (throttle.due(step)) {
      onProgress({ id: job.id, phase: 'training', step, steps: job.steps, loss: lossCount ? lossSum / lossCount : NaN });
      lossSum = 0;
      lossCount = 0;
    }
  }

  const stepsDone = divergedAt ?? job.steps;
  onProgress({ id: job.id, phase: 'evaluating', step: stepsDone, steps: job.steps, loss: NaN });
  await yieldToEvents();
  if (cancelled()) throw new SweepCancelled(job.id);
  const { testX, testY, testCount } = dataset;
  const running = model.evaluate(testX, testY, testCount);
  const bn = usesBatchStatistics(job.norm) ? model.evaluate(testX, testY, testCount, { mode: 'batch-stats', chunk: B }) : null;
  return {
    id: job.id, norm: job.norm, batch: B, steps: job.steps, examples: job.steps * B, lr: job.lr, seed: job.seed,
    testAcc: running.accuracy, testLoss: running.loss,
    testAccBatchStats: bn ? bn.accuracy : null, testLossBatchStats: bn ? bn.loss : null,
    seconds: (now() - started) / 1000, divergedAt,
  };
}
