// Canvas helpers: devicePixelRatio setup, and drawing of series (lines, bands, points) from typed
// columns without allocating, reduced to the pixels (./m4.ts). Coordinates are CSS pixels after setupCanvas.
// Inside drawAppending (./append-layer.ts) the series helpers draw, on an append, only each series' new
// stretch on top of what the canvas already shows.
import { AppendLayer, appendFrom, ownedEnd, settledLength, type SeriesMark } from './append-layer';
import { BREAK, M4Scratch, m4Indices } from './m4';
import { BandColumns, bandColumns, drawable, fillBandColumns } from './band-columns';

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
  resetDrawState(ctx);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/**
 * Puts back the canvas defaults of the drawing state the charts set (alpha, compositing, dashes and
 * their phase, line width, caps and joins), so a draw never starts from what an earlier one left. A
 * canvas keeps its state between draws; only resizing it resets it. Clips and transforms are undone by
 * save/restore around each draw (drawAppending) instead.
 */
export function resetDrawState(ctx: CanvasRenderingContext2D): void {
  ctx.globalAlpha = 1;
  ctx.globalCompositeOperation = 'source-over';
  ctx.setLineDash?.(NO_DASH);
  ctx.lineDashOffset = 0;
  ctx.lineWidth = 1;
  ctx.lineCap = 'butt';
  ctx.lineJoin = 'miter';
}
const NO_DASH: number[] = [];

type Scale = (v: number) => number;
type Values = ArrayLike<number>;

// Every series is reduced to what the canvas's pixel columns can show (./m4.ts) before it is drawn, so a
// stroke costs at most 4 points per device pixel of width, however long the history. The index buffers
// are kept per canvas, so drawing a frame allocates nothing once they fit.
const scratches = new WeakMap<CanvasRenderingContext2D, M4Scratch>();

/** The index buffers of a canvas's context (one context per canvas). */
export function scratchOf(ctx: CanvasRenderingContext2D): M4Scratch {
  let s = scratches.get(ctx);
  if (!s) { s = new M4Scratch(); scratches.set(ctx, s); }
  return s;
}

// The append layer of the draw in progress on a context (drawAppending below), if any.
const layers = new WeakMap<CanvasRenderingContext2D, AppendLayer>();

/**
 * Draws a chart's canvas through `layer` (./append-layer.ts): when `key` (everything but the series'
 * new points: the chart's domains, options, runs...) and the size are those of the last full draw, the
 * canvas is not cleared and `draw(ctx, false)` runs with the series helpers drawing only what was
 * appended since; a chart draws its other marks (labels, markers) only when `full`. When a series turns
 * out not to be an append, or the key changed, the canvas is cleared and `draw(ctx, true)` draws all.
 * With the plot's opaque `surface` colour, translucent strokes are drawn as the opaque colour they show
 * over it (./blend.ts), in both cases: pieces drawn frame by frame then look as one path does.
 */
export function drawAppending(canvas: HTMLCanvasElement | null, width: number, height: number, layer: AppendLayer,
  key: readonly unknown[], draw: (ctx: CanvasRenderingContext2D, full: boolean) => void, surface: string | null = null): void {
  const dpr = deviceRatio();
  const k = [width, height, dpr, surface, ...key];
  layer.surface = surface;
  // Each draw starts from the default state and leaves none of its own behind (a clip, a dash, its
  // phase, an alpha): an append's dash phase, say, would otherwise shift the next full draw's dashes.
  const run = (ctx: CanvasRenderingContext2D, full: boolean) => {
    layers.set(ctx, layer);
    resetDrawState(ctx);
    ctx.save();
    try { draw(ctx, full); } catch (e) { layer.invalidate(); throw e; } finally { ctx.restore(); layers.delete(ctx); }
  };
  const sized = !!canvas && canvas.width === Math.round(width * dpr) && canvas.height === Math.round(height * dpr);
  if (sized && layer.begin(k)) {
    const ctx = canvas!.getContext('2d');
    if (ctx) {
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      run(ctx, false);
      if (!layer.failed) return;
    }
  }
  // a full draw: begin() has started one unless the canvas was resized or the append failed
  if (!sized || layer.appending) { layer.invalidate(); layer.begin(k); }
  const ctx = setupCanvas(canvas, width, height);
  if (!ctx) { layer.invalidate(); return; }
  run(ctx, true);
}

const deviceRatio = () => (typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1);

/**
 * Strokes y against x (first n points) as one path; non-finite values (or <= 0 with `positive`)
 * break the line. Strokes with the current style. x is a linear scale of steps, or a log-step scale (./step-axis.ts).
 */
