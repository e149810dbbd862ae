import { describe, expect, it } from 'vitest';
import { stripLayout, stripYDomain } from './seed-strip-geometry';

const box = { width: 400, height: 200, left: 40, right: 20, top: 10, bottom: 30 };

describe('seed strip plot geometry', () => {
  it('puts one column per run kind, a dot per seed spread by seed rank, the median bar and paired lines', () => {
    const points = [
      { run: 'plain', seed: 1, acc: 0.9 }, { run: 'plain', seed: 2, acc: 0.8 }, { run: 'plain', seed: 3, acc: 0.95 },
      { run: 'batch', seed: 1, acc: 0.95 }, { run: 'batch', seed: 2, acc: 0.85 }, { run: 'batch', seed: 3, acc: 0.9 },
    ];
    const l = stripLayout(points, ['plain', 'batch'], box);
    // inner width 340, two columns of 170: centres at 40 + 85 and 40 + 255; half = min(51, 60) = 51
    expect(l.columns.map((c) => c.x)).toEqual([125, 295]);
    expect(l.columns[0].half).toBeCloseTo(51, 12);
    // y domain: accuracies 0.8-0.95 widened to multiples of 5%: [0.75, 1]
    expect(l.yDomain[0]).toBeCloseTo(0.75, 12);
    expect(l.yDomain[1]).toBe(1);
    const y = (a: number) => 170 - ((a - 0.75) / 0.25) * 160; // range [170, 10]
    expect(l.columns[0].median).toBe(0.9);
    expect(l.columns[0].medianY).toBeCloseTo(y(0.9), 9);
    // seed ranks 0, 1, 2 -> offsets -51, 0, +51 in both columns
    const dot = (run: string, seed: number) => l.dots.find((d) => d.run === run && d.seed === seed)!;
    expect(dot('plain', 1).x).toBeCloseTo(125 - 51, 9);
    expect(dot('batch', 3).x).toBeCloseTo(295 + 51, 9);
    expect(dot('plain', 2).y).toBeCloseTo(y(0.8), 9);
    expect(l.pairs).toHaveLength(3);
    const p1 = l.pairs.find((p) => p.seed === 1)!;
    expect(p1).toMatchObject({ from: 'plain', to: 'batch', up: true });
    expect(p1.x1).toBeCloseTo(74, 9);
    expect(p1.x2).toBeCloseTo(244, 9);
    expect(l.pairs.find((p) => p.seed === 3)!.up).toBe(false);
  });

  it('a diverged run sits on the bottom edge, has no median share, and pairs only with a present seed', () => {
    const l = stripLayout([{ run: 'plain', seed: 4, acc: null }, { run: 'plain', seed: 5, acc: 0.5 }, { run: 'batch', seed: 4, acc: 0.96 }], ['plain', 'batch'], box);
    const d = l.dots.find((q) => q.seed === 4 && q.run === 'plain')!;
    expect(d).toMatchObject({ diverged: true, y: 170 });
    expect(l.columns[0].median).toBe(0.5);
    expect(l.pairs.map((p) => p.seed)).toEqual([4]);
    expect(l.pairs[0].up).toBe(true);
  });

  it('one seed sits in the column centre; no data gives the full axis', () => {
    const l = stripLayout([{ run: 'batch', seed: 9, acc: 0.97 }], ['plain', 'batch'], box);
    expect(l.dots[0].x).toBe(295);
    expect(l.columns[0]).toMatchObject({ median: null, medianY: null, count: 0 });
    expect(stripYDomain([], true)).toEqual([0, 1]);
    expect(stripYDomain([0.96, 0.97], false)).toEqual([0, 1]);
    // 0.96-0.97 widened: [0.95, 1] is only 5% tall, so it grows down to 10%
    const [lo, hi] = stripYDomain([0.96, 0.97], true);
    expect(lo).toBeCloseTo(0.9, 12);
    expect(hi).toBe(1);
  });
});
