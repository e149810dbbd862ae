// Draws pinned runs' lines (./pinned-geometry.ts) on a chart's canvas, muted and beneath the live runs.
// Called only in a chart's full redraw: the strokes are not series of the append layer (they never
// grow), so they take none of its slots and an append leaves them as they are.
import { BREAK, m4Indices } from './m4';
import { scratchOf } from './canvas';
import { PINNED_ALPHA, PINNED_WIDTH, type PinnedLine } from './pinned-geometry';
import { runStyle } from './palette';

type Scale = (v: number) => number;

/** Strokes y against x reduced per pixel column (./m4.ts), with the current style; breaks at non-finite values. */
export function strokeStill(ctx: CanvasRenderingContext2D, xs: ArrayLike<number>, ys: ArrayLike<number>, x: Scale, y: Scale, positive = false): void {
  const n = Math.min(xs.length, ys.length);
  const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  const scratch = scratchOf(ctx);
  const idx = scratch.indices(n);
  const k = m4Indices(xs, ys, n, scratch.columns(x, dpr), idx, positive);
  ctx.beginPath();
  let pen = false;
  for (let j = 0; j < k; j++) {
    const i = idx[j];
    if (i === BREAK) { pen = false; continue; }
    if (pen) ctx.lineTo(x(xs[i]), y(ys[i])); else { ctx.moveTo(x(xs[i]), y(ys[i])); pen = true; }
  }
  ctx.stroke();
}

/**
 * The pinned lines not in `hidden`, each in its run's colour and dash, lighter and thinner than a live
 * line; `values` gives the y a line is drawn with (a smoothed copy, say), its saved y by default.
 * Returns how many it drew (the chart exposes it to the browser tests).
 */
export function drawPinnedLines(ctx: CanvasRenderingContext2D, lines: readonly PinnedLine[], hidden: ReadonlySet<string>,
  colorOf: (runId: string) => string, x: Scale, y: Scale, positive = false, values?: (l: PinnedLine) => ArrayLike<number>): number {
  let drawn = 0;
  ctx.save();
  ctx.globalAlpha = PINNED_ALPHA;
  ctx.lineWidth = PINNED_WIDTH;
  for (const l of lines) {
    if (hidden.has(l.id)) continue;
    ctx.strokeStyle = colorOf(l.runId);
    ctx.setLineDash(runStyle(l.runId).dash);
    strokeStill(ctx, l.x, values ? values(l) : l.y, x, y, positive);
    drawn++;
  }
  ctx.restore();
  return drawn;
}

/**
 * Small dots at the finite points (positive ones with `positive`, a log axis) of the pinned lines not in
 * `hidden`, muted like drawPinnedLines (a series a chart marks with dots).
 */
export function dotPinnedLines(ctx: CanvasRenderingContext2D, lines: readonly PinnedLine[], hidden: ReadonlySet<string>,
  colorOf: (runId: string) => string, x: Scale, y: Scale, r = 1.25, positive = false): void {
  ctx.save();
  ctx.globalAlpha = PINNED_ALPHA;
  for (const l of lines) {
    if (hidden.has(l.id)) continue;
    ctx.fillStyle = colorOf(l.runId);
    ctx.beginPath();
    const n = Math.min(l.x.length, l.y.length);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(l.x[i]) || !Number.isFinite(l.y[i]) || (positive && !(l.y[i] > 0))) continue;
      const px = x(l.x[i]);
      const py = y(l.y[i]);
      ctx.moveTo(px + r, py);
      ctx.arc(px, py, r, 0, 2 * Math.PI);
    }
    ctx.fill();
  }
  ctx.restore();
}
