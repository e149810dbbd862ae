// Pure geometry of the CNN views (cnn-*.tsx): small multiples, a feature map as pixels, histogram bars
// of one channel, and the cells of the step-by-step grid that form one statistic.

export interface GridLayout {
  cols: number;
  rows: number;
  cellW: number;
  cellH: number;
  /** Top-left corner of each cell, in order (row-major). */
  cells: { x: number; y: number }[];
}

/**
 * `n` cells of aspect `aspect` (height / width) in `width` pixels: as many columns as fit at `minW`
 * pixels or more each (at least 1, at most n), `gap` pixels between cells.
 */
export function gridLayout(n: number, width: number, minW: number, aspect: number, gap = 4): GridLayout {
  if (n <= 0 || width <= 0) return { cols: 0, rows: 0, cellW: 0, cellH: 0, cells: [] };
  const cols = Math.max(1, Math.min(n, Math.floor((width + gap) / (minW + gap))));
  const rows = Math.ceil(n / cols);
  const cellW = Math.max(1, (width - gap * (cols - 1)) / cols);
  const cellH = cellW * aspect;
  const cells = Array.from({ length: n }, (_, i) => ({ x: (i % cols) * (cellW + gap), y: Math.floor(i / cols) * (cellH + gap) }));
  return { cols, rows, cellW, cellH, cells };
}

/** Smallest and largest finite value of a[from, from + n); [0, 1] when there is none. */
export function finiteRange(a: ArrayLike<number>, from = 0, n = a.length - from): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i < from + n; i++) {
    const v = a[i];
    if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/**
 * A map of H x W values (from a[offset..]) as RGBA grey levels into `out` (length 4 H W): lo black,
 * hi white, linear between; a flat map (hi = lo) mid-grey; NaN red.
 */
export function mapPixels(out: Uint8ClampedArray, a: ArrayLike<number>, offset: number, H: number, W: number, lo: number, hi: number): void {
  const span = hi - lo;
  for (let i = 0; i < H * W; i++) {
    const v = a[offset + i];
    const k = 4 * i;
    if (v !== v) { out[k] = 220; out[k + 1] = 40; out[k + 2] = 40; out[k + 3] = 255; continue; }
    const g = span > 0 ? Math.round(255 * Math.min(1, Math.max(0, (v - lo) / span))) : 128;
    out[k] = g; out[k + 1] = g; out[k + 2] = g; out[k + 3] = 255;
  }
}

export interface Bar { x: number; y: number; w: number; h: number }

/**
 * The bars of one channel's histogram (counts[c * bins .. + bins)) in a box of width x height, counts
 * scaled to `maxCount` at the top (a zero count gives no bar).
 */
export function channelBars(counts: ArrayLike<number>, c: number, bins: number, width: number, height: number, maxCount: number): Bar[] {
  const bars: Bar[] = [];
  const w = width / bins;
  for (let b = 0; b < bins; b++) {
    const v = counts[c * bins + b];
    if (!(v > 0) || !(maxCount > 0)) continue;
    const h = (Math.min(v, maxCount) / maxCount) * height;
    bars.push({ x: b * w, y: height - h, w, h });
  }
  return bars;
}

/** Largest count of channel c. */
export function channelMax(counts: ArrayLike<number>, c: number, bins: number): number {
  let m = 0;
  for (let b = 0; b < bins; b++) m = Math.max(m, counts[c * bins + b]);
  return m;
}

export interface ReductionCell { n: number; c: number; member: boolean }

/**
 * The cells (sample n, channel c) of the step-by-step grid, `shownN` samples by C channels, and
 * whether each holds values of the selected statistic: batch norm, channel `channel` of every sample
 * (N x H x W values); group norm, the channels [first, last] of sample 0 (each sample has its own).
 */
export function reductionCells(shownN: number, C: number, norm: 'batch' | 'group', channel: number, group: [number, number]): ReductionCell[] {
  const cells: ReductionCell[] = [];
  for (let c = 0; c < C; c++) {
    for (let n = 0; n < shownN; n++) {
      const member = norm === 'batch' ? c === channel : n === 0 && c >= group[0] && c <= group[1];
      cells.push({ n, c, member });
    }
  }
  return cells;
}

/** Range of several series' y values (finite only), padded 5%; [0, 1] when empty. */
export function seriesRange(ys: readonly ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const y of ys) {
    const [a, b] = finiteRange(y);
    if (y.length === 0) continue;
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  if (!(lo <= hi)) return [0, 1];
  const pad = hi > lo ? 0.05 * (hi - lo) : Math.max(1e-3, Math.abs(hi) * 0.05);
  return [lo - pad, hi + pad];
}

/** The saved series (state/export.ts's names) of channel c's batch statistic: channel3BatchMean. */
export const channelBatchSeries = (c: number, what: 'mean' | 'var'): string => `channel${c + 1}Batch${what === 'mean' ? 'Mean' : 'Var'}`;

/** Every channel's batch-statistic series names, for channels 0..channels-1. */
export const channelBatchSeriesNames = (channels: number): string[] =>
  Array.from({ length: channels }, (_, c) => [channelBatchSeries(c, 'mean'), channelBatchSeries(c, 'var')]).flat();
