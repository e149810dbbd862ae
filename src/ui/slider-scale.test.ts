import { describe, expect, it } from 'vitest';
import { formatValue, positionOf, valueAt, type SliderScale } from './slider-scale';

describe('slider scales', () => {
  it('log: ends map to the range ends, values are readable, positions invert', () => {
    const s: SliderScale = { kind: 'log', min: 2, max: 1024, integer: true, positions: 90 };
    expect(valueAt(s, 0)).toBe(2);
    expect(valueAt(s, 90)).toBe(1024);
    expect(valueAt(s, positionOf(s, 60))).toBeCloseTo(60, -1);
    for (let p = 1; p <= 90; p++) expect(valueAt(s, p)!).toBeGreaterThanOrEqual(valueAt(s, p - 1)!);
    const lr: SliderScale = { kind: 'log', min: 1e-4, max: 10, positions: 100 };
    for (let p = 0; p <= 100; p++) expect(Math.abs(positionOf(lr, valueAt(lr, p)) - p)).toBeLessThanOrEqual(1);
  });

  it('log0 has a zero at the left end; logMax has null (max) at the right end', () => {
    const wd: SliderScale = { kind: 'log0', min: 0, max: 0.1, lowest: 1e-5, positions: 41 };
    expect(valueAt(wd, 0)).toBe(0);
    expect(valueAt(wd, 1)).toBe(1e-5);
    expect(valueAt(wd, 41)).toBe(0.1);
    expect(positionOf(wd, 0)).toBe(0);
    const sp: SliderScale = { kind: 'logMax', min: 1, max: 5000, integer: true, positions: 60 };
    expect(valueAt(sp, 60)).toBeNull();
    expect(positionOf(sp, null)).toBe(60);
    expect(valueAt(sp, 59)).toBe(5000);
    expect(valueAt(sp, 0)).toBe(1);
  });

  it('formats numbers short', () => {
    expect(formatValue(1e-5)).toBe('1e-5');
    expect(formatValue(0.1)).toBe('0.1');
    expect(formatValue(60)).toBe('60');
    expect(formatValue(2.5e-8)).toBe('2.5e-8');
    expect(formatValue(null)).toBe('');
  });
});
