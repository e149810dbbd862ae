import { describe, expect, it } from 'vitest';
import { composeScale, examplesSeen, examplesSeenMap } from './examples-seen';
import { M4Scratch, m4Indices } from './m4';
import { stepScale } from './step-axis';

describe('examples seen', () => {
  it('is steps times the run\'s own batch size, whatever the session\'s did', () => {
    expect(examplesSeen('batch:batch=120', 10, 60, [{ step: 5, key: 'batch', from: 60, to: 8 }])).toBe(1200);
    expect(examplesSeen('batch', 0, 60, [])).toBe(0);
    expect(examplesSeen('batch', 10, 60, [])).toBe(600);
  });

  it('follows the session\'s live batch changes for the other runs', () => {
    // steps 1-4 at 60, 5-9 at 8, 10- at 32
    const changes = [{ step: 10, key: 'batch' as const, from: 8, to: 32 }, { step: 5, key: 'batch' as const, from: 60, to: 8 }, { step: 7, key: 'eps' as const, from: 1e-5, to: 1 }];
    expect(examplesSeen('plain', 4, 32, changes)).toBe(4 * 60);
    expect(examplesSeen('plain', 5, 32, changes)).toBe(4 * 60 + 8);
    expect(examplesSeen('batch:eps=1', 12, 32, changes)).toBe(4 * 60 + 5 * 8 + 3 * 32);
  });

  it('as a map equals examplesSeen at every step, and its inverse gives the step back', () => {
    const changes = [{ step: 10, key: 'batch' as const, from: 8, to: 32 }, { step: 5, key: 'batch' as const, from: 60, to: 8 }];
    for (const id of ['plain', 'batch:batch=120', 'batch:eps=1']) {
      const m = examplesSeenMap(id, 32, changes);
      for (let step = 0; step <= 20; step++) {
        expect(m(step)).toBe(examplesSeen(id, step, 32, changes));
        expect(m.invert(m(step))).toBeCloseTo(step, 12);
      }
      expect(m.invert(m(7) + 0.5 * (m(8) - m(7)))).toBeCloseTo(7.5, 12); // linear within a stretch
    }
  });

  it('composed with a step scale, gives the M4 reduction its true pixel columns (log steps, batch changes)', () => {
    const changes = [{ step: 50, key: 'batch' as const, from: 8, to: 64 }];
    const n = 200;
    const xs = Float64Array.from({ length: n }, (_, i) => i + 1);
    const ys = Float32Array.from({ length: n }, (_, i) => Math.sin(i));
    const out = new Int32Array(n);
    for (const log of [false, true]) {
      const x = stepScale([0, 200 * 64], { zoom: null, log }, 0, 400);
      for (const id of ['batch', 'batch:batch=120']) {
        const f = composeScale(x, examplesSeenMap(id, 64, changes));
        const cols = new M4Scratch().columns(f, 1);
        const k = m4Indices(xs, ys, n, cols, out);
        // every kept index starts or extends a column that its pixel really falls in: at most 4 per column
        const perColumn = new Map<number, number>();
        for (let j = 0; j < k; j++) { const c = Math.floor(f(xs[out[j]])); perColumn.set(c, (perColumn.get(c) ?? 0) + 1); }
        expect(Math.max(...perColumn.values())).toBeLessThanOrEqual(4);
        // and as many columns as the points really cover (an affine guess from x(0), x(1) finds one on a log axis)
        expect(perColumn.size).toBe(new Set(Array.from(xs, (s) => Math.floor(f(s)))).size);
      }
    }
  });

  it('keeps the step scale\'s domain and range', () => {
    const x = stepScale([0, 1000], { zoom: null, log: false }, 10, 110);
    const f = composeScale(x, examplesSeenMap('batch:batch=120', 64, []));
    expect(f.log).toBe(true);
    expect((f as unknown as { domain(): number[] }).domain()).toEqual([0, 1000]);
    expect(f(5)).toBeCloseTo(x(600), 12);
  });
});
