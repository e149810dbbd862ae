import { describe, expect, it } from 'vitest';
import { channelBars, channelMax, finiteRange, gridLayout, mapPixels, reductionCells, seriesRange } from './cnn-geometry';

describe('CNN view geometry', () => {
  it('lays out small multiples: as many columns as fit, the last row partly filled', () => {
    const g = gridLayout(8, 400, 90, 1, 4);
    expect(g.cols).toBe(4);
    expect(g.rows).toBe(2);
    expect(g.cellW).toBe((400 - 12) / 4);
    expect(g.cells[5]).toEqual({ x: g.cellW + 4, y: g.cellH + 4 });
    expect(gridLayout(3, 50, 90, 1).cols).toBe(1);
    expect(gridLayout(16, 10_000, 20, 1).cols).toBe(16);
    expect(gridLayout(0, 400, 90, 1).cells).toEqual([]);
  });

  it('maps values to grey levels over [lo, hi], NaN red, a flat map mid-grey', () => {
    const out = new Uint8ClampedArray(16);
    mapPixels(out, [0, 1, 2, NaN], 0, 2, 2, 0, 2);
    expect([...out.subarray(0, 12)]).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
    expect([...out.subarray(12)]).toEqual([220, 40, 40, 255]);
    mapPixels(out, [5, 5, 5, 5], 0, 2, 2, 5, 5);
    expect(out[0]).toBe(128);
    expect(finiteRange([NaN, 3, -1, Infinity])).toEqual([-1, 3]);
    expect(finiteRange([])).toEqual([0, 1]);
  });

  it('draws one channel\'s bars scaled to the largest count, none for empty bins', () => {
    const counts = [0, 0, 0, 1, 2, 4];
    expect(channelMax(counts, 1, 3)).toBe(4);
    const bars = channelBars(counts, 1, 3, 30, 100, 4);
    expect(bars).toEqual([{ x: 0, y: 75, w: 10, h: 25 }, { x: 10, y: 50, w: 10, h: 50 }, { x: 20, y: 0, w: 10, h: 100 }]);
    expect(channelBars(counts, 0, 3, 30, 100, 4)).toEqual([]);
  });

  it('marks the values of one statistic: a channel over every sample (batch norm), a group of channels in one sample (group norm)', () => {
    const bn = reductionCells(4, 8, 'batch', 2, [0, 7]);
    expect(bn).toHaveLength(32);
    expect(bn.filter((c) => c.member).map((c) => [c.n, c.c])).toEqual([[0, 2], [1, 2], [2, 2], [3, 2]]);
    const gn = reductionCells(4, 8, 'group', 3, [2, 3]);
    expect(gn.filter((c) => c.member).map((c) => [c.n, c.c])).toEqual([[0, 2], [0, 3]]);
  });

  it('pads the range of several series and ignores the empty ones', () => {
    expect(seriesRange([[0, 10], []])).toEqual([-0.5, 10.5]);
    expect(seriesRange([])).toEqual([0, 1]);
    const [lo, hi] = seriesRange([[2, 2]]);
    expect(lo).toBeLessThan(2);
    expect(hi).toBeGreaterThan(2);
  });
});
