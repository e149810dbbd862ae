// What a sweep worker exposes (workers/sweep.worker.ts in the page through comlink, the CLI's
// worker_threads entry through messages): run one job at a time on a data set it loads once, and a
// cancel that the running job notices before its next step. The same workers run the multi-seed
// experiments' runs (runSeed, ../seeds/seed-job.ts).
import type { Dataset } from '../../data/dataset';
import { runSeedJob, type SeedJob, type SeedResult } from '../seeds/seed-job';
import type { TrainSettings } from '../../session/settings';
import type { DatasetLoader } from '../../session/dataset-loader';
import { settingsOfJob, type SweepJob } from '../../session/sweep/protocol';
import { runSweepJob, SweepJobError, type RunJobOptions, type SweepProgress, type SweepResult } from './run-job';

export interface SweepWorkerApi {
  /** Loads the job's data set (once per worker and name), trains the job and returns its result. */
  run(job: SweepJob, onProgress?: (p: SweepProgress) => void): Promise<SweepResult>;
  /** The same for one run of a multi-seed experiment. */
  runSeed(job: SeedJob, onProgress?: (p: SweepProgress) => void): Promise<SeedResult>;
  /** Stops the running job before its next step (it rejects with SweepCancelled); no-op when idle. */
  cancel(): void;
}

export interface SweepWorkerOptions extends Omit<RunJobOptions, 'signal'> {
  loadDataset: DatasetLoader;
}

export function createSweepWorker(options: SweepWorkerOptions): SweepWorkerApi {
  const { loadDataset, ...runOptions } = options;
  const datasets = new Map<string, Promise<Dataset>>();
  let flag: { aborted: boolean } | null = null;

  const datasetFor = (s: TrainSettings): Promise<Dataset> => {
    // 2-D sets depend on the seed; MNIST does not.
    const key = s.dataset === 'mnist' ? 'mnist' : `${s.dataset}:${s.seed}:${s.noise}`;
    let ds = datasets.get(key);
    if (!ds) {
      ds = loadDataset(s, () => {}).catch((e) => {
        datasets.delete(key);
        throw new SweepJobError(`could not load ${s.dataset}: ${e instanceof Error ? e.message : String(e)}`);
      });
      datasets.set(key, ds);
    }
    return ds;
  };

  const exclusive = async <T>(settings: TrainSettings, train: (ds: Dataset, signal: { aborted: boolean }) => Promise<T>): Promise<T> => {
    if (flag) throw new SweepJobError('this worker is already running a job');
    const mine = { aborted: false };
    flag = mine;
    try {
      return await train(await datasetFor(settings), mine);
    } finally {
      if (flag === mine) flag = null;
    }
  };

  return {
    run: (job, onProgress) => exclusive(settingsOfJob(job), (ds, signal) => runSweepJob(job, ds, onProgress, { ...runOptions, signal })),
    runSeed: (job, onProgress) => exclusive(job.settings, (ds, signal) => runSeedJob(job, ds, onProgress, { now: runOptions.now, sliceMs: runOptions.sliceMs, signal })),
    cancel() {
      if (flag) flag.aborted = true;
    },
  };
}
