import { describe, expect, it } from 'vitest';
import { AppendLayer } from './append-layer';
import { dotSeries, drawAppending, setupCanvas, strokeSeries } from './canvas';
import { DEFAULT_STATE, fakeCanvas } from './fake-context.test-support';

const id = (v: number) => v;
const xs = [0, 3, 6, 9, 12, 15, 18];
const ys = [0, 4, 8, 12, 16, 20, 24]; // segments 5 px long

describe('canvas drawing state: every draw starts from the defaults and leaves nothing behind', () => {
  it('an append leaves no dash phase, dash, alpha, compositing or clip on the context', () => {
    const { canvas, calls, state, depth } = fakeCanvas(100, 50);
    const layer = new AppendLayer();
    const draw = (n: number) => drawAppending(canvas, 100, 50, layer, ['a'], (ctx) => {
      ctx.globalAlpha = 0.5;
      ctx.globalCompositeOperation = 'multiply';
      ctx.setLineDash([4, 3]);
      ctx.lineWidth = 2;
      strokeSeries(ctx, xs, ys, n, id, id);
    });
    draw(3);
    draw(5);
    expect(calls.at(-1)).toMatch(/^stroke .* dash@5 alpha 0.5 in 6..12$/); // the append went on in phase
    expect(state()).toEqual(DEFAULT_STATE);
    expect(depth()).toBe(0);
  });

  it('a full draw after an append starts its dashes in phase 0', () => {
    const { canvas, calls } = fakeCanvas(100, 50);
    const layer = new AppendLayer();
    const draw = (key: string, n: number) => drawAppending(canvas, 100, 50, layer, [key], (ctx) => { ctx.setLineDash([4, 3]); strokeSeries(ctx, xs, ys, n, id, id); });
    draw('a', 3);
    draw('a', 5);
    expect(calls.at(-1)).toContain('dash@5');
    calls.length = 0;
    draw('b', 5); // a new key (a domain moved): cleared and drawn in full
    expect(calls[0]).toBe('clear');
    expect(calls.filter((c) => c.startsWith('stroke')).map((c) => c.match(/dash@(\S+)/)![1])).toEqual(['0']);
  });

  it('a chart that leaves its own state set (a clip, alpha, compositing, dash) does not pass it to the next draw', () => {
    const { canvas, state, depth } = fakeCanvas(100, 50);
    const layer = new AppendLayer();
    const seen: ReturnType<typeof state>[] = [];
    const draw = (key: string, n: number) => drawAppending(canvas, 100, 50, layer, [key], (ctx) => {
      seen.push(state());
      ctx.beginPath();
      ctx.rect(10, 0, 20, 50);
      ctx.clip(); // never restored
      ctx.globalAlpha = 0.2;
      ctx.globalCompositeOperation = 'lighter';
      ctx.setLineDash([1, 1]);
      ctx.lineDashOffset = 7;
      strokeSeries(ctx, xs, ys, n, id, id);
    });
    draw('a', 3); // full
    draw('a', 5); // append
    draw('b', 5); // full
    expect(seen).toEqual([DEFAULT_STATE, DEFAULT_STATE, DEFAULT_STATE]);
    expect(state()).toEqual(DEFAULT_STATE);
    expect(depth()).toBe(0);
  });

  it('a draw that throws leaves the state as it found it and the next draw is in full', () => {
    const { canvas, calls, state, depth } = fakeCanvas(100, 50);
    const layer = new AppendLayer();
    drawAppending(canvas, 100, 50, layer, ['a'], (ctx) => strokeSeries(ctx, xs, ys, 3, id, id));
    expect(() => drawAppending(canvas, 100, 50, layer, ['a'], (ctx) => { ctx.globalAlpha = 0.1; ctx.setLineDash([2, 2]); throw new Error('bad frame'); })).toThrow('bad frame');
    expect(state()).toEqual(DEFAULT_STATE);
    expect(depth()).toBe(0);
    calls.length = 0;
    drawAppending(canvas, 100, 50, layer, ['a'], (ctx) => strokeSeries(ctx, xs, ys, 5, id, id));
    expect(calls[0]).toBe('clear');
  });

  it('setupCanvas (the charts drawn in full each time) puts the defaults back', () => {
    const { canvas, ctx, state } = fakeCanvas(100, 50);
    ctx.globalAlpha = 0.3;
    ctx.globalCompositeOperation = 'multiply';
    ctx.setLineDash([5, 5]);
    ctx.lineDashOffset = 3;
    ctx.lineWidth = 4;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'bevel';
    setupCanvas(canvas, 100, 50);
    expect(state()).toEqual(DEFAULT_STATE);
  });

  it('on an append, dashes after a break restart at phase 0, as in a full draw', () => {
    const { canvas, calls } = fakeCanvas(100, 50);
    const layer = new AppendLayer();
    const gy = [0, 4, 8, 12, NaN, 20, 24];
    const draw = (n: number) => drawAppending(canvas, 100, 50, layer, [], (ctx) => { ctx.setLineDash([4, 3]); strokeSeries(ctx, xs, gy, n, id, id); });
    draw(3);
    calls.length = 0;
    draw(7);
    // the stretch continuing the first line at its phase (5 px in at (3, 4)), then the line after the gap from 0
    expect(calls).toEqual(['stroke [M 3,4 L 6,8 L 9,12] dash@5 alpha 1 in 6..18', 'stroke [M 15,20 L 18,24] dash@0 alpha 1 in 6..18']);
  });
});

