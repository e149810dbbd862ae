// A run-group worker: some of the session's runs, driven step by step by the coordinator worker.
import { expose } from 'comlink';
import { loadMnistInBrowser } from '../src/data/mnist-browser';
import { mnistFolderUrl } from '../src/data/mnist-url';
import { makeDatasetLoader } from '../src/session/dataset-loader';
import { createRunGroup } from '../src/runtime/run-group';

const mnistBase = mnistFolderUrl(import.meta.env.BASE_URL, import.meta.url);
expose(createRunGroup({ loadDataset: makeDatasetLoader((onProgress) => loadMnistInBrowser(mnistBase, onProgress)) }));
