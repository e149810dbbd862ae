import { describe, expect, it } from 'vitest';
import { dotSeries, drawPercentileBands, fillBand, strokeSeries } from './canvas';

/** A recording stand-in for CanvasRenderingContext2D (only the path calls the helpers use). */
function recorder() {
  const calls: string[] = [];
  const rec = (name: string) => (...a: number[]) => { calls.push(`${name}${a.length ? ` ${a.slice(0, 2).join(',')}` : ''}`); };
  const ctx = { beginPath: rec('begin'), moveTo: rec('M'), lineTo: rec('L'), closePath: rec('Z'), stroke: rec('stroke'), fill: rec('fill'), arc: rec('arc'),
    fillRect: (...a: number[]) => { calls.push(`R ${a.join(',')}`); }, canvas: { width: 200 } };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}
const id = (v: number) => v;

describe('canvas series helpers', () => {
  it('strokeSeries breaks the line at non-finite values', () => {
    const { ctx, calls } = recorder();
    strokeSeries(ctx, [0, 1, 2, 3], [5, NaN, 7, 8], 4, id, id);
    expect(calls).toEqual(['begin', 'M 0,5', 'M 2,7', 'L 3,8', 'stroke']);
  });
  it('strokeSeries skips values <= 0 for log scales and respects n', () => {
    const { ctx, calls } = recorder();
    strokeSeries(ctx, [0, 1, 2, 3], [1, 0, 2, 3], 3, id, id, true);
    expect(calls).toEqual(['begin', 'M 0,1', 'M 2,2', 'stroke']);
  });
  it('fillBand fills one rectangle per pixel column, spanning both edges across it (./band-columns.ts)', () => {
    const { ctx, calls } = recorder();
    fillBand(ctx, [0, 1, 2], [0, 1, 2], [10, 11, 12], 3, id, id);
    expect(calls).toEqual(['R 0,0,1,11', 'R 1,1,1,11']);
  });
  it('dotSeries draws one circle per finite point', () => {
    const { ctx, calls } = recorder();
    dotSeries(ctx, [0, 1, 2], [1, NaN, 3], 3, id, id, 2);
    expect(calls.filter((c) => c.startsWith('arc'))).toEqual(['arc 0,1', 'arc 2,3']);
  });
  it('drawPercentileBands fills the 15-85 band under the shorter of its edges, strokes both edges and the median, and ends opaque', () => {
    const { ctx, calls } = recorder();
    const col = (y: number[]) => ({ x: y.map((_, i) => i), y });
    drawPercentileBands(ctx, { p15: col([0, 1, 2]), p50: col([5, 6, 7]), p85: col([10, 11]) }, '#123', id, id,
      { fillAlpha: 0.2, edgeAlpha: 0.5, edgeWidth: 1, medianWidth: 3 });
    expect(calls).toEqual(['R 0,0,1,11',
      'begin', 'M 0,0', 'L 1,1', 'stroke', 'begin', 'M 0,10', 'L 1,11', 'stroke', 'begin', 'M 0,5', 'L 1,6', 'L 2,7', 'stroke']);
    const c = ctx as unknown as { globalAlpha: number; lineWidth: number; fillStyle: string };
    expect([c.globalAlpha, c.lineWidth, c.fillStyle]).toEqual([1, 3, '#123']);
  });
});
