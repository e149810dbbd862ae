// Property tests of batch norm's invariants, over random shapes, scales and eps. Every bound follows
// from float64 rounding (src/testing/bounds.ts): x has magnitude X = max|x| up to |shift| + 4 scale,
// and the batch mean is off by at most (B + 1) u X, which the normalisation multiplies by rstd.
import { describe, expect, it } from 'vitest';
import { batchnormBackward, batchnormEvalForward, batchnormForward, batchnormUpdateRunning } from './batchnorm';
import { Rng } from './rng';
import { randomArray } from './test-support';
import { maxAbs, sumError, U64 as u } from '../testing/bounds';
import { fc, test } from '../testing/property';

interface Shape { B: number; C: number; seed: number; scale: number; shift: number; eps: number }

const shape = fc.record({
  B: fc.integer({ min: 2, max: 40 }),
  C: fc.integer({ min: 1, max: 12 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
  scale: fc.double({ min: 1e-2, max: 1e2, noNaN: true }),
  shift: fc.double({ min: -50, max: 50, noNaN: true }),
  eps: fc.double({ min: 1e-8, max: 1, noNaN: true }),
});

function setup({ B, C, seed, scale, shift }: Shape) {
  const rng = new Rng(seed);
  const inp = randomArray(B * C, rng, scale).map((v) => v + shift);
  return { rng, inp, gamma: randomArray(C, rng), beta: randomArray(C, rng), out: new Float64Array(B * C), mean: new Float64Array(C), rstd: new Float64Array(C), variance: new Float64Array(C) };
}

function column(a: Float64Array, B: number, C: number, c: number): number[] {
  return Array.from({ length: B }, (_, b) => a[b * C + c]);
}
const meanOf = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const varOf = (v: number[]) => { const m = meanOf(v); return meanOf(v.map((x) => (x - m) ** 2)); };

function outputMoments(p: Shape) {
  const { inp, gamma, beta, out, mean, rstd, variance } = setup(p);
  const { B, C, eps } = p;
  batchnormForward(out, mean, rstd, variance, inp, gamma, beta, B, C, eps);
  for (let c = 0; c < C; c++) {
    const x = column(inp, B, C, c), y = column(out, B, C, c);
    const X = maxAbs(x), Y = maxAbs(y), g = Math.abs(gamma[c]), bt = Math.abs(beta[c]), r = rstd[c];
    const v = varOf(x);
    // mean(y) - beta = gamma rstd (mean - kernel's mean) + rounding of each y and of the test's sum
    expect(Math.abs(meanOf(y) - beta[c]), `mean of y, unit ${c}`).toBeLessThanOrEqual(4 * u * (B + 2) * (g * r * X + Y + bt));
    // var(y): the mean's error shifts every xhat alike (no effect); per-term rounding is relative
    // (B + 4) u, and each y's own rounding, 4 u (|y| + |beta|), moves var(y) by 2 sqrt(var) times it
    const want = (gamma[c] ** 2 * v) / (v + eps);
    expect(Math.abs(varOf(y) - want), `var of y, unit ${c}`).toBeLessThanOrEqual(8 * u * ((B + 4) * want + Math.sqrt(want) * (Y + bt)));
    // the same recursive sum of x in both, (B + 1) u X each
    expect(Math.abs(mean[c] - meanOf(x)), `mean, unit ${c}`).toBeLessThanOrEqual(2 * (B + 1) * u * X);
    // rstd: var to (B + 4) u relative, plus the mean's error squared over var; halved by the sqrt, + 2 u
    // the stored var: each squared deviation to 3 u, the sum to (B + 1) u, all relative; plus the
    // mean's error squared, which the deviations from the computed mean carry
    expect(Math.abs(variance[c] - v), `variance, unit ${c}`).toBeLessThanOrEqual(4 * u * ((B + 4) * v + (B + 1) ** 2 * u * X * X));
    const rWant = 1 / Math.sqrt(v + eps);
    expect(Math.abs(r - rWant), `rstd, unit ${c}`).toBeLessThanOrEqual(4 * u * rWant * (B + 6 + ((B + 1) ** 2 * u * X * X) / (v + eps)));
  }
}

function gradientSums(p: Shape) {
  const { rng, inp, gamma, beta, out, mean, rstd, variance } = setup(p);
  const { B, C, eps } = p;
  batchnormForward(out, mean, rstd, variance, inp, gamma, beta, B, C, eps);
  const dout = randomArray(B * C, rng);
  const dinp = new Float64Array(B * C), dgamma = new Float64Array(C), dbeta = new Float64Array(C);
  batchnormBackward(dinp, dgamma, dbeta, dout, inp, gamma, mean, rstd, B, C);
  for (let c = 0; c < C; c++) {
    const d = column(dinp, B, C, c), dy = column(dout, B, C, c), x = column(inp, B, C, c);
    const r = rstd[c], M = maxAbs(dy) * Math.abs(gamma[c]), X = maxAbs(x);
    const Xh = maxAbs(x.map((v) => (v - mean[c]) * r));
    // dx = r (g - mean(g) - xhat mean(g xhat)) sums to 0 exactly; in floats, sum(g) - B mean(g) is off by
    // ~B u M each, and sum(xhat) by B r (B + 1) u X (the mean's error), times mean(g xhat) <= M Xh
    const bound = 4 * u * B * (r * M * (B + Xh * (B * r * X + Xh)) + maxAbs(d));
    expect(Math.abs(d.reduce((s, v) => s + v, 0)), `sum of dinp, unit ${c}`).toBeLessThanOrEqual(bound);
    expect(Math.abs(dbeta[c] - dy.reduce((s, v) => s + v, 0)), `dbeta, unit ${c}`).toBeLessThanOrEqual(2 * sumError(dy));
  }
}

describe('batch norm invariants', () => {
  test.prop([shape])('output of unit c has mean beta_c and variance gamma_c^2 var_c / (var_c + eps)', outputMoments);

  test.prop([shape])('input gradient sums to zero over the batch; dbeta is the sum of dout', gradientSums);

  // Counterexamples found by property runs, kept as named cases.
  it('regression (issue 12): B 2, a shift of -32 against a scale of 0.01, eps 1e-8: the dinp sum stays within its bound', () => {
    for (const seed of [0, 1, 2, 3]) gradientSums({ B: 2, C: 2, seed, scale: 0.01, shift: -31.999, eps: 1e-8 });
  });

  test.prop([shape, fc.double({ min: 0, max: 1, noNaN: true })])('running statistics follow PyTorch (unbiased variance)', (p, momentum) => {
    const { inp, gamma, beta, out, mean, rstd, variance } = setup(p);
    const { B, C, eps } = p;
    batchnormForward(out, mean, rstd, variance, inp, gamma, beta, B, C, eps);
    const rm = new Float64Array(C).fill(0.5), rv = new Float64Array(C).fill(2);
    batchnormUpdateRunning(rm, rv, mean, variance, B, C, momentum);
    for (let c = 0; c < C; c++) {
      const x = column(inp, B, C, c);
      const v = varOf(x), X = maxAbs(x);
      const unbiased = (v * B) / (B - 1);
      // the blend's rounding on |0.5| + |mean|, plus the kernel's mean error (B + 1) u X
      expect(Math.abs(rm[c] - ((1 - momentum) * 0.5 + momentum * meanOf(x))), `running mean, unit ${c}`).toBeLessThanOrEqual(4 * u * (1 + (B + 2) * X));
      // the stored var is right to (B + 4) u relative plus the mean's error squared, (B + 1)^2 u^2 X^2;
      // then the blend's rounding on 2 + unbiased
      const bound = 8 * u * ((B + 4) * unbiased + (B + 1) ** 2 * u * X * X + 2 + unbiased);
      expect(Math.abs(rv[c] - ((1 - momentum) * 2 + momentum * unbiased)), `running var, unit ${c}`).toBeLessThanOrEqual(bound);
    }
  });

  test.prop([shape])('evaluation with the batch\'s own statistics as running ones reproduces training mode', (p) => {
    const { inp, gamma, beta, out, mean, rstd, variance } = setup(p);
    const { B, C, eps } = p;
    batchnormForward(out, mean, rstd, variance, inp, gamma, beta, B, C, eps);
    const evalOut = new Float64Array(B * C);
    batchnormEvalForward(evalOut, inp, mean, variance, gamma, beta, B, C, eps);
    for (let i = 0; i < B * C; i++) {
      const c = i % C;
      // 1/sqrt(variance + eps) = rstd to ~4 u relative (the same sum, another sqrt and division);
      // then gamma (x - mean) times it, and + beta, round at their own magnitudes
      const bound = 8 * u * (Math.abs(gamma[c] * (inp[i] - mean[c]) * rstd[c]) + Math.abs(out[i]) + Math.abs(beta[c]));
      expect(Math.abs(evalOut[i] - out[i]), `output ${i}`).toBeLessThanOrEqual(bound);
    }
  });
});
