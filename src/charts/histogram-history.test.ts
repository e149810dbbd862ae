import { describe, expect, it } from 'vitest';
import { make2d } from '../data/synthetic';
import { FrameBuilder, type BinsFrame, type TelemetryFrame } from '../telemetry/frame';
import { TrainingSession } from '../session/session';
import { DEFAULT_SETTINGS } from '../session/settings';
import { HistogramChannel, HistogramHistory } from './histogram-history';
import { HEAT_LUT, heatColor, intensity, pixelColumns, renderHistoryImage } from './histogram-history-image';

const bins = (lo: number, hi: number, count: number, version = 1): BinsFrame => ({ lo, hi, count, version });
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);

describe('HistogramChannel', () => {
  it('keys columns by step: a repeated step adds nothing, a step going back starts again', () => {
    const ch = new HistogramChannel(10);
    expect(ch.add(5, [1, 2, 3, 4], bins(0, 4, 4))).toBe(true);
    expect(ch.add(5, [9, 9, 9, 9], bins(0, 4, 4))).toBe(false);
    expect(ch.length).toBe(1);
    expect(Array.from(ch.column(0))).toEqual([1, 2, 3, 4]);
    ch.add(10, [0, 0, 0, 1], bins(0, 4, 4));
    expect(ch.length).toBe(2);
    ch.add(3, [1, 0, 0, 0], bins(0, 4, 4));
    expect(ch.length).toBe(1);
    expect(ch.stepEnd[0]).toBe(3);
  });

  it('ignores bins without a range yet (version 0)', () => {
    const ch = new HistogramChannel(4);
    expect(ch.add(1, [1, 1], bins(0, 1, 2, 0))).toBe(false);
    expect(ch.length).toBe(0);
  });

  it('stays bounded: merges the narrowest adjacent pair into the weighted mean, preserving step coverage', () => {
    const ch = new HistogramChannel(4);
    for (let s = 1; s <= 4; s++) ch.add(s, [s, 0], bins(0, 1, 2));
    ch.add(5, [5, 0], bins(0, 1, 2));
    expect(ch.length).toBe(4);
    // The first pair (steps 1-2) was merged: mean of 1 and 2.
    expect(ch.stepStart[0]).toBe(1);
    expect(ch.stepEnd[0]).toBe(2);
    expect(ch.weight[0]).toBe(2);
    expect(ch.column(0)[0]).toBeCloseTo(1.5);
    expect(Array.from(ch.stepEnd.subarray(0, 4))).toEqual([2, 3, 4, 5]);
    for (let s = 6; s <= 1000; s++) ch.add(s, [s, 1], bins(0, 1, 2));
    expect(ch.length).toBe(4);
    expect(ch.stepStart[0]).toBe(1);
    expect(ch.stepEnd[3]).toBe(1000);
    // Columns stay contiguous and roughly equal in span.
    for (let c = 1; c < 4; c++) expect(ch.stepStart[c]).toBe(ch.stepEnd[c - 1] + 1);
    expect(sum(ch.weight.subarray(0, 4))).toBe(1000);
  });

  it('keeps the columns about equally wide in steps over a long run', () => {
    const ch = new HistogramChannel(300);
    for (let s = 1; s <= 100_000; s++) ch.add(s, [1, 1], bins(0, 1, 2));
    const spans = Array.from({ length: ch.length - 2 }, (_, c) => ch.stepEnd[c] - ch.stepStart[c] + 1);
    const mean = 100_000 / 300;
    expect(Math.max(...spans)).toBeLessThan(1.6 * mean);
    expect(Math.min(...spans)).toBeGreaterThan(0.5 * mean);
  });

  it('reprojects stored columns when the bins change range, preserving the counts', () => {
    const ch = new HistogramChannel(8);
    ch.add(1, [0, 4, 4, 0], bins(0, 4, 4, 1));
    ch.add(2, [1, 1, 1, 1], bins(0, 4, 4, 1));
    ch.add(3, [0, 0, 8, 0, 0, 0, 0, 0].slice(0, 4), bins(-4, 4, 4, 2));
    expect(ch.lo).toBe(-4);
    expect(ch.hi).toBe(4);
    expect(ch.version).toBe(2);
    // [0, 4] with 4 bins onto [-4, 4] with 4 bins (width 2): old bins 0-1 -> new bin 2, old 2-3 -> new bin 3.
    expect(Array.from(ch.column(0))).toEqual([0, 0, 4, 4]);
    expect(Array.from(ch.column(1))).toEqual([0, 0, 2, 2]);
    expect(sum(ch.column(1))).toBeCloseTo(4);
  });

  it('starts again when the number of bins changes', () => {
    const ch = new HistogramChannel(8);
    ch.add(1, [1, 2], bins(0, 1, 2));
    ch.add(2, [1, 2, 3], bins(0, 1, 3));
    expect(ch.length).toBe(1);
    expect(ch.bins).toBe(3);
  });
});

