import { describe, expect, it } from 'vitest';
import { nearestIndex } from './nearest';

describe('nearestIndex', () => {
  const xs = new Float64Array([0, 10, 20, 40]);
  it('finds the nearest x', () => {
    expect(nearestIndex(xs, 4)).toBe(0);
    expect(nearestIndex(xs, 6)).toBe(1);
    expect(nearestIndex(xs, 31)).toBe(3);
    expect(nearestIndex(xs, 29)).toBe(2);
  });
  it('clamps to the ends and respects n', () => {
    expect(nearestIndex(xs, -5)).toBe(0);
    expect(nearestIndex(xs, 99)).toBe(3);
    expect(nearestIndex(xs, 99, 2)).toBe(1);
    expect(nearestIndex(xs, 1, 0)).toBe(-1);
  });
});
