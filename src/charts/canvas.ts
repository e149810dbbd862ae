// Canvas helpers: devicePixelRatio setup, and drawing of series (lines, bands, points) from typed
// columns without allocating. Coordinates are CSS pixels after setupCanvas.

/** Sizes `canvas` to width x height CSS px at devicePixelRatio, clears it, returns a context in CSS px. */
export function setupCanvas(canvas: HTMLCanvasElement | null, width: number, height: number): CanvasRenderingContext2D | null {
  if (!canvas || width <= 0 || height <= 0) return null;
  const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

type Scale = (v: number) => number;
type Values = ArrayLike<number>;

/**
 * Strokes y against x (first n points) as one path; non-finite values (or <= 0 with `positive`)
 * break the line. Strokes with the current style.
 */
export function strokeSeries(ctx: CanvasRenderingContext2D, xs: Values, ys: Values, n: number, x: Scale, y: Scale, positive = false): void {
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < n; i++) {
    const v = ys[i];
    if (!Number.isFinite(v) || (positive && v <= 0)) { pen = false; continue; }
    const px = x(xs[i]);
    const py = y(v);
    if (pen) ctx.lineTo(px, py); else { ctx.moveTo(px, py); pen = true; }
  }
  ctx.stroke();
}

/** Fills the band between lo and hi against x (first n points), with the current fill style. */
export function fillBand(ctx: CanvasRenderingContext2D, xs: Values, lo: Values, hi: Values, n: number, x: Scale, y: Scale, positive = false): void {
  ctx.beginPath();
  let start = -1;
  const close = (end: number) => {
    if (start < 0) return;
    for (let j = end; j >= start; j--) ctx.lineTo(x(xs[j]), y(lo[j]));
    ctx.closePath();
    start = -1;
  };
  for (let i = 0; i < n; i++) {
    const a = lo[i];
    const b = hi[i];
    const ok = Number.isFinite(a) && Number.isFinite(b) && (!positive || a > 0);
    if (!ok) { close(i - 1); continue; }
    if (start < 0) { start = i; ctx.moveTo(x(xs[i]), y(b)); } else ctx.lineTo(x(xs[i]), y(b));
  }
  close(n - 1);
  ctx.fill();
}

/** The 15/50/85th percentile columns of one run's layer (see session/frame). */
interface PercentileColumns { p15: { x: Values; y: Values }; p50: { x: Values; y: Values }; p85: { x: Values; y: Values } }

/**
 * Ioffe & Szegedy's Figure 1 mark: the band between the 15th and 85th percentiles (filled at
 * `fillAlpha`, edged at `edgeAlpha` and `edgeWidth`) and the median as a line `medianWidth` wide.
 */
export function drawPercentileBands(ctx: CanvasRenderingContext2D, bands: PercentileColumns, color: string, x: Scale, y: Scale,
  style: { fillAlpha: number; edgeAlpha: number; edgeWidth: number; medianWidth: number }): void {
  const k = Math.min(bands.p15.y.length, bands.p85.y.length);
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  ctx.globalAlpha = style.fillAlpha;
  fillBand(ctx, bands.p15.x, bands.p15.y, bands.p85.y, k, x, y);
  ctx.globalAlpha = style.edgeAlpha;
  ctx.lineWidth = style.edgeWidth;
  strokeSeries(ctx, bands.p15.x, bands.p15.y, k, x, y);
  strokeSeries(ctx, bands.p85.x, bands.p85.y, k, x, y);
  ctx.globalAlpha = 1;
  ctx.lineWidth = style.medianWidth;
  strokeSeries(ctx, bands.p50.x, bands.p50.y, bands.p50.y.length, x, y);
}

/** Small filled circles at the finite points (with an outline in `outline`, e.g. the surface colour). */
export function dotSeries(ctx: CanvasRenderingContext2D, xs: Values, ys: Values, n: number, x: Scale, y: Scale, r = 2.5, positive = false, outline?: string): void {
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    const v = ys[i];
    if (!Number.isFinite(v) || (positive && v <= 0)) continue;
    const px = x(xs[i]);
    const py = y(v);
    ctx.moveTo(px + r, py);
    ctx.arc(px, py, r, 0, 2 * Math.PI);
  }
  ctx.fill();
  if (outline) { ctx.save(); ctx.strokeStyle = outline; ctx.lineWidth = 1; ctx.setLineDash([]); ctx.stroke(); ctx.restore(); }
}

/** A vertical dashed marker at px from top to bottom with a label ("diverged"), in `color`. */
export function drawDivergence(ctx: CanvasRenderingContext2D, px: number, top: number, bottom: number, color: string, label: string): void {
  ctx.save();
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(px + 0.5, top);
  ctx.lineTo(px + 0.5, bottom);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.font = '600 10px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  const w = ctx.measureText(label).width;
  const right = px + 4 + w < ctx.canvas.width / (window.devicePixelRatio || 1);
  ctx.textAlign = right ? 'left' : 'right';
  ctx.fillText(label, right ? px + 4 : px - 4, top + 2);
  ctx.restore();
}
