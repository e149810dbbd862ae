import { describe, expect, it } from 'vitest';
import type { Mlp } from '../engine/mlp';
import { make2d } from '../data/synthetic';
import { DEFAULT_SETTINGS, type TrainSettings } from './settings';
import { SessionError, TrainingSession, type Run } from './session';

/** These sessions are fully connected (arch mlp): their runs' models are Mlps. */
const mlp = (r: Run) => r.model as Mlp;

const ds = make2d('spiral', { seed: 3, trainCount: 600, testCount: 300, noise: 0.05 });
const settings = (over: Partial<TrainSettings> = {}): TrainSettings => ({
  ...DEFAULT_SETTINGS, dataset: 'spiral', hidden: [12, 10], act: 'tanh', batch: 16, lr: 0.1, init: 'xavier', evalEvery: 50, ...over,
});
const copyW = (s: TrainingSession) => s.runs.map((r) => mlp(r).getParams());

describe('TrainingSession', () => {
  it('trains batch norm before and after the activation side by side, from the same weights', () => {
    const s = new TrainingSession(ds, settings({ act: 'relu', placement: 'post' }), ['batch', 'batch-pre', 'batch-post']);
    expect(s.runs.map((r) => [r.id, r.norm, r.placement])).toEqual([
      ['batch', 'batch', 'post'], ['batch-pre', 'batch', 'pre'], ['batch-post', 'batch', 'post'],
    ]);
    expect(mlp(s.runs[1]).spec.normPlacement).toBe('pre');
    expect(mlp(s.runs[1]).layers[0].W).toEqual(mlp(s.runs[2]).layers[0].W);
    s.trainStep();
    // the post run follows the setting, so it equals the 'batch' run; the pre run differs
    expect(mlp(s.runs[2]).getParams()).toEqual(mlp(s.runs[0]).getParams());
    expect(mlp(s.runs[1]).layers[0].W).not.toEqual(mlp(s.runs[2]).layers[0].W);
  });

  it('starts every run from the same weights and trains them on the same batches', () => {
    const s = new TrainingSession(ds, settings(), ['plain', 'batch', 'layer']);
    const [plain, bn, ln] = s.runs.map((r) => mlp(r));
    for (const m of [bn, ln]) {
      m.layers.forEach((l, i) => { expect(l.W).toEqual(plain.layers[i].W); expect(l.b).toEqual(plain.layers[i].b); });
      expect(m.Wout).toEqual(plain.Wout);
      expect(Array.from(m.layers[0].gamma!).every((g) => g === 1)).toBe(true);
    }
    for (let step = 0; step < 5; step++) {
      s.trainStep();
      // the first layer's z = W x + b: equal weights at step 1 and equal input rows show the shared batch
      if (step === 0) {
        expect(bn.layers[0].train.z.subarray(0, 16 * 12)).toEqual(plain.layers[0].train.z.subarray(0, 16 * 12));
        expect(ln.layers[0].train.z.subarray(0, 16 * 12)).toEqual(plain.layers[0].train.z.subarray(0, 16 * 12));
      }
    }
    // the same seed replays the same batch sequence
    const a = new TrainingSession(ds, settings(), ['plain']);
    const b = new TrainingSession(ds, settings(), ['batch', 'plain']);
    for (let i = 0; i < 50; i++) { a.trainStep(); b.trainStep(); expect(b.lastBatch().y).toEqual(a.lastBatch().y); }
    expect(mlp(b.runs[1]).getParams()).toEqual(mlp(a.runs[0]).getParams());
  });

  it('applies lr, eps, batch size and momentum at the next step without touching the weights', () => {
    const s = new TrainingSession(ds, settings({ optimizer: 'sgd' }), ['plain', 'batch']);
    const twin = new TrainingSession(ds, settings({ optimizer: 'sgd' }), ['plain', 'batch']);
    for (let i = 0; i < 10; i++) { s.trainStep(); twin.trainStep(); }
    const before = copyW(s);
    s.applyLive({ lr: 0.5, eps: 0.01, batch: 40, momentum: 0.3 });
    expect(copyW(s)).toEqual(before);
    expect(s.settings).toMatchObject({ lr: 0.5, eps: 0.01, batch: 40, momentum: 0.3 });
    s.trainStep();
    twin.trainStep();
    const bn = mlp(s.runs[1]);
    expect(bn.lastBatchSize).toBe(40);
    // eps: rstd = 1 / sqrt(var + eps) with the new eps
    const l = bn.layers[0];
    const col = Array.from({ length: 40 }, (_, b) => l.normInput(l.train)[b * 12]);
    const mean = col.reduce((a, v) => a + v, 0) / 40;
    const v = col.reduce((a, x) => a + (x - mean) ** 2, 0) / 40;
    expect(l.train.rstd[0]).toBeCloseTo(1 / Math.sqrt(v + 0.01), 4);
    // lr: plain SGD moves the output bias by exactly lr * grad
    const plain = mlp(s.runs[0]);
    const db = plain.getGrads()[2].b;
    const bBefore = before[0][2].b;
    plain.bout.forEach((val, i) => expect(val).toBeCloseTo(bBefore[i] - 0.5 * db[i], 5));
    expect(copyW(s)).not.toEqual(copyW(twin));
  });

  it('refuses a bad live value and changes nothing', () => {
    const s = new TrainingSession(ds, settings(), ['plain', 'batch']);
    expect(() => s.applyLive({ eps: 0 })).toThrow(/eps/);
    expect(() => s.applyLive({ batch: 1 })).toThrow(/batch 1 with batch norm/);
    expect(() => s.applyLive({ batch: 10_000 })).toThrow(/larger than the 600 training examples/);
    expect(() => s.applyLive({ lr: 0.2, momentum: 7 })).toThrow(/momentum/);
    expect(() => s.applyLive({ hidden: [3] })).toThrow(/needs new weights/);
    expect(s.settings.lr).toBe(0.1);
    expect(() => new TrainingSession(ds, settings({ batch: 1 }), ['plain', 'batch'])).toThrow(SessionError);
  });

  it('marks a diverging run and trains the others on', () => {
    const s = new TrainingSession(ds, settings(), ['plain', 'batch']);
    for (let i = 0; i < 5; i++) s.trainStep();
    mlp(s.runs[0]).Wout[0] = Infinity; // as if the plain run had overflowed float32
    s.trainStep();
    const [plain, bn] = s.runs;
    expect(plain.divergedAt).toBe(6);
    expect(bn.divergedAt).toBeNull();
    const frozen = mlp(plain).getParams();
    const bnBefore = mlp(bn).getParams();
    s.trainStep();
    expect(mlp(plain).getParams()).toEqual(frozen);
    expect(mlp(bn).getParams()).not.toEqual(bnBefore);
    expect(s.activeRuns().map((r) => r.id)).toEqual(['batch']);
    // a real blow-up: SGD with lr 1000 and momentum 0.99 takes the plain network to NaN within a few steps
    const wild = new TrainingSession(ds, settings({ act: 'relu', hidden: [32, 32, 32], init: 'normal:1', lr: 1000, sgdMomentum: 0.99 }), ['plain']);
    for (let i = 0; i < 50; i++) wild.trainStep();
    expect(wild.runs[0].divergedAt).toBeGreaterThan(0);
    expect(wild.step).toBe(50);
  });

  it('evaluates with running statistics and with batch statistics', () => {
    const s = new TrainingSession(ds, settings({ batch: 4, momentum: 0.1 }), ['plain', 'batch']);
    for (let i = 0; i < 300; i++) s.trainStep();
    const m = s.evaluate();
    expect(m.get('plain')!.batchStatsAccuracy).toBeNull();
    const bn = m.get('batch')!;
    expect(bn.accuracy).toBeGreaterThan(0);
    expect(bn.batchStatsAccuracy).not.toBeNull();
    expect(bn.batchStatsLoss).not.toBeCloseTo(bn.loss, 3);
    expect(s.evaluate(true).get('batch')!.step).toBe(300);
  });
});

