import { describe, expect, it } from 'vitest';
import { testRecord } from '../state/run-record.test-support';
import { addPinnedValues, pinnedKey, pinnedLastStep, pinnedLines, pinnedLineId } from './pinned-geometry';
import { drawPinnedLines } from './pinned-draw';
import { ValuePool } from './y-domain';

const entries = () => [{ key: 'save-1', record: testRecord('first') }, { key: 'save-2', record: testRecord('second') }];

describe('pinned geometry', () => {
  it('finds a series in every run of every pinned entry, with ids no live run has', () => {
    const lines = pinnedLines(entries(), 'loss');
    expect(lines.map((l) => l.id)).toEqual(['pin:save-1:plain', 'pin:save-1:batch', 'pin:save-2:plain', 'pin:save-2:batch']);
    expect(lines[1]).toMatchObject({ runId: 'batch', pinKey: 'save-1', entry: 'first' });
    expect(pinnedLines(entries(), 'zMean', 0)).toHaveLength(4);
    expect(pinnedLines(entries(), 'zMean', 5)).toHaveLength(0);
    expect(pinnedLines(entries(), 'noSuchSeries')).toHaveLength(0);
  });

  it('widens the step axis to the pins\' last step and counts their values in the y domain, hidden ones not', () => {
    const lines = pinnedLines(entries(), 'testLoss');
    expect(pinnedLastStep(lines)).toBe(250);
    expect(pinnedLastStep([])).toBe(0);
    const pool = new ValuePool();
    addPinnedValues(pool, lines, new Set([pinnedLineId('save-1', 'plain')]), null, false);
    expect(pool.n).toBe(6); // three lines of two points
    expect(pool.domain()).toEqual([Math.fround(0.4), Math.fround(2.3)]);
  });

  it('changes the draw key when a pin or a toggle changes', () => {
    const lines = pinnedLines(entries(), 'loss');
    const none = new Set<string>();
    expect(pinnedKey(lines, none)).toEqual(pinnedKey(pinnedLines(entries(), 'loss'), none));
    expect(pinnedKey(lines.slice(1), none)).not.toEqual(pinnedKey(lines, none));
    expect(pinnedKey(lines, new Set([lines[0].id]))).not.toEqual(pinnedKey(lines, none));
  });

  it('draws each shown line once, muted, in its run\'s dash', () => {
    const calls: { alpha: number; width: number; dash: number[]; color: string }[] = [];
    let dash: number[] = [];
    const state = { globalAlpha: 1, lineWidth: 2, strokeStyle: '' };
    const ctx = Object.assign(state, {
      save() {}, restore() {}, beginPath() {}, moveTo() {}, lineTo() {},
      setLineDash(d: number[]) { dash = d; },
      stroke() { calls.push({ alpha: state.globalAlpha, width: state.lineWidth, dash, color: String(state.strokeStyle) }); },
    }) as unknown as CanvasRenderingContext2D;
    const lines = pinnedLines(entries(), 'loss');
    const n = drawPinnedLines(ctx, lines, new Set([lines[3].id]), (id) => `c-${id}`, (v) => v, (v) => v);
    expect(n).toBe(3);
    expect(calls.map((c) => c.color)).toEqual(['c-plain', 'c-batch', 'c-plain']);
    expect(calls.every((c) => c.alpha < 1 && c.width < 2)).toBe(true);
  });
});
