import { describe, expect, it } from 'vitest';
import { accuracyDomains, accuracySeries } from './accuracy-geometry';
import { buildTestFrame } from './test-frames.test-support';

describe('accuracy geometry', () => {
  const frame = buildTestFrame(200);
  it('swaps running and batch statistics for batch-norm runs only', () => {
    const [plain, bn] = frame.runs;
    expect(accuracySeries(plain, 'batch').main).toBe(plain.testAcc);
    expect(accuracySeries(bn, 'batch').main).toBe(bn.testAccBatchStats);
    expect(accuracySeries(bn, 'running').other).toBe(bn.testAccBatchStats);
  });
  it('y spans the accuracies up to 1', () => {
    const d = accuracyDomains(frame);
    expect(d.y[1]).toBe(1);
    for (const r of frame.runs) for (const v of r.testAcc.y) expect(v).toBeGreaterThanOrEqual(d.y[0]);
  });
});
