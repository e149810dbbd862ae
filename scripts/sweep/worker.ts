// The CLI's worker thread: the sweep worker of src/runtime/sweep behind worker_threads messages.
// In:  {type: 'run', job} | {type: 'run-seed', job} | {type: 'cancel'}
// Out: {type: 'progress', progress} | {type: 'result', result} | {type: 'error', message, cancelled}
import { parentPort, workerData } from 'node:worker_threads';
import { loadMnistFromDir } from '../../src/data/mnist-node';
import { makeDatasetLoader } from '../../src/session/index';
import type { SeedResult } from '../../src/runtime/index';
import { SweepCancelled, type SweepProgress, type SweepResult } from '../../src/runtime/index';
import { createSweepWorker } from '../../src/runtime/index';
import type { WorkerIn, WorkerOut } from './messages';

const port = parentPort;
if (!port) throw new Error('scripts/sweep/worker.ts runs as a worker thread of scripts/sweep.ts');
const dataDir = (workerData as { dataDir: string | null } | undefined)?.dataDir ?? null;
const api = createSweepWorker({
  loadDataset: makeDatasetLoader(async () => (dataDir ? loadMnistFromDir(dataDir) : loadMnistFromDir())),
});
const send = (m: WorkerOut) => port.postMessage(m);

port.on('message', (m: WorkerIn) => {
  if (m.type === 'cancel') {
    api.cancel();
    return;
  }
  const onProgress = (progress: SweepProgress) => send({ type: 'progress', progress });
  const running: Promise<SweepResult | SeedResult> = m.type === 'run' ? api.run(m.job, onProgress) : api.runSeed(m.job, onProgress);
  running.then(
    (result) => send({ type: 'result', result }),
    (e: unknown) => send({ type: 'error', message: e instanceof Error ? e.message : String(e), cancelled: e instanceof SweepCancelled }),
  );
});
