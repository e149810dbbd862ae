import { describe, expect, it } from 'vitest';
import { createSeriesColumns } from '../telemetry/bounded-series';
import { formatValue, tooltipRows } from './tooltip';

describe('tooltipRows', () => {
  const cols = createSeriesColumns(3);
  cols.x.set([10, 20, 30]);
  cols.y.set([1, 2, 3]);
  it('takes each run\'s nearest point, or the smoothed value', () => {
    const rows = tooltipRows([{ id: 'plain', cols }, { id: 'batch', cols, values: [7, 8, 9] }, { id: 'layer', cols: null }], 24);
    expect(rows.map((r) => [r.id, r.step, r.value])).toEqual([['plain', 20, 2], ['batch', 20, 8]]);
    expect(rows[1].label).toBe('Batch norm');
  });
  it('skips empty series and formats values', () => {
    expect(tooltipRows([{ id: 'plain', cols: createSeriesColumns(0) }], 5)).toEqual([]);
    expect(formatValue(NaN)).toBe('—');
    expect(formatValue(0.5)).toBe('0.5000');
    expect(formatValue(1e-5)).toBe('1.00e-5');
  });
});
