// How much memory a data set holds: the byteLength of its four arrays (features and labels of both
// splits). The sweep panel quotes it for MNIST as each worker stores it (training pixels as bytes, test
// pixels as float32 since evaluation reads them whole, one byte per label): mnistStoredBytes() gives
// that figure from MNIST's shape, and its test checks it against a loaded data set's arrays.
import type { Dataset } from './dataset.ts';

/** Bytes held by the data set's feature and label arrays. */
export function datasetBytes(ds: Pick<Dataset, 'trainX' | 'trainY' | 'testX' | 'testY'>): number {
  return ds.trainX.byteLength + ds.trainY.byteLength + ds.testX.byteLength + ds.testY.byteLength;
}

/** MNIST's shape: 60,000 training and 10,000 test images of 28 x 28 pixels. */
export const MNIST_SHAPE = { trainCount: 60_000, testCount: 10_000, inputSize: 784 } as const;

/** Bytes of MNIST as a worker stores it: training pixels 1 byte each, test pixels 4 (float32), labels 1. */
export function mnistStoredBytes(): number {
  const { trainCount, testCount, inputSize } = MNIST_SHAPE;
  return trainCount * inputSize + trainCount + testCount * inputSize * Float32Array.BYTES_PER_ELEMENT + testCount;
}
