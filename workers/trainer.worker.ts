// The training worker: the page's trainer when one worker trains every run: the coordinator over one run group in this thread (src/runtime/in-thread-trainer.ts).
import { expose } from 'comlink';
import { loadMnistInBrowser } from '../src/data/mnist-browser';
import { mnistFolderUrl } from '../src/data/mnist-url';
import { makeDatasetLoader } from '../src/session/dataset-loader';
import { createInThreadTrainer } from '../src/runtime/in-thread-trainer';

const mnistBase = mnistFolderUrl(import.meta.env.BASE_URL, import.meta.url);
expose(createInThreadTrainer({ loadDataset: makeDatasetLoader((onProgress) => loadMnistInBrowser(mnistBase, onProgress)) }));
