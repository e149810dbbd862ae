// The page's handle on training: one worker training every run (a coordinator over one run group in
// its own thread), or a coordinating worker that trains each run in a worker of its own
// (src/runtime/coordinator.ts), as many as src/runtime/run-workers.ts says. Both answer the same
// trainer API, wrapped with comlink here (the page's code never sees comlink: the load progress
// callback is proxied here too).
import { proxy, wrap, type Remote } from 'comlink';
import type { LoadProgress } from '../src/session/dataset-loader';
import { COORDINATOR_NAME, runWorkers } from '../src/runtime/run-workers';
import type { Reachable, Trainer } from '../src/runtime/trainer-api';

export type TrainerHandle = Reachable<Trainer>;

export function startTrainerWorker(): { trainer: TrainerHandle; worker: Worker } {
  const n = runWorkers(navigator.hardwareConcurrency || 1, location.search);
  const worker = n > 1
    ? new Worker(new URL('./coordinator.worker.ts', import.meta.url), { type: 'module', name: `${COORDINATOR_NAME}${n}` })
    : new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'normscope-trainer' });
  const remote = wrap<Trainer>(worker);
  return { trainer: withProxiedProgress(remote), worker };
}

/** The remote trainer, its load()'s progress callback passed by reference (a function cannot be copied). */
function withProxiedProgress(remote: Remote<Trainer>): TrainerHandle {
  const handle = new Proxy(remote, {
    get(target, key) {
      if (key !== 'load') return Reflect.get(target, key);
      return (settings: Parameters<Trainer['load']>[0], runs?: Parameters<Trainer['load']>[1], onProgress?: (p: LoadProgress) => void) =>
        target.load(settings, runs, onProgress && proxy(onProgress));
    },
  });
  return handle as unknown as TrainerHandle;
}
