import { describe, expect, it } from 'vitest';
import { examplesSeen, examplesSeenMap } from './examples-seen';

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
});
