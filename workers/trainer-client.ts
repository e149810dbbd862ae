// The page's handle on training: one worker training every run (a coordinator over one run group in
// its own thread), or a coordinating worker that trains each run in a worker of its own (runtime/coordinator.ts), as many as runtime/run-workers.ts says.
// Both answer the same trainer API, wrapped with comlink.
import { wrap } from 'comlink';
import { COORDINATOR_NAME, runWorkers } from '../runtime/run-workers';
import type { Reachable, Trainer } from '../runtime/trainer-api';

export type TrainerHandle = Reachable<Trainer>;

export function startTrainerWorker(): { trainer: TrainerHandle; worker: Worker } {
  const n = runWorkers(navigator.hardwareConcurrency || 1, location.search);
  const worker = n > 1
    ? new Worker(new URL('../../workers/coordinator.worker.ts', import.meta.url), { type: 'module', name: `${COORDINATOR_NAME}${n}` })
    : new Worker(new URL('../../workers/trainer.worker.ts', import.meta.url), { type: 'module', name: 'normscope-trainer' });
  return { trainer: wrap<Trainer>(worker) as unknown as TrainerHandle, worker };
}
