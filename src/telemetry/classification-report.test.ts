import { describe, expect, it } from 'vitest';
import { classificationReport } from './classification-report';

describe('classificationReport', () => {
  it('matches scikit-learn on a worked example', () => {
    // y_true = [0,0,0,1,1,2], y_pred = [0,1,0,1,2,2]
    const c = [2, 1, 0, 0, 1, 1, 0, 0, 1];
    const r = classificationReport(c, 3);
    expect(r.classes[0]).toEqual({ precision: 1, recall: 2 / 3, f1: 0.8, support: 3 });
    expect(r.classes[1].precision).toBeCloseTo(0.5);
    expect(r.classes[1].recall).toBeCloseTo(0.5);
    expect(r.classes[2]).toMatchObject({ precision: 0.5, recall: 1, support: 1 });
    expect(r.classes[2].f1).toBeCloseTo(2 / 3);
    expect(r.accuracy).toBeCloseTo(4 / 6);
    expect(r.micro.f1).toBeCloseTo(4 / 6);
    expect(r.macro.precision).toBeCloseTo((1 + 0.5 + 0.5) / 3);
    expect(r.weighted.f1).toBeCloseTo((0.8 * 3 + 0.5 * 2 + (2 / 3) * 1) / 6);
    expect(r.confusion[0]).toEqual([2, 1, 0]);
  });

  it('reports 0 for a class never predicted or never present', () => {
    const r = classificationReport([3, 0, 0, 0], 2);
    expect(r.classes[1]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
  });
});
