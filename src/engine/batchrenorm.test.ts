// Batch renormalization: its gradients (r and d held fixed), its identity with batch norm at rmax = 1,
// dmax = 0, its r and d, and its running statistics and evaluation (batch norm's).
import { fc, test } from '../testing/property';
import { describe, expect, it } from 'vitest';
import { batchnormBackward, batchnormEvalForward, batchnormForward, batchnormStats } from './batchnorm';
import { batchrenormApply, batchrenormBackward, batchrenormForward, countRenormClipped } from './batchrenorm';
import { Mlp } from './mlp';
import { Rng } from './rng';
import { dot, numericGradient, randomArray, relativeError } from './test-support';
import { maxAbs, U64 as u } from '../testing/bounds';
import type { ModelSpec, NormKind, NormPlacement, OptimizerSpec } from './types';

// Central differences with h = 1e-6 on these fixed inputs: truncation h^2 |f'''| / 6 plus rounding
// u |L| / h, about 1e-10 relative here; a wrong gradient term is off by O(1).
const TOL = 1e-6;

function setup(seed: number, B: number, C: number) {
  const rng = new Rng(seed);
  return {
    rng,
    inp: randomArray(B * C, rng, 3).map((v) => v + 1),
    gamma: randomArray(C, rng),
    beta: randomArray(C, rng),
    runningMean: randomArray(C, rng),
    runningVar: Float64Array.from(randomArray(C, rng), (v) => 0.5 + v * v * 4),
    R: randomArray(B * C, rng),
  };
}

