// The training worker: only exposes the trainer; the logic lives in src/session.
import { expose } from 'comlink';
import { loadMnistInBrowser } from '../src/data/mnist-browser';
import { makeDatasetLoader } from '../src/session/dataset-loader';
import { createTrainer } from '../src/session/trainer';

const mnistBase = new URL(`${import.meta.env.BASE_URL}mnist/`, self.location.origin).href;
expose(createTrainer({ loadDataset: makeDatasetLoader((onProgress) => loadMnistInBrowser(mnistBase, onProgress)) }));
