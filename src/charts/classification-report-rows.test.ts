import { describe, expect, it } from 'vitest';
import { classificationReport } from '../telemetry/classification-report';
import { formatScore, reportRows, rowShare } from './classification-report-rows';

describe('reportRows', () => {
  // rows = true class: class 0 has 3 samples (2 right), class 1 has 2 (1 right), class 2 has 1 (right).
  const r = classificationReport([2, 1, 0, 1, 1, 0, 0, 0, 1], 3);

  it('gives one row per class then micro, macro and weighted averages', () => {
    const rows = reportRows(r);
    expect(rows.map((x) => x.label)).toEqual(['0', '1', '2', 'micro avg', 'macro avg', 'weighted avg']);
    expect(rows[0]).toEqual({ label: '0', kind: 'class', precision: '0.667', recall: '0.667', f1: '0.667', support: '3' });
    expect(rows[1]).toMatchObject({ precision: '0.500', recall: '0.500', support: '2' });
    expect(rows[3]).toMatchObject({ kind: 'average', precision: '0.667', recall: '0.667', f1: '0.667', support: '6' });
    // macro recall = (2/3 + 1/2 + 1) / 3
    expect(rows[4].recall).toBe(((2 / 3 + 0.5 + 1) / 3).toFixed(3));
    // weighted recall = accuracy for single-label data
    expect(rows[5].recall).toBe('0.667');
  });

  it('uses class names and a chosen number of digits', () => {
    const rows = reportRows(r, ['arm 0', 'arm 1', 'arm 2'], 2);
    expect(rows[2]).toMatchObject({ label: 'arm 2', precision: '1.00', recall: '1.00', f1: '1.00', support: '1' });
  });

  it('formats missing values as a dash and shares rows safely', () => {
    expect(formatScore(NaN)).toBe('–');
    expect(rowShare([[0, 0], [1, 3]], 0, 1)).toBe(0);
    expect(rowShare([[0, 0], [1, 3]], 1, 1)).toBe(0.75);
  });
});
