// A batch-size sweep worker: only exposes the sweep worker; the logic lives in src/session/sweep.
import { expose } from 'comlink';
import { loadMnistInBrowser } from '../src/data/mnist-browser';
import { makeDatasetLoader } from '../src/session/dataset-loader';
import { createSweepWorker } from '../src/session/sweep/sweep-worker';

const mnistBase = new URL(`${import.meta.env.BASE_URL}mnist/`, self.location.origin).href;
expose(createSweepWorker({ loadDataset: makeDatasetLoader((onProgress) => loadMnistInBrowser(mnistBase, onProgress)) }));