export function strokeSeries(ctx: CanvasRenderingContext2D, xs: Values, ys: Values, n: number, x: Scale, y: Scale, positive = false): void {
  const layer = layers.get(ctx);
  const slot = layer?.nextMark();
  if (layer?.appending) { appendStroke(ctx, layer, slot!.index, slot!.mark, xs, ys, n, x, y, positive); return; }
  const scratch = scratchOf(ctx);
  const idx = scratch.indices(n);
  const k = m4Indices(xs, ys, n, scratch.columns(x, deviceRatio()), idx, positive);
  // In a layer, the column of the last point is left to the next append (see SeriesMark.colEnd).
  const end = layer && n ? ownedEnd(x(xs[n - 1]), deviceRatio()) : Infinity;
  if (layer) {
    clipColumns(ctx, -Infinity, end);
    ctx.lineDashOffset = 0; // the phase the mark's dashAt counts from
  }
  ctx.beginPath();
  let pen = false;
  let px0 = 0;
  let py0 = 0;
  let length = 0; // of the current subpath, for the dash phase of a later append
  for (let j = 0; j < k; j++) {
    const i = idx[j];
    if (i === BREAK) { pen = false; continue; }
    const px = x(xs[i]);
    const py = y(ys[i]);
    if (pen) { ctx.lineTo(px, py); length += Math.hypot(px - px0, py - py0); } else { ctx.moveTo(px, py); pen = true; length = 0; }
    px0 = px;
    py0 = py;
  }
  strokeOpaque(ctx, layer);
  if (layer) ctx.restore();
  if (layer && slot) layer.setMark(slot.index, { n, x0: n ? xs[0] : NaN, x: n ? xs[n - 1] : NaN, y: n ? ys[n - 1] : NaN, dashAt: length, colEnd: end });
}

/** Clips to the pixel columns [from, to) (CSS px) until the matching restore(). */
function clipColumns(ctx: CanvasRenderingContext2D, from: number, to: number): void {
  ctx.save();
  ctx.beginPath();
  const a = Math.max(from, -1e6);
  ctx.rect(a, -1e6, Math.min(to, 1e6) - a, 2e6);
  ctx.clip();
}

/**
 * An append's first point: far enough back that every mark reaching into the columns from colEnd on
 * (a stroke up to `margin` px wide) is in the path; at most 64 points back.
 */
function reachBack(xs: Values, from: number, x: Scale, colEnd: number, margin: number): number {
  let i = from;
  const stop = Math.max(0, from - 64);
  while (i > stop && x(xs[i]) >= colEnd - margin) i--;
  return i;
}

/** Strokes the path; a translucent stroke inside a layer with a surface as its opaque equivalent. */
function strokeOpaque(ctx: CanvasRenderingContext2D, layer: AppendLayer | undefined): void {
  const alpha = ctx.globalAlpha;
  const style = ctx.strokeStyle;
  const opaque = layer && alpha < 1 && typeof style === 'string' ? layer.opaque(style, alpha) : null;
  if (!opaque) { ctx.stroke(); return; }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = opaque;
  ctx.stroke();
  ctx.strokeStyle = style;
  ctx.globalAlpha = alpha;
}

