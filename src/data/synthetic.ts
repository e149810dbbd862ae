// Seeded 2-D toy classification sets: spiral, circles, xor, gauss.
//
// Scale: before noise every point lies in [-1, 1]^2 (spiral, circles and gauss inside the unit disc).
// Noise: `noise` is the standard deviation of isotropic Gaussian noise added to both coordinates,
// in the same units, so noise 0.1 moves points by about a tenth of the set's radius. For gauss it is
// exactly the blobs' standard deviation. Labels cycle 0, 1, ..., classes-1 so every prefix is balanced
// (class counts differ by at most one). Train and test are independent draws from the same
// distribution, from two streams derived from `seed`: the test set does not change with trainCount.

import { Rng } from '../engine/rng.ts';
import { DataError, type Dataset } from './dataset.ts';
import { circlesPoint, gaussPoint, spiralPoint, xorPoint, type PointSampler } from './shapes2d.ts';

export const SYNTHETIC_NAMES = ['spiral', 'circles', 'xor', 'gauss'] as const;
export type SyntheticName = (typeof SYNTHETIC_NAMES)[number];

export interface Synthetic2dOptions {
  /** Any integer; the same seed gives the same data on every platform. */
  seed: number;
  trainCount: number;
  testCount: number;
  /** Standard deviation of the Gaussian noise added to each coordinate, >= 0. */
  noise: number;
  /** Arms (spiral) or blobs (gauss); circles and xor have exactly 2. */
  classes?: number;
}

interface SetSpec {
  sampler: PointSampler;
  defaultClasses: number;
  minClasses: number;
  maxClasses: number;
  classNames: (classes: number) => string[];
}

const SETS: Record<SyntheticName, SetSpec> = {
  spiral: { sampler: spiralPoint, defaultClasses: 3, minClasses: 2, maxClasses: 6, classNames: (k) => numbered('arm', k) },
  circles: { sampler: circlesPoint, defaultClasses: 2, minClasses: 2, maxClasses: 2, classNames: () => ['inner disc', 'outer ring'] },
  xor: { sampler: xorPoint, defaultClasses: 2, minClasses: 2, maxClasses: 2, classNames: () => ['same sign', 'opposite sign'] },
  gauss: { sampler: gaussPoint, defaultClasses: 3, minClasses: 2, maxClasses: 10, classNames: (k) => numbered('blob', k) },
};

/** Largest accepted trainCount or testCount (16 MB of features each). */
export const MAX_SYNTHETIC_COUNT = 2_000_000;

/** Builds the named 2-D set; throws DataError on an unknown name or a bad option. */
export function make2d(name: string, options: Synthetic2dOptions): Dataset {
  if (!(SYNTHETIC_NAMES as readonly string[]).includes(name)) {
    throw new DataError(`unknown 2-D data set "${name}"; accepted names: ${SYNTHETIC_NAMES.join(', ')}`);
  }
  const spec = SETS[name as SyntheticName];
  const { seed, trainCount, testCount, noise } = options;
  const classes = options.classes ?? spec.defaultClasses;
  if (!Number.isSafeInteger(seed)) throw new DataError(`${name}: seed must be an integer, got ${seed}`);
  checkCount(name, 'trainCount', trainCount);
  checkCount(name, 'testCount', testCount);
  if (!Number.isFinite(noise) || noise < 0) throw new DataError(`${name}: noise must be a finite number >= 0, got ${noise}`);
  if (!Number.isInteger(classes) || classes < spec.minClasses || classes > spec.maxClasses) {
    const range = spec.minClasses === spec.maxClasses ? `exactly ${spec.minClasses}` : `an integer from ${spec.minClasses} to ${spec.maxClasses}`;
    throw new DataError(`${name}: classes must be ${range}, got ${classes}`);
  }

  const streams = new Rng(seed);
  const train = sample(spec.sampler, trainCount, classes, noise, new Rng(streams.nextUint32()));
  const test = sample(spec.sampler, testCount, classes, noise, new Rng(streams.nextUint32()));
  return {
    name,
    inputSize: 2,
    numClasses: classes,
    trainX: train.x,
    trainY: train.y,
    testX: test.x,
    testY: test.y,
    trainCount,
    testCount,
    classNames: spec.classNames(classes),
  };
}

function sample(sampler: PointSampler, count: number, classes: number, noise: number, rng: Rng): { x: Float32Array; y: Uint8Array } {
  const x = new Float32Array(count * 2);
  const y = new Uint8Array(count);
  const point = new Float64Array(2);
  for (let i = 0; i < count; i++) {
    const label = i % classes;
    sampler(rng, label, classes, point);
    x[2 * i] = point[0] + noise * rng.normal();
    x[2 * i + 1] = point[1] + noise * rng.normal();
    y[i] = label;
  }
  return { x, y };
}

function checkCount(name: string, what: string, n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_SYNTHETIC_COUNT) {
    throw new DataError(`${name}: ${what} must be an integer from 1 to ${MAX_SYNTHETIC_COUNT}, got ${n}`);
  }
}

function numbered(prefix: string, k: number): string[] {
  return Array.from({ length: k }, (_, i) => `${prefix} ${i}`);
}
