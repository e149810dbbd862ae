import { describe, expect, it } from 'vitest';
import { Mlp } from './mlp';
import { Rng } from './rng';
import { EngineError, type ModelSpec, type NormKind, type OptimizerSpec } from './types';

const SGD: OptimizerSpec = { type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0 };
const spec = (norm: NormKind = 'batch', placement: 'pre' | 'post' = 'pre'): ModelSpec => ({
  inputSize: 4, outputSize: 3, normPlacement: placement, eps: 1e-5, momentum: 0.1,
  hidden: [{ units: 6, activation: 'sigmoid', norm }, { units: 5, activation: 'relu', norm }],
});

function data(seed: number, B: number, I = 4, O = 3) {
  const rng = new Rng(seed);
  return { x: Float32Array.from({ length: B * I }, () => rng.normal()), y: Int32Array.from({ length: B }, () => rng.int(O)) };
}

describe('Mlp', () => {
  it('is bit-identical for the same seed and different for another', () => {
    const run = (seed: number) => {
      const m = new Mlp(spec(), { type: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1e-3 }, { seed });
      const losses = [];
      for (let s = 0; s < 20; s++) { const { x, y } = data(s, 8); losses.push(m.trainStep(x, y, 8)); }
      return { losses, params: m.getParams() };
    };
    const a = run(7), b = run(7), c = run(8);
    expect(a.losses).toEqual(b.losses);
    expect(a.params).toEqual(b.params);
    expect(c.losses).not.toEqual(a.losses);
  });

  it('initialises weights with the asked-for scale, biases 0, gamma 1, beta 0, running stats 0 and 1', () => {
    const big: ModelSpec = { ...spec(), inputSize: 400, hidden: [{ units: 300, activation: 'relu', norm: 'batch' }] };
    const std = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0) / a.length);
    // the default seed is fixed (1); the root mean square of N = 120,000 draws is off by about
    // sigma / sqrt(2N) = 2e-3 sigma, i.e. 2e-4 and 1.4e-4 here: inside 5e-3 and 5e-4 (toBeCloseTo 2 and 3)
    expect(std(new Mlp(big, SGD, { init: 'normal:0.1' }).layers[0].W)).toBeCloseTo(0.1, 2);
    expect(std(new Mlp(big, SGD, { init: 'he' }).layers[0].W)).toBeCloseTo(Math.sqrt(2 / 400), 3);
    const m = new Mlp(big, SGD, { init: 'xavier' });
    expect(std(m.layers[0].W)).toBeCloseTo(Math.sqrt(2 / 700), 3);
    expect(Array.from(m.layers[0].b).every((v) => v === 0)).toBe(true);
    expect(Array.from(m.layers[0].gamma!).every((v) => v === 1)).toBe(true);
    expect(Array.from(m.layers[0].beta!).every((v) => v === 0)).toBe(true);
    expect(Array.from(m.layers[0].runningMean!).every((v) => v === 0)).toBe(true);
    expect(Array.from(m.layers[0].runningVar!).every((v) => v === 1)).toBe(true);
    expect(() => new Mlp(big, SGD, { init: 'normal:-1' })).toThrow(/init/);
    expect(() => new Mlp(big, SGD, { init: 'glorot' })).toThrow(/normal:STD/);
  });

  it('SGD with momentum and weight decay follows PyTorch on a hand-computed step', () => {
    const s: ModelSpec = { inputSize: 1, outputSize: 2, hidden: [], normPlacement: 'pre', eps: 1e-5, momentum: 0.1 };
    const m = new Mlp(s, { type: 'sgd', lr: 0.5, momentum: 0.9, weightDecay: 0.1 }, { dtype: 'float64' });
    m.setParams([{ W: [1, -1], b: [0, 0] }]);
    const x = Float64Array.of(2);
    // logits (2, -2); p = softmax; grad W = (p - onehot(0)) * x
    const p0 = 1 / (1 + Math.exp(-4));
    m.trainStep(x, [0], 1);
    const g0 = (p0 - 1) * 2 + 0.1 * 1; // W[0]: grad + wd * p; buf = g on the first step
    expect(m.Wout[0]).toBeCloseTo(1 - 0.5 * g0, 12);
    const w0 = m.Wout[0], w1 = m.Wout[1], b0 = m.bout[0], b1 = m.bout[1];
    const z0 = w0 * 2 + b0, z1 = w1 * 2 + b1;
    const q0 = 1 / (1 + Math.exp(z1 - z0));
    m.trainStep(x, [0], 1);
    const buf = 0.9 * g0 + ((q0 - 1) * 2 + 0.1 * w0);
    expect(m.Wout[0]).toBeCloseTo(w0 - 0.5 * buf, 12);
  });

  it('Adam follows PyTorch: the first step moves each parameter by about lr', () => {
    const s: ModelSpec = { inputSize: 1, outputSize: 2, hidden: [], normPlacement: 'pre', eps: 1e-5, momentum: 0.1 };
    const m = new Mlp(s, { type: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 }, { dtype: 'float64' });
    m.setParams([{ W: [1, -1], b: [0, 0] }]);
    m.trainStep(Float64Array.of(2), [0], 1);
    // m_hat = g, v_hat = g^2: the step is lr * g / (|g| + eps)
    expect(m.Wout[0]).toBeCloseTo(1 + 0.01, 6);
    expect(m.Wout[1]).toBeCloseTo(-1 - 0.01, 6);
  });

  it('refuses bad input with a clear message and trains on nothing', () => {
    const m = new Mlp(spec(), SGD);
    const before = m.getParams();
    const { x, y } = data(1, 4);
    expect(() => m.trainStep(x, y, 1)).toThrow(/more than one sample/);
    expect(() => m.trainStep(x, Int32Array.of(0, 1, 3, 0), 4)).toThrow(/label 3 at row 2 is out of range \[0, 3\)/);
    expect(() => m.trainStep(x.subarray(0, 7), y, 4)).toThrow(/input has 7 values/);
    expect(() => m.trainStep(x, y, 0)).toThrow(/batch size/);
    expect(m.getParams()).toEqual(before);
    expect(() => m.setParams([{ W: [1], b: [0] }])).toThrow(EngineError);
    expect(() => new Mlp({ ...spec(), eps: 0 }, SGD)).toThrow(/eps/);
    expect(() => new Mlp({ ...spec(), hidden: [{ units: 0, activation: 'relu', norm: 'none' }] }, SGD)).toThrow(/units/);
    expect(() => new Mlp({ ...spec(), hidden: [{ units: 3, activation: 'gelu' as never, norm: 'none' }] }, SGD)).toThrow(/activation/);
    expect(() => new Mlp(spec(), { ...SGD, lr: -1 })).toThrow(/lr/);
    expect(() => m.setEps(-1)).toThrow(/eps/);
    expect(() => m.setMomentum(2)).toThrow(/momentum/);
  });

  it('round-trips parameters and counts them', () => {
    const a = new Mlp(spec('batch'), SGD, { seed: 1 });
    const b = new Mlp(spec('batch'), SGD, { seed: 2 });
    b.setParams(a.getParams());
    expect(b.getParams()).toEqual(a.getParams());
    // (4*6 + 6 + 12) + (6*5 + 5 + 10) + (5*3 + 3)
    expect(a.parameterCount()).toBe(42 + 45 + 18);
  });

  it('evaluates with running statistics by default, with batch statistics on request, without touching training state', () => {
    const m = new Mlp(spec('batch'), SGD, { seed: 3 });
    for (let s = 0; s < 30; s++) { const { x, y } = data(s, 16); m.trainStep(x, y, 16); }
    const z = Float32Array.from(m.layers[0].train.z.subarray(0, 16 * 6));
    const rm = Float32Array.from(m.layers[0].runningMean!);
    const { x, y } = data(99, 200);
    const run = m.evaluate(x, y, 200, { keepLogits: true });
    const batch = m.evaluate(x, y, 200, { mode: 'batch-stats', chunk: 16, keepLogits: true });
    expect(run.accuracy).toBeGreaterThanOrEqual(0);
    expect(run.logits!.length).toBe(600);
    expect(run.logits).not.toEqual(batch.logits);
    expect(Float32Array.from(m.layers[0].train.z.subarray(0, 16 * 6))).toEqual(z);
    expect(Float32Array.from(m.layers[0].runningMean!)).toEqual(rm);
    // chunking does not change evaluation-mode results
    expect(m.evaluate(x, y, 200, { chunk: 7 }).loss).toBeCloseTo(run.loss, 6);
    // 17 rows in chunks of 16 with batch statistics: the trailing row joins the first chunk
    expect(() => m.evaluate(x, y, 17, { mode: 'batch-stats', chunk: 16 })).not.toThrow();
  });

  it('learns a separable problem', () => {
    for (const norm of ['none', 'batch', 'layer', 'renorm', 'group'] as const) {
      for (const placement of ['pre', 'post'] as const) {
        const m = new Mlp({ ...spec(norm, placement), inputSize: 2, outputSize: 2 }, { type: 'sgd', lr: 0.5, momentum: 0.9, weightDecay: 0 }, { init: 'xavier', seed: 5 });
        if (norm === 'renorm') m.setRenormLimits(2, 1);
        const rng = new Rng(4);
        const x = new Float32Array(64 * 2), y = new Int32Array(64);
        for (let s = 0; s < 300; s++) {
          for (let i = 0; i < 64; i++) { x[2 * i] = rng.normal(); x[2 * i + 1] = rng.normal(); y[i] = x[2 * i] + x[2 * i + 1] > 0 ? 1 : 0; }
          m.trainStep(x, y, 64);
        }
        expect(m.evaluate(x, y, 64).accuracy, `${norm} ${placement}`).toBeGreaterThan(0.9);
      }
    }
  });

  it('exposes the layer values of the last step without copying', () => {
    const m = new Mlp(spec('batch', 'pre'), SGD);
    const { x, y } = data(2, 10);
    m.trainStep(x, y, 10);
    const l = m.layers[0];
    const ws = l.train;
    // pre: the activation's input is the norm output, which has per-unit batch mean beta = 0
    expect(l.activationInput(ws)).toBe(ws.norm);
    let s = 0;
    for (let b = 0; b < 10; b++) s += ws.norm![b * 6];
    // float32 norm outputs of order 1: their mean is 0 to ~10 u32 = 6e-7, inside 5e-6
    expect(s / 10).toBeCloseTo(0, 5);
    expect(l.output(ws)).toBe(ws.act);
    expect(m.lastBatchSize).toBe(10);
  });
});
