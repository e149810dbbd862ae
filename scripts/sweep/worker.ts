// The CLI's worker thread: the sweep worker of src/session/sweep behind worker_threads messages.
// In:  {type: 'run', job} | {type: 'cancel'}
// Out: {type: 'progress', progress} | {type: 'result', result} | {type: 'error', message, cancelled}
import { parentPort, workerData } from 'node:worker_threads';
import { loadMnistFromDir } from '../../src/data/mnist-node';
import { makeDatasetLoader } from '../../src/session/dataset-loader';
import { SweepCancelled } from '../../src/session/sweep/run-job';
import { createSweepWorker } from '../../src/session/sweep/sweep-worker';
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
  api.run(m.job, (progress) => send({ type: 'progress', progress })).then(
    (result) => send({ type: 'result', result }),
    (e: unknown) => send({ type: 'error', message: e instanceof Error ? e.message : String(e), cancelled: e instanceof SweepCancelled }),
  );
});