function realFrames(): TelemetryFrame[] {
  const ds = make2d('spiral', { seed: 1, trainCount: 300, testCount: 100, noise: 0.1 });
  const s = new TrainingSession(ds, { ...DEFAULT_SETTINGS, dataset: 'spiral', hidden: [8, 8], act: 'sigmoid', batch: 16, evalEvery: 50, steps: 1e9 }, ['plain', 'batch']);
  const b = new FrameBuilder(s);
  const frames: TelemetryFrame[] = [];
  for (let i = 0; i < 120; i++) {
    b.beforeStep(s); s.trainStep(); b.afterStep(s);
    if (i % 3 === 0) frames.push(b.build(s, frames.length + 1, 'running', { layer: 0, unit: 0 }, null));
  }
  return frames;
}

describe('HistogramHistory', () => {
  it('keeps one bounded channel per run, layer and stage from real frames', () => {
    const frames = realFrames();
    const h = new HistogramHistory(16);
    for (const f of frames) h.push(f);
    expect(h.push(frames[frames.length - 1])).toBe(false);
    const z = h.channel('batch', 1, 'z')!;
    expect(z.length).toBe(16);
    expect(z.stepEnd[15]).toBe(frames[frames.length - 1].step);
    expect(h.channel('plain', 0, 'norm')).toBeUndefined();
    expect(h.channel('batch', 0, 'norm')!.length).toBe(16);
    // Every column of the activation stage holds the batch's B x units values.
    const act = h.channel('plain', 0, 'act')!;
    for (let c = 0; c < act.length; c++) expect(sum(act.column(c))).toBeCloseTo(16 * 8, 1);
  });
});

describe('heatmap colours', () => {
  it('maps 0 and 1 to the ends of viridis and clamps', () => {
    expect(heatColor(0)).toEqual([68, 1, 84]);
    expect(heatColor(1)).toEqual([253, 231, 37]);
    expect(heatColor(-3)).toEqual(heatColor(0));
    expect(heatColor(7)).toEqual(heatColor(1));
    expect(heatColor(NaN)).toEqual(heatColor(0));
    expect(Array.from(HEAT_LUT.subarray(255 * 4, 256 * 4))).toEqual([253, 231, 37, 255]);
  });

  it('gets brighter (more luminous) as the intensity grows', () => {
    const lum = ([r, g, b]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
    for (let i = 0; i < 10; i++) expect(lum(heatColor((i + 1) / 10))).toBeGreaterThan(lum(heatColor(i / 10)));
  });

  it('normalises by the column maximum, sqrt-scaled', () => {
    expect(intensity(0, 10)).toBe(0);
    expect(intensity(10, 10)).toBe(1);
    expect(intensity(2.5, 10)).toBeCloseTo(0.5);
    expect(intensity(3, 0)).toBe(0);
  });

  it('assigns every pixel to the column covering its step', () => {
    // Columns end at steps 10, 20, 40; domain [0, 50] over 5 pixels (centres 5, 15, 25, 35, 45).
    expect(Array.from(pixelColumns([10, 20, 40], 3, 0, 50, 5))).toEqual([0, 1, 2, 2, -1]);
  });

  it('renders the highest bin on the top row', () => {
    const ch = new HistogramChannel(4);
    ch.add(1, [0, 0, 5], bins(0, 3, 3));
    ch.add(2, [5, 0, 0], bins(0, 3, 3));
    const out = new Uint8ClampedArray(2 * 3 * 4);
    renderHistoryImage(ch, 0, 2, 2, out);
    const px = (x: number, row: number) => Array.from(out.subarray((row * 2 + x) * 4, (row * 2 + x) * 4 + 4));
    expect(px(0, 0)).toEqual([253, 231, 37, 255]);
    expect(px(0, 2)).toEqual([68, 1, 84, 255]);
    expect(px(1, 2)).toEqual([253, 231, 37, 255]);
  });
});
