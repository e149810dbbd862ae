import { describe, expect, it } from 'vitest';
import { make2d } from '../data/synthetic';
import { foldReport, foldableRuns } from './fold-report';
import { TrainingSession } from './session';
import { DEFAULT_SETTINGS, type TrainSettings } from './settings';

const ds = make2d('spiral', { seed: 2, trainCount: 600, testCount: 400, noise: 0.05 });
const settings = (over: Partial<TrainSettings> = {}): TrainSettings => ({
  ...DEFAULT_SETTINGS, dataset: 'spiral', hidden: [16, 12], act: 'tanh', batch: 32, lr: 0.2, init: 'xavier', ...over,
});

describe('fold report', () => {
  it('folds a trained batch-norm run into a plain network with the same test logits', () => {
    for (const placement of ['pre', 'post'] as const) {
      const s = new TrainingSession(ds, settings({ placement }), ['plain', 'batch', 'renorm', 'layer']);
      for (let i = 0; i < 300; i++) s.trainStep();
      expect(foldableRuns(s)).toEqual(['batch', 'renorm']);
      const r = foldReport(s);
      expect(r.run).toBe('batch');
      expect(r.rows).toBe(400);
      expect(r.maxAbsLogit).toBeGreaterThan(1);
      expect(r.maxAbsDiff).toBeLessThan(1e-5 * Math.max(1, r.maxAbsLogit));
      expect(r.foldedAccuracy).toBe(r.accuracy);
      expect(r.counts.after.parameters).toBe(r.counts.before.parameters - 2 * (16 + 12));
      expect(r.counts.after.buffers).toBe(0);
      const json = JSON.parse(r.json);
      expect(json.model.hidden.map((h: { norm: string }) => h.norm)).toEqual(['none', 'none']);
      expect(json.params[0].W).toHaveLength(16);
      expect(foldReport(s, 'renorm').maxAbsDiff).toBeLessThan(1e-4);
      expect(() => foldReport(s, 'plain')).toThrow(/run plain has no norm: only batch norm and renorm fold/);
      expect(() => foldReport(s, 'layer')).toThrow(/layer norm/);
      expect(() => foldReport(s, 'nope')).toThrow(/no run nope/);
    }
  });
});
