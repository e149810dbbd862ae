// Property tests of batch norm's invariants, over random shapes, scales and eps.
import { fc, test } from '../testing/property';
import { describe, expect } from 'vitest';
import { batchnormBackward, batchnormEvalForward, batchnormForward, batchnormUpdateRunning } from './batchnorm';
import { Rng } from './rng';
import { randomArray } from './test-support';

const shape = fc.record({
  B: fc.integer({ min: 2, max: 40 }),
  C: fc.integer({ min: 1, max: 12 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
  scale: fc.double({ min: 1e-2, max: 1e2, noNaN: true }),
  shift: fc.double({ min: -50, max: 50, noNaN: true }),
  eps: fc.double({ min: 1e-8, max: 1, noNaN: true }),
});

function setup({ B, C, seed, scale, shift }: { B: number; C: number; seed: number; scale: number; shift: number }) {
  const rng = new Rng(seed);
  const inp = randomArray(B * C, rng, scale).map((v) => v + shift);
  return { rng, inp, gamma: randomArray(C, rng), beta: randomArray(C, rng), out: new Float64Array(B * C), mean: new Float64Array(C), rstd: new Float64Array(C) };
}

function column(a: Float64Array, B: number, C: number, c: number): number[] {
  return Array.from({ length: B }, (_, b) => a[b * C + c]);
}
const meanOf = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const varOf = (v: number[]) => { const m = meanOf(v); return meanOf(v.map((x) => (x - m) ** 2)); };

describe('batch norm invariants', () => {
  test.prop([shape])('output of unit c has mean beta_c and variance gamma_c^2 var_c / (var_c + eps)', (p) => {
    const { inp, gamma, beta, out, mean, rstd } = setup(p);
    const { B, C, eps } = p;
    batchnormForward(out, mean, rstd, inp, gamma, beta, B, C, eps);
    for (let c = 0; c < C; c++) {
      const x = column(inp, B, C, c);
      const y = column(out, B, C, c);
      const v = varOf(x);
      expect(meanOf(y)).toBeCloseTo(beta[c], 6);
      const want = (gamma[c] ** 2 * v) / (v + eps);
      expect(Math.abs(varOf(y) - want)).toBeLessThan(1e-9 + 1e-8 * want);
      expect(mean[c]).toBeCloseTo(meanOf(x), 8);
      expect(rstd[c]).toBeCloseTo(1 / Math.sqrt(v + eps), 6);
    }
  });

  test.prop([shape])('input gradient sums to zero over the batch; dbeta is the sum of dout', (p) => {
    const { rng, inp, gamma, beta, out, mean, rstd } = setup(p);
    const { B, C, eps } = p;
    batchnormForward(out, mean, rstd, inp, gamma, beta, B, C, eps);
    const dout = randomArray(B * C, rng);
    const dinp = new Float64Array(B * C), dgamma = new Float64Array(C), dbeta = new Float64Array(C);
    batchnormBackward(dinp, dgamma, dbeta, dout, inp, gamma, mean, rstd, B, C);
    for (let c = 0; c < C; c++) {
      const d = column(dinp, B, C, c);
      // the size of the terms that cancel: rstd * |gamma * dout|
      const terms = rstd[c] * Math.max(...column(dout, B, C, c).map((g) => Math.abs(g * gamma[c])), 1e-300);
      expect(Math.abs(d.reduce((s, x) => s + x, 0)) / terms).toBeLessThan(1e-12 * B);
      expect(dbeta[c]).toBeCloseTo(column(dout, B, C, c).reduce((s, x) => s + x, 0), 9);
    }
  });

  test.prop([shape, fc.double({ min: 0, max: 1, noNaN: true })])('running statistics follow PyTorch (unbiased variance)', (p, momentum) => {
    const { inp, gamma, beta, out, mean, rstd } = setup(p);
    const { B, C, eps } = p;
    batchnormForward(out, mean, rstd, inp, gamma, beta, B, C, eps);
    const rm = new Float64Array(C).fill(0.5), rv = new Float64Array(C).fill(2);
    batchnormUpdateRunning(rm, rv, mean, rstd, B, C, eps, momentum);
    for (let c = 0; c < C; c++) {
      const x = column(inp, B, C, c);
      const unbiased = (varOf(x) * B) / (B - 1);
      expect(rm[c]).toBeCloseTo((1 - momentum) * 0.5 + momentum * meanOf(x), 8);
      expect(Math.abs(rv[c] - ((1 - momentum) * 2 + momentum * unbiased))).toBeLessThan(1e-9 * (1 + unbiased) + 1e-12 * eps);
    }
  });

  test.prop([shape])('evaluation with the batch\'s own statistics as running ones reproduces training mode', (p) => {
    const { inp, gamma, beta, out, mean, rstd } = setup(p);
    const { B, C, eps } = p;
    batchnormForward(out, mean, rstd, inp, gamma, beta, B, C, eps);
    const biasedVar = Float64Array.from(rstd, (r) => 1 / (r * r) - eps);
    const evalOut = new Float64Array(B * C);
    batchnormEvalForward(evalOut, inp, mean, biasedVar, gamma, beta, B, C, eps);
    for (let i = 0; i < B * C; i++) expect(evalOut[i]).toBeCloseTo(out[i], 5);
  });
});
