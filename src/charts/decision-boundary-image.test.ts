import { describe, expect, it } from 'vitest';
import { make2d } from '../data/synthetic';
import { TrainingSession } from '../session/session';
import { DEFAULT_SETTINGS } from '../session/settings';
import { cellAt, classColor, confidenceAlpha, decisionImage, hexToRgb } from './decision-boundary-image';

describe('decision-boundary colours', () => {
  it('is transparent at chance and strongest when certain', () => {
    expect(confidenceAlpha(0.5, 2)).toBe(0);
    expect(confidenceAlpha(0.3, 3)).toBe(0);
    expect(confidenceAlpha(1, 2)).toBe(0.75);
    expect(confidenceAlpha(0.75, 2)).toBeCloseTo(0.375);
    expect(confidenceAlpha(NaN, 2)).toBe(0);
  });

  it('parses hex and cycles class colours', () => {
    expect(hexToRgb('#0072B2')).toEqual([0, 114, 178]);
    expect(classColor(10)).toBe(classColor(0));
  });

  it('paints each cell of a real grid its predicted class, blended by confidence', () => {
    const ds = make2d('xor', { seed: 1, trainCount: 400, testCount: 100, noise: 0.1 });
    const s = new TrainingSession(ds, { ...DEFAULT_SETTINGS, dataset: 'xor', hidden: [8], act: 'tanh', batch: 32, evalEvery: 50, steps: 1e9 }, ['plain', 'batch']);
    for (let i = 0; i < 300; i++) s.trainStep();
    const grid = s.decisionGrid(16);
    const out = new Uint8ClampedArray(16 * 16 * 4);
    expect(decisionImage(grid, 'missing', out)).toBe(false);
    expect(decisionImage(grid, 'batch', out)).toBe(true);
    const run = grid.runs.batch;
    for (let c = 0; c < 256; c++) {
      const a = confidenceAlpha(run.confidence[c], grid.classes);
      const [r] = hexToRgb(classColor(run.predicted[c]));
      expect(out[c * 4]).toBeCloseTo(255 + (r - 255) * a, -0.5);
      expect(out[c * 4 + 3]).toBe(255);
    }
  });
});

describe('cellAt (the decision boundary tooltip)', () => {
  const grid = { extent: 1.6, resolution: 64 };
  it('maps the plot corners to the grid corners and the plane, row 0 at the top', () => {
    expect(cellAt(grid, 0, 0, 200)).toEqual({ cell: 0, x1: -1.6, x2: 1.6 });
    const last = cellAt(grid, 199.99, 199.99, 200)!;
    expect(last.cell).toBe(64 * 64 - 1);
    expect(last.x1).toBeCloseTo(1.6, 3);
    expect(last.x2).toBeCloseTo(-1.6, 3);
    expect(cellAt(grid, 100, 0, 200)!.cell).toBe(32); // the middle column of the top row
    expect(cellAt(grid, 0, 100, 200)!.cell).toBe(32 * 64);
  });
  it('is null outside the plot', () => {
    expect(cellAt(grid, -1, 5, 200)).toBeNull();
    expect(cellAt(grid, 5, 200, 200)).toBeNull();
    expect(cellAt(grid, 5, 5, 0)).toBeNull();
  });
});
