// Loading the data set a session trains on: the 2-D sets are generated from the settings' seed and
// noise; MNIST comes from a loader the caller provides (the browser's fetch, or files in Node).
import type { Dataset } from '../data/dataset';
import { make2d } from '../data/synthetic';
import type { TrainSettings } from './settings';

/** How far a data set's download has come (MNIST; the 2-D sets are made at once). */
export interface LoadProgress {
  loaded: number;
  total: number;
  file: string;
}

/** How a run group gets its data set; the workers pass the browser's, tests a synthetic one. */
export type DatasetLoader = (settings: TrainSettings, onProgress: (p: LoadProgress) => void) => Promise<Dataset>;

export const SYNTHETIC_TRAIN = 4000;
export const SYNTHETIC_TEST = 1000;

export function makeDatasetLoader(loadMnist: (onProgress: (p: LoadProgress) => void) => Promise<Dataset>) {
  let mnist: Promise<Dataset> | null = null;
  return async (s: TrainSettings, onProgress: (p: LoadProgress) => void): Promise<Dataset> => {
    if (s.dataset !== 'mnist') return make2d(s.dataset, { seed: s.seed, trainCount: SYNTHETIC_TRAIN, testCount: SYNTHETIC_TEST, noise: s.noise });
    // MNIST never changes: load it once per worker; a failed load may be tried again.
    mnist ??= loadMnist(onProgress).catch((e) => { mnist = null; throw e; });
    return mnist;
  };
}
