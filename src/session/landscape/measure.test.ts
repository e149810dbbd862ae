// Tolerances: float64 models with fixed seeds, losses and gradients of order 1 through a few dozen
// roundings, so they agree to ~1e-14; toBeCloseTo(x, 12) (5e-13) and ratios to 1e-9/1e-10 leave room,
// and a wrong formula is off by O(1).
import { describe, expect, it } from 'vitest';
import { Mlp, type LayerParams } from '../../engine/mlp';
import { Rng } from '../../engine/rng';
import type { ModelSpec, OptimizerSpec } from '../../engine/types';
import { ETA_MULTIPLES, LandscapeProbe, passesPerMeasurement } from './measure';

const SGD: OptimizerSpec = { type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0 };
const spec = (norm: 'none' | 'batch' | 'layer'): ModelSpec => ({
  inputSize: 4, outputSize: 3, normPlacement: 'pre', eps: 1e-5, momentum: 0.1,
  hidden: [{ units: 6, activation: 'sigmoid', norm }, { units: 5, activation: 'tanh', norm }],
});

function batch(seed: number, B: number, I = 4, O = 3) {
  const rng = new Rng(seed);
  return { x: Float64Array.from({ length: B * I }, () => rng.normal()), y: Int32Array.from({ length: B }, () => rng.int(O)) };
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const softplus = (v: number) => Math.log1p(Math.exp(v));

/** Flattens per-layer parameters (or gradients) in the order of model.params. */
function flat(ps: LayerParams<Float64Array>[], layers: number[] = ps.map((_, i) => i)): number[] {
  const out: number[] = [];
  for (const i of layers) { const p = ps[i]; out.push(...p.W, ...p.b, ...(p.gamma ?? []), ...(p.beta ?? [])); }
  return out;
}
const norm = (a: number[]) => Math.sqrt(a.reduce((s, v) => s + v * v, 0));
const minus = (a: number[], b: number[]) => a.map((v, i) => v - b[i]);
/** w - eta g, layer by layer; only the layers in `which` (all by default). */
function stepped(w: LayerParams<Float64Array>[], g: LayerParams<Float64Array>[], eta: number, which = (_: number) => true): LayerParams<Float64Array>[] {
  const f = (a: Float64Array, b: Float64Array) => a.map((v, i) => v - eta * b[i]);
  return w.map((p, i) => (!which(i) ? p : {
    W: f(p.W, g[i].W), b: f(p.b, g[i].b), ...(p.gamma ? { gamma: f(p.gamma, g[i].gamma!), beta: f(p.beta!, g[i].beta!) } : {}),
  }));
}

describe('the eta grid', () => {
  it('is 8 log-spaced multiples of the learning rate from 0.5 to 4', () => {
    expect(ETA_MULTIPLES).toHaveLength(8);
    expect(ETA_MULTIPLES[0]).toBe(0.5);
    expect(ETA_MULTIPLES[7]).toBeCloseTo(4, 12);
    for (let k = 1; k < 8; k++) expect(ETA_MULTIPLES[k] / ETA_MULTIPLES[k - 1]).toBeCloseTo(8 ** (1 / 7), 12);
    expect(passesPerMeasurement(4)).toBe(12);
  });
});

describe('LandscapeProbe', () => {
  it('matches the closed form of a one-sample logistic regression', () => {
    // No hidden layer, one input x, two classes, label 0: L = softplus(d) with d = z1 - z0, and
    // grad L = s(d) v with v = (-x, x, -1, 1) over (W0, W1, b0, b1). Stepping along -g moves d to
    // d' = d - eta s(d) ||v||^2, so ||grad L(w - eta g) - g|| = |s(d') - s(d)| ||v||.
    const m = new Mlp({ inputSize: 1, outputSize: 2, hidden: [], normPlacement: 'pre', eps: 1e-5, momentum: 0.1 }, SGD, { dtype: 'float64' });
    m.setParams([{ W: [0.3, 0.8], b: [0.1, -0.2] }]);
    const xv = 2;
    const lr = 0.5;
    const r = new LandscapeProbe(m).measure(Float64Array.of(xv), [0], 1, lr);
    const d = (0.8 - 0.3) * xv + (-0.2 - 0.1);
    const v2 = 2 * xv * xv + 2;
    expect(r.loss).toBeCloseTo(softplus(d), 12);
    expect(r.gradNorm).toBeCloseTo(sigmoid(d) * Math.sqrt(v2), 12);
    const betas: number[] = [];
    ETA_MULTIPLES.forEach((mult, k) => {
      const eta = mult * lr;
      const d2 = d - eta * sigmoid(d) * v2;
      expect(r.etas[k]).toBeCloseTo(eta, 14);
      expect(r.lossAt[k]).toBeCloseTo(softplus(d2), 12);
      const diff = Math.abs(sigmoid(d2) - sigmoid(d)) * Math.sqrt(v2);
      expect(r.gradDiff[k]).toBeCloseTo(diff, 12);
      betas.push(diff / (eta * sigmoid(d) * Math.sqrt(v2)));
    });
    expect(r.lossMin).toBeCloseTo(Math.min(...r.lossAt), 14);
    expect(r.lossMax).toBeCloseTo(Math.max(...r.lossAt), 14);
    expect(r.gradPredMin).toBeCloseTo(Math.min(...r.gradDiff), 14);
    expect(r.gradPredMax).toBeCloseTo(Math.max(...r.gradDiff), 14);
    expect(r.betaSmooth).toBeCloseTo(Math.max(...betas), 12);
    // The loss is convex with curvature s(1 - s) <= 1/4 along d: beta <= ||v||^2 / 4.
    expect(r.betaSmooth).toBeLessThanOrEqual(v2 / 4);
    expect(r.betaSmooth).toBeGreaterThan(0);
    // one linear layer: nothing below it
    expect(Array.from(r.icsDist)).toEqual([0]);
    expect(Array.from(r.icsCos)).toEqual([1]);
  });

  for (const kind of ['none', 'batch', 'layer'] as const) {
    it(`agrees with a recomputation through setParams and computeGradients (${kind})`, () => {
      const m = new Mlp(spec(kind), SGD, { dtype: 'float64', seed: 4, init: 'normal:0.8' });
      const { x, y } = batch(2, 10);
      // A few steps first, so that gamma and beta are not at their initial values.
      for (let s = 0; s < 3; s++) { const b = batch(10 + s, 10); m.trainStep(b.x, b.y, 10); }
      const lr = 0.3;
      const w = m.getParams();
      const running = m.layers.map((l) => [l.runningMean?.slice(), l.runningVar?.slice()]);
      const r = new LandscapeProbe(m).measure(x, y, 10, lr);
      // nothing it must keep has moved
      expect(m.getParams()).toEqual(w);
      expect(m.layers.map((l) => [l.runningMean?.slice(), l.runningVar?.slice()])).toEqual(running);

      // by hand, with a second model
      const h = new Mlp(spec(kind), SGD, { dtype: 'float64' });
      h.setParams(w);
      const loss = h.computeGradients(x, y, 10, false);
      const gl = h.getGrads();
      const g = flat(gl);
      expect(r.loss).toBe(loss);
      expect(r.gradNorm).toBeCloseTo(norm(g), 12);
      const betas: number[] = [];
      ETA_MULTIPLES.forEach((mult, k) => {
        const eta = mult * lr;
        h.setParams(stepped(w, gl, eta));
        const lk = h.computeGradients(x, y, 10, false);
        const diff = norm(minus(flat(h.getGrads()), g));
        expect(r.lossAt[k]).toBeCloseTo(lk, 12);
        expect(r.gradDiff[k] / diff).toBeCloseTo(1, 10);
        betas.push(diff / (eta * norm(g)));
      });
      expect(r.betaSmooth / Math.max(...betas)).toBeCloseTo(1, 10);
      expect(r.betaSmooth).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(r.betaSmooth)).toBe(true);
      expect(r.lossMin).toBeLessThanOrEqual(r.lossMax);
      expect(r.gradPredMin).toBeLessThanOrEqual(r.gradPredMax);

      // ICS, Definition 2.1: layer i's gradient once layers 0..i-1 took w - lr g
      expect(r.icsDist).toHaveLength(3);
      expect(r.icsDist[0]).toBe(0);
      expect(r.icsCos[0]).toBe(1);
      for (let i = 1; i < 3; i++) {
        h.setParams(stepped(w, gl, lr, (j) => j < i));
        h.computeGradients(x, y, 10, false);
        const G = flat(gl, [i]);
        const G2 = flat(h.getGrads(), [i]);
        const dot = G.reduce((s, v, j) => s + v * G2[j], 0);
        expect(r.icsDist[i] / norm(minus(G2, G))).toBeCloseTo(1, 9);
        expect(r.icsCos[i]).toBeCloseTo(dot / (norm(G) * norm(G2)), 10);
        expect(r.icsCos[i]).toBeGreaterThanOrEqual(-1);
        expect(r.icsCos[i]).toBeLessThanOrEqual(1);
        expect(r.icsDist[i]).toBeGreaterThan(0);
      }
    });
  }

  it('leaves training bit-identical, whatever the optimizer keeps (float32, momentum and Adam)', () => {
    const opts: OptimizerSpec[] = [
      { type: 'sgd', lr: 0.2, momentum: 0.9, weightDecay: 1e-3 },
      { type: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
    ];
    for (const opt of opts) {
      const a = new Mlp(spec('batch'), opt, { seed: 3 });
      const b = new Mlp(spec('batch'), opt, { seed: 3 });
      const probe = new LandscapeProbe(a);
      for (let s = 0; s < 12; s++) {
        const { x, y } = batch(s, 8);
        const x32 = Float32Array.from(x);
        if (s % 3 === 0) probe.measure(x32, y, 8, opt.lr);
        const la = a.trainStep(x32, y, 8);
        const lb = b.trainStep(x32, y, 8);
        expect(la).toBe(lb);
      }
      expect(a.getParams()).toEqual(b.getParams());
      expect(a.layers.map((l) => [l.runningMean, l.runningVar])).toEqual(b.layers.map((l) => [l.runningMean, l.runningVar]));
    }
  });

  it('reuses its result and arrays from one measurement to the next', () => {
    const m = new Mlp(spec('none'), SGD, { seed: 1 });
    const probe = new LandscapeProbe(m);
    const { x, y } = batch(1, 6);
    const x32 = Float32Array.from(x);
    const r1 = probe.measure(x32, y, 6, 0.1);
    const arrays = [r1.etas, r1.lossAt, r1.gradDiff, r1.icsDist, r1.icsCos];
    const beta1 = r1.betaSmooth;
    const r2 = probe.measure(x32, y, 6, 0.1);
    expect(r2).toBe(r1);
    expect([r2.etas, r2.lossAt, r2.gradDiff, r2.icsDist, r2.icsCos]).toEqual(arrays);
    [r2.etas, r2.lossAt, r2.gradDiff, r2.icsDist, r2.icsCos].forEach((a, i) => expect(a).toBe(arrays[i]));
    // the same weights and batch give the same numbers
    expect(r2.betaSmooth).toBe(beta1);
  });

  it('reports steps that overflow the weights as not finite, without throwing, and restores the weights', () => {
    const m = new Mlp(spec('batch'), SGD, { seed: 1, init: 'normal:3' });
    const w = m.getParams();
    const { x, y } = batch(1, 6);
    // float32 weights minus 1e38 times a gradient of order 1 overflow to infinities
    const r = new LandscapeProbe(m).measure(Float32Array.from(x), y, 6, 1e38);
    expect(Number.isFinite(r.loss)).toBe(true);
    expect([r.lossMax, r.gradPredMax, r.betaSmooth].some((v) => !Number.isFinite(v))).toBe(true);
    expect(m.getParams()).toEqual(w);
  });
});
