import { describe, expect, it } from 'vitest';
import { LossSmoother } from './loss-geometry';
import { buildTestFrame } from './test-frames.test-support';

describe('LossSmoother', () => {
  const frame = buildTestFrame(200);
  it('smooths every run and covers the losses', () => {
    const sm = new LossSmoother();
    const d = sm.domains(frame, { smoothing: 0.6, log: false, ignoreOutliers: false });
    expect(d.x).toEqual([0, 200]);
    expect(d.y[0]).toBe(0);
    for (const r of frame.runs) for (const v of r.loss.y) expect(v).toBeLessThanOrEqual(d.y[1]);
  });
  it('log domains are positive and hold the losses; ignoring outliers narrows', () => {
    const sm = new LossSmoother();
    const log = sm.domains(frame, { smoothing: 0, log: true, ignoreOutliers: false });
    expect(log.y[0]).toBeGreaterThan(0);
    for (const r of frame.runs) for (const v of r.loss.y) expect(v).toBeLessThanOrEqual(log.y[1]);
    const full = sm.domains(frame, { smoothing: 0, log: false, ignoreOutliers: false });
    const cut = sm.domains(frame, { smoothing: 0, log: false, ignoreOutliers: true });
    expect(cut.y[1] - cut.y[0]).toBeLessThanOrEqual(full.y[1] - full.y[0]);
  });
  it('a smoothed pinned line counts only its own points (its buffer is longer than the line)', () => {
    // losses 5..6 only: the smoothing buffer's unused tail (zeros) must not reach the y domain
    const n = 20;
    const pin = { id: 'pin:k:batch', runId: 'batch', pinKey: 'k', entry: 'e',
      x: Float64Array.from({ length: n }, (_, i) => i + 1), y: Float32Array.from({ length: n }, (_, i) => 5 + i / n) };
    const d = new LossSmoother().domains(frame, { smoothing: 0.9, log: false, ignoreOutliers: true }, new Set(frame.runs.map((r) => r.id)), null, [pin]);
    expect(d.y[0]).toBeGreaterThan(4);
    expect(d.y[1]).toBeLessThan(7);
  });
  it('a hidden run (legend toggle) leaves the y domain to the runs shown', () => {
    // the second run's losses 10x the first's: hiding it must bring the axis back to the first's
    const tenfold = (c: typeof frame.runs[0]['loss']) => ({ ...c, y: c.y.map((v) => v * 10) });
    const big = { ...frame, runs: frame.runs.map((r, i) => (i === 1 ? { ...r, loss: tenfold(r.loss), testLoss: tenfold(r.testLoss) } : r)) };
    const sm = new LossSmoother();
    const o = { smoothing: 0, log: false, ignoreOutliers: false };
    const all = sm.domains(big, o);
    const shown = sm.domains(big, o, new Set([big.runs[1].id]));
    let max = 0;
    for (const v of big.runs[0].loss.y) max = Math.max(max, v);
    for (const v of big.runs[0].testLoss.y) max = Math.max(max, v);
    expect(shown.y[1]).toBeGreaterThanOrEqual(max);
    expect(shown.y[1]).toBeLessThan(2 * max); // niced with 5% headroom, not the hidden run's 10x
    expect(all.y[1]).toBeGreaterThanOrEqual(10 * 0.9 * max);
  });
  it('reuses its buffers', () => {
    const sm = new LossSmoother();
    const a = sm.smoothed('plain', frame.runs[0].loss.y, 0.5);
    expect(sm.smoothed('plain', frame.runs[0].loss.y, 0.9)).toBe(a);
  });
});
