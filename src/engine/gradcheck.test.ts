// Float64 central-difference gradient checks of every kernel and of whole MLPs.
// Each kernel is checked through the scalar L = sum(out * R) for a random R, so dL/dout = R.
import { describe, expect, it } from 'vitest';
import { activationBackward, activationForward } from './activation';
import { batchnormBackward, batchnormForward } from './batchnorm';
import { countRenormClipped } from './batchrenorm';
import { crossentropyBackward, crossentropyForward } from './crossentropy';
import { layernormBackward, layernormForward } from './layernorm';
import { matmulBackward, matmulForward } from './matmul';
import { Mlp } from './mlp';
import { Rng } from './rng';
import { dot, numericGradient, randomArray, relativeError } from './test-support';
import type { Activation, HiddenLayerSpec, ModelSpec, NormKind, NormPlacement } from './types';

// Central differences with h = 1e-6 on fixed float64 inputs: truncation h^2 |f'''| / 6 plus rounding
// u |L| / h, about 1e-10 relative here; a wrong gradient term is off by O(1).
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
      const mean = new Float64Array(S), rstd = new Float64Array(S), variance = new Float64Array(S);
      const bwd = kind === 'batch' ? batchnormBackward : layernormBackward;
      const L = () => {
        if (kind === 'batch') batchnormForward(out, mean, rstd, variance, inp, gamma, beta, B, C, eps);
        else layernormForward(out, mean, rstd, inp, gamma, beta, B, C, eps);
        return dot(out, r);
      };
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

/** A float64 MLP with non-trivial biases, gamma, beta and running statistics, and a batch for it. */
function checkedModel(spec: ModelSpec, seed = 3) {
  const model = new Mlp(spec, { type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0 }, { dtype: 'float64', init: 'normal:0.7', seed });
  const rng = new Rng(21);
  for (const l of model.layers) {
    if (l.gamma) for (let i = 0; i < l.units; i++) { l.gamma[i] = 1 + 0.3 * rng.normal(); l.beta![i] = 0.2 * rng.normal(); }
    if (l.runningMean) for (let i = 0; i < l.units; i++) { l.runningMean[i] = 0.5 * rng.normal(); l.runningVar![i] = 0.3 + rng.normal() ** 2; }
    for (let i = 0; i < l.units; i++) l.b[i] = 0.1 * rng.normal();
  }
  const B = 8;
  const x = randomArray(B * spec.inputSize, rng);
  const y = Int32Array.from({ length: B }, () => rng.int(spec.outputSize));
  return { model, loss: () => model.computeGradients(x, y, B, false) };
}

/** Compares every parameter's gradient with central differences of `loss`. */
function expectGradientsMatch(model: Mlp, loss: () => number, norm: NormKind, placement: NormPlacement): void {
  loss();
  const analytic = model.params.map((p) => Float64Array.from(p.grad));
  model.params.forEach((p, i) => {
    const numeric = numericGradient(loss, p.value as Float64Array);
    if ((norm === 'batch' || norm === 'renorm') && placement === 'pre' && p.name.endsWith('.b') && !p.name.startsWith('output')) {
      // BN (and renorm) removes any constant shift: the bias feeding it has no effect and a gradient of
      // exactly 0 (the finite differences see only round-off, about 1e-10)
      expect(Math.max(...analytic[i].map(Math.abs)), p.name).toBe(0);
      // the finite differences of a constant loss: rounding u |L| / h = 1e-16 |L| / 1e-6, with |L| ~ 1
      expect(Math.max(...numeric.map(Math.abs)), p.name).toBeLessThan(1e-8);
    } else {
      expect(relativeError(analytic[i], numeric), p.name).toBeLessThan(TOL);
    }
  });
}

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
      const { model, loss } = checkedModel(spec);
      expectGradientsMatch(model, loss, norm, placement);
    });
  }
});

describe('whole-MLP gradients with renorm (float64, r and d constants of the backward pass)', () => {
  for (const placement of ['pre', 'post'] as NormPlacement[]) {
    for (const act of ['sigmoid', 'tanh', 'relu'] as Activation[]) {
      const spec = (rmax: number, dmax: number): ModelSpec => ({
        inputSize: 6, outputSize: 4, normPlacement: placement, eps: 1e-3, momentum: 0.1, rmax, dmax,
        hidden: [{ units: 5, activation: act, norm: 'renorm' }, { units: 7, activation: act, norm: 'renorm' }],
      });

      it(`limits too wide to clip, r and d held at the values of the batch, ${placement}, ${act}`, () => {
        const { model, loss } = checkedModel(spec(100, 100));
        loss();
        // unclipped, r and d move with the batch: they must be held for the differences
        for (const l of model.layers) expect(countRenormClipped(l.train.r!, l.train.d!, l.units, 100, 100)).toEqual({ r: 0, d: 0 });
        for (const l of model.layers) l.holdRenormCorrection = true;
        expectGradientsMatch(model, loss, 'renorm', placement);
      });

      it(`tight limits, every r and d clipped, ${placement}, ${act}`, () => {
        const { model, loss } = checkedModel(spec(1.0001, 1e-4));
        loss();
        for (const l of model.layers) expect(countRenormClipped(l.train.r!, l.train.d!, l.units, 1.0001, 1e-4)).toEqual({ r: l.units, d: l.units });
        expectGradientsMatch(model, loss, 'renorm', placement);
      });
    }
  }
});

describe('whole-MLP gradients with group norm (float64)', () => {
  const groupings: [number | undefined, number | undefined][] = [[1, 1], [3, 4], [3, 2], [undefined, undefined]] // default: 1 and 2;
  for (const placement of ['pre', 'post'] as NormPlacement[]) {
    for (const act of ['sigmoid', 'tanh', 'relu'] as Activation[]) {
      for (const [g1, g2] of groupings) {
        it(`groups ${g1 ?? 'default'}, ${g2 ?? 'default'}; ${placement}, ${act}`, () => {
          const layer = (units: number, groups: number | undefined): HiddenLayerSpec => ({ units, activation: act, norm: 'group', ...(groups ? { groups } : {}) });
          const spec: ModelSpec = {
            inputSize: 6, outputSize: 4, normPlacement: placement, eps: 1e-3, momentum: 0.1,
            hidden: [layer(9, g1), layer(16, g2)],
          };
          const { model, loss } = checkedModel(spec);
          expectGradientsMatch(model, loss, 'group', placement);
        });
      }
    }
  }
});
