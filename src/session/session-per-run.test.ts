// Runs that keep their own value of a setting (`batch:eps=1`): same weights, same batches, different
// only where that setting acts.
import { describe, expect, it } from 'vitest';
import type { Mlp } from '../engine/mlp';
import { make2d } from '../data/synthetic';
import { DEFAULT_SETTINGS, type TrainSettings } from './settings';
import { SessionError, TrainingSession, type Run } from './session';

const mlp = (r: Run) => r.model as Mlp;
const ds = make2d('spiral', { seed: 3, trainCount: 600, testCount: 300, noise: 0.05 });
const settings = (over: Partial<TrainSettings> = {}): TrainSettings => ({
  ...DEFAULT_SETTINGS, dataset: 'spiral', hidden: [12, 10], act: 'tanh', batch: 16, lr: 0.1, init: 'xavier', evalEvery: 50, ...over,
});

/** Records, per run and step, the rows and labels the run's model trained on. */
function recordBatches(s: TrainingSession): Map<string, { x: Float32Array; y: Uint8Array }[]> {
  const seen = new Map<string, { x: Float32Array; y: Uint8Array }[]>();
  for (const run of s.runs) {
    const m = run.model;
    const train = m.trainStep.bind(m);
    seen.set(run.id, []);
    m.trainStep = (x, y, B) => {
      seen.get(run.id)!.push({ x: Float32Array.from({ length: B * ds.inputSize }, (_, i) => x[i]), y: Uint8Array.from({ length: B }, (_, i) => y[i]) });
      return train(x, y, B);
    };
  }
  return seen;
}

describe('per-run settings', () => {
  it('runs with their own eps share the initial weights and every batch, and differ only where eps acts', () => {
    const s = new TrainingSession(ds, settings({ eps: 1e-5 }), ['plain', 'plain:eps=1', 'batch', 'batch:eps=1']);
    expect(s.runs.map((r) => [r.id, r.kind, r.settings.eps])).toEqual([
      ['plain', 'plain', 1e-5], ['plain:eps=1', 'plain', 1], ['batch', 'batch', 1e-5], ['batch:eps=1', 'batch', 1],
    ]);
    const [plain, plainEps, bn, bnEps] = s.runs.map(mlp);
    // step 0: bit-for-bit the same parameters (the plain runs have no gamma and beta)
    expect(plainEps.getParams()).toEqual(plain.getParams());
    expect(bnEps.getParams()).toEqual(bn.getParams());
    bn.layers.forEach((l, i) => expect(l.W).toEqual(plain.layers[i].W));
    const batches = recordBatches(s);
    const losses: number[][] = [];
    for (let step = 0; step < 30; step++) {
      s.trainStep();
      losses.push(s.runs.map((r) => r.lastLoss));
    }
    const [b0, b1, b2, b3] = s.runs.map((r) => batches.get(r.id)!);
    expect(b0).toHaveLength(30);
    for (const other of [b1, b2, b3]) expect(other).toEqual(b0); // the same rows, in the same order, every step
    // eps does not act on a network without a norm: the plain runs are the same bits throughout
    expect(losses.map((l) => l[1])).toEqual(losses.map((l) => l[0]));
    expect(plainEps.getParams()).toEqual(plain.getParams());
    // it acts on batch norm from the first step: x̂ = (x − μ) / √(σ² + ε) with ε = 1 next to σ² ~ 1
    expect(losses[0][3]).not.toBe(losses[0][2]);
    expect(bnEps.getParams()).not.toEqual(bn.getParams());
    expect(s.runs.map((r) => r.stepEps)).toEqual([1e-5, 1, 1e-5, 1]);
  });

  it('a live change applies to the runs without their own value, and only to them', () => {
    const s = new TrainingSession(ds, settings({ eps: 1e-5, lr: 0.1 }), ['batch', 'batch:eps=1', 'batch:lr=0.5']);
    s.trainStep();
    s.applyLive({ eps: 0.01, lr: 0.2 });
    expect(s.runs.map((r) => [r.settings.eps, r.settings.lr])).toEqual([[0.01, 0.2], [1, 0.2], [0.01, 0.5]]);
    s.trainStep();
    expect(s.runs.map((r) => r.stepEps)).toEqual([0.01, 1, 0.01]);
    expect(s.stepEps).toBe(0.01);
  });

  it('a run with its own batch size walks the same data order at its own size, from the same weights', () => {
    // 600 rows: at 16 an epoch has 37 batches, at 32 18 batches; the first 8 steps of 32 lie in epoch 0.
    const s = new TrainingSession(ds, settings({ batch: 16 }), ['batch', 'batch:batch=32']);
    expect(mlp(s.runs[1]).getParams()).toEqual(mlp(s.runs[0]).getParams());
    const batches = recordBatches(s);
    for (let step = 0; step < 16; step++) s.trainStep();
    const small = batches.get('batch')!;
    const large = batches.get('batch:batch=32')!;
    expect(large.map((b) => b.y.length)).toEqual(Array(16).fill(32));
    const cat = (a: Float32Array, b: Float32Array) => Float32Array.from([...a, ...b]);
    for (let k = 0; k < 8; k++) {
      expect(large[k].x).toEqual(cat(small[2 * k].x, small[2 * k + 1].x));
    }
    // a live batch change moves the shared feed only
    s.applyLive({ batch: 8 });
    s.trainStep();
    expect([small.at(-1)!.y.length, large.at(-1)!.y.length]).toEqual([8, 32]);
  });

  it('refuses runs it cannot train, naming the run and the reason', () => {
    expect(() => new TrainingSession(ds, settings(), ['batch', 'batch:eps=0'])).toThrow(SessionError);
    expect(() => new TrainingSession(ds, settings(), ['batch', 'batch:nope=1'])).toThrow(/nope/);
    expect(() => new TrainingSession(ds, settings(), ['batch:eps=1', 'batch:eps=1.0'])).toThrow(/distinct/);
    expect(() => new TrainingSession(ds, settings(), ['batch', 'batch:batch=1000'])).toThrow(/batch:batch=1000: batch 1000 is larger/);
    expect(() => new TrainingSession(ds, settings(), ['batch-pre:placement=post'])).toThrow(/fixes its placement/);
  });
});
