// The layer-list network: what its validation refuses (and says), training mode against evaluation
// mode, running statistics, batch statistics, and the parameter layout.
import { describe, expect, it } from 'vitest';
import { ConvNet } from './convnet';
import { defaultConvGroups, planConvNet, type ConvNetSpec, type NetLayerSpec } from './convnet-spec';
import { Rng } from './rng';
import type { OptimizerSpec } from './types';

const SGD: OptimizerSpec = { type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0 };

function spec(layers: NetLayerSpec[], inputShape: [number, number, number] = [1, 8, 8]): ConvNetSpec {
  return { inputShape, layers, eps: 1e-5, momentum: 0.1 };
}

const conv = (out: number, extra: Partial<Extract<NetLayerSpec, { type: 'conv' }>> = {}): NetLayerSpec =>
  ({ type: 'conv', out, kernel: 3, stride: 1, padding: 1, norm: 'batch', activation: 'relu', placement: 'pre', ...extra });
const logits = (out: number): NetLayerSpec => ({ type: 'linear', out, norm: 'none', activation: 'linear' });

/** The default CNN on 28x28 digits. */
function defaultCnn(norm: 'none' | 'batch' | 'group'): ConvNetSpec {
  const g = norm === 'group' ? { groups: 4 } : {};
  return spec([conv(8, { norm, ...g }), { type: 'maxpool', size: 2 }, conv(16, { norm, ...g }), { type: 'maxpool', size: 2 }, { type: 'flatten' }, logits(10)], [1, 28, 28]);
}

describe('layer-list spec validation', () => {
  it('works out the shapes of the default CNN', () => {
    const plan = planConvNet(defaultCnn('batch'));
    expect(plan.map((p) => p.outShape)).toEqual([[8, 28, 28], [8, 14, 14], [16, 14, 14], [16, 7, 7], [784, 1, 1], [10, 1, 1]]);
    const model = new ConvNet(defaultCnn('batch'), SGD);
    // conv1 8*9+8 (+16 norm), conv2 16*72+16 (+32), linear 10*784+10
    expect(model.parameterCount()).toBe(80 + 16 + 1168 + 32 + 7850);
  });

  const refused: [string, ConvNetSpec, RegExp][] = [
    ['groups that do not divide the channels', spec([conv(4, { norm: 'group', groups: 3 }), { type: 'flatten' }, logits(2)]), /groups must divide the 4 channels, got 3; use one of 1, 2, 4/],
    ['groups on a layer without group norm', spec([conv(4, { groups: 2 }), { type: 'flatten' }, logits(2)]), /groups is only used by group norm/],
    ['a pooling window larger than the map', spec([conv(2, { padding: 0 }), { type: 'maxpool', size: 7 }, { type: 'flatten' }, logits(2)]), /6x6 feature map is smaller than the 7x7 pooling window/],
    ['a kernel larger than the padded map', spec([conv(2, { kernel: 11, padding: 1 }), { type: 'flatten' }, logits(2)]), /11x11 kernel does not fit the 8x8 feature map/],
    ['a linear layer on feature maps', spec([conv(2), logits(2)]), /put a flatten layer before it/],
    ['a conv after flatten', spec([{ type: 'flatten' }, conv(2), logits(2)]), /already flattened/],
    ['a last layer that is not the logits', spec([{ type: 'flatten' }, { type: 'linear', out: 3, norm: 'batch', activation: 'relu' }]), /must be linear with norm "none" and activation "linear"/],
    ['an unknown layer type', spec([{ type: 'dropout' } as unknown as NetLayerSpec, logits(2)]), /type must be conv, maxpool, flatten or linear/],
    ['an unknown norm', spec([conv(2, { norm: 'layer' as 'none' }), { type: 'flatten' }, logits(2)]), /norm must be one of none, batch, group/],
    ['a bad input shape', spec([{ type: 'flatten' }, logits(2)], [1, 0, 8] as [number, number, number]), /inputShape must be/],
    ['a stride of 0', spec([conv(2, { stride: 0 }), { type: 'flatten' }, logits(2)]), /stride must be an integer >= 1/],
  ];
  for (const [what, s, message] of refused) {
    it(`refuses ${what}`, () => {
      expect(() => new ConvNet(s, SGD)).toThrow(message);
    });
  }

  it('defaults group norm on channels to groups of at least 2 channels, at most 32 groups', () => {
    expect([3, 8, 16, 64, 128].map(defaultConvGroups)).toEqual([1, 4, 8, 32, 32]);
  });
});

