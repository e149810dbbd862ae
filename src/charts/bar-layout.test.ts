import { describe, expect, it } from 'vitest';
import { groupCenter, groupedBars } from './bar-layout';

describe('groupedBars', () => {
  it('places members side by side inside their group, without overlap', () => {
    const bars = groupedBars(3, 2, 0, 300);
    expect(bars).toHaveLength(6);
    for (let i = 1; i < bars.length; i++) expect(bars[i].x).toBeGreaterThanOrEqual(bars[i - 1].x + bars[i - 1].width);
    for (const b of bars) {
      expect(b.x).toBeGreaterThanOrEqual(b.group * 100);
      expect(b.x + b.width).toBeLessThanOrEqual((b.group + 1) * 100);
    }
  });
  it('is empty for nothing to lay out', () => { expect(groupedBars(0, 2, 0, 10)).toEqual([]); });
  it('centres labels', () => { expect(groupCenter(4, 1, 0, 400)).toBe(150); });
});
