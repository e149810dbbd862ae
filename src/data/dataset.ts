// The one shape every data set takes, MNIST or a 2-D toy set, plus the error every loader throws.

/**
 * A classification data set held in memory. Features are row-major: example `i` is
 * `trainX[i * inputSize .. (i + 1) * inputSize)`; its label `trainY[i]` is in `0 .. numClasses - 1`.
 */
export interface Dataset {
  name: string;
  inputSize: number;
  numClasses: number;
  /** (trainCount, inputSize), row-major. */
  trainX: Float32Array;
  trainY: Uint8Array;
  /** (testCount, inputSize), row-major. */
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
