// What sets a time-series view's y axis: only the runs shown in its legend, and, when the step axis is
// zoomed, only the values within the zoomed steps (plus the point just outside each edge, whose line
// enters the plot).
import { describe, expect, it } from 'vitest';
import { accuracyDomains } from './accuracy-geometry';
import { LossSmoother } from './loss-geometry';
import { momentDomains } from './moments-geometry';
import { bandDomains } from './percentiles-geometry';
import { buildTestFrame } from './test-frames.test-support';
import { ValuePool } from './y-domain';

describe('y domains follow the legend and the zoom', () => {
  it('addSeries takes the window and one point beyond each edge', () => {
    const pool = new ValuePool();
    const s = { x: [0, 10, 20, 30, 40, 50], y: [100, 1, 2, 3, 4, -100] };
    pool.addSeries(s, [15, 35]);
    expect(pool.domain()).toEqual([1, 4]);
    pool.reset();
    pool.addSeries(s, null);
    expect(pool.domain()).toEqual([-100, 100]);
    pool.reset();
    pool.addSeries(s, [12, 14]); // no point inside: the two around it
    expect(pool.domain()).toEqual([1, 2]);
  });

  it('a hidden run stops setting the accuracy, percentile and moment axes', () => {
    const frame = buildTestFrame(200);
    const bn = frame.runs[1];
    bn.testAcc.y.fill(0.01); // a run far below the others
    const hidden = new Set([bn.id]);
    expect(accuracyDomains(frame).y[0]).toBe(0);
    expect(accuracyDomains(frame, new ValuePool(), { hidden }).y[0]).toBeGreaterThan(0);
    for (const l of bn.layers) { l.bands.p85.y.fill(1e6); l.moments.zMean.y.fill(1e6); }
    expect(bandDomains(frame, 0).y[1]).toBeGreaterThanOrEqual(1e6);
    expect(bandDomains(frame, 0, new ValuePool(), { hidden }).y[1]).toBeLessThan(1e6);
    expect(momentDomains(frame)[0][0][1]).toBeGreaterThanOrEqual(1e6);
    expect(momentDomains(frame, new ValuePool(), { hidden })[0][0][1]).toBeLessThan(1e6);
  });

  it('zooming the steps re-fits the loss axis to the losses inside the window', () => {
    const frame = buildTestFrame(200);
    for (const r of frame.runs) {
      for (let i = 0; i < r.loss.y.length; i++) r.loss.y[i] = r.loss.x[i] < 100 ? 50 : 0.5; // a high start
      r.testLoss.y.fill(0.5);
    }
    const sm = new LossSmoother();
    const o = { smoothing: 0, log: false, ignoreOutliers: false };
    expect(sm.domains(frame, o).y[1]).toBeGreaterThanOrEqual(50);
    const zoomed = sm.domains(frame, o, undefined, [150, 200]);
    expect(zoomed.y[1]).toBeLessThan(1);
    expect(zoomed.x).toEqual(sm.domains(frame, o).x); // the x domain stays the full steps; the view zooms it
  });
});
