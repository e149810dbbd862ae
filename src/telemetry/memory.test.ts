// Bounded memory: an hour-long session keeps the same amount of telemetry as a five-minute one.
import { describe, expect, it } from 'vitest';
import { make2d } from '../data/synthetic';
import { DEFAULT_SERIES_CAPACITY } from './bounded-series';
import { FrameBuilder, frameTransferables, type TelemetryFrame } from './frame';
import { TrainingSession } from '../session/session';
import { DEFAULT_SETTINGS } from '../session/settings';

const bytes = (f: TelemetryFrame) => frameTransferables(f).reduce<number>((n, b) => n + (b as ArrayBuffer).byteLength, 0);

describe('telemetry memory', () => {
  it('stays bounded over 100,000 steps', () => {
    const ds = make2d('xor', { seed: 1, trainCount: 400, testCount: 200, noise: 0.1 });
    const s = new TrainingSession(ds, { ...DEFAULT_SETTINGS, dataset: 'xor', hidden: [4], act: 'tanh', batch: 4, lr: 0.05, evalEvery: 100, steps: 1e9 }, ['plain', 'batch']);
    const builder = new FrameBuilder(s);
    const sizes: number[] = [];
    let frame: TelemetryFrame | null = null;
    for (let step = 1; step <= 100_000; step++) {
      builder.beforeStep(s);
      s.trainStep();
      builder.afterStep(s);
      if (step % 100 === 0) builder.afterEval(s, s.evaluate(false));
      if (step === 5_000 || step === 100_000) {
        frame = builder.build(s, step, 'running', { layer: 0, unit: 0 }, null);
        sizes.push(bytes(frame));
      }
    }
    expect(s.step).toBe(100_000);
    const bn = frame!.runs[1];
    // every series holds at most its capacity; the loss series covers all 100,000 steps
    for (const series of [bn.loss, bn.testAcc, bn.layers[0].bands.p50]) expect(series.x.length).toBeLessThanOrEqual(DEFAULT_SERIES_CAPACITY);
    expect(bn.loss.count.reduce((a, c) => a + c, 0)).toBe(100_000);
    expect(bn.loss.x[bn.loss.x.length - 1]).toBeGreaterThan(99_900);
    // the whole frame is bounded by its series at full capacity (28 bytes a point: x f64, y/min/max f32,
    // count/nan u32) plus per-layer statistics that do not grow with the steps
    const seriesCount = frame!.runs.reduce((n, r) => n + 3 + (r.testAccBatchStats ? 2 : 0) + 3 * r.layers.length, 0);
    expect(sizes[1]).toBeLessThanOrEqual(seriesCount * DEFAULT_SERIES_CAPACITY * 28 + 50_000);
    expect(sizes[1]).toBeLessThan(2_000_000);
  });
});
