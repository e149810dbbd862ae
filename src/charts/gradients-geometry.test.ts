import { describe, expect, it } from 'vitest';
import { MEASURES, measureDomain, measureValue } from './gradients-geometry';
import { buildTestFrame } from './test-frames.test-support';

describe('gradients geometry', () => {
  const frame = buildTestFrame(100);
  it('log domains hold every finite value and the 1e-3 guide', () => {
    for (const m of MEASURES.filter((x) => x.log)) {
      const [lo, hi] = measureDomain(frame, m);
      for (const r of frame.runs) for (const l of r.layers) {
        const v = measureValue(l, m);
        if (Number.isFinite(v) && v > 0) { expect(v).toBeGreaterThanOrEqual(lo); expect(v).toBeLessThanOrEqual(hi); }
      }
      if (m.guide) { expect(lo).toBeLessThanOrEqual(1e-3); expect(hi).toBeGreaterThan(1e-3); }
    }
  });
  it('saturation is a share', () => { expect(measureDomain(frame, MEASURES[2])).toEqual([0, 1]); });
});