/** strokeSeries on an append: the columns after those drawn, from the points reaching them, dash pattern in phase. */
function appendStroke(ctx: CanvasRenderingContext2D, layer: AppendLayer, slot: number, mark: SeriesMark | undefined,
  xs: Values, ys: Values, n: number, x: Scale, y: Scale, positive: boolean): void {
  const from = appendFrom(mark, xs, ys, n);
  if (from < 0) { layer.fail(); return; }
  if (mark!.n === n) return; // nothing new
  const end = ownedEnd(x(xs[n - 1]), deviceRatio());
  const colEnd = mark!.n > 0 ? mark!.colEnd : -Infinity;
  if (!(end > colEnd)) return; // no whole column yet: the mark stays where it was
  const start = mark!.n > 0 ? reachBack(xs, from, x, colEnd, Math.max(2, ctx.lineWidth || 0)) : 0;
  // The dash phase at `start`: the length at the mark less the raw segments back to it.
  let phase = mark!.n > 0 ? mark!.dashAt : 0;
  for (let i = from; i > start; i--) {
    if (!drawable(ys[i], positive) || !drawable(ys[i - 1], positive)) { phase = 0; break; }
    phase -= Math.hypot(x(xs[i]) - x(xs[i - 1]), y(ys[i]) - y(ys[i - 1]));
  }
  // Few points (those appended since the last frame, each under a pixel column once the history is
  // long): drawn as they are, without the reduction. Dashes restart at every subpath (as in a full
  // draw): the subpath continuing the mark's at `phase`, any after a break at 0, in a stroke of their own.
  clipColumns(ctx, colEnd, end);
  ctx.lineDashOffset = phase;
  let length = phase;
  ctx.beginPath();
  let pen = false;
  let px0 = 0;
  let py0 = 0;
  for (let i = start; i < n; i++) {
    if (!drawable(ys[i], positive)) { pen = false; continue; }
    const px = x(xs[i]);
    const py = y(ys[i]);
    if (pen) { ctx.lineTo(px, py); length += Math.hypot(px - px0, py - py0); } else {
      if (i !== start) {
        length = 0;
        if (ctx.lineDashOffset !== 0) { strokeOpaque(ctx, layer); ctx.beginPath(); ctx.lineDashOffset = 0; }
      }
      ctx.moveTo(px, py);
      pen = true;
    }
    px0 = px;
    py0 = py;
  }
  strokeOpaque(ctx, layer);
  ctx.restore();
  layer.painted(colEnd, end);
  layer.setMark(slot, { n, x0: n ? xs[0] : NaN, x: xs[n - 1], y: ys[n - 1], dashAt: length, colEnd: end });
}

/** Fills the band between lo and hi against x (first n points), with the current fill style, as one rectangle per device-pixel column (./band-columns.ts). */
export function fillBand(ctx: CanvasRenderingContext2D, xs: Values, lo: Values, hi: Values, n: number, x: Scale, y: Scale, positive = false): void {
  const layer = layers.get(ctx);
  const upper = layer?.nextMark();
  const lower = layer?.nextMark();
  const dpr = deviceRatio();
  // An append draws the columns after those drawn (from a point left of them, so the segment crossing
  // into them counts); a full draw all of them. In a layer the column of the last point waits for the
  // next append (see SeriesMark.colEnd).
  let from = 0;
  let colEnd = -Infinity;
  if (layer?.appending) {
    const i = appendFrom(upper!.mark, xs, hi, n);
    if (i < 0 || appendFrom(lower!.mark, xs, lo, n) !== i) { layer.fail(); return; }
    const mark = upper!.mark!;
    if (mark.n === n) return; // nothing new
    colEnd = mark.n > 0 ? mark.colEnd : -Infinity;
    if (!(ownedEnd(x(xs[n - 1]), dpr) > colEnd)) return; // no whole column yet
    from = mark.n > 0 ? reachBack(xs, i, x, colEnd, 1) : 0;
  }
  const end = layer && n ? ownedEnd(x(xs[n - 1]), dpr) : Infinity;
  const band = bandScratchOf(ctx);
  const range = bandColumns(xs, lo, hi, from, n, x, y, dpr, ctx.canvas.width, band, positive);
  fillBandColumns(ctx, band, range, dpr, colEnd === -Infinity ? 0 : Math.round(colEnd * dpr), end === Infinity ? Infinity : Math.round(end * dpr));
  if (layer?.appending) layer.painted(colEnd, end);
  if (layer && upper && lower) {
    layer.setMark(upper.index, { n, x0: n ? xs[0] : NaN, x: n ? xs[n - 1] : NaN, y: n ? hi[n - 1] : NaN, dashAt: 0, colEnd: end });
    layer.setMark(lower.index, { n, x0: n ? xs[0] : NaN, x: n ? xs[n - 1] : NaN, y: n ? lo[n - 1] : NaN, dashAt: 0, colEnd: end });
  }
}

// The band columns of a canvas's context, kept as its M4 buffers are.
const bandScratches = new WeakMap<CanvasRenderingContext2D, BandColumns>();
function bandScratchOf(ctx: CanvasRenderingContext2D): BandColumns {
  let s = bandScratches.get(ctx);
  if (!s) { s = new BandColumns(); bandScratches.set(ctx, s); }
  return s;
}

/** The 15/50/85th percentile columns of one run's layer (see telemetry/frame). */
interface PercentileColumn { x: Values; y: Values; count?: Uint32Array }
interface PercentileColumns { p15: PercentileColumn; p50: PercentileColumn; p85: PercentileColumn }

/** The points of a column to draw: the settled ones of a BoundedSeries (./append-layer.ts), else all. */
const drawnLength = (c: PercentileColumn) => (c.count ? settledLength({ count: c.count }, c.y.length) : c.y.length);

