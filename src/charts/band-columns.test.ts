import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BandColumns, bandColumns, fillBandColumns } from './band-columns';

const id = (v: number) => v;

/** The band's columns as [column, top, bottom] rows. */
function rows(band: BandColumns, range: { first: number; end: number }): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let c = range.first; c < range.end; c++) if (band.top[c] <= band.bottom[c]) out.push([c, band.top[c], band.bottom[c]]);
  return out;
}

/**
 * The polygon's vertical extent in each column by brute force: the edges (straight between points)
 * evaluated at every vertex inside the column and at both sides of the column.
 */
function bruteForce(xs: number[], lo: number[], hi: number[], dpr: number, columns: number): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  for (let i = 0; i + 1 < xs.length; i++) {
    const [x0, x1] = [xs[i], xs[i + 1]];
    const at = (x: number, e: number[]) => (x1 === x0 ? e[i] : e[i] + ((e[i + 1] - e[i]) * (x - x0)) / (x1 - x0));
    const samples = [x0, x1];
    for (let c = Math.floor(x0 * dpr); c <= Math.ceil(x1 * dpr); c++) samples.push(c / dpr);
    for (const x of samples) {
      if (x < x0 || x > x1) continue;
      // a sample on a boundary belongs to both columns it touches, when the segment reaches into them
      for (const c of [Math.floor(x * dpr), Math.ceil(x * dpr) - 1]) {
        if (c < 0 || c >= columns) continue;
        const inside = Math.min(x1, (c + 1) / dpr) > Math.max(x0, c / dpr) || (x1 === x0 && c === Math.floor(x0 * dpr))
          || (c === Math.floor(x0 * dpr) && Math.ceil(x1 * dpr) - 1 < c);
        if (!inside) continue;
        // a vertical segment (two points at one x) holds both points' heights
        const v = x1 === x0 ? [lo[i], hi[i], lo[i + 1], hi[i + 1]] : [at(x, lo), at(x, hi)];
        const e = out.get(c) ?? [Infinity, -Infinity];
        out.set(c, [Math.min(e[0], ...v), Math.max(e[1], ...v)]);
      }
    }
  }
  return out;
}

