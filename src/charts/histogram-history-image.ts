// Pixels of a distribution-over-time heatmap: time (steps) on x, value on y (one image row per bin,
// the highest bin on top), the count as colour. Each column is normalised by its own largest count, so
// the shape of every step's distribution is visible however many values it holds (TensorBoard does the
// same); sqrt lifts the thin tails. The colour ramp is viridis (perceptually uniform, colour-blind safe,
// readable in greyscale), sampled from its published control points.
import type { HistogramChannel } from './histogram-history';

/** Viridis at t = 0, 1/8, ..., 1 (matplotlib's values). */
const VIRIDIS = [
  [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
  [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
] as const;

/** The ramp's colour at t in [0, 1] (clamped; NaN gives the t = 0 colour). */
export function heatColor(t: number): [number, number, number] {
  const v = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const x = v * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i];
  const b = VIRIDIS[i + 1];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** 256 RGBA entries of the ramp, for the pixel loop. */
export const HEAT_LUT: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = heatColor(i / 255);
    lut.set([r, g, b, 255], i * 4);
  }
  return lut;
})();

/** Colour intensity of a count in a column whose largest count is `max`: sqrt(count / max), 0 when empty. */
export function intensity(count: number, max: number): number {
  if (!(max > 0) || !(count > 0)) return 0;
  return Math.sqrt(Math.min(1, count / max));
}

/**
 * For each of `width` pixel columns over the step range [x0, x1], the history column drawn there
 * (-1 where none): column c covers the steps (stepEnd[c - 1], stepEnd[c]] (the first column from x0).
 */
export function pixelColumns(stepEnd: ArrayLike<number>, length: number, x0: number, x1: number, width: number, out = new Int32Array(width)): Int32Array {
  let c = 0;
  const span = x1 - x0;
  for (let px = 0; px < width; px++) {
    // The step at the pixel's centre.
    const s = span > 0 ? x0 + ((px + 0.5) / width) * span : x1;
    while (c < length && stepEnd[c] < s) c++;
    out[px] = c < length ? c : -1;
  }
  return out;
}

/**
 * Writes the RGBA pixels (width x channel.bins, row 0 = the highest bin) of the channel drawn over the
 * steps [x0, x1]; pixels without a column are transparent. `out` must hold width * bins * 4 bytes.
 */
export function renderHistoryImage(channel: HistogramChannel, x0: number, x1: number, width: number, out: Uint8ClampedArray): void {
  const B = channel.bins;
  out.fill(0, 0, width * B * 4);
  if (channel.length === 0 || B === 0) return;
  const cols = pixelColumns(channel.stepEnd, channel.length, x0, x1, width);
  let lastC = -2;
  let max = 0;
  let col: Float32Array | null = null;
  for (let px = 0; px < width; px++) {
    const c = cols[px];
    if (c < 0) continue;
    if (c !== lastC) {
      col = channel.column(c);
      max = 0;
      for (let i = 0; i < B; i++) if (col[i] > max) max = col[i];
      lastC = c;
    }
    for (let i = 0; i < B; i++) {
      const t = intensity(col![i], max);
      const k = Math.round(t * 255) * 4;
      const o = ((B - 1 - i) * width + px) * 4;
      out[o] = HEAT_LUT[k];
      out[o + 1] = HEAT_LUT[k + 1];
      out[o + 2] = HEAT_LUT[k + 2];
      out[o + 3] = 255;
    }
  }
}
