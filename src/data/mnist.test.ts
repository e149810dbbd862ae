import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { gather } from './batches.ts';
import { DataError, type Dataset } from './dataset.ts';
import { encodeIdx } from './idx-encode.ts';
import { mnistFromIdx } from './mnist.ts';
import { MNIST_FILE_KEYS, MNIST_FILE_NAMES } from './mnist-files.ts';
import { tinyMnistFiles } from './mnist-fixture.test-support.ts';
import { loadMnistFromDir } from './mnist-node.ts';

/** Rows `first .. first + count` of the training set as float32, the way training reads them. */
function trainRows(ds: Dataset, first: number, count: number): Float32Array {
  const x = new Float32Array(count * ds.inputSize);
  gather(x, new Uint8Array(count), ds, Int32Array.from({ length: count }, (_, i) => first + i), count);
  return x;
}

const tmp = mkdtempSync(join(tmpdir(), 'normscope-mnist-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('loadMnistFromDir on the real files', () => {
  const ds = loadMnistFromDir();

  it('has 60,000 train and 10,000 test examples of 784 pixels in 10 classes', () => {
    expect(ds.name).toBe('mnist');
    expect([ds.trainCount, ds.testCount, ds.inputSize, ds.numClasses]).toEqual([60000, 10000, 784, 10]);
    expect(ds.trainX.length).toBe(60000 * 784);
    expect(ds.testX.length).toBe(10000 * 784);
    expect(ds.trainY.length).toBe(60000);
    expect(ds.testY.length).toBe(10000);
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('starts with the known labels 5 0 4 1 9 (train) and 7 2 1 0 4 (test)', () => {
    expect(Array.from(ds.trainY.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(Array.from(ds.testY.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
  });

  it('scales pixels to [0, 1] reaching both ends, with the usual mean', () => {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let first = 0; first < ds.trainCount; first += 1000) {
      const x = trainRows(ds, first, 1000);
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        if (v < min) min = v;
        if (v > max) max = v;
        sum += v;
      }
    }
    expect([min, max]).toEqual([0, 1]);
    expect(sum / ds.trainX.length).toBeCloseTo(0.1307, 3); // the well-known MNIST train mean
  });

  it('has the known class counts, summing to the example counts', () => {
    const count = (y: Uint8Array) => y.reduce((c, l) => (c[l]++, c), new Array<number>(10).fill(0));
    const train = count(ds.trainY);
    expect(train).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(train.reduce((a, b) => a + b)).toBe(60000);
    expect(count(ds.testY).reduce((a, b) => a + b)).toBe(10000);
    expect(count(ds.testY)[0]).toBe(980);
  });
});

describe('loadMnistFromDir on other folders', () => {
  it('names the folder and the expected files when the folder is missing', () => {
    const missing = join(tmp, 'nowhere');
    expect(() => loadMnistFromDir(missing)).toThrow(DataError);
    expect(() => loadMnistFromDir(missing)).toThrow(new RegExp(`MNIST folder not found: ${missing}.*train-images-idx3-ubyte.*t10k-labels-idx1-ubyte`));
  });

  it('names the missing file', () => {
    const dir = join(tmp, 'partial');
    mkdirSync(dir);
    const files = tinyMnistFiles(3, 2);
    for (const key of MNIST_FILE_KEYS) if (key !== 'testLabels') writeFileSync(join(dir, MNIST_FILE_NAMES[key]), files[key]);
    expect(() => loadMnistFromDir(dir)).toThrow(`MNIST file missing: ${join(dir, 't10k-labels-idx1-ubyte')} (nor t10k-labels-idx1-ubyte.gz)`);
  });

  it('reads .gz files, and names a corrupt one', () => {
    const dir = join(tmp, 'gz');
    mkdirSync(dir);
    const files = tinyMnistFiles(12, 5);
    for (const key of MNIST_FILE_KEYS) writeFileSync(join(dir, MNIST_FILE_NAMES[key] + '.gz'), gzipSync(files[key]));
    const ds = loadMnistFromDir(dir);
    expect([ds.trainCount, ds.testCount]).toEqual([12, 5]);
    expect(trainRows(ds, 1, 1)[1]).toBeCloseTo(2 / 255, 7); // image 1, pixel 1 -> (1 + 1) / 255
    expect(Array.from(ds.trainY)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);

    writeFileSync(join(dir, 'train-labels-idx1-ubyte.gz'), Uint8Array.from([0x1f, 0x8b, 1, 2, 3]));
    expect(() => loadMnistFromDir(dir)).toThrow(`${join(dir, 'train-labels-idx1-ubyte.gz')}: not valid gzip data`);
  });

  it('passes parse errors through with the file name', () => {
    const dir = join(tmp, 'truncated');
    mkdirSync(dir);
    const files = tinyMnistFiles(3, 2);
    files.testImages = files.testImages.subarray(0, files.testImages.length - 1);
    for (const key of MNIST_FILE_KEYS) writeFileSync(join(dir, MNIST_FILE_NAMES[key]), files[key]);
    expect(() => loadMnistFromDir(dir)).toThrow('t10k-images-idx3-ubyte: truncated: expected 1568 data bytes, found 1567');
  });
});

describe('mnistFromIdx', () => {
  it('refuses images that are not N x 28 x 28', () => {
    const files = tinyMnistFiles(3, 2);
    files.trainImages = encodeIdx([3, 28, 27], new Uint8Array(3 * 28 * 27));
    expect(() => mnistFromIdx(files)).toThrow('train-images-idx3-ubyte: dims (3, 28, 27), expected (N, 28, 28)');
  });

  it('refuses labels with more than one dimension', () => {
    const files = tinyMnistFiles(3, 2);
    files.testLabels = encodeIdx([2, 1], new Uint8Array(2));
    expect(() => mnistFromIdx(files)).toThrow('t10k-labels-idx1-ubyte: dims (2, 1), expected (N)');
  });

  it('refuses a label count that differs from the image count', () => {
    const files = tinyMnistFiles(3, 2);
    files.trainLabels = encodeIdx([4], new Uint8Array(4));
    expect(() => mnistFromIdx(files)).toThrow('train-labels-idx1-ubyte: 4 labels but train-images-idx3-ubyte has 3 images');
  });

  it('refuses a label above 9', () => {
    const files = tinyMnistFiles(3, 2);
    files.testLabels = encodeIdx([2], Uint8Array.from([3, 10]));
    expect(() => mnistFromIdx(files)).toThrow('t10k-labels-idx1-ubyte: label 10 at index 1 is outside 0..9');
  });

  it('maps byte b to b / 255 exactly as float32, in the training rows gather() copies and in the test set', () => {
    const ds = mnistFromIdx(tinyMnistFiles(1, 1));
    const row = trainRows(ds, 0, 1);
    const wide = new Float64Array(784);
    gather(wide, new Uint8Array(1), ds, [0], 1);
    for (let p = 0; p < 256; p++) {
      expect(row[p]).toBe(Math.fround(p / 255));
      expect(wide[p]).toBe(Math.fround(p / 255));
      expect(ds.testX[p]).toBe(Math.fround(p / 255));
    }
  });

  it('keeps the training images as bytes (a quarter of float32) and the test images as float32', () => {
    const files = tinyMnistFiles(4, 3);
    const ds = mnistFromIdx(files);
    expect(ds.trainX).toBeInstanceOf(Uint8Array);
    expect(ds.trainX.byteLength).toBe(4 * 784);
    expect(ds.trainX).toEqual(files.trainImages.subarray(16)); // the pixels after the IDX header, unchanged
    expect(ds.testX).toBeInstanceOf(Float32Array);
    expect(ds.testX.length).toBe(3 * 784);
  });
});
