import { describe, expect, it } from 'vitest';
import { dotSeries, fillBand, strokeSeries } from './canvas';

/** A recording stand-in for CanvasRenderingContext2D (only the path calls the helpers use). */
function recorder() {
  const calls: string[] = [];
  const rec = (name: string) => (...a: number[]) => { calls.push(`${name}${a.length ? ` ${a.slice(0, 2).join(',')}` : ''}`); };
  const ctx = { beginPath: rec('begin'), moveTo: rec('M'), lineTo: rec('L'), closePath: rec('Z'), stroke: rec('stroke'), fill: rec('fill'), arc: rec('arc') };
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
  it('fillBand closes one polygon per finite run: top forwards, bottom backwards', () => {
    const { ctx, calls } = recorder();
    fillBand(ctx, [0, 1, 2], [0, 1, 2], [10, 11, 12], 3, id, id);
    expect(calls).toEqual(['begin', 'M 0,10', 'L 1,11', 'L 2,12', 'L 2,2', 'L 1,1', 'L 0,0', 'Z', 'fill']);
  });
  it('dotSeries draws one circle per finite point', () => {
    const { ctx, calls } = recorder();
    dotSeries(ctx, [0, 1, 2], [1, NaN, 3], 3, id, id, 2);
    expect(calls.filter((c) => c.startsWith('arc'))).toEqual(['arc 0,1', 'arc 2,3']);
  });
});
