// The training worker: only exposes the trainer; the logic lives in src/runtime.
import { expose } from 'comlink';
import { loadMnistInBrowser } from '../src/data/mnist-browser';
import { mnistFolderUrl } from '../src/data/mnist-url';
import { makeDatasetLoader } from '../src/session/dataset-loader';
import { createTrainer } from '../src/runtime/trainer';

const mnistBase = mnistFolderUrl(import.meta.env.BASE_URL, import.meta.url);
expose(createTrainer({ loadDataset: makeDatasetLoader((onProgress) => loadMnistInBrowser(mnistBase, onProgress)) }));
