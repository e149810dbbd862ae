// Names of the four MNIST files and of the manifest the Vite plugin publishes next to them.
// Kept free of imports so that the build plugin (scripts/vite-plugin-mnist.ts) can use it too.

/** One byte array per MNIST file, raw IDX (not compressed). */
export interface MnistFiles {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

export type MnistFileKey = keyof MnistFiles;

/** The original file names (LeCun's), without any `.gz`. */
export const MNIST_FILE_NAMES: Readonly<Record<MnistFileKey, string>> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

export const MNIST_FILE_KEYS: readonly MnistFileKey[] = ['trainImages', 'trainLabels', 'testImages', 'testLabels'];

/** Served and emitted next to the `.gz` files, e.g. at `/mnist/manifest.json`. */
export const MNIST_MANIFEST_NAME = 'manifest.json';

/** The manifest's content: sizes let the browser report download progress before any header arrives. */
export interface MnistManifest {
  /** Keyed by served file name, e.g. `train-images-idx3-ubyte.gz`. */
  /** `sha256`: hex SHA-256 of the served `.gz` file; the browser's cache keys on it (./mnist-cache.ts). */
  files: Record<string, { gzipBytes: number; rawBytes: number; sha256?: string }>;
  credit: string;
}

export const MNIST_CREDIT =
  'MNIST by Yann LeCun and Corinna Cortes (with Christopher J.C. Burges), licensed CC BY-SA 3.0.';
