import { describe, expect, it } from 'vitest';
import { gridLayout, momentDomains, momentSeries, scatterDomain } from './moments-geometry';
import { buildTestFrame } from './test-frames.test-support';

describe('moments geometry', () => {
  const frame = buildTestFrame(200);
  it('lays out rows and columns without overlap', () => {
    const g = gridLayout(400, 3, 2, 100, 10);
    expect(g).toHaveLength(3);
    expect(g[0][1].x).toBeGreaterThanOrEqual(g[0][0].x + g[0][0].width);
    expect(g[2][0].y).toBe(220);
  });
  it('picks the series of each kind', () => {
    const [plain, bn] = frame.runs;
    expect(momentSeries(plain.layers[0], 0, 'norm')).toBeNull();
    expect(momentSeries(bn.layers[0], 1, 'running')).toBe(bn.layers[0].moments.runningVar);
  });
  it('domains hold every series; variance domains are positive', () => {
    const d = momentDomains(frame);
    expect(d).toHaveLength(2);
    for (const r of frame.runs) for (const v of r.layers[1].moments.zMean.y) { expect(v).toBeGreaterThanOrEqual(d[1][0][0]); expect(v).toBeLessThanOrEqual(d[1][0][1]); }
    expect(d[0][1][0]).toBeGreaterThan(0);
  });
  it('scatter domain covers both', () => {
    const [lo, hi] = scatterDomain([-1, 2], [3]);
    expect(lo).toBeLessThanOrEqual(-1);
    expect(hi).toBeGreaterThanOrEqual(3);
  });
});