describe('batch renorm and group norm runs', () => {
  it('train side by side; renorm follows its schedule and is batch norm during the warm-up', () => {
    const s = new TrainingSession(ds, settings({ act: 'relu', hidden: [16, 16] }), ['batch', 'renorm', 'group']);
    expect(s.runs.map((r) => r.norm)).toEqual(['batch', 'renorm', 'group']);
    for (let i = 0; i < 20; i++) s.trainStep();
    // rmax 1 and dmax 0 for the first 500 steps: renorm is batch norm exactly
    expect(mlp(s.runs[1]).getRenormLimits()).toEqual({ rmax: 1, dmax: 0 });
    expect(mlp(s.runs[1]).getParams()).toEqual(mlp(s.runs[0]).getParams());
    expect(mlp(s.runs[2]).getParams()).not.toEqual(mlp(s.runs[0]).getParams());
    for (let i = 0; i < 600; i++) s.trainStep();
    const { rmax, dmax } = mlp(s.runs[1]).getRenormLimits();
    expect(rmax).toBeGreaterThan(1);
    expect(dmax).toBeGreaterThan(0);
    const m = s.evaluate();
    expect(m.get('renorm')!.batchStatsAccuracy).not.toBeNull();
    expect(m.get('group')!.batchStatsAccuracy).toBeNull();
  });

  it('refuses groups that do not divide a layer, naming the divisors', () => {
    expect(() => new TrainingSession(ds, settings({ hidden: [12, 10], groups: 3 }), ['group'])).toThrow(/groups must divide its 10 units, got 3; use one of 1, 2, 5, 10/);
  });
});
