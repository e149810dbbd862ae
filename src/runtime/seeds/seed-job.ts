// One run of a multi-seed experiment: the settings of an experiment's check with one run kind and one
// seed, trained on the background pool (the sweep's workers, in the page and in the CLI). Training is
// the headless trainer's (same model, same seeded batch order: headlessRun gives the same numbers), but
// the whole test set is evaluated only at the end, and the weight-gradient norms are kept at step 100
// and at the last step. Training runs in slices between which the job yields to the event loop, so a
// cancel message can arrive; the cancel flag is checked before every step.
import { BatchSampler, gather } from '../../data/batches';
import type { Dataset } from '../../data/dataset';
import { Rng } from '../../engine/rng';
import { checkAgainstData, streamSeeds } from '../../session/build';
import { createModel, diverged } from '../../session/net-model';
import { weightGradNorms } from '../headless-run';
import { applyRenormSchedule } from '../../session/renorm';
import type { RunKind } from '../../session/run-kinds';
import type { TrainSettings } from '../../session/settings';
import { ProgressThrottle } from '../sweep/progress-throttle';
import { SweepCancelled, SweepJobError, type CancelFlag, type SweepProgress } from '../sweep/run-job';
import { yieldToEvents } from '../yield-to-events';

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

export interface SeedJobOptions {
  signal?: CancelFlag;
  now?: () => number;
  /** Milliseconds of training between two yields to the event loop (default 40). */
  sliceMs?: number;
}

export const GRAD_NORM_STEP = 100;

export async function runSeedJob(
  job: SeedJob, dataset: Dataset, onProgress: (p: SweepProgress) => void = () => {}, options: SeedJobOptions = {},
): Promise<SeedResult> {
  const now = options.now ?? (() => performance.now());
  const sliceMs = options.sliceMs ?? 40;
  const started = now();
  const s = job.settings;
  const problem = checkAgainstData(s, dataset);
  if (problem) throw new SweepJobError(`run ${job.id} (${job.preset}, ${job.check}, ${job.run}, seed ${job.seed}): ${problem.message}`);
  const cancelled = () => options.signal?.aborted === true;
  if (cancelled()) throw new SweepCancelled(job.id);

  const seeds = streamSeeds(s.seed);
  const model = createModel(s, dataset);
  const sampler = new BatchSampler(dataset.trainCount, new Rng(seeds.batches));
  const B = s.batch;
  const x = new Float32Array(B * dataset.inputSize);
  const y = new Uint8Array(B);
  const throttle = new ProgressThrottle(s.steps, now);
  let lossSum = 0;
  let lossCount = 0;
  let divergedAt: number | null = null;
  let gradNorms100: number[] | null = null;

  let sliceStart = now();
  for (let step = 1; step <= s.steps; step++) {
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
    if (step === GRAD_NORM_STEP) gradNorms100 = weightGradNorms(model);
    lossSum += loss;
    lossCount++;
    if (throttle.due(step)) {
      onProgress({ id: job.id, phase: 'training', step, steps: s.steps, loss: lossCount ? lossSum / lossCount : NaN });
      lossSum = 0;
      lossCount = 0;
    }
  }

  const stepsDone = divergedAt ?? s.steps;
  onProgress({ id: job.id, phase: 'evaluating', step: stepsDone, steps: s.steps, loss: NaN });
  await yieldToEvents();
  if (cancelled()) throw new SweepCancelled(job.id);
  const gradNormsLast = weightGradNorms(model);
  const evaluated = divergedAt === null ? model.evaluate(dataset.testX, dataset.testY, dataset.testCount) : null;
  return {
    id: job.id, preset: job.preset, check: job.check, run: job.run, seed: job.seed, steps: stepsDone,
    testAcc: evaluated ? evaluated.accuracy : null, testLoss: evaluated ? evaluated.loss : null,
    divergedAt, gradNorms100, gradNormsLast: divergedAt === null ? gradNormsLast : [], seconds: (now() - started) / 1000,
  };
}
