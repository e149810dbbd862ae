// Folding batch norm (and renorm) into the linear layers: the folded plain network must give the
// trained network's evaluation-mode logits.
import { describe, expect, it } from 'vitest';
import { buildFoldedMlp, foldBatchNorm, foldedModelJson, maxLogitDifference, modelCounts } from './fold';
import { Mlp } from './mlp';
import { Rng } from './rng';
import type { Dtype, FloatArray, HiddenLayerSpec, ModelSpec, NormKind, NormPlacement } from './types';

const I = 8;
const O = 4;

/** Four Gaussian blobs in 8 dimensions, far from the origin and of unequal scales (non-trivial running statistics). */
function blobs(rng: Rng, N: number, dtype: Dtype): { x: FloatArray; y: Int32Array } {
  const x = dtype === 'float64' ? new Float64Array(N * I) : new Float32Array(N * I);
  const y = new Int32Array(N);
  for (let n = 0; n < N; n++) {
    const k = rng.int(O);
    y[n] = k;
    for (let i = 0; i < I; i++) x[n * I + i] = 2 + (i % O === k ? 1.5 : 0) + (0.5 + 0.2 * i) * rng.normal();
  }
  return { x, y };
}

function trained(norm: NormKind, placement: NormPlacement, dtype: Dtype, hidden?: HiddenLayerSpec[]): Mlp {
  const spec: ModelSpec = {
    inputSize: I, outputSize: O, normPlacement: placement, eps: 1e-5, momentum: 0.1,
    hidden: hidden ?? [{ units: 16, activation: 'relu', norm }, { units: 12, activation: 'sigmoid', norm }],
  };
  const m = new Mlp(spec, { type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0 }, { dtype, init: 'xavier', seed: 11 });
  const rng = new Rng(12);
  for (let s = 0; s < 300; s++) {
    if (norm === 'renorm') m.setRenormLimits(1 + Math.min(2, s / 50), Math.min(5, s / 30));
    const { x, y } = blobs(rng, 32, dtype);
    m.trainStep(x, y, 32);
  }
  return m;
}

function testRows(dtype: Dtype) {
  return blobs(new Rng(99), 500, dtype);
}

