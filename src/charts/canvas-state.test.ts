import { describe, expect, it } from 'vitest';
import { AppendLayer } from './append-layer';
import { drawAppending, setupCanvas, strokeSeries } from './canvas';
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
    expect(calls.at(-1)).toMatch(/^stroke .* dash@5 alpha 0.5$/); // the append went on in phase
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
    expect(calls).toEqual(['stroke [M 3,4 L 6,8 L 9,12] dash@5 alpha 1', 'stroke [M 15,20 L 18,24] dash@0 alpha 1']);
  });
});