describe('batch renorm kernels', () => {
  it('gradients with r and d held fixed (float64, central differences)', () => {
    const [B, C, eps] = [6, 5, 1e-5];
    const { rng, inp, gamma, beta, R } = setup(31, B, C);
    const r = Float64Array.from(randomArray(C, rng), (v) => 0.5 + Math.abs(v));
    const d = randomArray(C, rng);
    const out = new Float64Array(B * C), mean = new Float64Array(C), rstd = new Float64Array(C), variance = new Float64Array(C);
    // the batch statistics move with the input; r and d do not
    const L = () => {
      batchnormStats(mean, rstd, variance, inp, B, C, eps);
      batchrenormApply(out, inp, gamma, beta, mean, rstd, r, d, B, C);
      return dot(out, R);
    };
    L();
    const dinp = new Float64Array(B * C), dgamma = new Float64Array(C), dbeta = new Float64Array(C);
    batchrenormBackward(dinp, dgamma, dbeta, R, inp, gamma, mean, rstd, r, d, B, C);
    expect(relativeError(dinp, numericGradient(L, inp))).toBeLessThan(TOL);
    expect(relativeError(dgamma, numericGradient(L, gamma))).toBeLessThan(TOL);
    expect(relativeError(dbeta, numericGradient(L, beta))).toBeLessThan(TOL);
  });

  it('gradients of the full forward where every r and d is clipped (then they are locally constant)', () => {
    const [B, C, eps, rmax, dmax] = [7, 4, 1e-5, 1.5, 0.25];
    const { inp, gamma, beta, R } = setup(32, B, C);
    // running statistics far from the batch's: sigma_B / sigma and |mu_B - mu| / sigma out of range
    const runningMean = Float64Array.from({ length: C }, (_, c) => (c % 2 ? 30 : -30));
    const runningVar = Float64Array.from({ length: C }, (_, c) => (c % 2 ? 1e-2 : 1e3));
    const out = new Float64Array(B * C), mean = new Float64Array(C), rstd = new Float64Array(C), variance = new Float64Array(C);
    const r = new Float64Array(C), d = new Float64Array(C);
    const L = () => { batchrenormForward(out, mean, rstd, variance, r, d, inp, gamma, beta, runningMean, runningVar, B, C, eps, rmax, dmax); return dot(out, R); };
    L();
    expect(countRenormClipped(r, d, C, rmax, dmax)).toEqual({ r: C, d: C });
    expect(Array.from(r)).toEqual([1 / rmax, rmax, 1 / rmax, rmax]);
    expect(Array.from(d)).toEqual([dmax, -dmax, dmax, -dmax]);
    const dinp = new Float64Array(B * C), dgamma = new Float64Array(C), dbeta = new Float64Array(C);
    batchrenormBackward(dinp, dgamma, dbeta, R, inp, gamma, mean, rstd, r, d, B, C);
    expect(relativeError(dinp, numericGradient(L, inp))).toBeLessThan(TOL);
    expect(relativeError(dgamma, numericGradient(L, gamma))).toBeLessThan(TOL);
    expect(relativeError(dbeta, numericGradient(L, beta))).toBeLessThan(TOL);
  });

  it('is batch norm, bit for bit, with rmax = 1 and dmax = 0', () => {
    for (const make of [(n: number) => new Float32Array(n), (n: number) => new Float64Array(n)]) {
      const [B, C, eps] = [9, 6, 1e-3];
      const s = setup(33, B, C);
      const f = (a: Float64Array) => { const x = make(a.length); x.set(a); return x; };
      const [inp, gamma, beta, rm, rv, R] = [s.inp, s.gamma, s.beta, s.runningMean, s.runningVar, s.R].map(f);
      const bn = { out: make(B * C), mean: make(C), rstd: make(C), variance: make(C), dinp: make(B * C), dg: make(C), db: make(C) };
      const rn = { out: make(B * C), mean: make(C), rstd: make(C), variance: make(C), dinp: make(B * C), dg: make(C), db: make(C), r: make(C), d: make(C) };
      batchnormForward(bn.out, bn.mean, bn.rstd, bn.variance, inp, gamma, beta, B, C, eps);
      batchrenormForward(rn.out, rn.mean, rn.rstd, rn.variance, rn.r, rn.d, inp, gamma, beta, rm, rv, B, C, eps, 1, 0);
      batchnormBackward(bn.dinp, bn.dg, bn.db, R, inp, gamma, bn.mean, bn.rstd, B, C);
      batchrenormBackward(rn.dinp, rn.dg, rn.db, R, inp, gamma, rn.mean, rn.rstd, rn.r, rn.d, B, C);
      expect(rn.r.every((v) => v === 1) && rn.d.every((v) => Object.is(v, 0))).toBe(true);
      for (const k of ['out', 'mean', 'rstd', 'variance', 'dinp', 'dg', 'db'] as const) expect(rn[k], k).toEqual(bn[k]);
    }
  });

  test.prop([fc.record({
    B: fc.integer({ min: 2, max: 30 }), C: fc.integer({ min: 1, max: 8 }), seed: fc.integer({ min: 0, max: 2 ** 31 }),
    rmax: fc.double({ min: 1, max: 10, noNaN: true }), dmax: fc.double({ min: 0, max: 10, noNaN: true }),
    eps: fc.double({ min: 1e-8, max: 1, noNaN: true }),
  })])('r and d follow their definition; where neither clips, training output = evaluation output', ({ B, C, seed, rmax, dmax, eps }) => {
    const { inp, gamma, beta, runningMean, runningVar } = setup(seed, B, C);
    const out = new Float64Array(B * C), mean = new Float64Array(C), rstd = new Float64Array(C), variance = new Float64Array(C), r = new Float64Array(C), d = new Float64Array(C);
    batchrenormForward(out, mean, rstd, variance, r, d, inp, gamma, beta, runningMean, runningVar, B, C, eps, rmax, dmax);
    const evalOut = new Float64Array(B * C);
    batchnormEvalForward(evalOut, inp, runningMean, runningVar, gamma, beta, B, C, eps);
    for (let c = 0; c < C; c++) {
      const sigma = Math.sqrt(runningVar[c] + eps);
      const rRaw = 1 / rstd[c] / sigma;
      const dRaw = (mean[c] - runningMean[c]) / sigma;
      const X = maxAbs(Array.from({ length: B }, (_, b) => inp[b * C + c]));
      // r: the same quotient in another order, a few roundings relative (clipping is 1-Lipschitz)
      expect(Math.abs(r[c] - Math.min(rmax, Math.max(1 / rmax, rRaw))), `r, unit ${c}`).toBeLessThanOrEqual(8 * u * rRaw);
      // d: the difference rounds at |mean| + |running mean|, over sigma; then the quotient
      expect(Math.abs(d[c] - Math.min(dmax, Math.max(-dmax, dRaw))), `d, unit ${c}`)
        .toBeLessThanOrEqual(8 * u * ((Math.abs(mean[c]) + Math.abs(runningMean[c])) / sigma + Math.abs(dRaw)));
      if (r[c] === rRaw && d[c] === dRaw) {
        for (let b = 0; b < B; b++) {
          const i = b * C + c;
          // gamma ((x - mean) rstd r + d) + beta against gamma (x - rm) / sigma + beta: equal in exact
          // arithmetic; each side rounds at the magnitudes of its terms, and the batch mean is off by
          // (B + 1) u X, which (x - mean) and d carry with opposite signs but rounded apart
          const terms = Math.abs(gamma[c]) * ((Math.abs(inp[i] - mean[c]) + Math.abs(inp[i] - runningMean[c]) + (B + 1) * X) / sigma + Math.abs(dRaw));
          expect(Math.abs(out[i] - evalOut[i]), `output ${i}`).toBeLessThanOrEqual(8 * u * (terms + Math.abs(out[i]) + Math.abs(beta[c])));
        }
      }
    }
  });

  it('counts clipped units', () => {
    const r = Float32Array.of(3, 1 / 3, 1.2, Math.fround(1 / 3));
    const d = Float32Array.of(5, -5, 0.1, -4.9);
    expect(countRenormClipped(r, d, 4, 3, 5)).toEqual({ r: 3, d: 2 });
    // limits that float32 cannot store exactly still count
    expect(countRenormClipped(Float32Array.of(Math.SQRT2, 1), Float32Array.of(0.3, -0.3), 2, Math.SQRT2, 0.3)).toEqual({ r: 1, d: 2 });
    expect(countRenormClipped(Float64Array.of(1, 1), Float64Array.of(0, 0), 2, 1, 0)).toEqual({ r: 2, d: 2 });
  });
});

