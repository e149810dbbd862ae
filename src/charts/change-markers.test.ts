// Layout of setting-change markers: lines at the change's step, labels stacked when close, merged
// ("+n") when no row is free, markers outside the shown steps left out.
import { describe, expect, it } from 'vitest';
import { labelWidth, layoutMarkers } from './change-markers';

const id = (s: number) => s;

describe('change markers', () => {
  it('puts a line at each change step with its label to the right', () => {
    const m = layoutMarkers([{ step: 100, label: 'batch 60→2' }], id, { left: 0, right: 500 });
    expect(m).toEqual([{ x: 100, step: 100, text: 'batch 60→2', labels: ['batch 60→2'], row: 0, right: true, textX: 103, anchor: 'start' }]);
  });

  it('puts the label left of the line near the right edge', () => {
    const [m] = layoutMarkers([{ step: 490, label: 'batch 60→2' }], id, { left: 0, right: 500 });
    expect(m.right).toBe(false);
  });

  it('in a plot too narrow for the label on either side of the line, moves it inside the plot', () => {
    const [m] = layoutMarkers([{ step: 40, label: 'batch 60→2' }], id, { left: 0, right: 130 });
    expect(m.textX).toBeGreaterThanOrEqual(0);
    expect(m.textX + labelWidth('batch 60→2')).toBeLessThanOrEqual(130);
  });

  it('stacks close labels in rows, so none overlap', () => {
    const changes = [{ step: 100, label: 'batch 60→2' }, { step: 110, label: 'ε 1e-5→1' }, { step: 120, label: 'batch 2→60' }];
    const m = layoutMarkers(changes, id, { left: 0, right: 500, rows: 3 });
    expect(m.map((p) => p.row)).toEqual([0, 1, 2]);
    expect(m.every((p) => p.text !== '')).toBe(true);
  });

  it('reuses a row once the label before has ended', () => {
    const w = labelWidth('batch 60→2') + labelWidth(' +99'); // a label keeps room for a later " +n"
    const m = layoutMarkers([{ step: 10, label: 'batch 60→2' }, { step: 10 + w + 10, label: 'batch 2→60' }], id, { left: 0, right: 500, gap: 10 });
    expect(m.map((p) => p.row)).toEqual([0, 0]);
  });

  it('merges labels into "+n" when every row is taken; every line stays', () => {
    const changes = Array.from({ length: 6 }, (_, i) => ({ step: 100 + i, label: `batch ${i}→${i + 1}` }));
    const m = layoutMarkers(changes, id, { left: 0, right: 500, rows: 2 });
    expect(m).toHaveLength(6);
    expect(m.filter((p) => p.text !== '')).toHaveLength(2);
    expect(m[1].text).toBe('batch 1→2 +4');
    expect(m[1].labels).toHaveLength(5);
  });

  it('joins changes at the same step into one marker', () => {
    const m = layoutMarkers([{ step: 50, label: 'batch 60→2' }, { step: 50, label: 'ε 1e-5→1' }], id, { left: 0, right: 500 });
    expect(m).toHaveLength(1);
    expect(m[0].text).toBe('batch 60→2, ε 1e-5→1');
  });

  it('leaves out markers outside the plot (zoomed away)', () => {
    const m = layoutMarkers([{ step: -20, label: 'a' }, { step: 600, label: 'b' }, { step: 300, label: 'c' }], id, { left: 0, right: 500 });
    expect(m.map((p) => p.text)).toEqual(['c']);
  });

  it('labels in one row never overlap or touch (at least the gap apart), wherever the changes fall', () => {
    let seed = 7;
    const rand = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    for (let trial = 0; trial < 50; trial++) {
      const changes = Array.from({ length: 1 + Math.floor(rand() * 8) }, (_, i) => ({ step: Math.round(rand() * 500), label: i % 2 ? '批大小 60→2' : 'ε 1e-5→1' }));
      const placed = layoutMarkers(changes, id, { left: 0, right: 500, rows: 3, gap: 10 });
      const spans = placed.filter((p) => p.text).map((p) => {
        const w = labelWidth(p.text);
        const a = p.anchor === 'start' ? p.textX : p.textX - w;
        expect(a).toBeGreaterThanOrEqual(0); // never out of the plot on the left
        return { row: p.row, a, b: a + w };
      });
      for (const s1 of spans) for (const s2 of spans) {
        if (s1 === s2 || s1.row !== s2.row) continue;
        expect(s1.b + 10 <= s2.a || s2.b + 10 <= s1.a, `labels overlap in trial ${trial}`).toBe(true);
      }
    }
  });

  it('counts CJK characters double', () => {
    expect(labelWidth('批大小', 5)).toBe(30);
    expect(labelWidth('abc', 5)).toBe(15);
  });
});
