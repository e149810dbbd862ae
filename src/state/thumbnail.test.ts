import { describe, expect, it } from 'vitest';
import { sparkLines } from './thumbnail';

describe('thumbnail sparklines', () => {
  it('fits every run\'s log loss in the box, one averaged point per pixel column', () => {
    const x = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
    const a = { id: 'plain', x, y: Float32Array.from(x, (s) => 2 / s) };
    const b = { id: 'batch', x, y: Float32Array.from(x, (s) => 1 / s) };
    const lines = sparkLines([a, b], 100, 40, 2);
    expect(lines.map((l) => l.id)).toEqual(['plain', 'batch']);
    for (const l of lines) {
      expect(l.points.length / 2).toBeLessThanOrEqual(96 + 1);
      for (let i = 0; i < l.points.length; i += 2) {
        expect(l.points[i]).toBeGreaterThanOrEqual(2);
        expect(l.points[i]).toBeLessThanOrEqual(98);
        expect(l.points[i + 1]).toBeGreaterThanOrEqual(2 - 1e-4);
        expect(l.points[i + 1]).toBeLessThanOrEqual(38 + 1e-4);
      }
    }
    // falling losses go down the box (y grows); plain's loss, twice batch's, draws above it (smaller y)
    const [p, q] = lines.map((l) => l.points);
    expect(p[1]).toBeLessThan(p[p.length - 1]);
    expect(p.length).toBe(q.length);
    for (let i = 1; i < p.length; i += 2) expect(p[i]).toBeLessThan(q[i]);
    expect(q[q.length - 1]).toBeCloseTo(38, 0); // the last column holds only the smallest losses
  });

  it('leaves out NaN, infinite and non-positive losses; nothing drawable gives no line', () => {
    const x = [1, 2, 3, 4];
    const lines = sparkLines([{ id: 'a', x, y: [1, NaN, Infinity, 0.5] }, { id: 'b', x, y: [NaN, NaN, 0, -1] }], 40, 20);
    expect(lines.map((l) => l.id)).toEqual(['a']);
    expect(Array.from(lines[0].points).every(Number.isFinite)).toBe(true);
    expect(sparkLines([], 40, 20)).toEqual([]);
  });
});