/**
 * Ioffe & Szegedy's Figure 1 mark: the band between the 15th and 85th percentiles (filled at
 * `fillAlpha`, edged at `edgeAlpha` and `edgeWidth`) and the median as a line `medianWidth` wide.
 */
export function drawPercentileBands(ctx: CanvasRenderingContext2D, bands: PercentileColumns, color: string, x: Scale, y: Scale,
  style: { fillAlpha: number; edgeAlpha: number; edgeWidth: number; medianWidth: number }): void {
  const k = Math.min(drawnLength(bands.p15), drawnLength(bands.p85));
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
  strokeSeries(ctx, bands.p50.x, bands.p50.y, drawnLength(bands.p50), x, y);
}

/**
 * Small filled circles at the finite points (with an outline in `outline`, e.g. the surface colour).
 * Inside drawAppending a dot reaches into pixel columns that later appends of other series paint (a
 * line's new stretch starts at the column of its last point), so an append draws the dots after the
 * last one drawn whole, and draws again, clipped to the columns painted so far in this draw, the dots
 * drawn before that reach into them: dots stay on top as in a full draw. There a translucent dot is
 * filled with the opaque colour it shows over the surface (as strokes are), so drawing it again over
 * itself changes nothing.
 */
export function dotSeries(ctx: CanvasRenderingContext2D, xs: Values, ys: Values, n: number, x: Scale, y: Scale, r = 2.5, positive = false, outline?: string): void {
  const layer = layers.get(ctx);
  const slot = layer?.nextMark();
  const dot = (i: number) => {
    const px = x(xs[i]);
    const py = y(ys[i]);
    ctx.moveTo(px + r, py);
    ctx.arc(px, py, r, 0, 2 * Math.PI);
  };
  if (layer?.appending) {
    const mark = slot!.mark;
    const from = appendFrom(mark, xs, ys, n);
    if (from < 0) { layer.fail(); return; }
    const drawn = mark!.n;
    // The dots drawn before that reach into the columns this draw has painted: again, clipped to them.
    const lo = layer.paintedFrom;
    const hi = layer.paintedTo;
    if (drawn > 0 && hi > lo) {
      const reach = r + (outline ? 1 : 0) + 1; // the circle, half its outline, antialiasing
      const stop = Math.max(0, drawn - 64);
      let first = drawn - 1;
      while (first > stop && x(xs[first - 1]) + reach > lo) first--;
      const reaches = (i: number) => { const px = x(xs[i]); return px + reach > lo && px - reach < hi && drawable(ys[i], positive); };
      let any = false;
      for (let i = first; i < drawn && !any; i++) any = reaches(i);
      if (any) {
        clipColumns(ctx, lo, hi);
        ctx.beginPath();
        for (let i = first; i < drawn; i++) if (reaches(i)) dot(i);
        paintDots(ctx, layer, outline);
        ctx.restore();
      }
    }
    if (drawn === n) return;
    // The new dots (from the first when none was drawn), whole.
    ctx.beginPath();
    for (let i = drawn === 0 ? 0 : from + 1; i < n; i++) if (drawable(ys[i], positive)) dot(i);
  } else {
    const scratch = scratchOf(ctx);
    const idx = scratch.indices(n);
    const k = m4Indices(xs, ys, n, scratch.columns(x, deviceRatio()), idx, positive);
    ctx.beginPath();
    for (let j = 0; j < k; j++) if (idx[j] !== BREAK) dot(idx[j]);
  }
  if (layer && slot) layer.setMark(slot.index, { n, x0: n ? xs[0] : NaN, x: n ? xs[n - 1] : NaN, y: n ? ys[n - 1] : NaN, dashAt: 0, colEnd: Infinity });
  paintDots(ctx, layer, outline);
}

/** Fills the path of dots (opaque over a layer's surface) and strokes their outline. */
function paintDots(ctx: CanvasRenderingContext2D, layer: AppendLayer | undefined, outline: string | undefined): void {
  const alpha = ctx.globalAlpha;
  const style = ctx.fillStyle;
  const opaque = layer && alpha < 1 && typeof style === 'string' ? layer.opaque(style, alpha) : null;
  if (opaque) {
    ctx.globalAlpha = 1;
    ctx.fillStyle = opaque;
    ctx.fill();
    ctx.fillStyle = style;
    ctx.globalAlpha = alpha;
  } else ctx.fill();
  if (outline) { ctx.save(); ctx.strokeStyle = outline; ctx.lineWidth = 1; ctx.setLineDash([]); ctx.globalAlpha = 1; ctx.stroke(); ctx.restore(); }
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
