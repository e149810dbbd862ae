// The page's handle on training: with more than one core, a coordinating worker that trains each run
// in a worker of its own (session/coordinator.ts); on one core, the single training worker. Both
// answer the same trainer API, wrapped with comlink.
import { wrap, type Remote } from 'comlink';
import type { Trainer } from '../session/trainer';

export type TrainerHandle = Remote<Trainer>;

/** Whether to train the runs on several cores: more than one core (and not turned off with ?workers=1). */
export function wantsRunWorkers(cores = navigator.hardwareConcurrency || 1, search = location.search): boolean {
  return cores > 1 && new URLSearchParams(search).get('workers') !== '1';
}

export function startTrainerWorker(): { trainer: TrainerHandle; worker: Worker } {
  const worker = wantsRunWorkers()
    ? new Worker(new URL('../../workers/coordinator.worker.ts', import.meta.url), { type: 'module', name: 'normscope-coordinator' })
    : new Worker(new URL('../../workers/trainer.worker.ts', import.meta.url), { type: 'module', name: 'normscope-trainer' });
  return { trainer: wrap<Trainer>(worker), worker };
}
