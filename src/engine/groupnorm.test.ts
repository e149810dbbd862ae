// Group norm: gradients for several G, layer norm as G = 1, per-group invariants, the default number
// of groups and the spec's refusals.
import { fc, test } from '../testing/property';
import { maxAbs, U64 as u } from '../testing/bounds';
import { describe, expect, it } from 'vitest';
import { defaultGroups, divisors, groupnormBackward, groupnormForward } from './groupnorm';
import { layernormBackward, layernormForward } from './layernorm';
import { Mlp } from './mlp';
import { Rng } from './rng';
import { dot, numericGradient, randomArray, relativeError } from './test-support';
import type { ModelSpec, NormPlacement, OptimizerSpec } from './types';

const TOL = 1e-6;

describe('group norm kernels', () => {
  // groups of 12, 6, 4, 3 units, and of 1 (output beta whatever the input). Groups of 2 are nearly as
  // degenerate: xhat = +-sqrt(v / (v + eps)), whose input gradient is O(eps), below the differences' noise.
  for (const G of [1, 2, 3, 4, 12]) {
    it(`gradients, G = ${G} (float64, central differences)`, () => {
      const rng = new Rng(40 + G);
      const [B, C, eps] = [4, 12, 1e-5];
      const inp = randomArray(B * C, rng, 3), gamma = randomArray(C, rng), beta = randomArray(C, rng), R = randomArray(B * C, rng);
      const out = new Float64Array(B * C), mean = new Float64Array(B * G), rstd = new Float64Array(B * G);
      const L = () => { groupnormForward(out, mean, rstd, inp, gamma, beta, B, C, G, eps); return dot(out, R); };
      L();
      const dinp = new Float64Array(B * C), dgamma = new Float64Array(C), dbeta = new Float64Array(C);
      groupnormBackward(dinp, dgamma, dbeta, R, inp, gamma, mean, rstd, B, C, G);
      // G = C: groups of one unit, whose output is beta whatever the input: dinp is 0 up to round-off
      const floor = G === C ? 1 : 1e-6;
      expect(relativeError(dinp, numericGradient(L, inp), floor)).toBeLessThan(TOL);
      expect(relativeError(dgamma, numericGradient(L, gamma), floor)).toBeLessThan(TOL);
      expect(relativeError(dbeta, numericGradient(L, beta))).toBeLessThan(TOL);
    });
  }

  it('is layer norm, bit for bit, with one group', () => {
    const rng = new Rng(50);
    const [B, C, eps] = [7, 9, 1e-3];
    for (const make of [(n: number) => new Float32Array(n), (n: number) => new Float64Array(n)]) {
      const f = (a: Float64Array) => { const x = make(a.length); x.set(a); return x; };
      const [inp, gamma, beta, R] = [randomArray(B * C, rng, 2), randomArray(C, rng), randomArray(C, rng), randomArray(B * C, rng)].map(f);
      const ln = { out: make(B * C), mean: make(B), rstd: make(B), dinp: make(B * C), dg: make(C), db: make(C) };
      const gn = { out: make(B * C), mean: make(B), rstd: make(B), dinp: make(B * C), dg: make(C), db: make(C) };
      layernormForward(ln.out, ln.mean, ln.rstd, inp, gamma, beta, B, C, eps);
      groupnormForward(gn.out, gn.mean, gn.rstd, inp, gamma, beta, B, C, 1, eps);
      layernormBackward(ln.dinp, ln.dg, ln.db, R, inp, gamma, ln.mean, ln.rstd, B, C);
      groupnormBackward(gn.dinp, gn.dg, gn.db, R, inp, gamma, gn.mean, gn.rstd, B, C, 1);
      for (const k of ['out', 'mean', 'rstd', 'dinp', 'dg', 'db'] as const) expect(gn[k], k).toEqual(ln[k]);
    }
  });

  test.prop([fc.record({
    B: fc.integer({ min: 1, max: 8 }), K: fc.integer({ min: 2, max: 8 }), G: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 }), scale: fc.double({ min: 1e-2, max: 1e2, noNaN: true }),
    shift: fc.double({ min: -50, max: 50, noNaN: true }), eps: fc.double({ min: 1e-8, max: 1, noNaN: true }),
  })])('with gamma 1 and beta 0, every group of every sample has mean 0 and variance var / (var + eps); dinp sums to 0 per group', ({ B, K, G, seed, scale, shift, eps }) => {
    const C = K * G;
    const rng = new Rng(seed);
    const inp = randomArray(B * C, rng, scale).map((v) => v + shift);
    const out = new Float64Array(B * C), mean = new Float64Array(B * G), rstd = new Float64Array(B * G);
    groupnormForward(out, mean, rstd, inp, new Float64Array(C).fill(1), new Float64Array(C), B, C, G, eps);
    const dout = randomArray(B * C, rng);
    const gamma = randomArray(C, rng);
    const dinp = new Float64Array(B * C);
    groupnormBackward(dinp, new Float64Array(C), new Float64Array(C), dout, inp, gamma, mean, rstd, B, C, G);
    for (let b = 0; b < B; b++) {
      for (let g = 0; g < G; g++) {
        const idx = Array.from({ length: K }, (_, k) => b * C + g * K + k);
        const x = idx.map((i) => inp[i]);
        const y = idx.map((i) => out[i]);
        const mx = x.reduce((s, v) => s + v, 0) / K;
        const vx = x.reduce((s, v) => s + (v - mx) ** 2, 0) / K;
        const my = y.reduce((s, v) => s + v, 0) / K;
        const vy = y.reduce((s, v) => s + (v - my) ** 2, 0) / K;
        // Bounds from float64 rounding, as in batchnorm.test.ts with K values per group: the group mean
        // is off by (K + 1) u X (X = max|x|), which the normalisation multiplies by rstd.
        const X = maxAbs(x), Y = maxAbs(y), r = rstd[b * G + g];
        expect(Math.abs(my), `mean of y, sample ${b} group ${g}`).toBeLessThanOrEqual(4 * u * (K + 2) * (r * X + Y));
        const want = vx / (vx + eps);
        expect(Math.abs(vy - want), `var of y, sample ${b} group ${g}`).toBeLessThanOrEqual(8 * u * ((K + 4) * want + Math.sqrt(want) * Y));
        expect(Math.abs(mean[b * G + g] - mx), `mean, sample ${b} group ${g}`).toBeLessThanOrEqual(2 * (K + 1) * u * X);
        // the input gradient of a group sums to 0 exactly (the group's mean is subtracted); in floats,
        // sum(g) - K mean(g) is off by ~K u M and sum(xhat) by K r (K + 1) u X, times mean(g xhat) <= M Xh
        const M = Math.max(...idx.map((i) => Math.abs(dout[i] * gamma[i - b * C])));
        const Xh = maxAbs(x.map((v) => (v - mean[b * G + g]) * r));
        const d = idx.map((i) => dinp[i]);
        const bound = 4 * u * K * (r * M * (K + Xh * (K * r * X + Xh)) + maxAbs(d));
        expect(Math.abs(d.reduce((s, v) => s + v, 0)), `sum of dinp, sample ${b} group ${g}`).toBeLessThanOrEqual(bound);
      }
    }
  });

  it('chooses the default number of groups: the largest divisor up to 32 with at least 8 units per group', () => {
    expect([100, 256, 512, 1024, 10, 7, 16, 1, 64, 96, 33, 300].map(defaultGroups)).toEqual([10, 32, 32, 32, 1, 1, 2, 1, 8, 12, 3, 30]);
    expect(divisors(12)).toEqual([1, 2, 3, 4, 6, 12]);
  });
});

