// A tiny data set for the sweep's tests: the 2-D xor set, small enough that a run takes milliseconds.
import type { Dataset } from '../../data/dataset';
import { make2d } from '../../data/synthetic';
import { planSweep, type SweepJob } from './protocol';

export function tinyDataset(seed = 1): Dataset {
  return make2d('xor', { seed, trainCount: 256, testCount: 128, noise: 0.1 });
}

export function tinyJobs(norms: SweepJob['norm'][] = ['none', 'batch', 'layer'], batches = [4, 16], examples = 640, seed = 1): SweepJob[] {
  return planSweep({ norms, batches, examples, seed, dataset: 'xor' });
}