describe('layer-list network', () => {
  const rng = new Rng(1);
  const x = Float32Array.from({ length: 6 * 64 }, () => rng.normal());
  const y = Int32Array.from([0, 1, 2, 0, 1, 2]);
  const small = () => spec([conv(3), { type: 'maxpool', size: 2 }, conv(4), { type: 'flatten' }, logits(3)]);

  it('refuses a label out of range, a short input and a batch-norm channel with a single value', () => {
    const model = new ConvNet(small(), SGD);
    expect(() => model.trainStep(x, Int32Array.from([0, 1, 3]), 3)).toThrow(/label 3 at sample 2 is out of range \[0, 3\)/);
    expect(() => model.trainStep(x.subarray(0, 100), y, 2)).toThrow(/input has 100 values, 2 samples of 1x8x8 need 128/);
    const tiny = new ConvNet(spec([conv(2, { padding: 0 }), { type: 'flatten' }, logits(2)], [1, 3, 3]), SGD);
    expect(() => tiny.trainStep(new Float32Array(9), [0], 1)).toThrow(/batch norm in training needs more than one value per channel: layer 1 \(conv\) has 1 sample\(s\) x 1 position\(s\)/);
    // the same model evaluates one sample (running statistics)
    expect(tiny.evaluate(new Float32Array(9), [0], 1).loss).toBeCloseTo(Math.log(2), 5);
  });

  it('trains on one image per batch with BatchNorm2d (N x H x W values per channel)', () => {
    const model = new ConvNet(small(), SGD, { seed: 3 });
    const first = model.trainStep(x, y, 1);
    let last = first;
    for (let i = 0; i < 30; i++) last = model.trainStep(x, y, 1);
    expect(Number.isFinite(first)).toBe(true);
    expect(last).toBeLessThan(first);
  });

  it('keeps running statistics with the unbiased variance over N x H x W values and uses them in evaluation', () => {
    const model = new ConvNet(small(), SGD, { seed: 4 });
    model.setMomentum(1); // running statistics = the last batch's
    model.computeGradients(x, y, 6);
    const l = model.weightLayers[0];
    const M = 6 * 64;
    const z = l.train.z;
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let n = 0; n < 6; n++) for (let p = 0; p < 64; p++) s += z[(n * 3 + c) * 64 + p];
      const mean = s / M;
      let v = 0;
      for (let n = 0; n < 6; n++) for (let p = 0; p < 64; p++) v += (z[(n * 3 + c) * 64 + p] - mean) ** 2;
      // float32 sums of 384 values ~1: relative error well below 1e-5
      expect(l.runningMean![c]).toBeCloseTo(mean, 5);
      expect(l.runningVar![c] / (v / (M - 1))).toBeCloseTo(1, 5);
      expect(l.train.mean[c]).toBeCloseTo(mean, 5);
      const batchVar = new Float64Array(3);
      expect(l.batchVariance(batchVar, 6, model.spec.eps)).toBe(3);
      // var from float32 rstd: relative error ~1e-7 of var + eps, i.e. ~1e-7 here
      expect(batchVar[c] / (v / M)).toBeCloseTo(1, 5);
    }
    // With running statistics equal to this batch's (unbiased var, so slightly larger), evaluation differs only a little from training.
    const train = Float32Array.from(model.trainLogits());
    const ev = model.evaluate(x, y, 6, { keepLogits: true }).logits!;
    const batchStats = model.evaluate(x, y, 6, { keepLogits: true, mode: 'batch-stats', chunk: 6 }).logits!;
    for (let i = 0; i < train.length; i++) {
      expect(batchStats[i]).toBeCloseTo(train[i], 5);
      expect(Math.abs(ev[i] - train[i])).toBeLessThan(0.05 * (1 + Math.abs(train[i])));
    }
  });

  it('leaves the bias before batch norm untouched (its gradient is exactly zero) but trains the one before group norm', () => {
    const bn = new ConvNet(small(), SGD, { seed: 5 });
    bn.computeGradients(x, y, 6);
    expect(Array.from(bn.weightLayers[0].db).every((v) => v === 0)).toBe(true);
    const gn = new ConvNet(spec([conv(4, { norm: 'group', groups: 2 }), { type: 'flatten' }, logits(3)]), SGD, { seed: 5 });
    gn.computeGradients(x, y, 6);
    expect(Array.from(gn.weightLayers[0].db).some((v) => v !== 0)).toBe(true);
  });

  it('sets and returns parameters in the layout (out, in, k, k), refusing a wrong length', () => {
    const model = new ConvNet(small(), { type: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 }, { seed: 6 });
    const params = model.getParams();
    expect(params.map((p) => p.W.length)).toEqual([27, 108, 3 * 64]);
    params[1].W[5] = 0.125;
    model.setParams(params);
    expect(model.getParams()[1].W[5]).toBe(0.125);
    const bad = model.getParams();
    bad[1] = { ...bad[1], W: bad[1].W.subarray(0, 100) };
    expect(() => model.setParams(bad)).toThrow(/parameter shape does not match the model: layer 2 \(conv\) W needs 108 values, got 100/);
    expect(() => model.setParams(bad.slice(0, 2))).toThrow(/expected 3 layers of parameters, got 2/);
  });

  it('learns to tell two shapes apart (a vertical against a horizontal bar) in every norm', () => {
    for (const norm of ['none', 'batch', 'group'] as const) {
      const s = spec([conv(4, { norm, ...(norm === 'group' ? { groups: 2 } : {}) }), { type: 'maxpool', size: 2 }, { type: 'flatten' }, logits(2)]);
      const model = new ConvNet(s, SGD, { seed: 7 });
      const r = new Rng(8);
      const make = (N: number) => {
        const xs = new Float32Array(N * 64);
        const ys = new Int32Array(N);
        for (let n = 0; n < N; n++) {
          ys[n] = r.int(2);
          const at = 1 + r.int(6);
          for (let k = 0; k < 8; k++) xs[n * 64 + (ys[n] === 0 ? k * 8 + at : at * 8 + k)] = 1;
          for (let k = 0; k < 64; k++) xs[n * 64 + k] += 0.1 * r.normal();
        }
        return { xs, ys };
      };
      for (let s2 = 0; s2 < 60; s2++) {
        const { xs, ys } = make(16);
        model.trainStep(xs, ys, 16);
      }
      const { xs, ys } = make(200);
      expect(model.evaluate(xs, ys, 200).accuracy, norm).toBeGreaterThan(0.95);
    }
  });
});