const SGD: OptimizerSpec = { type: 'sgd', lr: 0.3, momentum: 0.9, weightDecay: 1e-3 };
const netSpec = (norm: NormKind, placement: NormPlacement): ModelSpec => ({
  inputSize: 5, outputSize: 3, normPlacement: placement, eps: 1e-5, momentum: 0.1,
  hidden: [{ units: 8, activation: 'tanh', norm }, { units: 6, activation: 'relu', norm }],
});

function trainBoth(placement: NormPlacement, dtype: 'float32' | 'float64', renormLimits?: [number, number]) {
  const bn = new Mlp(netSpec('batch', placement), SGD, { seed: 4, dtype });
  const rn = new Mlp(netSpec('renorm', placement), SGD, { seed: 4, dtype });
  if (renormLimits) rn.setRenormLimits(...renormLimits);
  const rng = new Rng(8);
  const losses: [number, number][] = [];
  for (let s = 0; s < 40; s++) {
    const x = Float32Array.from({ length: 12 * 5 }, () => rng.normal() + 0.5);
    const y = Int32Array.from({ length: 12 }, () => rng.int(3));
    losses.push([bn.trainStep(x, y, 12), rn.trainStep(x, y, 12)]);
  }
  return { bn, rn, losses };
}

describe('renorm in the Mlp', () => {
  for (const placement of ['pre', 'post'] as const) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`trains exactly as batch norm with the default limits (${placement}, ${dtype})`, () => {
        const { bn, rn, losses } = trainBoth(placement, dtype);
        expect(rn.getRenormLimits()).toEqual({ rmax: 1, dmax: 0 });
        for (const [a, b] of losses) expect(b).toBe(a);
        expect(rn.getParams()).toEqual(bn.getParams());
        rn.layers.forEach((l, i) => {
          expect(l.runningMean).toEqual(bn.layers[i].runningMean);
          expect(l.runningVar).toEqual(bn.layers[i].runningVar);
        });
        const rng = new Rng(9);
        const x = Float32Array.from({ length: 50 * 5 }, () => rng.normal());
        const y = Int32Array.from({ length: 50 }, () => rng.int(3));
        expect(rn.evaluate(x, y, 50, { keepLogits: true }).logits).toEqual(bn.evaluate(x, y, 50, { keepLogits: true }).logits);
      });
    }
  }

  it('with wider limits trains differently, stores r and d per unit, and updates the running statistics as batch norm', () => {
    const { bn, rn, losses } = trainBoth('pre', 'float64', [3, 5]);
    expect(rn.getRenormLimits()).toEqual({ rmax: 3, dmax: 5 });
    expect(losses.at(-1)![1]).not.toBe(losses.at(-1)![0]);
    const ws = rn.layers[0].train;
    expect(ws.r!.length).toBe(8);
    expect(Array.from(ws.r!).every((v) => v >= 1 / 3 && v <= 3)).toBe(true);
    expect(Array.from(ws.d!).every((v) => Math.abs(v) <= 5)).toBe(true);
    expect(Array.from(ws.r!).some((v) => v !== 1)).toBe(true);
    expect(bn.layers[0].train.r).toBeNull();
    // the bias feeding renorm gets no gradient, as with batch norm
    expect(Array.from(rn.layers[0].db).every((v) => v === 0)).toBe(true);
  });

  it('running statistics follow batch norm\'s rule from the batch statistics', () => {
    const m = new Mlp(netSpec('renorm', 'pre'), SGD, { seed: 2, dtype: 'float64' });
    m.setRenormLimits(2, 1);
    const rng = new Rng(3);
    const x = Float64Array.from({ length: 10 * 5 }, () => rng.normal());
    const y = Int32Array.from({ length: 10 }, () => rng.int(3));
    const l = m.layers[0];
    m.computeGradients(x, y, 10);
    const z = l.train.z;
    for (let c = 0; c < 8; c++) {
      const col = Array.from({ length: 10 }, (_, b) => z[b * 8 + c]);
      const mu = col.reduce((s, v) => s + v, 0) / 10;
      const unbiased = col.reduce((s, v) => s + (v - mu) ** 2, 0) / 9;
      // values of order 1 (fixed inputs) through a dozen roundings: ~1e-15, well inside 5e-13
      expect(l.runningMean![c]).toBeCloseTo(0.1 * mu, 12);
      expect(l.runningVar![c]).toBeCloseTo(0.9 + 0.1 * unbiased, 12);
    }
  });

  it('refuses bad limits and a training batch of one', () => {
    const m = new Mlp(netSpec('renorm', 'pre'), SGD);
    expect(() => m.setRenormLimits(0.5, 0)).toThrow(/rmax must be a finite number >= 1, got 0.5/);
    expect(() => m.setRenormLimits(2, -1)).toThrow(/dmax must be a finite number >= 0, got -1/);
    expect(() => m.setRenormLimits(Infinity, 0)).toThrow(/rmax/);
    expect(() => m.setRenormLimits(2, NaN)).toThrow(/dmax/);
    expect(m.getRenormLimits()).toEqual({ rmax: 1, dmax: 0 });
    expect(() => new Mlp({ ...netSpec('renorm', 'pre'), rmax: 0 }, SGD)).toThrow(/rmax/);
    expect(() => m.trainStep(new Float32Array(5), [0], 1)).toThrow(/more than one sample/);
    expect(() => m.evaluate(new Float32Array(5), [0], 1, { mode: 'batch-stats' })).toThrow(/at least 2 rows/);
  });
});
