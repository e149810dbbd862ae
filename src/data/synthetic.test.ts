import { fc, test as fcTest } from '../testing/property';
import { describe, expect, it } from 'vitest';
import { DataError, type Dataset } from './dataset.ts';
import { DISC_RADIUS, RING_INNER } from './shapes2d.ts';
import { make2d, SYNTHETIC_NAMES } from './synthetic.ts';

const base = { seed: 7, trainCount: 600, testCount: 300, noise: 0.05 };

function classCounts(y: Uint8Array, k: number): number[] {
  const c = new Array<number>(k).fill(0);
  for (const l of y) c[l]++;
  return c;
}

/** Nearest-centroid accuracy on test with train centroids: high for blobs, a sanity check of labels. */
function centroidAccuracy(ds: Dataset): number {
  const cx = new Float64Array(ds.numClasses * 2);
  const n = new Float64Array(ds.numClasses);
  for (let i = 0; i < ds.trainCount; i++) {
    cx[2 * ds.trainY[i]] += ds.trainX[2 * i];
    cx[2 * ds.trainY[i] + 1] += ds.trainX[2 * i + 1];
    n[ds.trainY[i]]++;
  }
  let correct = 0;
  for (let i = 0; i < ds.testCount; i++) {
    let best = -1;
    let bestD = Infinity;
    for (let c = 0; c < ds.numClasses; c++) {
      const d = (ds.testX[2 * i] - cx[2 * c] / n[c]) ** 2 + (ds.testX[2 * i + 1] - cx[2 * c + 1] / n[c]) ** 2;
      if (d < bestD) [bestD, best] = [d, c];
    }
    if (best === ds.testY[i]) correct++;
  }
  return correct / ds.testCount;
}

describe.each(SYNTHETIC_NAMES)('make2d(%s)', (name) => {
  const ds = make2d(name, base);

  it('has the requested shapes', () => {
    expect(ds.name).toBe(name);
    expect(ds.inputSize).toBe(2);
    expect([ds.trainX.length, ds.trainY.length, ds.trainCount]).toEqual([1200, 600, 600]);
    expect([ds.testX.length, ds.testY.length, ds.testCount]).toEqual([600, 300, 300]);
    expect(ds.classNames).toHaveLength(ds.numClasses);
  });

  it('is balanced across classes in both splits', () => {
    for (const c of classCounts(ds.trainY, ds.numClasses)) expect(c).toBe(600 / ds.numClasses);
    for (const c of classCounts(ds.testY, ds.numClasses)) expect(c).toBe(300 / ds.numClasses);
  });

  it('keeps features within [-1, 1] up to the noise', () => {
    for (const v of ds.trainX) expect(Math.abs(v)).toBeLessThan(1 + 6 * base.noise);
    const noiseless = make2d(name, { ...base, noise: 0 });
    for (const v of noiseless.trainX) expect(Math.abs(v)).toBeLessThanOrEqual(1);
  });

  it('is the same for the same seed and differs across seeds', () => {
    const again = make2d(name, base);
    expect(again.trainX).toEqual(ds.trainX);
    expect(again.testX).toEqual(ds.testX);
    expect(again.trainY).toEqual(ds.trainY);
    const other = make2d(name, { ...base, seed: 8 });
    expect(other.trainX).not.toEqual(ds.trainX);
    expect(other.testX).not.toEqual(ds.testX);
  });

  it('draws test apart from train, and test does not depend on trainCount', () => {
    expect(ds.testX).not.toEqual(ds.trainX.subarray(0, 600));
    const bigger = make2d(name, { ...base, trainCount: 900 });
    expect(bigger.testX).toEqual(ds.testX);
    expect(bigger.trainX.subarray(0, 1200)).toEqual(ds.trainX);
  });
});