describe('PyTorch default initialisation', () => {
  it('draws weights and biases from U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = in * k * k for a conv', () => {
    const model = new ConvNet(defaultCnn('none'), SGD, { init: 'pytorch', seed: 9 });
    for (const [l, fanIn] of [[model.weightLayers[0], 9], [model.weightLayers[1], 72], [model.weightLayers[2], 784]] as const) {
      const bound = 1 / Math.sqrt(fanIn);
      for (const a of [l.W, l.b]) {
        expect(Math.max(...Array.from(a, Math.abs))).toBeLessThanOrEqual(bound);
      }
      // the variance of U(-a, a) is a^2 / 3; with n >= 1152 draws the sample variance is within 15% (about 4 standard errors)
      if (l.W.length >= 1000) {
        const v = Array.from(l.W).reduce((s, w) => s + w * w, 0) / l.W.length;
        expect(v / (bound * bound / 3)).toBeGreaterThan(0.85);
        expect(v / (bound * bound / 3)).toBeLessThan(1.15);
      }
      expect(Array.from(l.b).some((b) => b !== 0)).toBe(true);
    }
    expect(() => new ConvNet(defaultCnn('none'), SGD, { init: 'uniform' })).toThrow(/use normal:STD .*, xavier, he or pytorch/);
  });
});
