import { fc, test as fcTest } from '../testing/property';
import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng.ts';
import { BatchSampler, gather } from './batches.ts';
import { DataError, type Dataset } from './dataset.ts';

/** Takes the batches of epoch `e` with a fixed B, checking the epoch counters as it goes. */
function takeEpoch(s: BatchSampler, b: number, e: number): number[] {
  const seen: number[] = [];
  for (let k = 0; k < s.batchesPerEpoch(b); k++) {
    seen.push(...s.next(b));
    expect([s.epoch, s.stepInEpoch]).toEqual([e, k + 1]);
  }
  return seen;
}

describe('BatchSampler', () => {
  it('visits every index exactly once per epoch when B divides the count', () => {
    const s = new BatchSampler(100, new Rng(1));
    for (let e = 0; e < 3; e++) {
      const seen = takeEpoch(s, 10, e);
      expect([...seen].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    }
  });

  it('reshuffles every epoch', () => {
    const s = new BatchSampler(50, new Rng(2));
    const first = s.next(50).slice();
    const second = s.next(50).slice();
    expect(s.epoch).toBe(1);
    expect([...second].sort((a, b) => a - b)).toEqual([...first].sort((a, b) => a - b));
    expect(second).not.toEqual(first);
  });

  it('drops the incomplete tail: every batch has exactly B distinct indices', () => {
    const s = new BatchSampler(10, new Rng(3));
    const a = s.next(4);
    const b = s.next(4);
    expect(new Set([...a, ...b]).size).toBe(8);
    expect(s.next(4)).toHaveLength(4); // only 2 were left: new epoch
    expect([s.epoch, s.stepInEpoch]).toEqual([1, 1]);
  });

  it('gives the same sequence for the same seed and another for another seed', () => {
    const run = (seed: number) => {
      const s = new BatchSampler(37, new Rng(seed));
      return Array.from({ length: 20 }, () => Array.from(s.next(8))).flat();
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('accepts a batch size that changes between calls', () => {
    const s = new BatchSampler(20, new Rng(4));
    const seen = [...s.next(3), ...s.next(7), ...s.next(10)];
    expect(new Set(seen).size).toBe(20);
    expect(s.epoch).toBe(0);
    s.next(1);
    expect(s.epoch).toBe(1);
  });

  it('refuses bad counts and batch sizes', () => {
    expect(() => new BatchSampler(0, new Rng(1))).toThrow(DataError);
    expect(() => new BatchSampler(2.5, new Rng(1))).toThrow(/count must be a positive integer/);
    const s = new BatchSampler(5, new Rng(1));
    expect(() => s.next(6)).toThrow(/batch size must be an integer from 1 to 5 \(the example count\), got 6/);
    expect(() => s.next(0)).toThrow(DataError);
  });

  fcTest.prop([fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 200 }), fc.integer()])(
    'with fixed B: each epoch is floor(count / B) batches of distinct indices',
    (count, bRaw, seed) => {
      const b = ((bRaw - 1) % count) + 1;
      const s = new BatchSampler(count, new Rng(seed));
      for (let e = 0; e < 2; e++) {
        const seen = new Set<number>();
        for (let k = 0; k < s.batchesPerEpoch(b); k++) for (const i of s.next(b)) seen.add(i);
        expect(seen.size).toBe(s.batchesPerEpoch(b) * b);
        expect(s.epoch).toBe(e);
      }
    },
  );
});

describe('gather', () => {
  const ds: Dataset = {
    name: 'toy',
    inputSize: 3,
    numClasses: 4,
    trainX: Float32Array.from({ length: 15 }, (_, i) => i),
    trainY: Uint8Array.from([0, 1, 2, 3, 0]),
    testX: Float32Array.from([100, 101, 102, 200, 201, 202]),
    testY: Uint8Array.from([3, 2]),
    trainCount: 5,
    testCount: 2,
  };

  it('copies the indexed rows and labels into the front of longer buffers', () => {
    const x = new Float32Array(12).fill(-1);
    const y = new Int32Array(4).fill(-1);
    gather(x, y, ds, Int32Array.from([4, 1, 3]), 2);
    expect(Array.from(x)).toEqual([12, 13, 14, 3, 4, 5, -1, -1, -1, -1, -1, -1]);
    expect(Array.from(y)).toEqual([0, 1, -1, -1]);
  });

  it('reads the test split when asked', () => {
    const x = new Float64Array(3);
    const y = new Uint8Array(1);
    gather(x, y, ds, [1], 1, 'test');
    expect([...x, ...y]).toEqual([200, 201, 202, 2]);
  });

  it('turns byte-stored features into b / 255, the values a float32 copy of them holds', () => {
    const bytes = Uint8Array.from({ length: 256 * 3 }, (_, i) => (i * 37 + 11) % 256);
    const asFloat = Float32Array.from(bytes, (b) => b / 255); // what the data set used to hold
    const stored: Dataset = { ...ds, trainX: bytes, trainY: new Uint8Array(256), trainCount: 256 };
    const reference: Dataset = { ...stored, trainX: asFloat };
    const order = Int32Array.from({ length: 256 }, (_, i) => (i * 101) % 256);
    for (const make of [(n: number) => new Float32Array(n), (n: number) => new Float64Array(n)]) {
      const fromBytes = make(256 * 3);
      const fromFloats = make(256 * 3);
      gather(fromBytes, new Uint8Array(256), stored, order, 256);
      gather(fromFloats, new Uint8Array(256), reference, order, 256);
      expect(fromBytes).toEqual(fromFloats);
    }
  });

  it('refuses short buffers and out-of-range indices', () => {
    expect(() => gather(new Float32Array(5), new Uint8Array(2), ds, [0, 1], 2)).toThrow(/dstX holds 5 values, a batch of 2 x 3 needs 6/);
    expect(() => gather(new Float32Array(6), new Uint8Array(1), ds, [0, 1], 2)).toThrow(/dstY holds 1 labels/);
    expect(() => gather(new Float32Array(6), new Uint8Array(2), ds, [0], 2)).toThrow(/1 indices for a batch of 2/);
    expect(() => gather(new Float32Array(6), new Uint8Array(2), ds, [0, 5], 2)).toThrow(/index 5 at position 1 is outside the 5 train examples of toy/);
    expect(() => gather(new Float32Array(6), new Uint8Array(2), ds, [2, 0], 2, 'test')).toThrow(/index 2 at position 0 is outside the 2 test/);
  });
});
