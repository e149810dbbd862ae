import { describe, expect, it } from 'vitest';
import { AppendLayer, appendFrom, settledLength } from './append-layer';
import { drawAppending, dotSeries, fillBand, strokeSeries } from './canvas';

describe('appendFrom: whether a series only grew since it was drawn', () => {
  const mark = { n: 3, x: 2, y: 7, dashAt: 0, colEnd: 0 };
  it('joins at the last point drawn when that point is unchanged', () => {
    expect(appendFrom(mark, [0, 1, 2, 3, 4], [5, 6, 7, 8, 9], 5)).toBe(2);
    expect(appendFrom(mark, [0, 1, 2], [5, 6, 7], 3)).toBe(2); // nothing new
  });
  it('asks for a full draw when the series is shorter, compacted (x moved) or changed (y moved), or was never drawn', () => {
    expect(appendFrom(mark, [0, 1], [5, 6], 2)).toBe(-1);
    expect(appendFrom(mark, [0.5, 2.5, 4.5], [5, 6, 7], 3)).toBe(-1);
    expect(appendFrom(mark, [0, 1, 2], [5, 6, 7.5], 3)).toBe(-1);
    expect(appendFrom(undefined, [0], [1], 1)).toBe(-1);
  });
  it('treats NaN as equal to NaN (a gap stays a gap) and an empty draw as joinable from the start', () => {
    expect(appendFrom({ n: 1, x: 0, y: NaN, dashAt: 0, colEnd: 0 }, [0, 1], [NaN, 2], 2)).toBe(0);
    expect(appendFrom({ n: 0, x: NaN, y: NaN, dashAt: 0, colEnd: 0 }, [0, 1], [1, 2], 2)).toBe(0);
    expect(appendFrom({ n: 0, x: NaN, y: NaN, dashAt: 0, colEnd: 0 }, [], [], 0)).toBe(-1);
  });
});

describe('settledLength: the points of a BoundedSeries that can no longer change', () => {
  it('is every point while each covers one append, and leaves out a last bucket that is still filling', () => {
    expect(settledLength({ count: Uint32Array.from([1, 1, 1]) }, 3)).toBe(3);
    expect(settledLength({ count: Uint32Array.from([4, 4, 2]) }, 3)).toBe(2);
    expect(settledLength({ count: Uint32Array.from([4, 4, 4]) }, 3)).toBe(3);
    expect(settledLength({ count: Uint32Array.from([3]) }, 1)).toBe(1);
    expect(settledLength({ count: new Uint32Array(0) }, 0)).toBe(0);
  });
});

/** A canvas whose context records the calls the helpers make (paths, clears, dash offset at each stroke). */
function recordingCanvas(width: number, height: number) {
  const calls: string[] = [];
  const rec = (name: string) => (...a: number[]) => { calls.push(`${name}${a.length ? ` ${a.slice(0, 2).join(',')}` : ''}`); };
  const ctx = {
    beginPath: rec('begin'), moveTo: rec('M'), lineTo: rec('L'), closePath: rec('Z'), fill: rec('fill'), arc: rec('arc'),
    setTransform: () => {}, clearRect: rec('clear'), save: () => {}, restore: () => {}, setLineDash: () => {}, rect: (a: number, _y: number, w: number) => { calls.push(`cols ${a}..${a + w}`); }, clip: () => {},
    fillRect: (...a: number[]) => { calls.push(`R ${a.join(',')}`); },
    lineDashOffset: 0,
    stroke: () => { calls.push(`stroke@${Math.round(ctx.lineDashOffset)}`); },
  };
  const canvas = { width, height, getContext: () => ctx } as unknown as HTMLCanvasElement;
  Object.assign(ctx, { canvas }); // a context knows its canvas
  return { canvas, calls };
}
const id = (v: number) => v;

