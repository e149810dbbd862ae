// Merging run groups' frame parts: runs in the session's order, shared bins as the union of the
// groups' ranges (its version moves only with the range), counts re-expressed on them.
import { describe, expect, it } from 'vitest';
import { make2d } from '../data/synthetic';
import type { TelemetryFrame } from './frame';
import { FrameMerger } from './frame-merge';
import { createRunGroup } from '../runtime/run-group';
import type { RunKind } from '../session/run-kinds';
import { DEFAULT_SETTINGS, type TrainSettings } from '../session/settings';

const s: TrainSettings = { ...DEFAULT_SETTINGS, dataset: 'spiral', hidden: [16, 12], act: 'relu', batch: 16, lr: 0.1, init: 'xavier', evalEvery: 50, steps: 1e8 };
const loadDataset = async (t: TrainSettings) => make2d(t.dataset, { seed: t.seed, trainCount: 800, testCount: 400, noise: t.noise });

async function part(runs: RunKind[], steps: number, seq: number): Promise<TelemetryFrame> {
  const g = createRunGroup({ loadDataset });
  await g.load(s, runs);
  g.train(steps);
  return g.framePart(seq, 'paused', { layer: 0, unit: 0 });
}

const head = { seq: 9, status: 'paused', notice: null, stepsPerSec: 0, examplesPerSec: 0 };

describe('FrameMerger', () => {
  it('orders the runs, takes the union of the ranges and keeps every histogram total', async () => {
    const [a, b] = [await part(['batch'], 30, 1), await part(['plain'], 30, 1)];
    const ownA = a.bins.map((row) => row.map((x) => x && { ...x }));
    const ownB = b.bins.map((row) => row.map((x) => x && { ...x }));
    const merger = new FrameMerger();
    const f = merger.merge([a, b], ['plain', 'batch'], head);
    expect(f.runs.map((r) => r.id)).toEqual(['plain', 'batch']);
    expect(f.seq).toBe(9);
    expect(f.step).toBe(30);
    expect(f.bnDetail!.run).toBe('batch');
    f.bins.forEach((row, j) => row.forEach((bins, k) => {
      const ranges = [ownA[j][k], ownB[j][k]].filter((x) => x !== null);
      if (ranges.length === 0) { expect(bins).toBeNull(); return; }
      expect(bins!.lo).toBe(Math.min(...ranges.map((x) => x!.lo)));
      expect(bins!.hi).toBe(Math.max(...ranges.map((x) => x!.hi)));
      expect(bins!.version).toBe(1);
    }));
    // the plain run has no norm stage; the batch run's norm histogram is on the union (its own range here)
    expect(f.runs[0].layers[0].stages[1]).toBeNull();
    for (const r of f.runs) r.layers.forEach((l, j) => l.stages.forEach((sf, k) => {
      if (!sf) return;
      expect(sf.hist).toHaveLength(f.bins[j][k]!.count);
      expect(sf.hist.reduce((x, v) => x + v, 0)).toBeCloseTo(16 * l.units, 2);
    }));
  });

  it('moves the version only when the union range changes, and starts again after reset()', async () => {
    const merger = new FrameMerger();
    const first = merger.merge([await part(['plain'], 10, 1), await part(['batch'], 10, 1)], ['plain', 'batch'], head);
    const again = merger.merge([await part(['plain'], 10, 1), await part(['batch'], 10, 1)], ['plain', 'batch'], head);
    expect(again.bins).toEqual(first.bins);
    const later = merger.merge([await part(['plain'], 400, 2), await part(['batch'], 400, 2)], ['plain', 'batch'], head);
    later.bins.forEach((row, j) => row.forEach((bins, k) => {
      const before = first.bins[j][k]!;
      const same = bins!.lo === before.lo && bins!.hi === before.hi;
      expect(bins!.version).toBe(same ? before.version : before.version + 1);
    }));
    merger.reset();
    const fresh = merger.merge([await part(['plain'], 10, 1)], ['plain'], head);
    expect(fresh.bins[0][0]!.version).toBe(1);
  });
});
