// A batch-size sweep worker: only exposes the sweep worker; the logic lives in src/runtime/sweep.
import { expose } from 'comlink';
import { loadMnistInBrowser } from '../src/data/mnist-browser';
import { mnistFolderUrl } from '../src/data/mnist-url';
import { makeDatasetLoader } from '../src/session/dataset-loader';
import { createSweepWorker } from '../src/runtime/sweep/sweep-worker';

const mnistBase = mnistFolderUrl(import.meta.env.BASE_URL, import.meta.url);
expose(createSweepWorker({ loadDataset: makeDatasetLoader((onProgress) => loadMnistInBrowser(mnistBase, onProgress)) }));
