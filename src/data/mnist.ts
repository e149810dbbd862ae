// Turns the four raw MNIST IDX files into a Dataset: pixels scaled to [0, 1] as x / 255. The training
// images stay bytes (gather() scales the rows of each batch: 47 MB instead of 188 MB per worker); the
// test images, which evaluation reads whole, are scaled once into float32 (31 MB).

import { DataError, type Dataset } from './dataset.ts';
import { parseIdx, type IdxArray } from './idx.ts';
import { MNIST_FILE_NAMES, type MnistFiles } from './mnist-files.ts';
import { bytesToUnit } from './pixels.ts';

export const MNIST_SIDE = 28;
export const MNIST_INPUT_SIZE = MNIST_SIDE * MNIST_SIDE;
export const MNIST_CLASSES = 10;

/** Builds the MNIST Dataset (60,000 train and 10,000 test for the real files); throws DataError naming the bad file. */
export function mnistFromIdx(files: MnistFiles): Dataset {
  const train = imagesAndLabels(files.trainImages, files.trainLabels, 'trainImages', 'trainLabels');
  const test = imagesAndLabels(files.testImages, files.testLabels, 'testImages', 'testLabels');
  return {
    name: 'mnist',
    inputSize: MNIST_INPUT_SIZE,
    numClasses: MNIST_CLASSES,
    trainX: train.bytes,
    trainY: train.y,
    testX: bytesToUnit(test.bytes),
    testY: test.y,
    trainCount: train.count,
    testCount: test.count,
    classNames: Array.from({ length: MNIST_CLASSES }, (_, i) => String(i)),
  };
}

function imagesAndLabels(
  imageBytes: Uint8Array,
  labelBytes: Uint8Array,
  imageKey: 'trainImages' | 'testImages',
  labelKey: 'trainLabels' | 'testLabels',
): { bytes: Uint8Array; y: Uint8Array; count: number } {
  const imageName = MNIST_FILE_NAMES[imageKey];
  const labelName = MNIST_FILE_NAMES[labelKey];
  const images = parseIdx(imageBytes, imageName);
  const labels = parseIdx(labelBytes, labelName);
  checkDims(images, [null, MNIST_SIDE, MNIST_SIDE], imageName, '(N, 28, 28)');
  checkDims(labels, [null], labelName, '(N)');
  const count = images.dims[0];
  if (labels.dims[0] !== count) {
    throw new DataError(`${labelName}: ${labels.dims[0]} labels but ${imageName} has ${count} images`);
  }
  for (let i = 0; i < count; i++) {
    if (labels.data[i] >= MNIST_CLASSES) {
      throw new DataError(`${labelName}: label ${labels.data[i]} at index ${i} is outside 0..9`);
    }
  }
  // a plain Uint8Array view of the pixels (no copy; a Node Buffer would otherwise stay a Buffer)
  const bytes = new Uint8Array(images.data.buffer, images.data.byteOffset, images.data.length);
  return { bytes, y: labels.data.slice(), count };
}

function checkDims(arr: IdxArray, shape: (number | null)[], fileName: string, shapeText: string): void {
  const ok = arr.dims.length === shape.length && shape.every((s, d) => s === null || arr.dims[d] === s);
  if (!ok) throw new DataError(`${fileName}: dims (${arr.dims.join(', ')}), expected ${shapeText}`);
}
