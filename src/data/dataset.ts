// The one shape every data set takes, MNIST or a 2-D toy set, plus the error every loader throws.

/**
 * Stored features: float32 values, or bytes b that stand for the float32 values b / 255 (MNIST's
 * pixels, a quarter of the memory; see ./pixels.ts). Read rows through gather() (./batches.ts), which
 * does the conversion, rather than indexing a Uint8Array yourself.
 */
export type StoredFeatures = Float32Array | Uint8Array;

/**
 * A classification data set held in memory. Features are row-major: example `i` is
 * `trainX[i * inputSize .. (i + 1) * inputSize)`; its label `trainY[i]` is in `0 .. numClasses - 1`.
 */
export interface Dataset {
  name: string;
  inputSize: number;
  numClasses: number;
  /** (trainCount, inputSize), row-major; bytes for MNIST (training reads it only through gather()). */
  trainX: StoredFeatures;
  trainY: Uint8Array;
  /** (testCount, inputSize), row-major; always float32, since evaluation reads it whole. */
  testX: Float32Array;
  testY: Uint8Array;
  trainCount: number;
  testCount: number;
  /** Human-readable class names, `numClasses` of them, when the classes have names. */
  classNames?: string[];
}

/** Which half of a data set. */
export type Split = 'train' | 'test';

/** Thrown for any data the loaders refuse: the message names the file or argument and what is wrong. */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}
