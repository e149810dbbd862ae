// The sweep panel's memory figure is MNIST's arrays as loaded, not a number written by hand.
import { describe, expect, it } from 'vitest';
import { datasetBytes, mnistStoredBytes } from './dataset-bytes.ts';
import { loadMnistFromDir } from './mnist-node.ts';

describe('dataset bytes', () => {
  it('mnistStoredBytes is the byteLength of the loaded MNIST arrays (about 78 MB)', () => {
    const ds = loadMnistFromDir();
    expect(datasetBytes(ds)).toBe(mnistStoredBytes());
    expect(mnistStoredBytes()).toBe(47_040_000 + 60_000 + 31_360_000 + 10_000);
  });
});