describe('dots in the append layer: on top, as in a full draw', () => {
  it('a new stretch of line does not cover the part of a dot reaching into its columns: the dot is drawn again there, clipped', () => {
    const { canvas, calls } = fakeCanvas(100, 50);
    const layer = new AppendLayer();
    const lx = [0, 2, 4, 6, 8, 10, 12, 14];
    const ly = [5, 5, 5, 5, 5, 5, 5, 5]; // the raw line, through the dot's centre
    const dx = [8];
    const dy = [5]; // a test point at x = 8, r = 3.5 with an outline: reaches to 13.5
    const draw = (n: number) => drawAppending(canvas, 100, 50, layer, [], (ctx) => {
      ctx.fillStyle = '#c00';
      strokeSeries(ctx, lx, ly, n, id, id);
      dotSeries(ctx, dx, dy, 1, id, id, 3.5, false, '#fff');
    });
    draw(5); // line up to x = 8 (its columns up to 8), the dot whole on top
    expect(calls.slice(1)).toEqual(['stroke [M 0,5 L 2,5 L 4,5 L 6,5 L 8,5] dash@0 alpha 1 in -1000000..8',
      'fill #c00 [M 11.5,5 arc 8,5] alpha 1', 'stroke [M 11.5,5 arc 8,5] dash@0 alpha 1']);
    calls.length = 0;
    draw(8); // the line's columns 8..14, over the dot's right half; then the dot again in those columns
    expect(calls).toEqual(['stroke [M 4,5 L 6,5 L 8,5 L 10,5 L 12,5 L 14,5] dash@4 alpha 1 in 8..14',
      'fill #c00 [M 11.5,5 arc 8,5] alpha 1 in 8..14', 'stroke [M 11.5,5 arc 8,5] dash@0 alpha 1 in 8..14']);
    calls.length = 0;
    draw(8); // nothing new: nothing drawn
    expect(calls).toEqual([]);
  });

  it('dots far left of the new columns are not drawn again; new dots are drawn whole', () => {
    const { canvas, calls } = fakeCanvas(100, 50);
    const layer = new AppendLayer();
    const lx = [0, 10, 20, 30, 40];
    const ly = [1, 1, 1, 1, 1];
    const dx = [0, 30];
    const dy = [2, 2];
    const draw = (n: number, k: number) => drawAppending(canvas, 100, 50, layer, [], (ctx) => {
      strokeSeries(ctx, lx, ly, n, id, id);
      dotSeries(ctx, dx, dy, k, id, id, 2);
    });
    draw(2, 1);
    calls.length = 0;
    draw(4, 2); // line columns 10..30: the dot at 0 (reaching to 3) stays; the dot at 30 is new
    expect(calls).toEqual(['stroke [M 0,1 L 10,1 L 20,1 L 30,1] dash@0 alpha 1 in 10..30', 'fill #000000 [M 32,2 arc 30,2] alpha 1']);
  });

  it('a translucent dot over the surface is filled with the opaque colour it shows, so drawing it twice changes nothing', () => {
    const { canvas, calls } = fakeCanvas(100, 50);
    const layer = new AppendLayer();
    drawAppending(canvas, 100, 50, layer, [], (ctx) => { ctx.fillStyle = '#000000'; ctx.globalAlpha = 0.5; dotSeries(ctx, [5], [5], 1, id, id, 2); }, '#ffffff');
    expect(calls.slice(1)).toEqual(['fill #808080 [M 7,5 arc 5,5] alpha 1']);
  });
});