describe('make2d geometry', () => {
  it('circles: noise-free class 0 inside the disc, class 1 in the ring', () => {
    const ds = make2d('circles', { ...base, noise: 0 });
    for (let i = 0; i < ds.trainCount; i++) {
      const r = Math.hypot(ds.trainX[2 * i], ds.trainX[2 * i + 1]);
      if (ds.trainY[i] === 0) expect(r).toBeLessThanOrEqual(DISC_RADIUS + 1e-6);
      else expect(r).toBeGreaterThanOrEqual(RING_INNER - 1e-6);
    }
  });

  it('xor: noise-free class is the sign of x * y', () => {
    const ds = make2d('xor', { ...base, noise: 0 });
    for (let i = 0; i < ds.trainCount; i++) {
      expect(ds.trainX[2 * i] * ds.trainX[2 * i + 1] >= 0 ? 0 : 1).toBe(ds.trainY[i]);
    }
  });

  it('gauss: k blobs whose empirical std is the noise, separable by centroids', () => {
    const ds = make2d('gauss', { ...base, trainCount: 4000, classes: 5, noise: 0.1 });
    expect(ds.numClasses).toBe(5);
    expect(centroidAccuracy(ds)).toBeGreaterThan(0.97);
    let ss = 0;
    for (let i = 0; i < ds.trainCount; i++) {
      const theta = (2 * Math.PI * ds.trainY[i]) / 5;
      ss += (ds.trainX[2 * i] - 0.6 * Math.cos(theta)) ** 2 + (ds.trainX[2 * i + 1] - 0.6 * Math.sin(theta)) ** 2;
    }
    expect(Math.sqrt(ss / (2 * ds.trainCount))).toBeCloseTo(0.1, 2);
  });

  it('spiral: arms are not separable by centroids (the point of a spiral)', () => {
    const ds = make2d('spiral', { ...base, classes: 2 });
    expect(ds.numClasses).toBe(2);
    expect(centroidAccuracy(ds)).toBeLessThan(0.8);
  });

  it('noise 0 and a non-default class count work', () => {
    expect(make2d('spiral', { ...base, noise: 0, classes: 4 }).numClasses).toBe(4);
  });
});

describe('make2d argument checks', () => {
  const refuse = (name: string, opts: object, pattern: RegExp) => {
    expect(() => make2d(name, { ...base, ...opts })).toThrow(DataError);
    expect(() => make2d(name, { ...base, ...opts })).toThrow(pattern);
  };

  it('lists the accepted names for an unknown one', () => {
    refuse('moons', {}, /unknown 2-D data set "moons"; accepted names: spiral, circles, xor, gauss/);
  });

  it('refuses bad counts, noise, seed and classes', () => {
    refuse('spiral', { trainCount: 0 }, /spiral: trainCount must be an integer from 1/);
    refuse('spiral', { testCount: 2.5 }, /testCount must be an integer/);
    refuse('xor', { trainCount: NaN }, /trainCount/);
    refuse('gauss', { noise: -0.1 }, /noise must be a finite number >= 0, got -0.1/);
    refuse('gauss', { noise: Infinity }, /noise/);
    refuse('circles', { seed: 1.5 }, /seed must be an integer/);
    refuse('circles', { classes: 3 }, /circles: classes must be exactly 2, got 3/);
    refuse('spiral', { classes: 1 }, /spiral: classes must be an integer from 2 to 6, got 1/);
  });

  it('accepts a single example', () => {
    const ds = make2d('xor', { ...base, trainCount: 1, testCount: 1 });
    expect([ds.trainCount, ds.testCount]).toEqual([1, 1]);
  });

  fcTest.prop([fc.constantFrom(...SYNTHETIC_NAMES), fc.integer(), fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 2, noNaN: true })], { numRuns: 50 })(
    'gives finite features and valid labels for any valid arguments',
    (name, seed, count, noise) => {
      const ds = make2d(name, { seed, trainCount: count, testCount: count, noise });
      for (const v of ds.trainX) expect(Number.isFinite(v)).toBe(true);
      for (const l of ds.testY) expect(l).toBeLessThan(ds.numClasses);
    },
  );
});
