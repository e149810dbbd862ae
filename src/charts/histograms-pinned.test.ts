import { describe, expect, it } from 'vitest';
import { testRecord } from '../state/run-record.test-support';
import { pinnedDistributions, pinnedShares } from './histograms-pinned';
import type { SavedDistribution } from '../state/run-record';

const dist = (lo: number, hi: number, counts: number[], under = 0, over = 0): SavedDistribution =>
  ({ layer: 0, stage: 'z', lo, hi, counts: Float32Array.from(counts), under, over });

describe('pinned distributions on the histograms', () => {
  it('finds the last distribution of a layer and stage in every pinned run that has it', () => {
    const entries = [{ key: 'k', record: testRecord('saved') }];
    expect(pinnedDistributions(entries, 0, 'z').map((d) => d.id)).toEqual(['pin:k:plain', 'pin:k:batch']);
    expect(pinnedDistributions(entries, 0, 'norm').map((d) => d.runId)).toEqual(['batch']); // plain has no norm stage
    expect(pinnedDistributions(entries, 4, 'z')).toEqual([]);
  });

  it('gives shares of all values on its own bins, overflow in the total', () => {
    const out = new Float64Array(4);
    // 8 values in bins, 1 under, 1 over: shares out of 10
    expect(pinnedShares(dist(0, 4, [1, 2, 3, 2], 1, 1), 0, 4, 4, out)).toBeCloseTo(0.3, 12);
    expect([...out]).toEqual([0.1, 0.2, 0.3, 0.2].map((v) => expect.closeTo(v, 12)));
  });

  it('re-expresses the shares on the shown bins: halves merge, what falls off the range only counts in the total', () => {
    const out = new Float64Array(2);
    // own bins [0,1),[1,2),[2,3),[3,4); shown [0,2),[2,4) take pairs; shown [-2,2) keeps only the first two
    pinnedShares(dist(0, 4, [1, 1, 1, 1]), 0, 4, 2, out);
    expect([...out]).toEqual([0.5, 0.5]);
    pinnedShares(dist(0, 4, [1, 1, 1, 1]), -2, 2, 2, out);
    expect([...out]).toEqual([0, 0.5]);
    expect(pinnedShares(dist(0, 4, [0, 0, 0, 0]), 0, 4, 2, out)).toBe(0);
  });
});
