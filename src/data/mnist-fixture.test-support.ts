// Tiny MNIST-shaped IDX files for tests: `count` 28x28 images whose pixel p of image i is (i + p) mod 256,
// labelled i mod 10.

import { encodeIdx } from './idx-encode.ts';
import type { MnistFiles } from './mnist-files.ts';

export function tinyMnistFiles(trainCount: number, testCount: number): MnistFiles {
  const images = (n: number) => encodeIdx([n, 28, 28], Uint8Array.from({ length: n * 784 }, (_, k) => (Math.floor(k / 784) + (k % 784)) % 256));
  const labels = (n: number) => encodeIdx([n], Uint8Array.from({ length: n }, (_, i) => i % 10));
  return { trainImages: images(trainCount), trainLabels: labels(trainCount), testImages: images(testCount), testLabels: labels(testCount) };
}