describe('drawAppending: a chart canvas draws only what was appended while its key holds', () => {
  it('draws in full first (but the column of the last point), then only the new columns, from the points reaching into them, without clearing', () => {
    const { canvas, calls } = recordingCanvas(100, 50);
    const layer = new AppendLayer();
    const xs = [0, 3, 6, 9, 12];
    const ys = [0, 4, 8, 12, 16]; // segments 5 px long
    const fulls: boolean[] = [];
    const draw = (n: number) => drawAppending(canvas, 100, 50, layer, ['a'], (ctx, full) => { fulls.push(full); strokeSeries(ctx, xs, ys, n, id, id); });
    draw(3);
    expect(calls.splice(0)).toEqual(['clear 0,0', 'begin', 'cols -1000000..6', 'begin', 'M 0,0', 'L 3,4', 'L 6,8', 'stroke@0']);
    draw(5);
    // columns 6..12; the path starts at (3, 4), the last point 2 px or more left of column 6 (a 2 px
    // stroke reaches 1 px), and the dash pattern goes on 5 px into the line there
    expect(calls.splice(0)).toEqual(['begin', 'cols 6..12', 'begin', 'M 3,4', 'L 6,8', 'L 9,12', 'L 12,16', 'stroke@5']);
    draw(5);
    expect(calls.splice(0)).toEqual([]);
    expect(fulls).toEqual([true, false, false]);
  });

  it('waits while the new points stay inside the column of the last one drawn, then draws from where it stood', () => {
    const { canvas, calls } = recordingCanvas(100, 50);
    const layer = new AppendLayer();
    const xs = [0, 4, 8, 8.3, 8.6, 11];
    const ys = [1, 1, 1, 2, 3, 4];
    const draw = (n: number) => drawAppending(canvas, 100, 50, layer, [], (ctx) => strokeSeries(ctx, xs, ys, n, id, id));
    draw(3); // columns up to 8 drawn
    calls.length = 0;
    draw(5); // 8.3 and 8.6 are in column 8: nothing whole yet
    expect(calls).toEqual([]);
    draw(6); // columns 8..11, from (4, 1): the last point 2 px or more left of column 8
    expect(calls).toEqual(['begin', 'cols 8..11', 'begin', 'M 4,1', 'L 8,1', 'L 8.3,2', 'L 8.6,3', 'L 11,4', 'stroke@4']);
  });

  it('draws in full when the key changes or a series was compacted', () => {
    const { canvas, calls } = recordingCanvas(100, 50);
    const layer = new AppendLayer();
    let xs = [0, 1, 2, 3];
    const ys = [1, 2, 3, 4];
    const draw = (key: string, n: number) => drawAppending(canvas, 100, 50, layer, [key], (ctx) => strokeSeries(ctx, xs, ys, n, id, id));
    draw('a', 2);
    draw('b', 3);
    expect(calls.filter((c) => c.startsWith('clear'))).toHaveLength(2);
    calls.length = 0;
    xs = [0.5, 2.5, 4, 5]; // halved: the point the last draw ended at moved
    draw('b', 4);
    expect(calls[0]).toBe('clear 0,0'); // tried to append, found the series compacted, drew all
    expect(calls.filter((c) => c.startsWith('M'))).toEqual(['M 0.5,1']);
    expect(layer.fulls).toBe(3);
  });

  it('appends bands and dots too: the band as rectangles over the new columns, dots after the last one drawn, and again those reaching into the new columns, clipped to them', () => {
    const { canvas, calls } = recordingCanvas(100, 50);
    const layer = new AppendLayer();
    const xs = [0, 1, 2, 3];
    const lo = [0, 0, 0, 0];
    const hi = [5, 6, 7, 8];
    const draw = (n: number) => drawAppending(canvas, 100, 50, layer, [], (ctx) => { fillBand(ctx, xs, lo, hi, n, id, id); dotSeries(ctx, xs, hi, n, id, id); });
    draw(2);
    calls.length = 0;
    draw(4);
    // the band: one rectangle per new column (./band-columns.ts), spanning lo 0 to hi where it crosses them
    expect(calls).toEqual(['R 1,0,1,7', 'R 2,0,1,8',
      'begin', 'cols 1..3', 'begin', 'M 2.5,5', 'arc 0,5', 'M 3.5,6', 'arc 1,6', 'fill', 'begin',
      'M 4.5,7', 'arc 2,7', 'M 5.5,8', 'arc 3,8', 'fill']);
  });
});
