// A run trained through the one training loop (a one-run session, as the CLI, the sweep and the seed
// jobs train) gets bit for bit the weights of the same network trained alone: the session adds
// nothing to the numbers, and neither does the size its SIMD arena was first given (the session sizes
// a CNN's for max(batch, 128) rows, a model alone for its batch; a batch past either moves the model
// to a larger arena and stays on the same kernels, engine/convnet.ts).
import { describe, expect, it } from 'vitest';
import { BatchSampler, gather } from '../data/batches';
import type { Dataset } from '../data/dataset';
import { make2d } from '../data/synthetic';
import { Rng } from '../engine/rng';
import { streamSeeds } from '../session/build';
import { createModel } from '../session/net-model';
import { DEFAULT_SETTINGS, type TrainSettings } from '../session/settings';
import { modelOf, oneRunSession, runKindOf } from './one-run';
import { trainSteps } from './train-steps';

function bands(n: number, rng: Rng) {
  const x = new Float32Array(n * 784);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 10;
    for (let p = 0; p < 784; p++) x[i * 784 + p] = 0.3 * rng.uniform() + (Math.floor(p / 28 / 2.8) === y[i] ? 0.6 : 0);
  }
  return { x, y };
}
function mnistLike(): Dataset {
  const rng = new Rng(5);
  const tr = bands(300, rng);
  const te = bands(40, rng);
  return { name: 'mnist', inputSize: 784, numClasses: 10, trainX: tr.x, trainY: tr.y, testX: te.x, testY: te.y, trainCount: 300, testCount: 40 };
}

/** The reference: the model alone (arena for its own batch), the seed's batch order, no session. */
function trainAlone(s: TrainSettings, ds: Dataset): Float32Array[] {
  const model = createModel(s, ds);
  const sampler = new BatchSampler(ds.trainCount, new Rng(streamSeeds(s.seed).batches));
  const x = new Float32Array(s.batch * ds.inputSize);
  const y = new Uint8Array(s.batch);
  for (let i = 0; i < s.steps; i++) {
    gather(x, y, ds, sampler.next(s.batch), s.batch);
    model.trainStep(x, y, s.batch);
  }
  return model.params.map((p) => Float32Array.from(p.value));
}

describe('one run through the one training loop', () => {
  it.each([
    ['mlp, batch norm', { dataset: 'spiral', norm: 'batch', steps: 60 }],
    ['mlp, batch norm before the activation', { dataset: 'spiral', norm: 'batch', placement: 'pre', steps: 60 }],
    ['cnn, batch 12 (session arena 128 rows)', { arch: 'cnn', act: 'relu', init: 'pytorch', norm: 'batch', batch: 12, lr: 0.05, steps: 6 }],
    ['cnn, batch 150 (past 128 rows)', { arch: 'cnn', act: 'relu', init: 'pytorch', norm: 'batch', batch: 150, lr: 0.05, steps: 3 }],
  ] as [string, Partial<TrainSettings>][])('%s: the same weights as the model trained alone', (_, over) => {
    const s: TrainSettings = { ...DEFAULT_SETTINGS, ...over };
    const ds = s.arch === 'cnn' ? mnistLike() : make2d('spiral', { seed: 1, trainCount: 600, testCount: 100, noise: 0.1 });
    const session = oneRunSession(s, ds);
    expect(trainSteps(session, null, s.steps)).toBe(s.steps);
    expect(modelOf(session).params.map((p) => Float32Array.from(p.value))).toEqual(trainAlone(s, ds));
  });

  it('names the run kind of the settings\' own norm and placement', () => {
    expect(runKindOf({ ...DEFAULT_SETTINGS, norm: 'none' })).toBe('plain');
    expect(runKindOf({ ...DEFAULT_SETTINGS, norm: 'batch', placement: 'pre' })).toBe('batch');
    expect(runKindOf({ ...DEFAULT_SETTINGS, norm: 'group' })).toBe('group');
  });
});
