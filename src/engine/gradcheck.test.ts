// Float64 central-difference gradient checks of every kernel and of whole MLPs.
// Each kernel is checked through the scalar L = sum(out * R) for a random R, so dL/dout = R.
import { describe, expect, it } from 'vitest';
import { activationBackward, activationForward } from './activation';
import { batchnormBackward, batchnormForward } from './batchnorm';
import { crossentropyBackward, crossentropyForward } from './crossentropy';
import { layernormBackward, layernormForward } from './layernorm';
import { matmulBackward, matmulForward } from './matmul';
import { Mlp } from './mlp';
import { Rng } from './rng';
import { dot, numericGradient, randomArray, relativeError } from './test-support';
import type { Activation, ModelSpec, NormKind, NormPlacement } from './types';

const TOL = 1e-6;

describe('kernel gradients (float64, central differences)', () => {
  it('linear', () => {
    const rng = new Rng(11);
    const [B, C, OC] = [5, 7, 4];
    const inp = randomArray(B * C, rng), w = randomArray(OC * C, rng), bias = randomArray(OC, rng), r = randomArray(B * OC, rng);
    const out = new Float64Array(B * OC);
    const L = () => { matmulForward(out, inp, w, bias, B, C, OC); return dot(out, r); };
    const dinp = new Float64Array(B * C), dw = new Float64Array(OC * C), db = new Float64Array(OC);
    matmulBackward(dinp, dw, db, r, inp, w, B, C, OC);
    expect(relativeError(dinp, numericGradient(L, inp))).toBeLessThan(TOL);
    expect(relativeError(dw, numericGradient(L, w))).toBeLessThan(TOL);
    expect(relativeError(db, numericGradient(L, bias))).toBeLessThan(TOL);
  });

  for (const act of ['sigmoid', 'tanh', 'relu'] as Activation[]) {
    it(act, () => {
      const rng = new Rng(12);
      const N = 40;
      const inp = randomArray(N, rng, 2), r = randomArray(N, rng);
      // keep relu's kink away from the finite-difference step
      if (act === 'relu') for (let i = 0; i < N; i++) if (Math.abs(inp[i]) < 1e-3) inp[i] = 0.5;
      const out = new Float64Array(N);
      const L = () => { activationForward(act, out, inp, N); return dot(out, r); };
      L();
      const dinp = new Float64Array(N);
      activationBackward(act, dinp, r, out, N);
      expect(relativeError(dinp, numericGradient(L, inp))).toBeLessThan(TOL);
    });
  }

  for (const kind of ['batch', 'layer'] as const) {
    it(`${kind} norm`, () => {
      const rng = new Rng(13);
      const [B, C, eps] = [6, 5, 1e-5];
      const inp = randomArray(B * C, rng, 3), gamma = randomArray(C, rng), beta = randomArray(C, rng), r = randomArray(B * C, rng);
      const out = new Float64Array(B * C);
      const S = kind === 'batch' ? C : B;
      const mean = new Float64Array(S), rstd = new Float64Array(S);
      const fwd = kind === 'batch' ? batchnormForward : layernormForward;
      const bwd = kind === 'batch' ? batchnormBackward : layernormBackward;
      const L = () => { fwd(out, mean, rstd, inp, gamma, beta, B, C, eps); return dot(out, r); };
      L();
      const dinp = new Float64Array(B * C), dgamma = new Float64Array(C), dbeta = new Float64Array(C);
      bwd(dinp, dgamma, dbeta, r, inp, gamma, mean, rstd, B, C);
      expect(relativeError(dinp, numericGradient(L, inp))).toBeLessThan(TOL);
      expect(relativeError(dgamma, numericGradient(L, gamma))).toBeLessThan(TOL);
      expect(relativeError(dbeta, numericGradient(L, beta))).toBeLessThan(TOL);
    });
  }

  it('softmax cross-entropy', () => {
    const rng = new Rng(14);
    const [B, V] = [7, 5];
    const logits = randomArray(B * V, rng, 3);
    const targets = Int32Array.from({ length: B }, () => rng.int(V));
    const probs = new Float64Array(B * V);
    const L = () => crossentropyForward(probs, logits, targets, B, V);
    L();
    const dlogits = new Float64Array(B * V);
    crossentropyBackward(dlogits, probs, targets, B, V);
    expect(relativeError(dlogits, numericGradient(L, logits))).toBeLessThan(TOL);
  });

  it('cross-entropy is stable for huge logits', () => {
    const logits = Float64Array.from([1000, 0, -1000, 1e4, 1e4 - 1, 0]);
    const probs = new Float64Array(6);
    const loss = crossentropyForward(probs, logits, [0, 1], 2, 3);
    // row 0: logsumexp = 1000 + log(1 + e^-1000 + e^-2000) = 1000, loss 0;
    // row 1: logsumexp = 1e4 + log(1 + e^-1), label 1 has logit 1e4 - 1: loss 1 + log(1 + e^-1)
    expect(loss).toBeCloseTo((0 + 1 + Math.log(1 + Math.exp(-1))) / 2, 9);
    expect(Array.from(probs).every(Number.isFinite)).toBe(true);
  });
});

describe('whole-MLP gradients (float64)', () => {
  const cases: [NormKind, NormPlacement, Activation][] = [];
  for (const norm of ['none', 'batch', 'layer'] as NormKind[]) {
    for (const placement of ['pre', 'post'] as NormPlacement[]) {
      for (const act of ['sigmoid', 'tanh', 'relu'] as Activation[]) {
        if (norm === 'none' && placement === 'post') continue; // same network as pre
        cases.push([norm, placement, act]);
      }
    }
  }
  for (const [norm, placement, act] of cases) {
    it(`${norm} norm, ${placement}, ${act}`, () => {
      const spec: ModelSpec = {
        inputSize: 6, outputSize: 4, normPlacement: placement, eps: 1e-3, momentum: 0.1,
        hidden: [{ units: 5, activation: act, norm }, { units: 7, activation: act, norm }],
      };
      const model = new Mlp(spec, { type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0 }, { dtype: 'float64', init: 'normal:0.7', seed: 3 });
      // non-trivial gamma and beta
      const rng = new Rng(21);
      for (const l of model.layers) {
        if (l.gamma) for (let i = 0; i < l.units; i++) { l.gamma[i] = 1 + 0.3 * rng.normal(); l.beta![i] = 0.2 * rng.normal(); }
        for (let i = 0; i < l.units; i++) l.b[i] = 0.1 * rng.normal();
      }
      const B = 8;
      const x = randomArray(B * spec.inputSize, rng);
      const y = Int32Array.from({ length: B }, () => rng.int(spec.outputSize));
      const loss = () => model.computeGradients(x, y, B, false);
      loss();
      const analytic = model.params.map((p) => Float64Array.from(p.grad));
      model.params.forEach((p, i) => {
        const numeric = numericGradient(loss, p.value as Float64Array);
        if (norm === 'batch' && placement === 'pre' && p.name.endsWith('.b') && !p.name.startsWith('output')) {
          // BN removes any constant shift: the bias feeding it has no effect and a gradient of exactly 0
          // (the finite differences see only round-off, about 1e-10)
          expect(Math.max(...analytic[i].map(Math.abs)), p.name).toBe(0);
          expect(Math.max(...numeric.map(Math.abs)), p.name).toBeLessThan(1e-8);
        } else {
          expect(relativeError(analytic[i], numeric), p.name).toBeLessThan(TOL);
        }
      });
    });
  }
});