describe('bandColumns: a band as one rectangle per device-pixel column', () => {
  it('between sparse points, each column spans the edges where they cross its sides', () => {
    const band = new BandColumns();
    // upper edge (pixel y) from 0 to 10 over x 0..10, lower edge flat at 20
    const r = bandColumns([0, 10], [20, 20], [0, 10], 0, 2, id, id, 1, 100, band);
    expect(r).toEqual({ first: 0, end: 10 });
    expect(rows(band, r)).toEqual(Array.from({ length: 10 }, (_, c) => [c, c, 20]));
  });

  it('many points in one column give the envelope of all of them', () => {
    const band = new BandColumns();
    const xs = [5.1, 5.3, 5.5, 5.7, 5.9];
    const hi = [3, 9, 1, 7, 4];
    const lo = [12, 15, 11, 30, 13];
    const r = bandColumns(xs, lo, hi, 0, 5, id, id, 1, 100, band);
    expect(rows(band, r)).toEqual([[5, 1, 30]]);
  });

  it('invalid points break the band; a lone valid point shows nothing; log axes skip values <= 0', () => {
    const band = new BandColumns();
    const xs = [0, 1, 2, 3, 4, 5];
    expect(rows(band, bandColumns(xs, [5, 5, NaN, 5, NaN, 5], [1, 1, 1, 1, 1, 1], 0, 6, id, id, 1, 10, band))).toEqual([[0, 1, 5]]);
    expect(bandColumns([0, 1, 2], [5, 5, 5], [1, Infinity, 1], 0, 3, id, id, 1, 10, band)).toEqual({ first: 0, end: 0 });
    expect(rows(band, bandColumns(xs, [5, 5, 5, 0, 5, 5], [1, 1, 1, 1, 1, 1], 0, 6, id, id, 1, 10, band, true))).toEqual([[0, 1, 5], [1, 1, 5], [4, 1, 5]]);
  });

  it('a band ending on a column boundary does not spill into the next column; device pixels at dpr 2', () => {
    const band = new BandColumns();
    expect(rows(band, bandColumns([0, 1, 2], [10, 11, 12], [0, 1, 2], 0, 3, id, id, 1, 10, band))).toEqual([[0, 0, 11], [1, 1, 12]]);
    // dpr 2: columns are half a CSS pixel; upper edge 0 -> 1 over x 0..1
    expect(rows(band, bandColumns([0, 1], [4, 4], [0, 1], 0, 2, id, id, 2, 10, band))).toEqual([[0, 0, 4], [1, 0.5, 4]]);
  });

  it('columns outside the canvas are left out; `from` starts later', () => {
    const band = new BandColumns();
    expect(rows(band, bandColumns([-5, 5, 15], [9, 9, 9], [1, 1, 1], 0, 3, id, id, 1, 8, band))).toEqual(Array.from({ length: 8 }, (_, c) => [c, 1, 9]));
    expect(rows(band, bandColumns([0, 2, 4, 6], [9, 9, 9, 9], [1, 1, 1, 1], 2, 4, id, id, 1, 8, band))).toEqual([[4, 1, 9], [5, 1, 9]]);
  });

  it('matches the polygon column by column (random bands, any dpr)', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ dx: fc.double({ min: 0, max: 6, noNaN: true }), mid: fc.double({ min: -50, max: 50, noNaN: true }), half: fc.double({ min: 0, max: 30, noNaN: true }) }), { minLength: 2, maxLength: 40 }),
      fc.constantFrom(1, 1.5, 2),
      (pts, dpr) => {
        let x = 0.3;
        const xs = pts.map((p) => (x += p.dx));
        const lo = pts.map((p) => p.mid + p.half);
        const hi = pts.map((p) => p.mid - p.half);
        const columns = Math.ceil((x + 2) * dpr);
        const band = new BandColumns();
        const got = new Map(rows(band, bandColumns(xs, lo, hi, 0, xs.length, id, id, dpr, columns, band)).map(([c, t, b]) => [c, [t, b]]));
        const want = bruteForce(xs, lo, hi, dpr, columns);
        expect([...got.keys()].sort((a, b) => a - b)).toEqual([...want.keys()].sort((a, b) => a - b));
        for (const [c, [t, b]] of want) {
          expect(got.get(c)![0]).toBeCloseTo(t, 9);
          expect(got.get(c)![1]).toBeCloseTo(b, 9);
        }
      },
    ), { seed: 11, numRuns: 300 });
  });

  it('allocates nothing once its columns fit', () => {
    const band = new BandColumns();
    const xs = Float64Array.from({ length: 2000 }, (_, i) => i * 0.25);
    const lo = Float32Array.from(xs, (v) => 100 + Math.sin(v));
    const hi = Float32Array.from(xs, (v) => 50 + Math.cos(v));
    bandColumns(xs, lo, hi, 0, 2000, id, id, 1, 600, band);
    const a = band.allocations;
    for (let k = 0; k < 5; k++) bandColumns(xs, lo, hi, 0, 2000, id, id, 1, 600, band);
    expect(band.allocations).toBe(a);
  });

  it('fillBandColumns draws one device-pixel-wide rectangle per column in [from, to)', () => {
    const band = new BandColumns();
    const r = bandColumns([0, 4], [10, 10], [2, 2], 0, 2, id, id, 2, 20, band);
    const rects: number[][] = [];
    const ctx = { fillRect: (...a: number[]) => rects.push(a) } as unknown as CanvasRenderingContext2D;
    fillBandColumns(ctx, band, r, 2, 2, 5);
    expect(rects).toEqual([[1, 2, 0.5, 8], [1.5, 2, 0.5, 8], [2, 2, 0.5, 8]]);
  });
});