const SGD: OptimizerSpec = { type: 'sgd', lr: 0.2, momentum: 0.9, weightDecay: 0 };
const spec = (norm: 'group' | 'layer', placement: NormPlacement, groups?: number): ModelSpec => ({
  inputSize: 4, outputSize: 3, normPlacement: placement, eps: 1e-5, momentum: 0.1,
  hidden: [{ units: 12, activation: 'sigmoid', norm, ...(groups ? { groups } : {}) }, { units: 6, activation: 'tanh', norm }],
});

describe('group norm in the Mlp', () => {
  for (const placement of ['pre', 'post'] as const) {
    it(`with one group trains exactly as layer norm (${placement})`, () => {
      const ln = new Mlp(spec('layer', placement), SGD, { seed: 6 });
      const one = spec('group', placement);
      const gn = new Mlp({ ...one, hidden: one.hidden.map((h) => ({ ...h, groups: 1 })) }, SGD, { seed: 6 });
      const rng = new Rng(2);
      for (let s = 0; s < 30; s++) {
        const x = Float32Array.from({ length: 8 * 4 }, () => rng.normal());
        const y = Int32Array.from({ length: 8 }, () => rng.int(3));
        expect(gn.trainStep(x, y, 8)).toBe(ln.trainStep(x, y, 8));
      }
      expect(gn.getParams()).toEqual(ln.getParams());
    });
  }

  it('uses the default groups, keeps (B, G) statistics, is the same in training and evaluation, and trains with batches of one', () => {
    const m = new Mlp({ ...spec('group', 'pre', 4), hidden: [spec('group', 'pre', 4).hidden[0], { units: 16, activation: 'tanh', norm: 'group' }] }, SGD, { seed: 1, dtype: 'float64' });
    expect(m.layers.map((l) => l.groups)).toEqual([4, 2]);
    expect(m.layers[0].runningMean).toBeNull();
    const rng = new Rng(5);
    const x = Float64Array.from({ length: 9 * 4 }, () => rng.normal());
    const y = Int32Array.from({ length: 9 }, () => rng.int(3));
    m.computeGradients(x, y, 9);
    const l = m.layers[0];
    expect(l.train.mean.length).toBeGreaterThanOrEqual(9 * 4);
    // row 8, group 3 (units 9..11): the stored mean is that group's mean of z
    const z = l.train.z;
    expect(l.train.mean[8 * 4 + 3]).toBeCloseTo((z[8 * 12 + 9] + z[8 * 12 + 10] + z[8 * 12 + 11]) / 3, 12);
    const train = Float64Array.from(m.trainLogits());
    const ev = m.evaluate(x, y, 9, { keepLogits: true, chunk: 4 });
    ev.logits!.forEach((v, i) => expect(v).toBeCloseTo(train[i], 5));
    // the bias feeding group norm has a gradient (the mean is over units, not the batch) whose sum over a group is 0
    const db = l.db;
    expect(Math.max(...Array.from(db, Math.abs))).toBeGreaterThan(1e-4);
    for (let g = 0; g < 4; g++) expect(Math.abs(db[3 * g] + db[3 * g + 1] + db[3 * g + 2])).toBeLessThan(1e-12);
    expect(() => m.trainStep(x, y, 1)).not.toThrow();
  });

  it('refuses groups that do not divide the units, naming the layer and the divisors that work', () => {
    const bad = (groups: unknown, norm: 'group' | 'layer' = 'group') => () => new Mlp({
      ...spec(norm, 'pre'), hidden: [{ units: 12, activation: 'relu', norm: 'none' }, { units: 10, activation: 'relu', norm, groups: groups as number }],
    }, SGD);
    expect(bad(3)).toThrow('model: hidden layer 2: groups must divide its 10 units, got 3; use one of 1, 2, 5, 10');
    expect(bad(0)).toThrow(/hidden layer 2: groups must divide its 10 units, got 0/);
    expect(bad(2.5)).toThrow(/got 2.5/);
    expect(bad('2')).toThrow(/got "2"/);
    expect(bad(2, 'layer')).toThrow('model: hidden layer 2: groups is only used by group norm (norm "group"), but the layer\'s norm is "layer"');
    expect(bad(5)).not.toThrow();
  });
});
