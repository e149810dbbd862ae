// Mini-batch sampling without replacement, and copying the sampled rows into batch buffers.
//
// An epoch is one random permutation of 0..count-1, consumed B indices at a time. When fewer than B
// indices remain the tail is dropped and the next epoch starts with a fresh permutation, so every
// batch has exactly B distinct indices (PyTorch's DataLoader with shuffle=True, drop_last=True).
// B may change between calls (a live setting); the check "fewer than B remain" uses the B asked now.
// With a fixed B each epoch has floor(count / B) batches and each index appears at most once in it.

import type { Rng } from '../engine/rng.ts';
import { DataError, type Dataset, type Split } from './dataset.ts';
import { UNIT_OF_BYTE } from './pixels.ts';

export class BatchSampler {
  readonly count: number;
  /** 0-based epoch of the batch last returned (0 before any). */
  epoch = 0;
  /** Batches returned so far in the current epoch. */
  stepInEpoch = 0;
  private readonly order: Int32Array;
  private position = 0;

  /** Shuffles with `rng`, which the sampler then keeps using: the same seed gives the same batches. */
  constructor(count: number, private readonly rng: Rng) {
    if (!Number.isInteger(count) || count < 1 || count > 2 ** 31 - 1) {
      throw new DataError(`BatchSampler: count must be a positive integer, got ${count}`);
    }
    this.count = count;
    this.order = new Int32Array(count);
    for (let i = 0; i < count; i++) this.order[i] = i;
    rng.shuffle(this.order);
  }

  /**
   * The next B indices, as a view into the sampler's permutation: valid until the next call
   * (copy it to keep it). Allocates nothing but the view.
   */
  next(batchSize: number): Int32Array {
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > this.count) {
      throw new DataError(`BatchSampler: batch size must be an integer from 1 to ${this.count} (the example count), got ${batchSize}`);
    }
    if (this.position + batchSize > this.count) {
      this.rng.shuffle(this.order);
      this.position = 0;
      this.epoch++;
      this.stepInEpoch = 0;
    }
    const batch = this.order.subarray(this.position, this.position + batchSize);
    this.position += batchSize;
    this.stepInEpoch++;
    return batch;
  }

  /** Whole batches of size B in one epoch. */
  batchesPerEpoch(batchSize: number): number {
    return Math.floor(this.count / batchSize);
  }
}

/**
 * Copies rows `indices[0..B)` of `ds`'s `split` into the first B rows of `dstX` (B x inputSize,
 * row-major) and the labels into `dstY[0..B)`, without allocating. The buffers may be longer than needed.
 * Byte-stored features (MNIST) become b / 255 in float32 here, the values a float32 copy would hold.
 */
export function gather(
  dstX: Float32Array | Float64Array,
  dstY: Uint8Array | Int32Array,
  ds: Dataset,
  indices: ArrayLike<number>,
  batchSize: number,
  split: Split = 'train',
): void {
  const n = ds.inputSize;
  const srcX = split === 'train' ? ds.trainX : ds.testX;
  const srcY = split === 'train' ? ds.trainY : ds.testY;
  const rows = split === 'train' ? ds.trainCount : ds.testCount;
  if (indices.length < batchSize) throw new DataError(`gather: ${indices.length} indices for a batch of ${batchSize}`);
  if (dstX.length < batchSize * n) throw new DataError(`gather: dstX holds ${dstX.length} values, a batch of ${batchSize} x ${n} needs ${batchSize * n}`);
  if (dstY.length < batchSize) throw new DataError(`gather: dstY holds ${dstY.length} labels, a batch needs ${batchSize}`);
  for (let b = 0; b < batchSize; b++) {
    const row = indices[b];
    if (!(row >= 0 && row < rows && Number.isInteger(row))) {
      throw new DataError(`gather: index ${row} at position ${b} is outside the ${rows} ${split} examples of ${ds.name}`);
    }
    const from = row * n;
    const to = b * n;
    if (srcX instanceof Uint8Array) for (let j = 0; j < n; j++) dstX[to + j] = UNIT_OF_BYTE[srcX[from + j]];
    else for (let j = 0; j < n; j++) dstX[to + j] = srcX[from + j];
    dstY[b] = srcY[row];
  }
}
