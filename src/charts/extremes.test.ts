// Numerical extremes (issue 7): eps 1e-8 on near-constant features, learning rate 10, init scale 100,
// batch 2. Nothing throws, divergence is marked per run, and every number a chart puts on an axis is
// finite: the domains the charts compute from the frame, and the histogram bins' ranges.
import { describe, expect, it } from 'vitest';
import { accuracyDomains } from './accuracy-geometry';
import { MEASURES, measureDomain } from './gradients-geometry';
import { landscapeDomains } from './landscape-geometry';
import { LossSmoother } from './loss-geometry';
import { momentDomains, scatterDomain } from './moments-geometry';
import { bandDomains, distributionDomain } from './percentiles-geometry';
import { niceDomain, stepDomain, ValuePool } from './y-domain';
import type { Dataset } from '../data/dataset';
import { make2d } from '../data/synthetic';
import { FrameBuilder, STAGES, type TelemetryFrame } from '../telemetry/frame';
import { TrainingSession } from '../session/session';
import { DEFAULT_SETTINGS, type TrainSettings } from '../session/settings';
import { trainSteps } from '../runtime/train-steps';

const EXTREME: TrainSettings = {
  ...DEFAULT_SETTINGS, dataset: 'spiral', hidden: [32, 32, 32], act: 'relu', eps: 1e-8, lr: 10, init: 'normal:100', batch: 2,
  evalEvery: 25, steps: 1e9, landscapeEvery: 40,
};
const RUNS = ['plain', 'batch', 'layer', 'renorm', 'group'] as const;

/** Spiral with two more features that barely vary (1 + 1e-7 noise): their batch variance is ~1e-14, far below eps. */
function nearConstant(): Dataset {
  const ds = make2d('spiral', { seed: 3, trainCount: 400, testCount: 200, noise: 0.1 });
  const widen = (x: ArrayLike<number>, n: number) => {
    const out = new Float32Array(n * 4);
    for (let i = 0; i < n; i++) {
      out[i * 4] = x[i * 2]; out[i * 4 + 1] = x[i * 2 + 1];
      out[i * 4 + 2] = 1 + 1e-7 * ((i % 3) - 1); out[i * 4 + 3] = -2;
    }
    return out;
  };
  return { ...ds, name: 'spiral', inputSize: 4, trainX: widen(ds.trainX, ds.trainCount), testX: widen(ds.testX, ds.testCount) };
}

function train(ds: Dataset, settings: TrainSettings, steps: number): TelemetryFrame {
  const s = new TrainingSession(ds, settings, [...RUNS]);
  const b = new FrameBuilder(s);
  b.afterEval(s, s.evaluate(false));
  trainSteps(s, b, steps);
  return b.build(s, 1, 'running', { layer: 0, unit: 0 }, null);
}

function expectFinite(domain: readonly number[] | null, what: string): void {
  if (domain === null) return;
  for (const v of domain) expect(Number.isFinite(v), `${what}: ${domain.join(', ')}`).toBe(true);
  expect(domain[0] <= domain[1], `${what} ascending`).toBe(true);
}

/** Every axis domain the charts would compute from this frame. */
function expectFiniteAxes(frame: TelemetryFrame): void {
  const smoother = new LossSmoother();
  for (const log of [false, true]) for (const ignoreOutliers of [false, true]) {
    const d = smoother.domains(frame, { smoothing: 0.6, log, ignoreOutliers });
    expectFinite(d.x, 'loss x'); expectFinite(d.y, `loss y log=${log}`);
  }
  const acc = accuracyDomains(frame);
  expectFinite(acc.x, 'accuracy x'); expectFinite(acc.y, 'accuracy y');
  for (const m of MEASURES) expectFinite(measureDomain(frame, m), `gradients ${String(m)}`);
  momentDomains(frame).forEach((row, j) => row.forEach((d, k) => expectFinite(d, `moments ${j},${k}`)));
  for (let layer = 0; layer < frame.runs[0].layers.length; layer++) {
    const bands = bandDomains(frame, layer);
    expectFinite(bands.x, 'bands x'); expectFinite(bands.y, `bands y ${layer}`);
    for (const stage of STAGES) expectFinite(distributionDomain(frame, layer, stage), `distribution ${layer} ${stage}`);
    const land = landscapeDomains(frame, layer);
    expectFinite(land.x, 'landscape x');
    land.y.forEach((d, k) => expectFinite(d, `landscape panel ${k}`));
  }
  frame.bins.forEach((row) => row.forEach((b) => { if (b) expectFinite([b.lo, b.hi], 'histogram bins'); }));
}

describe('numerical extremes', () => {
  for (const [name, ds] of [['spiral', make2d('spiral', { seed: 1, trainCount: 400, testCount: 200, noise: 0.1 })], ['near-constant features', nearConstant()]] as const) {
    it(`${name}: eps 1e-8, lr 10, init normal:100, batch 2 trains without throwing, marks divergence per run, and every axis is finite`, () => {
      const frame = train(ds, EXTREME, 200);
      expect(frame.runs.map((r) => r.id)).toEqual([...RUNS]);
      // Each run says for itself whether and when it diverged: a run whose loss is no longer finite is marked.
      for (const r of frame.runs) {
        if (!Number.isFinite(r.lastLoss)) expect(r.divergedAt, r.id).not.toBeNull();
        expect(r.divergedAt === null || (Number.isInteger(r.divergedAt) && r.divergedAt >= 1)).toBe(true);
      }
      // Per run: the plain network (weights of scale 100, three ReLU layers) diverges, batch norm does not.
      expect(frame.runs.find((r) => r.id === 'plain')!.divergedAt).not.toBeNull();
      expect(frame.runs.find((r) => r.id === 'batch')!.divergedAt).toBeNull();
      expectFiniteAxes(frame);
    });
  }

  it('domain functions turn NaN, infinities and huge values into finite domains', () => {
    const pool = new ValuePool();
    pool.add([NaN, Infinity, -Infinity]);
    expectFinite(niceDomain(pool.domain()), 'only non-finite');
    expectFinite(niceDomain(pool.domain(), true), 'only non-finite, log');
    pool.reset();
    pool.add([NaN, 1, Infinity, 3, -Infinity]);
    expect(pool.domain()).toEqual([1, 3]);
    for (const extent of [[-3e38, 3e38], [-Number.MAX_VALUE, Number.MAX_VALUE], [1e-300, 1e300], [5, 5], [0, 0]] as [number, number][]) {
      expectFinite(niceDomain(extent), `linear ${extent}`);
      expectFinite(niceDomain(extent, false, true), `linear with 0 ${extent}`);
      expectFinite(niceDomain(extent, true), `log ${extent}`);
    }
    expectFinite(scatterDomain([NaN, Infinity, 2], [-Infinity, NaN, 3]), 'scatter');
    expectFinite(stepDomain(0), 'steps at 0');
  });
});
