import { describe, expect, it } from 'vitest';
import { bandDomains, distributionDomain, layerCount, percentilesKey, shownLayer } from './percentiles-geometry';
import { buildTestFrame } from './test-frames.test-support';

describe('percentiles geometry', () => {
  const frame = buildTestFrame(200);
  it('defaults to the last hidden layer', () => {
    expect(layerCount(frame)).toBe(2);
    expect(shownLayer(null, 2)).toBe(1);
    expect(shownLayer(0, 2)).toBe(0);
    expect(shownLayer(5, 2)).toBe(1);
  });
  it('shares one y domain holding every run band', () => {
    const d = bandDomains(frame, 1);
    for (const r of frame.runs) {
      for (const v of r.layers[1].bands.p15.y) expect(v).toBeGreaterThanOrEqual(d.y[0]);
      for (const v of r.layers[1].bands.p85.y) expect(v).toBeLessThanOrEqual(d.y[1]);
    }
  });
  it('ends the x axis at the last step, or where `end` puts it (examples seen), with the same y', () => {
    const steps = bandDomains(frame, 1);
    expect(steps.x).toEqual([0, 200]);
    const rows = bandDomains(frame, 1, undefined, {}, [], (step) => step * 120);
    expect(rows.x).toEqual([0, 25_000]); // 200 x 120 = 24,000, niced
    expect(rows.y).toEqual(steps.y);
  });
  it('distribution domains cover all nine points; null without a norm stage', () => {
    const d = distributionDomain(frame, 0, 'z')!;
    for (const r of frame.runs) for (const v of r.layers[0].stages[0]!.distribution) { expect(v).toBeGreaterThanOrEqual(d[0]); expect(v).toBeLessThanOrEqual(d[1]); }
    const plainOnly = { ...frame, runs: [frame.runs[0]] };
    expect(distributionDomain(plainOnly, 0, 'norm')).toBeNull();
  });
  it('draw key: the same for the same data, another when the shown layer\'s bands grow or its distributions move, not for another layer', () => {
    expect(percentilesKey(frame, null)).toEqual(percentilesKey(frame, null));
    expect(percentilesKey(buildTestFrame(300), null)).not.toEqual(percentilesKey(frame, null));
    const moved = structuredClone(frame);
    moved.runs[1].layers[0].stages[0]!.distribution[4] += 0.5;
    expect(percentilesKey(moved, 1)).toEqual(percentilesKey(frame, 1));
    expect(percentilesKey(moved, 0)).not.toEqual(percentilesKey(frame, 0));
    expect(percentilesKey(frame, 0)).not.toEqual(percentilesKey(frame, 1));
  });
});
