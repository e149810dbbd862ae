// Histogram axes: the y maximum's hysteresis, overflow kept apart when counts move to other bins, the
// N(0, 1) reference in share units, overflow marker texts.
import { describe, expect, it } from 'vitest';
import { normalPdf, normalShare, overflowText, reprojectKeepOverflow, StickyMax } from './histograms-geometry';

describe('StickyMax', () => {
  it('grows at once to the 1-2-5 ceiling of what the data needs', () => {
    const m = new StickyMax(5);
    expect(m.update(0.07)).toBe(0.1);
    expect(m.update(0.12)).toBe(0.2);
  });

  it('keeps its value while the data needs more than half of it, however it jitters', () => {
    const m = new StickyMax(5);
    m.update(0.19);
    for (let t = 0; t < 100; t++) expect(m.update(0.11 + 0.08 * Math.abs(Math.sin(t)))).toBe(0.2);
  });

  it('shrinks only after `patience` consecutive updates needing at most half, then to the data', () => {
    const m = new StickyMax(5);
    m.update(0.4); // 0.5
    for (let t = 0; t < 4; t++) expect(m.update(0.05)).toBe(0.5);
    m.update(0.3); // a wide one breaks the run
    for (let t = 0; t < 4; t++) expect(m.update(0.05)).toBe(0.5);
    expect(m.update(0.05)).toBe(0.05);
  });

  it('reset forgets the value', () => {
    const m = new StickyMax(5);
    m.update(0.4);
    m.reset();
    expect(m.update(0.01)).toBe(0.01);
  });
});

describe('reprojectKeepOverflow', () => {
  it('keeps the mass outside the destination range apart and the total preserved', () => {
    const src = Float64Array.from([10, 20, 30, 40]); // over [-4, 4]: bins of width 2
    const dst = new Float64Array(4);
    const { under, over } = reprojectKeepOverflow(src, -4, 4, dst, -2, 2);
    expect(under).toBeCloseTo(10, 12);
    expect(over).toBeCloseTo(40, 12);
    expect(Array.from(dst).map((v) => +v.toFixed(9))).toEqual([10, 10, 15, 15]);
    expect(under + over + dst.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
  });

  it('a wider destination holds everything (no overflow)', () => {
    const dst = new Float64Array(8);
    const r = reprojectKeepOverflow(Float64Array.from([1, 2, 3]), 0, 3, dst, -1, 7);
    expect(r).toEqual({ under: 0, over: 0 });
    expect(dst.reduce((a, b) => a + b, 0)).toBeCloseTo(6, 12);
  });
});

describe('normal reference', () => {
  it('the shares of N(0, 1) in adjacent bins sum to the mass they cover (the CDF telescopes)', () => {
    for (const w of [0.1, 0.25, 1, 5]) {
      let sum = 0;
      for (let x = -8 + w / 2; x < 8; x += w) sum += normalShare(x, w);
      // each term carries the erf approximation's error (< 1.5e-7) twice, but the sum telescopes:
      // only the two outermost CDF values remain, each within 1.5e-7 of its true value (~0 and ~1)
      expect(Math.abs(sum - 1)).toBeLessThan(1e-6);
    }
  });

  it('narrow bins: about phi(x) w; wide bins: never above 1', () => {
    // Phi(x + w/2) - Phi(x - w/2) = phi(x) w (1 + O(w^2)): relative difference ~ w^2 (x^2 - 1) / 24
    expect(normalShare(0, 0.01) / (normalPdf(0) * 0.01)).toBeCloseTo(1, 4);
    expect(normalShare(0, 5)).toBeCloseTo(0.98758, 4);
    expect(normalShare(0, 100)).toBeLessThanOrEqual(1);
  });
});

describe('overflowText', () => {
  it('says how many values and which edge, with a real minus sign', () => {
    expect(overflowText(37.2, 4, String, '{n} values > {edge}')).toBe('37 values > 4');
    expect(overflowText(1200, -4, String, '{n} values < {edge}')).toBe('1,200 values < −4');
  });
});
