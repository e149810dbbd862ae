import { fc, test as fcTest } from '../testing/property';
import { U64 } from '../testing/bounds';
import { describe, expect, it } from 'vitest';
import { Mlp } from '../engine/mlp';
import { Rng } from '../engine/rng';
import type { ModelSpec } from '../engine/types';
import { l2Norm, ParamSnapshot, updateRatio } from './update-ratio';

describe('l2Norm', () => {
  it('is the Euclidean norm of the first n entries', () => {
    expect(l2Norm(Float32Array.of(3, 4))).toBe(5);
    expect(l2Norm(Float64Array.of(3, 4, 12), 2)).toBe(5);
    expect(l2Norm(new Float32Array(0))).toBe(0);
  });

  it('does not underflow or overflow for tiny or huge float64 entries', () => {
    expect(l2Norm(Float64Array.of(3e-200, 4e-200))).toBeCloseTo(5e-200, 210);
    expect(l2Norm(Float64Array.of(3e200, 4e200)) / 5e200).toBeCloseTo(1, 12);
    expect(updateRatio(Float64Array.of(3e-200, 4e-200), Float64Array.of(3e-200, 4.05e-200))).toBeCloseTo(0.01, 12);
    expect(updateRatio(Float64Array.of(3e200, 4e200), Float64Array.of(3e200, 4.05e200))).toBeCloseTo(0.01, 12);
  });

  fcTest.prop([fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-100), { maxLength: 50 })])('equals sqrt of the sum of squares', (a) => {
    const want = Math.sqrt(a.reduce((s, x) => s + x * x, 0));
    // a sum of n squares and a square root (scaled or not): (n + 4) u relative, for either side
    expect(Math.abs(l2Norm(Float64Array.from(a)) - want)).toBeLessThanOrEqual(2 * (a.length + 4) * U64 * want);
  });
});

describe('updateRatio', () => {
  it('is ||after - before|| / ||before||', () => {
    expect(updateRatio(Float64Array.of(3, 4), Float64Array.of(3, 4.05))).toBeCloseTo(0.01, 12);
    expect(updateRatio(Float64Array.of(1, 0, 0), Float64Array.of(1, 0, 2), 2)).toBe(0); // beyond n ignored
    expect(updateRatio(Float32Array.of(0, 0), Float32Array.of(0, 0))).toBe(0);
    expect(updateRatio(Float32Array.of(0, 0), Float32Array.of(0, 1))).toBe(Infinity);
  });

  fcTest.prop([fc.array(fc.double({ min: -10, max: 10, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-100), { minLength: 1, maxLength: 30 }), fc.double({ min: 1e-3, max: 10, noNaN: true })])(
    'scaling W by (1 + c) gives a ratio of |c|', (a, c) => {
      fc.pre(a.some((x) => x !== 0));
      const before = Float64Array.from(a);
      const after = before.map((x) => x * (1 + c));
      // after = x (1 + c) rounds by u |x (1 + c)|, so after - x = c x within that: the ratio is off by
      // u (1 + c) from it, plus (n + 4) u relative from each norm
      expect(Math.abs(updateRatio(before, after) - c)).toBeLessThanOrEqual(4 * (a.length + 8) * U64 * (1 + 2 * c));
    });

  it('equals lr ||grad|| / ||W|| for one plain SGD step of the engine (the true delta for SGD)', () => {
    const spec: ModelSpec = { inputSize: 6, outputSize: 3, normPlacement: 'pre', eps: 1e-5, momentum: 0.1, hidden: [{ units: 5, activation: 'tanh', norm: 'none' }] };
    const lr = 0.3;
    const mlp = new Mlp(spec, { type: 'sgd', lr, momentum: 0, weightDecay: 0 }, { seed: 2, dtype: 'float64' });
    const rng = new Rng(3);
    const x = Float64Array.from({ length: 4 * 6 }, () => rng.normal());
    const y = Int32Array.of(0, 1, 2, 1);
    const W = mlp.layers[0].W;
    const snap = new ParamSnapshot(W.length);
    snap.capture(W);
    const wNorm = l2Norm(W);
    mlp.trainStep(x, y, 4);
    const want = (lr * l2Norm(mlp.layers[0].dW)) / wNorm;
    expect(snap.ratio(W)).toBeCloseTo(want, 12);
    expect(want).toBeGreaterThan(0);
  });
});

describe('ParamSnapshot', () => {
  it('keeps the copy from before the change and checks sizes', () => {
    const w = Float32Array.of(1, 2, 2);
    const snap = new ParamSnapshot(4);
    snap.capture(w);
    w[0] = 1.3;
    expect(snap.ratio(w)).toBeCloseTo(0.1, 6);
    expect(() => snap.ratio(new Float32Array(2))).toThrow(RangeError);
    expect(() => snap.capture(new Float32Array(5))).toThrow(RangeError);
  });
});
