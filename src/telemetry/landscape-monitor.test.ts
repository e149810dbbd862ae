import { describe, expect, it } from 'vitest';
import type { Mlp } from '../engine/mlp';
import { make2d } from '../data/synthetic';
import { FrameBuilder } from './frame';
import { TrainingSession, type Run } from '../session/session';
import { DEFAULT_SETTINGS, type TrainSettings } from '../session/settings';
import { LandscapeMonitor, landscapeDue } from './landscape-monitor';

/** These sessions are fully connected (arch mlp): their runs' models are Mlps. */
const mlp = (r: Run) => r.model as Mlp;

const ds = make2d('spiral', { seed: 2, trainCount: 500, testCount: 200, noise: 0.1 });
const settings = (over: Partial<TrainSettings> = {}): TrainSettings => ({
  ...DEFAULT_SETTINGS, dataset: 'spiral', hidden: [12, 10], act: 'sigmoid', batch: 16, lr: 0.3, init: 'normal:0.5', evalEvery: 10, steps: 1e9, ...over,
});

/** Trains `steps` steps the way the trainer does (frame hooks around every step); returns the last frame. */
function train(s: TrainingSession, b: FrameBuilder, steps: number) {
  for (let i = 0; i < steps; i++) {
    b.beforeStep(s);
    s.trainStep();
    b.afterStep(s);
    if (s.step % s.settings.evalEvery === 0) b.afterEval(s, s.evaluate());
  }
  return b.build(s, 1, 'paused', { layer: 0, unit: 0 }, null);
}

describe('landscapeDue', () => {
  it('is every N steps from step 0, and never when N is 0', () => {
    expect([0, 1, 49, 50, 100, 101].map((s) => landscapeDue(s, 50))).toEqual([true, false, false, true, true, false]);
    expect([0, 1, 7].map((s) => landscapeDue(s, 1))).toEqual([true, true, true]);
    expect([0, 1, 100].map((s) => landscapeDue(s, 0))).toEqual([false, false, false]);
  });
});

describe('LandscapeMonitor in a session', () => {
  it('measures every N steps without changing training or the other telemetry by one bit', () => {
    const norms = ['plain', 'batch', 'layer'] as const;
    const on = new TrainingSession(ds, settings({ landscapeEvery: 5, optimizer: 'sgd', sgdMomentum: 0.9 }), [...norms]);
    const off = new TrainingSession(ds, settings({ landscapeEvery: 0, optimizer: 'sgd', sgdMomentum: 0.9 }), [...norms]);
    const fOn = train(on, new FrameBuilder(on), 23);
    const fOff = train(off, new FrameBuilder(off), 23);
    for (let i = 0; i < norms.length; i++) {
      expect(mlp(on.runs[i]).getParams()).toEqual(mlp(off.runs[i]).getParams());
      const lOn = mlp(on.runs[i]).layers;
      const lOff = mlp(off.runs[i]).layers;
      lOn.forEach((l, j) => { expect(l.runningMean).toEqual(lOff[j].runningMean); expect(l.runningVar).toEqual(lOff[j].runningVar); });
    }
    expect(on.lastBatch().y).toEqual(off.lastBatch().y);
    expect(fOn.runs).toEqual(fOff.runs);
    expect(fOn.bnDetail).toEqual(fOff.bnDetail);

    const land = fOn.landscape!;
    expect(land.every).toBe(5);
    expect(land.runs.map((r) => r.id)).toEqual(['plain', 'batch', 'layer']);
    for (const r of land.runs) {
      expect(Array.from(r.betaSmooth.x)).toEqual([0, 5, 10, 15, 20]);
      expect(r.icsDist).toHaveLength(3);
      expect(r.icsCos).toHaveLength(3);
      expect(Array.from(r.icsDist[0].y)).toEqual([0, 0, 0, 0, 0]);
      expect(Array.from(r.icsCos[0].y)).toEqual([1, 1, 1, 1, 1]);
      for (let k = 0; k < 5; k++) {
        expect(r.lossMin.y[k]).toBeLessThanOrEqual(r.lossMax.y[k]);
        expect(r.gradPredMin.y[k]).toBeLessThanOrEqual(r.gradPredMax.y[k]);
        expect(r.betaSmooth.y[k]).toBeGreaterThan(0);
        for (const c of r.icsCos) expect(Math.abs(c.y[k])).toBeLessThanOrEqual(1);
      }
    }
    expect(land.cost.measurements).toBe(5);
    expect(land.cost.msEach).toBeGreaterThan(0);
    expect(land.cost.fraction).toBeGreaterThan(0);
    expect(Array.from(land.etaMultiples)).toHaveLength(8);

    const none = fOff.landscape!;
    expect(none.every).toBe(0);
    for (const r of none.runs) expect(r.betaSmooth.x.length).toBe(0);
    expect(none.cost.measurements).toBe(0);
    expect(none.cost.msEach).toBeNaN();
  });

  it('follows a live change of N and starts a new account of the cost', () => {
    const s = new TrainingSession(ds, settings({ landscapeEvery: 4 }), ['plain', 'batch']);
    const b = new FrameBuilder(s);
    train(s, b, 9);
    expect(b.landscape.cost().measurements).toBe(3);
    s.applyLive({ landscapeEvery: 3 });
    const f = train(s, b, 6);
    // steps 9 and 12 (the series keep the earlier points 0, 4, 8)
    expect(Array.from(f.landscape!.runs[1].loss.x)).toEqual([0, 4, 8, 9, 12]);
    expect(f.landscape!.cost.measurements).toBe(2);
    s.applyLive({ landscapeEvery: 0 });
    const g = train(s, b, 6);
    expect(g.landscape!.runs[1].loss.x.length).toBe(5);
    expect(g.landscape!.every).toBe(0);
  });

  it('gives the cost as milliseconds per measurement and a share of training time', () => {
    const s = new TrainingSession(ds, settings({ landscapeEvery: 2 }), ['plain']);
    // A clock that advances by 3 at every reading: a measurement spans two readings (3 ms), and so
    // does a training bracket.
    let t = 0;
    const m = new LandscapeMonitor(s, () => (t += 3));
    expect(m.cost().msEach).toBeNaN();
    expect(m.cost().fraction).toBeNaN();
    for (let i = 0; i < 4; i++) { m.beforeStep(s); m.trainStarted(); s.trainStep(); m.trainEnded(); }
    // steps 0 and 2 measured: 2 x 3 ms against 4 x 3 ms of training
    expect(m.cost()).toEqual({ measurements: 2, msEach: 3, fraction: 6 / 12 });
    // an unmatched end of training counts nothing
    m.trainEnded();
    expect(m.cost().fraction).toBe(0.5);
  });

  it('skips runs that diverged', () => {
    const s = new TrainingSession(ds, settings({ landscapeEvery: 1 }), ['plain', 'batch']);
    const b = new FrameBuilder(s);
    train(s, b, 2);
    mlp(s.runs[0]).Wout[0] = NaN;
    const f = train(s, b, 3);
    expect(s.runs[0].divergedAt).toBe(3);
    // measured before steps 1, 2 and 3 (with a NaN weight, the last one finds nothing finite), then never
    expect(Array.from(f.landscape!.runs[0].loss.x)).toEqual([0, 1, 2]);
    expect(f.landscape!.runs[0].loss.nan[2]).toBe(1);
    expect(Array.from(f.landscape!.runs[1].loss.x)).toEqual([0, 1, 2, 3, 4]);
  });
});
