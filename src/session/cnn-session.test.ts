// The CNN (arch cnn) in a training session: same weights and batches for every run, per-channel
// telemetry over N x H x W, refusals of what it does not offer, folding BatchNorm2d into the conv.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/dataset';
import { ConvNet } from '../engine/convnet';
import { Rng } from '../engine/rng';
import { checkAgainstData } from './build';
import { cnnSpecOf } from './cnn-spec';
import { foldReport, foldableRuns } from './fold-report';
import { FrameBuilder } from '../telemetry/frame';
import { headlessRun } from '../runtime/headless-run';
import { checkLimits, maxBatch } from './limits';
import { TrainingSession } from './session';
import { DEFAULT_SETTINGS, type TrainSettings } from './settings';
import { channelsLast } from './watched-layer';
import { planSweep, settingsOfJob, SweepPlanError } from './sweep/protocol';

/** An MNIST-shaped data set of random images whose label is the brightest of ten image bands (learnable). */
function fakeMnist(trainCount: number, testCount: number, seed = 5): Dataset {
  const rng = new Rng(seed);
  const make = (n: number) => {
    const x = new Float32Array(n * 784);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const label = i % 10;
      y[i] = label;
      for (let p = 0; p < 784; p++) {
        const band = Math.floor(Math.floor(p / 28) / 2.8);
        x[i * 784 + p] = 0.3 * rng.uniform() + (band === label ? 0.6 : 0);
      }
    }
    return { x, y };
  };
  const tr = make(trainCount);
  const te = make(testCount);
  return { name: 'mnist', inputSize: 784, numClasses: 10, trainX: tr.x, trainY: tr.y, testX: te.x, testY: te.y, trainCount, testCount };
}

const ds = fakeMnist(300, 120);
const settings = (over: Partial<TrainSettings> = {}): TrainSettings => ({
  ...DEFAULT_SETTINGS, arch: 'cnn', act: 'relu', init: 'pytorch', batch: 12, lr: 0.05, evalEvery: 1000, ...over,
});

