// The library's thumbnail of a saved set of runs: each run's training loss as a sparkline. The
// geometry is here (pure): the loss on a log scale, fitted to the box, averaged to one point per
// pixel column; ui/thumbnail-png.ts strokes it on a small canvas and keeps it as a PNG data URL.

export interface SparkLine {
  id: string;
  /** x0, y0, x1, y1... in pixels of the w x h box (y down). */
  points: Float32Array;
}

/**
 * Per run, its loss curve in a w x h box with `pad` pixels of margin: x by step over the steps all runs
 * cover, y = log10(loss) between the smallest and largest finite loss of all runs. Points that are not
 * finite (a diverged run's) are left out; a run without any gives no line.
 */
export function sparkLines(runs: readonly { id: string; x: ArrayLike<number>; y: ArrayLike<number> }[], w: number, h: number, pad = 2): SparkLine[] {
  let x0 = Infinity; let x1 = -Infinity; let y0 = Infinity; let y1 = -Infinity;
  for (const r of runs) {
    for (let i = 0; i < r.y.length; i++) {
      const v = r.y[i];
      if (!(v > 0) || !Number.isFinite(v) || !Number.isFinite(r.x[i])) continue;
      const l = Math.log10(v);
      if (l < y0) y0 = l;
      if (l > y1) y1 = l;
      if (r.x[i] < x0) x0 = r.x[i];
      if (r.x[i] > x1) x1 = r.x[i];
    }
  }
  if (!(x1 >= x0) || !(y1 >= y0)) return [];
  const sx = (w - 2 * pad) / (x1 - x0 || 1);
  const sy = (h - 2 * pad) / (y1 - y0 || 1);
  return runs.map((r) => {
    // the mean log-loss of each pixel column: what a thumbnail can show of a noisy curve
    const out: number[] = [];
    let column = -1; let sumX = 0; let sumL = 0; let n = 0;
    const flush = () => { if (n > 0) out.push(sumX / n, h - pad - (sumL / n - y0) * sy); };
    for (let i = 0; i < r.y.length; i++) {
      const v = r.y[i];
      if (!(v > 0) || !Number.isFinite(v) || !Number.isFinite(r.x[i])) continue;
      const px = pad + (r.x[i] - x0) * sx;
      if (Math.floor(px) !== column) {
        flush();
        column = Math.floor(px); sumX = 0; sumL = 0; n = 0;
      }
      sumX += px; sumL += Math.log10(v); n += 1;
    }
    flush();
    return { id: r.id, points: Float32Array.from(out) };
  }).filter((l) => l.points.length >= 4);
}
