// The page's sweep workers: one Web Worker per pool slot, wrapped with comlink as a SweepWorkerHandle
// (sweep jobs, or with spawnSeedWorker the runs of a multi-seed experiment).
// Comlink does not notice a worker that dies, so an error event rejects the running job here.
import { proxy, wrap } from 'comlink';
import type { SweepWorkerHandle } from '../src/runtime/sweep/pool';
import type { SeedJob, SeedResult } from '../src/runtime/seeds/seed-job';
import type { SweepResult } from '../src/runtime/sweep/run-job';
import type { SweepWorkerApi } from '../src/runtime/sweep/sweep-worker';

export function spawnSweepWorker(index: number): SweepWorkerHandle {
  const worker = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module', name: `normscope-sweep-${index + 1}` });
  const remote = wrap<SweepWorkerApi>(worker);
  let rejectRunning: ((e: Error) => void) | null = null;
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    rejectRunning?.(new Error(`the sweep worker failed: ${e.message || 'unknown error'}`));
  });
  return {
    run(job, onProgress) {
      return new Promise<SweepResult>((resolve, reject) => {
        rejectRunning = reject;
        remote.run(job, proxy(onProgress)).then(resolve, reject).finally(() => { rejectRunning = null; });
      });
    },
    cancel: () => { void remote.cancel().catch(() => {}); },
    terminate: () => worker.terminate(),
  };
}

/** Workers for this machine: all logical cores but one, at least one. */
export function browserCores(): number | undefined {
  return typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;
}

/** A page worker of the same pool running one multi-seed experiment run at a time (runSeed). */
export function spawnSeedWorker(index: number): SweepWorkerHandle<SeedJob, SeedResult> {
  const worker = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module', name: `normscope-seeds-${index + 1}` });
  const remote = wrap<SweepWorkerApi>(worker);
  let rejectRunning: ((e: Error) => void) | null = null;
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    rejectRunning?.(new Error(`the background worker failed: ${e.message || 'unknown error'}`));
  });
  return {
    run(job, onProgress) {
      return new Promise<SeedResult>((resolve, reject) => {
        rejectRunning = reject;
        remote.runSeed(job, proxy(onProgress)).then(resolve, reject).finally(() => { rejectRunning = null; });
      });
    },
    cancel: () => { void remote.cancel().catch(() => {}); },
    terminate: () => worker.terminate(),
  };
}
