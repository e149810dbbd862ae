// From settings to engine objects: the model spec, the optimizer spec, and the checks that need the
// data set (a batch larger than the training set, a batch of one with batch norm, the size limits of
// limits.ts).
import type { Dataset } from '../data/dataset';
import type { ModelSpec, OptimizerSpec } from '../engine/types';
import { cnnRefusal } from './cnn-spec';
import { checkLimits } from './limits';
import type { TrainSettings } from './settings';

export function modelSpecOf(s: TrainSettings, inputSize: number, outputSize: number): ModelSpec {
  return {
    inputSize, outputSize, normPlacement: s.placement, eps: s.eps, momentum: s.momentum,
    hidden: s.hidden.map((units) => ({ units, activation: s.act, norm: s.norm, ...(s.norm === 'group' && s.groups > 0 ? { groups: s.groups } : {}) })),
  };
}

export function optimizerSpecOf(s: TrainSettings): OptimizerSpec {
  return s.optimizer === 'adam'
    ? { type: 'adam', lr: s.lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: s.weightDecay }
    : { type: 'sgd', lr: s.lr, momentum: s.sgdMomentum, weightDecay: s.weightDecay };
}

/** What is wrong with training `s` on `ds`, naming the setting, or null. */
export function checkAgainstData(s: TrainSettings, ds: Dataset): { setting: keyof TrainSettings; message: string } | null {
  if (s.arch === 'cnn') {
    const refused = cnnRefusal(s);
    if (refused) return refused;
  }
  const limit = checkLimits(s, ds.inputSize, ds.numClasses);
  if (limit) return limit;
  if (s.batch > ds.trainCount) {
    return { setting: 'batch', message: `batch ${s.batch} is larger than the ${ds.trainCount} training examples of ${ds.name}; accepted: 1 to ${ds.trainCount}` };
  }
  // BatchNorm2d has N x H x W values per channel: one image is a batch it trains on.
  if (s.batch < 2 && s.arch !== 'cnn' && (s.norm === 'batch' || s.norm === 'renorm')) {
    return { setting: 'batch', message: `batch 1 with ${s.norm === 'batch' ? 'batch norm' : 'batch renorm'}: the batch variance of one sample is 0; accepted: 2 or more, or --norm none|layer|group` };
  }
  return null;
}

/** Seeds of the independent random streams of a run, derived from the one user-facing seed. */
export function streamSeeds(seed: number): { weights: number; batches: number; data: number } {
  return { weights: seed >>> 0, batches: (seed ^ 0x5bd1e995) >>> 0, data: (seed ^ 0x1b873593) >>> 0 };
}
