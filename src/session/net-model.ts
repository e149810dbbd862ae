// The two networks a run can be (settings.arch): the fully connected Mlp and the convolutional ConvNet
// (cnn-spec.ts). Both train, evaluate and take live changes through the same methods; what differs
// (their layers, their weight arrays) is reached through the helpers here and watched-layer.ts.
import type { Dataset } from '../data/dataset';
import { ConvNet } from '../engine/convnet';
import { Mlp } from '../engine/mlp';
import { modelSpecOf, optimizerSpecOf, streamSeeds } from './build';
import { cnnSpecOf } from './cnn-spec';
import type { TrainSettings } from './settings';

export type NetModel = Mlp | ConvNet;

/** Rows of the evaluation chunks a session runs (ConvNet's default chunk). */
const EVAL_ROWS = 100;

/**
 * The network of settings `s` (the run's norm in them) with the seed's initial weights. `trainRows`:
 * the largest training batch to expect (a CNN sizes its SIMD arena for it; default s.batch).
 */
export function createModel(s: TrainSettings, ds: Pick<Dataset, 'inputSize' | 'numClasses'>, trainRows = s.batch): NetModel {
  const seeds = streamSeeds(s.seed);
  if (s.arch === 'cnn') {
    return new ConvNet(cnnSpecOf(s), optimizerSpecOf(s), {
      init: s.init, seed: seeds.weights,
      arenaRows: { train: Math.max(trainRows, s.batch, 1), eval: Math.max(EVAL_ROWS, s.batch) },
    });
  }
  return new Mlp(modelSpecOf(s, ds.inputSize, ds.numClasses), optimizerSpecOf(s), { init: s.init, seed: seeds.weights });
}

/** Every layer's (W, b) pair in order, the logits' layer last. */
export function weightPairs(m: NetModel): { W: Float32Array | Float64Array; b: Float32Array | Float64Array; dW: Float32Array | Float64Array }[] {
  if (m instanceof ConvNet) return m.weightLayers.map((l) => ({ W: l.W, b: l.b, dW: l.dW }));
  return [...m.layers.map((l) => ({ W: l.W, b: l.b, dW: l.dW })), { W: m.Wout, b: m.bout, dW: m.dWout }];
}

/** Copies `from`'s weights and biases into `to` (same architecture): the runs of a session start alike. */
export function copyInitialWeights(from: NetModel, to: NetModel): void {
  const a = weightPairs(from);
  weightPairs(to).forEach((p, i) => { p.W.set(a[i].W); p.b.set(a[i].b); });
}

/** Euclidean norm of each weight gradient, in layer order (the logits' layer last). */
export function weightGradNorms(m: NetModel): number[] {
  return weightPairs(m).map(({ dW }) => {
    let s = 0;
    for (let i = 0; i < dW.length; i++) s += dW[i] * dW[i];
    return Math.sqrt(s);
  });
}

/** Whether every parameter is still finite (its ends: a non-finite update spreads through a whole matrix). */
/**
 * The one divergence rule (the session, the sweep, the seed runs and the CLI): a step diverged when its
 * loss or any parameter is not finite.
 */
export function diverged(loss: number, m: NetModel): boolean {
  return !Number.isFinite(loss) || !paramsFinite(m);
}

export function paramsFinite(m: NetModel): boolean {
  for (const p of m.params) {
    const v = p.value;
    if (!Number.isFinite(v[0]) || !Number.isFinite(v[v.length - 1])) return false;
  }
  return true;
}
