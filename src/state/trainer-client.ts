// The page's handle on the training worker: the worker is created here and wrapped with comlink.
import { wrap, type Remote } from 'comlink';
import type { Trainer } from '../session/trainer';

export type TrainerHandle = Remote<Trainer>;

export function startTrainerWorker(): { trainer: TrainerHandle; worker: Worker } {
  const worker = new Worker(new URL('../../workers/trainer.worker.ts', import.meta.url), { type: 'module', name: 'normscope-trainer' });
  return { trainer: wrap<Trainer>(worker), worker };
}
