// The batch-size sweep's protocol (issue 5): for each norm and batch size, one network trained on the
// same number of examples. Hidden 100,100,100, sigmoid, norm before the activation, xavier init, plain
// SGD, eps 1e-5, running-statistics momentum 0.1. The learning rate follows the batch size:
//   lr = 0.5 * batch / 60   for batch < 60,      lr = 0.5   for batch >= 60
// (linear scaling below the reference batch of 60). steps = ceil(examples / batch): every run sees at
// least `examples` examples; the examples actually seen are steps * batch (exact for 240,000 and the
// powers of two up to 128).
//
// On the CNN (arch cnn, issue 17) the sweep is the group-norm paper's Figure 1 setting: batch norm
// against group norm (4 groups) as the batch shrinks, the CNN of cnn-spec.ts with ReLU, PyTorch's init
// and plain SGD at lr 0.1 for every batch size (the protocol of the PyTorch reference runs);
// steps = ceil(examples / batch) as above.
import type { NormKind } from '../../engine/types';
import { CNN_RUN_KINDS } from '../cnn-spec';
import { runNorm } from '../run-kinds';
import type { Arch, DatasetName, TrainSettings } from '../settings';

export const SWEEP_NORMS: readonly NormKind[] = ['none', 'batch', 'layer'];
/** Every norm a sweep can run (the default is SWEEP_NORMS, the three). */
export const SWEEP_ALL_NORMS: readonly NormKind[] = ['none', 'batch', 'layer', 'renorm', 'group'];
export const SWEEP_BATCHES: readonly number[] = [2, 4, 8, 16, 32, 64, 128];
export const SWEEP_EXAMPLES = 240_000;
/** Example counts the page offers (the CLI takes any). */
export const SWEEP_EXAMPLE_CHOICES: readonly number[] = [30_000, 60_000, 240_000];

export const SWEEP_PROTOCOL = {
  hidden: [100, 100, 100],
  act: 'sigmoid',
  placement: 'pre',
  init: 'xavier',
  eps: 1e-5,
  momentum: 0.1,
  /** The learning rate at and above the reference batch. */
  baseLr: 0.5,
  referenceBatch: 60,
} as const;

/** The CNN's sweep: the group-norm paper's Figure 1 comparison on the CNN. */
export const CNN_SWEEP_PROTOCOL = {
  act: 'relu',
  placement: 'pre',
  init: 'pytorch',
  groups: 4,
  eps: 1e-5,
  momentum: 0.1,
  lr: 0.1,
} as const;
export const CNN_SWEEP_NORMS: readonly NormKind[] = ['batch', 'group'];
export const CNN_SWEEP_BATCHES: readonly number[] = [2, 4, 8, 16, 32, 64];
/** Norms the CNN takes (none, batch, group). */
const CNN_NORMS: readonly NormKind[] = [...new Set(CNN_RUN_KINDS.map(runNorm))];

/** Limits of a plan: beyond these a sweep would not finish in a browser tab. */
export const SWEEP_LIMITS = { maxBatch: 60_000, minExamples: 1, maxExamples: 100_000_000, maxJobs: 200 } as const;

export interface SweepJob {
  /** Position in the plan, 0-based. */
  id: number;
  /** mlp: SWEEP_PROTOCOL's network; cnn: CNN_SWEEP_PROTOCOL's. */
  arch: Arch;
  dataset: DatasetName;
  norm: NormKind;
  batch: number;
  /** Examples asked for; the run sees steps * batch >= examples. */
  examples: number;
  steps: number;
  lr: number;
  seed: number;
}

export interface SweepPlanInput {
  norms: readonly NormKind[];
  batches: readonly number[];
  examples: number;
  /** The seed of a one-seed sweep; ignored when `seeds` is given. */
  seed: number;
  /** Several seeds: every norm at every batch size once per seed (medians and ranges over them). */
  seeds?: readonly number[];
  /** Default mnist; the 2-D sets are for tests. */
  dataset?: DatasetName;
  /** Default mlp. */
  arch?: Arch;
}

export class SweepPlanError extends Error {}

/** lr = baseLr * batch / 60 below the reference batch, baseLr from it up (the CNN: 0.1 throughout). */
export function sweepLr(batch: number, arch: Arch = 'mlp'): number {
  if (arch === 'cnn') return CNN_SWEEP_PROTOCOL.lr;
  const { baseLr, referenceBatch } = SWEEP_PROTOCOL;
  return batch < referenceBatch ? (baseLr * batch) / referenceBatch : baseLr;
}

/** Steps that show at least `examples` examples in batches of `batch`. */
export function sweepSteps(examples: number, batch: number): number {
  return Math.max(1, Math.ceil(examples / batch));
}

