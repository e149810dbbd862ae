// The browser-safe public API of src/data. Node-only loading (node:fs) lives in ./mnist-node:
// import it directly from CLI scripts, never from code that ships to the browser.

export { DataError, type Dataset, type Split } from './dataset.ts';
export { parseIdx, type IdxArray } from './idx.ts';
export { MNIST_CREDIT, MNIST_FILE_NAMES, MNIST_MANIFEST_NAME, type MnistFiles, type MnistManifest } from './mnist-files.ts';
export { mnistFromIdx, MNIST_CLASSES, MNIST_INPUT_SIZE, MNIST_SIDE } from './mnist.ts';
export { loadMnistInBrowser, type MnistBrowserOptions, type MnistProgress } from './mnist-browser.ts';
export { make2d, SYNTHETIC_NAMES, type Synthetic2dOptions, type SyntheticName } from './synthetic.ts';
export { BatchSampler, gather } from './batches.ts';