describe('folding batch norm into the linear layers', () => {
  for (const norm of ['batch', 'renorm'] as const) {
    for (const placement of ['pre', 'post'] as const) {
      it(`${norm}, ${placement}: the folded plain network gives the same evaluation logits (float32 and float64)`, () => {
        // folding reorders a few roundings per layer on logits of order 1-10 (fixed seed): measured at most
        // 1.6e-6 (float32, ~25 u32) and 6e-15 (float64, ~50 u64); the bounds leave a factor of 6 and 170
        for (const [dtype, tol] of [['float32', 1e-5], ['float64', 1e-12]] as const) {
          const m = trained(norm, placement, dtype);
          // the norms learned something: gamma, beta and running statistics are far from their start
          for (const l of m.layers) {
            expect(Math.max(...Array.from(l.gamma!, (g) => Math.abs(g - 1)))).toBeGreaterThan(1e-2);
            expect(Math.max(...Array.from(l.beta!, Math.abs))).toBeGreaterThan(1e-2);
            expect(Math.max(...Array.from(l.runningMean!, Math.abs))).toBeGreaterThan(0.1);
            expect(Math.max(...Array.from(l.runningVar!, (v) => Math.abs(v - 1)))).toBeGreaterThan(1e-2);
          }
          const fold = foldBatchNorm(m);
          expect(fold.spec.hidden.every((h) => h.norm === 'none')).toBe(true);
          const plain = buildFoldedMlp(fold, dtype);
          const { x, y } = testRows(dtype);
          const diff = maxLogitDifference(m, plain, x, 500);
          expect(diff, dtype).toBeLessThan(tol);
          // and the logits are not trivially small
          const logits = m.evaluate(x, y, 500, { keepLogits: true }).logits!;
          expect(Math.max(...Array.from(logits, Math.abs))).toBeGreaterThan(1);
          expect(plain.evaluate(x, y, 500).accuracy).toBe(m.evaluate(x, y, 500).accuracy);
        }
      });
    }
  }

  it('counts parameters, buffers and bytes before and after', () => {
    const m = trained('batch', 'pre', 'float32');
    const { counts, params } = foldBatchNorm(m);
    const linear = (I * 16 + 16) + (16 * 12 + 12) + (12 * O + O);
    expect(counts.before).toEqual({ parameters: linear + 2 * (16 + 12), buffers: 2 * (16 + 12), bytes: 4 * (linear + 4 * (16 + 12)) });
    expect(counts.after).toEqual({ parameters: linear, buffers: 0, bytes: 4 * linear });
    expect(modelCounts(buildFoldedMlp(foldBatchNorm(m)))).toEqual(counts.after);
    expect(params.every((p) => p.gamma === undefined && p.beta === undefined)).toBe(true);
    expect(foldBatchNorm(trained('batch', 'pre', 'float64')).counts.after.bytes).toBe(8 * linear);
  });

  it('folds only the layers that have batch norm, and a plain network is unchanged', () => {
    for (const placement of ['pre', 'post'] as const) {
      const mixed = trained('batch', placement, 'float64', [
        { units: 10, activation: 'tanh', norm: 'batch' }, { units: 9, activation: 'relu', norm: 'none' }, { units: 7, activation: 'tanh', norm: 'renorm' },
      ]);
      const { x } = testRows('float64');
      expect(maxLogitDifference(mixed, buildFoldedMlp(foldBatchNorm(mixed), 'float64'), x, 500)).toBeLessThan(1e-12);
    }
    const plain = trained('none', 'pre', 'float32');
    const fold = foldBatchNorm(plain);
    expect(fold.spec).toEqual(plain.spec);
    expect(fold.params).toEqual(plain.getParams());
    expect(fold.counts.after).toEqual(fold.counts.before);
    const { x } = testRows('float32');
    expect(maxLogitDifference(plain, buildFoldedMlp(fold), x, 500)).toBe(0);
  });

  it('refuses layer and group norm, which normalise each sample by its own statistics', () => {
    expect(() => foldBatchNorm(trained('layer', 'pre', 'float32'))).toThrow(/cannot fold hidden layer 1: layer norm normalises each sample by its own statistics/);
    const group = trained('group', 'post', 'float32', [{ units: 6, activation: 'relu', norm: 'none' }, { units: 6, activation: 'relu', norm: 'group', groups: 2 }]);
    expect(() => foldBatchNorm(group)).toThrow(/cannot fold hidden layer 2: group norm/);
  });

  it('writes the folded network as JSON rows that load back', () => {
    const m = trained('batch', 'post', 'float64');
    const fold = foldBatchNorm(m);
    const json = JSON.parse(JSON.stringify(foldedModelJson(fold))) as ReturnType<typeof foldedModelJson>;
    expect(json.model).toEqual(fold.spec);
    expect(json.params.map((p) => [p.W.length, p.W[0].length])).toEqual([[16, I], [12, 16], [O, 12]]);
    const back = new Mlp(json.model, { type: 'sgd', lr: 0, momentum: 0, weightDecay: 0 }, { dtype: 'float64' });
    back.setParams(json.params.map((p) => ({ W: p.W.flat(), b: p.b })));
    expect(back.getParams()).toEqual(fold.params);
  });

  it('maxLogitDifference refuses networks of different shapes and sees a real difference', () => {
    const a = trained('batch', 'pre', 'float64');
    const b = trained('none', 'pre', 'float64');
    const { x } = testRows('float64');
    expect(maxLogitDifference(a, b, x, 500)).toBeGreaterThan(0.1);
    const other = new Mlp({ ...b.spec, outputSize: 3 }, { type: 'sgd', lr: 0, momentum: 0, weightDecay: 0 });
    expect(() => maxLogitDifference(a, other, x, 500)).toThrow(/differ in shape/);
  });
});