describe('TrainingSession with arch cnn', () => {
  it('starts every run from the same weights and trains each on the same batches', () => {
    const s = new TrainingSession(ds, settings(), ['plain', 'batch', 'group']);
    const models = s.runs.map((r) => r.model as ConvNet);
    for (const m of models.slice(1)) {
      m.weightLayers.forEach((l, i) => {
        expect(l.W).toEqual(models[0].weightLayers[i].W);
        expect(l.b).toEqual(models[0].weightLayers[i].b);
      });
    }
    expect(models.map((m) => m.weightLayers[0].normKind)).toEqual(['none', 'batch', 'group']);
    // The batch run of a three-run session trains bit for bit as the batch run alone: same batches.
    const alone = new TrainingSession(ds, settings(), ['batch']);
    for (let i = 0; i < 5; i++) { s.trainStep(); alone.trainStep(); }
    expect((alone.runs[0].model as ConvNet).getParams()).toEqual(models[1].getParams());
    expect(s.runs.every((r) => Number.isFinite(r.lastLoss))).toBe(true);
    expect(models[0].getParams()).not.toEqual(models[1].getParams());
  });

  it('watches the conv layers per channel: statistics over N x H x W, running estimates of C channels', () => {
    const s = new TrainingSession(ds, settings(), ['plain', 'batch']);
    s.trainStep();
    const b = new FrameBuilder(s);
    const frame = b.build(s, 1, 'paused', { layer: 0, unit: 0 }, null);
    const bn = frame.runs[1];
    expect(bn.layers.map((l) => l.units)).toEqual([8, 16]);
    expect(frame.bins).toHaveLength(2);
    const l0 = (s.runs[1].model as ConvNet).weightLayers[0];
    const N = 12;
    const HW = 28 * 28;
    // The per-channel mean of z over N x H x W, computed directly from the (N, C, H, W) array.
    for (let c = 0; c < 8; c++) {
      let sum = 0;
      for (let n = 0; n < N; n++) for (let p = 0; p < HW; p++) sum += l0.train.z[(n * 8 + c) * HW + p];
      const mean = sum / (N * HW);
      // float32 engine mean against a float64 sum of the same N*HW float32 values: (N HW) u max|z| at worst
      const maxAbs = Math.max(...Array.from(l0.train.z.subarray(0, N * 8 * HW), Math.abs));
      expect(Math.abs(bn.layers[0].running!.batchMean[c] - mean)).toBeLessThanOrEqual(N * HW * 2 ** -24 * maxAbs);
    }
    expect(bn.layers[0].running!.mean).toHaveLength(8);
    expect(bn.layers[1].running!.variance).toHaveLength(16);
    expect(frame.runs[0].layers[0].running).toBeNull();
    const z = bn.layers[0].stages[0]!;
    // Every value counted once: N x C x H x W in the histogram (bins, under and over).
    expect(z.hist.reduce((a, v) => a + v, 0) + z.under + z.over).toBe(N * 8 * HW);
    // The fully connected step-by-step panel does not show conv channels.
    expect(frame.bnDetail).toBeNull();
  });

  it('sends per-channel histograms, channel series, feature maps and which values form a statistic', () => {
    const s = new TrainingSession(ds, settings({ groups: 4 }), ['plain', 'batch', 'group']);
    const b = new FrameBuilder(s);
    for (let i = 0; i < 20; i++) { b.beforeStep(s); s.trainStep(); b.afterStep(s); }
    const N = 12;
    const f = b.build(s, 1, 'paused', { layer: 1, unit: 5 }, null);
    const [plain, bn, gn] = f.runs.map((r) => r.conv!);
    for (const conv of [plain, bn, gn]) {
      expect(conv.layers.map((l) => [l.channels, l.H, l.W])).toEqual([[8, 28, 28], [16, 14, 14]]);
      const h = conv.layers[1].hist!;
      // every value of each channel counted once: in a bin or outside the range
      for (let c = 0; c < 16; c++) {
        let n = h.outside[4 * c] + h.outside[4 * c + 1];
        for (let k = 0; k < h.bins; k++) n += h.input[c * h.bins + k];
        expect(n).toBe(N * 14 * 14);
      }
      expect(conv.maps!.layers.map((m) => m.length)).toEqual([8 * 784, 16 * 196]);
    }
    expect(plain.detail).toBeNull();
    expect(plain.layers[0].hist!.output).toBeNull();
    // batch norm: channel 6 of conv 2 over every sample and position, the engine's own statistics
    const l1 = (s.runs[1].model as ConvNet).weightLayers[1];
    expect(bn.detail).toMatchObject({ norm: 'batch', layer: 1, channel: 5, count: N * 196, mean: l1.train.mean[5], mapIndex: [0, 1, 2, 3, 4, 5] });
    expect(bn.detail!.maps.subarray(196, 392)).toEqual(l1.train.z.subarray((1 * 16 + 5) * 196, (1 * 16 + 6) * 196));
    // group norm, 4 groups of 4 channels: channel 6 is in group 2 (channels 5-8), sample 0's statistics
    expect(gn.detail).toMatchObject({ norm: 'group', groups: 4, groupChannels: [4, 7], count: 4 * 196, mapIndex: [4, 5, 6, 7] });
    expect(gn.detail!.mean).toBe((s.runs[2].model as ConvNet).weightLayers[1].train.mean[1]);
    // channel series over the sampled steps (every BAND_EVERY = 20): the batch run only
    expect(bn.layers[0].series!.runningVar).toHaveLength(8);
    expect(Array.from(bn.layers[0].series!.batchMean[3].x)).toEqual([20]);
    expect(bn.layers[0].series!.runningMean[3].y[0]).toBeCloseTo((s.runs[1].model as ConvNet).weightLayers[0].runningMean![3], 6);
    expect(gn.layers[0].series).toBeNull();
  });

  it('refuses what the CNN does not offer, naming the setting', () => {
    expect(() => new TrainingSession(ds, settings(), ['plain', 'layer'])).toThrow(/layer norm is not offered for arch cnn.*plain, batch, group, batch-pre, batch-post/);
    expect(() => new TrainingSession(ds, settings(), ['renorm'])).toThrow(/batch renorm is not offered for arch cnn/);
    expect(checkAgainstData(settings({ norm: 'group', groups: 3 }), ds)?.setting).toBe('groups');
    expect(checkAgainstData(settings({ dataset: 'spiral' }), { ...ds, name: 'spiral' })?.message).toMatch(/MNIST only/);
    // One image is a batch BatchNorm2d trains on (28 x 28 values per channel).
    expect(checkAgainstData(settings({ batch: 1, norm: 'batch' }), ds)).toBeNull();
  });

  it('counts N x C x H x W activations against the limit', () => {
    const most = maxBatch({ hidden: [], arch: 'cnn' });
    expect(most).toBe(Math.floor(4_000_000 / 12_554));
    expect(checkLimits({ hidden: [100], batch: most, arch: 'cnn' }, 784, 10)).toBeNull();
    expect(checkLimits({ hidden: [100], batch: most + 1, arch: 'cnn' }, 784, 10)?.message).toMatch(/N x C x H x W.*use batch 318 or less/);
  });

  it('folds BatchNorm2d into the conv before it: the same test logits; refuses it after the activation', () => {
    const s = new TrainingSession(ds, settings({ batch: 16 }), ['plain', 'batch', 'batch-post', 'group']);
    for (let i = 0; i < 30; i++) s.trainStep();
    expect(foldableRuns(s)).toEqual(['batch']);
    const r = foldReport(s, 'batch');
    expect(r.rows).toBe(120);
    // float32 both ways: each logit is a sum of 784 products of float32 values through two conv
    // layers of 9 and 72 terms; the folded weights round once more. (n + 2) u sum|terms| with
    // n = 784 is 4.7e-5 of sum|terms|, which is a few times max|logit| here.
    expect(r.maxAbsDiff).toBeLessThan(2e-4 * Math.max(1, r.maxAbsLogit));
    expect(r.foldedAccuracy).toBe(r.accuracy);
    expect(r.counts.after.parameters).toBe(r.counts.before.parameters - 2 * (8 + 16));
    expect(JSON.parse(r.json).model.layers.map((l: { norm?: string }) => l.norm ?? '-')).toEqual(['none', '-', 'none', '-', '-', 'none']);
    expect(() => foldReport(s, 'batch-post')).toThrow(/placement post.*max pooling.*zero padding/);
    expect(() => foldReport(s, 'group')).toThrow(/group norm/);
  });

  it('trains headless (the CLI\'s loop) with per-layer gradient norms of conv, conv, linear', () => {
    const points: number[] = [];
    const out = headlessRun(settings({ steps: 20, evalEvery: 10, norm: 'batch' }), ds, (p) => { points.push(p.step); if (p.step > 0) expect(p.gradNorms).toHaveLength(3); });
    expect(points).toEqual([0, 10, 20]);
    expect(out.divergedAt).toBeNull();
    expect(out.points[2].pct.every(Number.isFinite)).toBe(true);
  });

  it('builds the issue\'s network', () => {
    const m = new ConvNet(cnnSpecOf(settings({ norm: 'batch' })), { type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0 });
    expect(m.plan.map((p) => `${p.type} ${p.outShape.join('x')}`)).toEqual([
      'conv 8x28x28', 'maxpool 8x14x14', 'conv 16x14x14', 'maxpool 16x7x7', 'flatten 784x1x1', 'linear 10x1x1',
    ]);
  });

  it('plans the CNN sweep: batch norm against group norm (4 groups) at lr 0.1, refusing layer norm', () => {
    const jobs = planSweep({ norms: ['batch', 'group'], batches: [2, 4], examples: 400, seed: 1, arch: 'cnn' });
    expect(jobs.map((j) => `${j.norm}@${j.batch}:${j.steps}:${j.lr}`)).toEqual(['batch@2:200:0.1', 'group@2:200:0.1', 'batch@4:100:0.1', 'group@4:100:0.1']);
    expect(settingsOfJob(jobs[1])).toMatchObject({ arch: 'cnn', norm: 'group', groups: 4, act: 'relu', init: 'pytorch', placement: 'pre', batch: 2 });
    expect(settingsOfJob(jobs[0]).groups).toBe(0);
    expect(() => planSweep({ norms: ['layer'], batches: [4], examples: 400, seed: 1, arch: 'cnn' })).toThrow(SweepPlanError);
    expect(() => planSweep({ norms: ['layer'], batches: [4], examples: 400, seed: 1, arch: 'cnn' })).toThrow(/not offered for the CNN/);
  });

  it('channelsLast transposes (N, C, P) to (N*P, C)', () => {
    const src = Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => i);
    const dst = new Float32Array(24);
    channelsLast(dst, src, 2, 3, 4);
    // sample 1, position 2, channel 1: src index (1*3 + 1)*4 + 2 = 18, dst (1*4 + 2)*3 + 1 = 19
    expect(dst[19]).toBe(18);
    expect([...dst.subarray(0, 3)]).toEqual([0, 4, 8]);
  });
});
