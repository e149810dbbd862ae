// A run-group worker: some of the session's runs, driven step by step by the coordinator worker.
import { expose } from 'comlink';
import { loadMnistInBrowser } from '../src/data/mnist-browser';
import { makeDatasetLoader } from '../src/session/dataset-loader';
import { createRunGroup } from '../src/session/run-group';

const mnistBase = new URL(`${import.meta.env.BASE_URL}mnist/`, self.location.origin).href;
expose(createRunGroup({ loadDataset: makeDatasetLoader((onProgress) => loadMnistInBrowser(mnistBase, onProgress)) }));
