// A worker thread of the workers bench: today's single trainer (all runs in this thread) or a run
// group (some runs, driven by the coordinator in the main thread), exposed with comlink.
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort, workerData } from 'node:worker_threads';
import { loadMnistFromDir } from '../../src/data/mnist-node';
import { makeDatasetLoader } from '../../src/session/index';
import { createRunGroup } from '../../src/runtime/index';
import { createInThreadTrainer } from '../../src/runtime/index';

if (!parentPort) throw new Error('scripts/bench-workers/worker.ts runs as a worker thread of scripts/bench-workers.ts');
const { kind } = workerData as { kind: 'trainer' | 'group' };
const loadDataset = makeDatasetLoader(async () => loadMnistFromDir());
expose(kind === 'trainer' ? createInThreadTrainer({ loadDataset }) : createRunGroup({ loadDataset }), nodeEndpoint(parentPort));
