// Float64 checks of the convolutional kernels: each forward against a direct (naive) evaluation of its
// definition, each backward by central differences through L = sum(out * R) (so dL/dout = R), and
// whole layer-list networks by central differences of the loss.
import { describe, expect, it } from 'vitest';
import { batchnormForward } from './batchnorm';
import { batchnorm2dBackward, batchnorm2dForward, batchnorm2dUpdateRunning } from './batchnorm2d';
import { colSize, conv2dBackward, conv2dForward, convGeometry } from './conv2d';
import { ConvNet } from './convnet';
import type { ConvNetSpec, NetActivation, NetNorm } from './convnet-spec';
import { groupnormBackward, groupnormForward } from './groupnorm';
import { maxpoolBackward, maxpoolForward } from './maxpool';
import { Rng } from './rng';
import { dot, numericGradient, randomArray, relativeError } from './test-support';
import type { NormPlacement } from './types';

// Central differences with h = 1e-6 on values ~1 are good to ~1e-9 relative; analytic and numeric agree far below this.
const TOL = 1e-6;

/** out[n,o,i,j] = b[o] + sum W[o,c,ki,kj] inp[n,c,i*S+ki-P,j*S+kj-P], straight from the definition. */
function naiveConv(inp: Float64Array, W: Float64Array, b: Float64Array, N: number, C: number, H: number, Wd: number, OC: number, K: number, S: number, P: number) {
  const OH = Math.floor((H + 2 * P - K) / S) + 1, OW = Math.floor((Wd + 2 * P - K) / S) + 1;
  const out = new Float64Array(N * OC * OH * OW);
  for (let n = 0; n < N; n++) for (let o = 0; o < OC; o++) for (let i = 0; i < OH; i++) for (let j = 0; j < OW; j++) {
    let s = b[o];
    for (let c = 0; c < C; c++) for (let ki = 0; ki < K; ki++) for (let kj = 0; kj < K; kj++) {
      const h = i * S + ki - P, w = j * S + kj - P;
      if (h >= 0 && h < H && w >= 0 && w < Wd) s += W[((o * C + c) * K + ki) * K + kj] * inp[((n * C + c) * H + h) * Wd + w];
    }
    out[((n * OC + o) * OH + i) * OW + j] = s;
  }
  return out;
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('conv2d (float64)', () => {
  // [N, C, H, W, OC, K, S, P]
  const cases = [[2, 1, 5, 5, 2, 3, 1, 1], [2, 3, 6, 5, 4, 3, 1, 0], [3, 2, 7, 6, 3, 3, 2, 1], [1, 2, 4, 4, 2, 1, 1, 0], [2, 2, 5, 7, 3, 2, 2, 0], [1, 1, 3, 3, 2, 3, 1, 2], [2, 2, 6, 6, 2, 5, 3, 2]];
  for (const [N, C, H, W, OC, K, S, P] of cases) {
    it(`N${N} C${C} ${H}x${W} -> ${OC}, kernel ${K}, stride ${S}, padding ${P}: forward is the definition, backward its gradient`, () => {
      const rng = new Rng(N * 100 + C * 10 + K + S + P);
      const g = convGeometry(C, H, W, OC, K, S, P);
      const inp = randomArray(N * C * H * W, rng), w = randomArray(OC * C * K * K, rng), b = randomArray(OC, rng);
      const outN = N * OC * g.OH * g.OW;
      const r = randomArray(outN, rng);
      const out = new Float64Array(outN), col = new Float64Array(colSize(g));
      conv2dForward(out, col, inp, w, b, N, g);
      // Sums of C*K*K products of values ~1: round-off ~1e-15
      expect(maxAbsDiff(out, naiveConv(inp, w, b, N, C, H, W, OC, K, S, P))).toBeLessThan(1e-12);
      const L = () => { conv2dForward(out, col, inp, w, b, N, g); return dot(out, r); };
      const dinp = new Float64Array(inp.length), dw = new Float64Array(w.length), db = new Float64Array(OC);
      conv2dBackward(dinp, dw, db, col, new Float64Array(colSize(g)), r, inp, w, N, g);
      expect(relativeError(dinp, numericGradient(L, inp))).toBeLessThan(TOL);
      expect(relativeError(dw, numericGradient(L, w))).toBeLessThan(TOL);
      expect(relativeError(db, numericGradient(L, b))).toBeLessThan(TOL);
    });
  }
});

describe('max pooling (float64)', () => {
  it('takes the maximum of each window and sends the gradient to it (distinct values)', () => {
    const rng = new Rng(5);
    for (const [planes, H, W, S] of [[3, 4, 4, 2], [2, 7, 5, 2], [2, 6, 7, 3], [1, 3, 3, 1]]) {
      const inp = randomArray(planes * H * W, rng);
      const OH = Math.floor(H / S), OW = Math.floor(W / S);
      const out = new Float64Array(planes * OH * OW);
      maxpoolForward(out, inp, planes, H, W, S);
      for (let p = 0; p < planes; p++) for (let i = 0; i < OH; i++) for (let j = 0; j < OW; j++) {
        let m = -Infinity;
        for (let a = 0; a < S; a++) for (let b = 0; b < S; b++) m = Math.max(m, inp[(p * H + i * S + a) * W + j * S + b]);
        expect(out[(p * OH + i) * OW + j]).toBe(m);
      }
      const r = randomArray(out.length, rng);
      const L = () => { maxpoolForward(out, inp, planes, H, W, S); return dot(out, r); };
      const dinp = new Float64Array(inp.length);
      maxpoolBackward(dinp, r, inp, out, planes, H, W, S);
      // max is piecewise linear: the differences are exact away from ties (random values have none)
      expect(relativeError(dinp, numericGradient(L, inp))).toBeLessThan(TOL);
    }
  });

  it('sends the gradient of a tie to the first largest value in row-major order, as PyTorch', () => {
    // Two 2x2 windows: [0 0; 0 0] (after a ReLU) and [1 3; 3 2].
    const inp = Float64Array.from([0, 0, 1, 3, 0, 0, 3, 2]);
    const out = new Float64Array(2);
    maxpoolForward(out, inp, 1, 2, 4, 2);
    expect(Array.from(out)).toEqual([0, 3]);
    const dinp = new Float64Array(8);
    maxpoolBackward(dinp, Float64Array.from([5, 7]), inp, out, 1, 2, 4, 2);
    expect(Array.from(dinp)).toEqual([5, 0, 0, 7, 0, 0, 0, 0]);
  });
});

describe('BatchNorm2d (float64)', () => {
  it('normalises every channel over all samples and positions, and its backward is the gradient', () => {
    const rng = new Rng(7);
    const [N, C, HW, eps] = [3, 4, 6, 1e-5];
    const inp = randomArray(N * C * HW, rng, 3), gamma = randomArray(C, rng), beta = randomArray(C, rng), r = randomArray(N * C * HW, rng);
    for (let i = 0; i < inp.length; i++) inp[i] += 2; // a nonzero mean
    const out = new Float64Array(inp.length), mean = new Float64Array(C), rstd = new Float64Array(C), variance = new Float64Array(C);
    batchnorm2dForward(out, mean, rstd, variance, inp, new Float64Array(C).fill(1), new Float64Array(C), N, C, HW, eps);
    for (let c = 0; c < C; c++) {
      let s = 0, s2 = 0;
      for (let n = 0; n < N; n++) for (let p = 0; p < HW; p++) { const v = out[(n * C + c) * HW + p]; s += v; s2 += v * v; }
      const M = N * HW;
      expect(Math.abs(s / M)).toBeLessThan(1e-12);
      // biased variance of the output is var / (var + eps), within eps / var of 1
      expect(Math.abs(s2 / M - 1)).toBeLessThan(1e-4);
    }
    const L = () => { batchnorm2dForward(out, mean, rstd, variance, inp, gamma, beta, N, C, HW, eps); return dot(out, r); };
    L();
    const dinp = new Float64Array(inp.length), dgamma = new Float64Array(C), dbeta = new Float64Array(C);
    batchnorm2dBackward(dinp, dgamma, dbeta, r, inp, gamma, mean, rstd, N, C, HW);
    expect(relativeError(dinp, numericGradient(L, inp))).toBeLessThan(TOL);
    expect(relativeError(dgamma, numericGradient(L, gamma))).toBeLessThan(TOL);
    expect(relativeError(dbeta, numericGradient(L, beta))).toBeLessThan(TOL);
  });

  it('with one position per channel is BatchNorm1d, and its running variance counts N*H*W values', () => {
    const rng = new Rng(8);
    const [N, C, eps] = [5, 3, 1e-3];
    const inp = randomArray(N * C, rng), gamma = randomArray(C, rng), beta = randomArray(C, rng);
    const a = new Float64Array(N * C), b = new Float64Array(N * C);
    const m1 = new Float64Array(C), r1 = new Float64Array(C), v1 = new Float64Array(C), m2 = new Float64Array(C), r2 = new Float64Array(C), v2 = new Float64Array(C);
    batchnorm2dForward(a, m1, r1, v1, inp, gamma, beta, N, C, 1, eps);
    batchnormForward(b, m2, r2, v2, inp, gamma, beta, N, C, eps);
    expect(maxAbsDiff(a, b)).toBeLessThan(1e-14);
    expect(maxAbsDiff(v1, v2)).toBeLessThan(1e-14);
    // one image of 2x3 positions: the unbiased variance divides by 6 - 1
    const x = Float64Array.from([1, 2, 3, 4, 5, 9]);
    const mean = new Float64Array(1), rstd = new Float64Array(1), variance = new Float64Array(1), rm = new Float64Array(1), rv = Float64Array.from([1]);
    batchnorm2dForward(new Float64Array(6), mean, rstd, variance, x, Float64Array.from([1]), new Float64Array(1), 1, 1, 6, eps);
    batchnorm2dUpdateRunning(rm, rv, mean, variance, 1, 1, 6, 1);
    const mu = 4, unbiased = [1, 2, 3, 4, 5, 9].reduce((s, v) => s + (v - mu) ** 2, 0) / 5;
    expect(rm[0]).toBeCloseTo(mu, 12);
    expect(rv[0]).toBeCloseTo(unbiased, 9);
  });
});

describe('GroupNorm over channels (float64)', () => {
  it('normalises each sample over the channels of a group at every position, and its backward is the gradient', () => {
    const rng = new Rng(9);
    const [N, C, G, HW, eps] = [2, 6, 3, 5, 1e-5];
    const K = C / G;
    const inp = randomArray(N * C * HW, rng, 2), gamma = randomArray(C, rng), beta = randomArray(C, rng), r = randomArray(N * C * HW, rng);
    const out = new Float64Array(inp.length), mean = new Float64Array(N * G), rstd = new Float64Array(N * G);
    groupnormForward(out, mean, rstd, inp, gamma, beta, N, C, G, eps, HW);
    for (let n = 0; n < N; n++) for (let g = 0; g < G; g++) {
      const vals: number[] = [];
      for (let c = g * K; c < (g + 1) * K; c++) for (let p = 0; p < HW; p++) vals.push(inp[(n * C + c) * HW + p]);
      const m = vals.reduce((s, v) => s + v, 0) / vals.length;
      const v = vals.reduce((s, x) => s + (x - m) ** 2, 0) / vals.length;
      for (let c = g * K; c < (g + 1) * K; c++) for (let p = 0; p < HW; p++) {
        const i = (n * C + c) * HW + p;
        expect(out[i]).toBeCloseTo(gamma[c] * (inp[i] - m) / Math.sqrt(v + eps) + beta[c], 12);
      }
    }
    const L = () => { groupnormForward(out, mean, rstd, inp, gamma, beta, N, C, G, eps, HW); return dot(out, r); };
    const dinp = new Float64Array(inp.length), dgamma = new Float64Array(C), dbeta = new Float64Array(C);
    groupnormBackward(dinp, dgamma, dbeta, r, inp, gamma, mean, rstd, N, C, G, HW);
    expect(relativeError(dinp, numericGradient(L, inp))).toBeLessThan(TOL);
    expect(relativeError(dgamma, numericGradient(L, gamma))).toBeLessThan(TOL);
    expect(relativeError(dbeta, numericGradient(L, beta))).toBeLessThan(TOL);
  });
});

/** A small layer-list network: conv (stride 1, padding 1) - pool - conv (stride 2) - flatten - linear (norm) - linear. */
function smallSpec(norm: NetNorm, placement: NormPlacement, activation: NetActivation): ConvNetSpec {
  const groups = norm === 'group' ? { groups: 2 } : {};
  return {
    inputShape: [2, 6, 6], eps: 1e-5, momentum: 0.1,
    layers: [
      { type: 'conv', out: 4, kernel: 3, stride: 1, padding: 1, norm, activation, placement, ...groups },
      { type: 'maxpool', size: 2 },
      { type: 'conv', out: 4, kernel: 2, stride: 2, padding: 1, norm, activation, placement, ...groups },
      { type: 'flatten' },
      { type: 'linear', out: 6, norm, activation, placement, ...groups },
      { type: 'linear', out: 3, norm: 'none', activation: 'linear' },
    ],
  };
}

describe('whole layer-list networks (float64, central differences of the loss)', () => {
  const combos: [NetNorm, NormPlacement, NetActivation][] = [
    ['none', 'pre', 'tanh'], ['batch', 'pre', 'tanh'], ['batch', 'post', 'sigmoid'], ['group', 'pre', 'tanh'], ['group', 'post', 'tanh'], ['none', 'pre', 'linear'], ['group', 'pre', 'linear'],
  ];
  for (const [norm, placement, activation] of combos) {
    it(`${norm} norm (${placement}), ${activation}: every parameter's gradient`, () => {
      const model = new ConvNet(smallSpec(norm, placement, activation), { type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0 }, { dtype: 'float64', init: 'xavier', seed: 3 });
      const rng = new Rng(4);
      // random gamma, beta and biases, so that no gradient is trivially zero or symmetric
      for (const p of model.params) if (!p.name.endsWith('.W')) for (let i = 0; i < p.value.length; i++) p.value[i] = 0.5 + rng.uniform();
      const N = 4;
      const x = randomArray(N * model.inputSize, rng);
      const y = Int32Array.from({ length: N }, (_, i) => i % 3);
      const loss = () => model.computeGradients(x, y, N, false);
      for (const p of model.params) {
        loss();
        const analytic = Float64Array.from(p.grad);
        const numeric = numericGradient(loss, p.value as Float64Array);
        if (placement === 'pre' && norm === 'batch' && p.name.endsWith('.b') && p.name !== `layer${model.weightLayers.length}.b`) {
          // The bias right before batch norm: its gradient is exactly 0 (left at 0); the differences
          // are round-off, ~1e-16 |L| / h = 1e-10 for a loss ~1 and h = 1e-6.
          expect(analytic.every((v) => v === 0), p.name).toBe(true);
          expect(maxAbsDiff(numeric, analytic), p.name).toBeLessThan(1e-8);
        } else {
          expect(relativeError(analytic, numeric), p.name).toBeLessThan(TOL);
        }
      }
    });
  }
});