/** What is wrong with a plan, naming the part, or null. */
export function checkSweepPlan(input: SweepPlanInput): string | null {
  const { norms, batches, examples } = input;
  const seeds = input.seeds ?? [input.seed];
  if (norms.length === 0) return `norms: choose at least one of ${SWEEP_ALL_NORMS.join(', ')}`;
  const badNorm = norms.find((n) => !SWEEP_ALL_NORMS.includes(n));
  if (badNorm !== undefined) return `norms: "${String(badNorm)}" is not one of ${SWEEP_ALL_NORMS.join(', ')}`;
  if (new Set(norms).size !== norms.length) return 'norms: each norm at most once';
  if (input.arch === 'cnn') {
    const refused = norms.find((n) => !CNN_NORMS.includes(n));
    if (refused !== undefined) return `norms: "${refused}" is not offered for the CNN; accepted: ${CNN_NORMS.join(', ')}`;
    if ((input.dataset ?? 'mnist') !== 'mnist') return `dataset: the CNN trains on MNIST only, not on ${input.dataset}`;
  }
  if (batches.length === 0) return 'batches: give at least one batch size';
  const badBatch = batches.find((b) => !(Number.isInteger(b) && b >= 1 && b <= SWEEP_LIMITS.maxBatch));
  if (badBatch !== undefined) return `batches: ${badBatch} is not an integer from 1 to ${SWEEP_LIMITS.maxBatch}`;
  if (new Set(batches).size !== batches.length) return 'batches: each batch size at most once';
  if (input.arch !== 'cnn' && (norms.includes('batch') || norms.includes('renorm')) && batches.includes(1)) return 'batches: batch 1 with batch norm or renorm has no batch variance; use 2 or more';
  if (!(Number.isInteger(examples) && examples >= SWEEP_LIMITS.minExamples && examples <= SWEEP_LIMITS.maxExamples)) {
    return `examples: ${examples} is not an integer from ${SWEEP_LIMITS.minExamples} to ${SWEEP_LIMITS.maxExamples}`;
  }
  if (seeds.length === 0) return 'seeds: give at least one seed';
  const badSeed = seeds.find((seed) => !(Number.isInteger(seed) && seed >= 0 && seed <= 2 ** 32 - 1));
  if (badSeed !== undefined) return `seed: ${badSeed} is not an integer from 0 to ${2 ** 32 - 1}`;
  if (new Set(seeds).size !== seeds.length) return 'seeds: each seed at most once';
  if (norms.length * batches.length * seeds.length > SWEEP_LIMITS.maxJobs) return `at most ${SWEEP_LIMITS.maxJobs} runs in one sweep`;
  return null;
}

/**
 * The jobs of a sweep: every norm at every batch size (for each seed), smallest batches first (they
 * take longest, so a pool finishes sooner, and the batch-2 collapse is the first thing to see), then
 * seeds, norms interleaved (a seed's norms side by side).
 */
export function planSweep(input: SweepPlanInput): SweepJob[] {
  const problem = checkSweepPlan(input);
  if (problem) throw new SweepPlanError(problem);
  const dataset = input.dataset ?? 'mnist';
  const batches = [...input.batches].sort((a, b) => a - b);
  const jobs: SweepJob[] = [];
  for (const batch of batches) {
    for (const seed of input.seeds ?? [input.seed]) {
      for (const norm of input.norms) {
        jobs.push({
          id: jobs.length, arch: input.arch ?? 'mlp', dataset, norm, batch, examples: input.examples,
          steps: sweepSteps(input.examples, batch), lr: sweepLr(batch, input.arch), seed,
        });
      }
    }
  }
  return jobs;
}

/** The trainer settings of a job: the protocol plus the job's norm, batch, lr and steps. */
export function settingsOfJob(job: SweepJob): TrainSettings {
  const p = SWEEP_PROTOCOL;
  if (job.arch === 'cnn') {
    const c = CNN_SWEEP_PROTOCOL;
    return {
      dataset: job.dataset, arch: 'cnn', hidden: [...p.hidden], act: c.act, norm: job.norm, placement: c.placement,
      eps: c.eps, momentum: c.momentum, batch: job.batch, optimizer: 'sgd', lr: job.lr, sgdMomentum: 0,
      weightDecay: 0, init: c.init, steps: job.steps, evalEvery: job.steps, seed: job.seed, noise: 0.1, groups: job.norm === 'group' ? c.groups : 0, landscapeEvery: 0,
    };
  }
  return {
    dataset: job.dataset, arch: 'mlp', hidden: [...p.hidden], act: p.act, norm: job.norm, placement: p.placement,
    eps: p.eps, momentum: p.momentum, batch: job.batch, optimizer: 'sgd', lr: job.lr, sgdMomentum: 0,
    weightDecay: 0, init: p.init, steps: job.steps, evalEvery: job.steps, seed: job.seed, noise: 0.1, groups: 0, landscapeEvery: 0,
  };
}
