// The page's handle on training: the single training worker, or a coordinating worker that trains
// each run in a worker of its own (runtime/coordinator.ts), as many as runtime/run-workers.ts says.
// Both answer the same trainer API, wrapped with comlink.
import { wrap, type Remote } from 'comlink';
import { COORDINATOR_NAME, runWorkers } from '../runtime/run-workers';
import type { Trainer } from '../runtime/trainer';

export type TrainerHandle = Remote<Trainer>;

export function startTrainerWorker(): { trainer: TrainerHandle; worker: Worker } {
  const n = runWorkers(navigator.hardwareConcurrency || 1, location.search);
  const worker = n > 1
    ? new Worker(new URL('../../workers/coordinator.worker.ts', import.meta.url), { type: 'module', name: `${COORDINATOR_NAME}${n}` })
    : new Worker(new URL('../../workers/trainer.worker.ts', import.meta.url), { type: 'module', name: 'normscope-trainer' });
  return { trainer: wrap<Trainer>(worker), worker };
}
