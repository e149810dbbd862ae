// The step (x) axis of every time-series view: the steps shown (all of them, or a zoomed window) and
// how they map to pixels (linear, or log10 of the step so that the first hundreds of steps, where batch
// norm converges, get as much room as the last thousands). Pure: the views keep a StepView in their
// state (./use-step-axis.tsx) and ask this module for the domain, the scale, the ticks, and what a drag,
// a key press or a button does to the window.
import { scaleLinear, scaleLog } from 'd3-scale';

export type Pair = [number, number];

/** What the user chose for a view's step axis. */
export interface StepView {
  /** The steps shown, or null for all of them (the axis then follows training). */
  zoom: Pair | null;
  /** Log-step axis. */
  log: boolean;
}

export const FULL_VIEW: StepView = { zoom: null, log: false };

/** Narrowest window: a zoom never shows fewer steps than this. */
export const MIN_STEPS = 4;
/** A drag shorter than this (CSS px) is a click, not a zoom. */
export const MIN_DRAG_PX = 6;
/** Smallest step a log axis shows (step 0 is drawn at its left edge). */
export const LOG_FLOOR = 1;

/** A scale on steps with what axes, hover and canvas drawing need. */
export interface StepScale {
  (step: number): number;
  invert(px: number): number;
  domain(): number[];
  range(): number[];
  ticks(count?: number): number[];
  tickFormat(count?: number, specifier?: string): (v: number) => string;
  /** Whether the mapping is log10. */
  readonly log: boolean;
}

/** The steps a view shows: its zoom, else `full` (the niced [0, last step] of the data). */
export function shownSteps(full: Pair, view: StepView): Pair {
  const d = view.zoom ?? full;
  if (!view.log) return [d[0], d[1]];
  // A log axis starts at LOG_FLOOR at the earliest, and spans at least a factor of 10.
  const lo = Math.max(LOG_FLOOR, d[0]);
  return [lo, Math.max(d[1], lo * 10)];
}

/** The scale of the shown steps over the pixels [left, right]. Log scales clamp, so step 0 sits at the left edge. */
export function stepScale(full: Pair, view: StepView, left: number, right: number): StepScale {
  const d = shownSteps(full, view);
  if (view.log) {
    const s = scaleLog().domain(d).range([left, right]).clamp(true);
    const f = ((v: number) => s(Math.max(v, LOG_FLOOR))) as StepScale;
    Object.assign(f, {
      invert: (px: number) => s.invert(px),
      domain: () => s.domain(),
      range: () => s.range(),
      ticks: (count = 5) => logStepTicks(d, count),
      tickFormat: () => (v: number) => String(v),
      log: true,
    });
    return f;
  }
  const s = scaleLinear().domain(d).range([left, right]);
  const f = ((v: number) => s(v)) as StepScale;
  Object.assign(f, {
    invert: (px: number) => s.invert(px),
    domain: () => s.domain(),
    range: () => s.range(),
    ticks: (count = 5) => s.ticks(count),
    tickFormat: (count?: number, spec?: string) => s.tickFormat(count, spec),
    log: false,
  });
  return f;
}

/**
 * Ticks of a log-step axis over d: the powers of ten inside it, with 2 and 5 times them when fewer than
 * three decades show, thinned to about `count`.
 */
export function logStepTicks(d: Pair, count = 5): number[] {
  const lo = Math.max(LOG_FLOOR, Math.min(d[0], d[1]));
  const hi = Math.max(d[0], d[1]);
  const e0 = Math.floor(Math.log10(lo));
  const e1 = Math.ceil(Math.log10(hi));
  const mults = e1 - e0 <= 2 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let e = e0; e <= e1; e++) for (const m of mults) {
    const v = m * 10 ** e;
    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
  }
  const every = Math.max(1, Math.ceil(out.length / Math.max(1, count)));
  return out.filter((_, i) => i % every === 0);
}

/** Clamps a window to [0, limit], at least MIN_STEPS wide (shifted inside when it runs over an end). */
export function clampWindow(a: number, b: number, limit: number): Pair {
  let lo = Math.min(a, b);
  let hi = Math.max(a, b);
  const max = Math.max(limit, MIN_STEPS);
  if (hi - lo < MIN_STEPS) { const mid = (lo + hi) / 2; lo = mid - MIN_STEPS / 2; hi = mid + MIN_STEPS / 2; }
  if (lo < 0) { hi -= lo; lo = 0; }
  if (hi > max) { lo -= hi - max; hi = max; }
  return [Math.max(0, lo), hi];
}

/**
 * The window a drag from pixel p0 to p1 selects on `scale` (null for a click: shorter than MIN_DRAG_PX),
 * clamped to [0, limit] and rounded to whole steps.
 */
export function dragWindow(scale: StepScale, p0: number, p1: number, limit: number): Pair | null {
  if (Math.abs(p1 - p0) < MIN_DRAG_PX) return null;
  const [r0, r1] = scale.range();
  const clampPx = (p: number) => Math.min(Math.max(p, Math.min(r0, r1)), Math.max(r0, r1));
  const a = scale.invert(clampPx(Math.min(p0, p1)));
  const b = scale.invert(clampPx(Math.max(p0, p1)));
  const [lo, hi] = clampWindow(Math.floor(a), Math.ceil(b), limit);
  return [lo, hi];
}

/**
 * Zooms the shown window by `factor` (< 1 zooms in, > 1 out) about its centre (in the axis's own
 * space: geometric centre on a log axis). Zooming out to the whole range or beyond gives null (all steps).
 */
export function zoomWindow(shown: Pair, factor: number, limit: number, log = false): Pair | null {
  if (log) {
    const a = Math.log10(Math.max(LOG_FLOOR, shown[0]));
    const b = Math.log10(Math.max(LOG_FLOOR * 10, shown[1]));
    const mid = (a + b) / 2;
    const half = ((b - a) * factor) / 2;
    const lo = 10 ** (mid - half);
    const hi = 10 ** (mid + half);
    if (lo <= LOG_FLOOR && hi >= limit) return null;
    return clampWindow(Math.floor(lo <= LOG_FLOOR ? 0 : lo), Math.ceil(hi), limit);
  }
  const mid = (shown[0] + shown[1]) / 2;
  const half = ((shown[1] - shown[0]) * factor) / 2;
  if (mid - half <= 0 && mid + half >= limit) return null;
  return clampWindow(Math.floor(mid - half), Math.ceil(mid + half), limit);
}

/** Moves the window by `fraction` of its width (negative: earlier steps), kept inside [0, limit]. */
export function panWindow(shown: Pair, fraction: number, limit: number): Pair {
  const d = (shown[1] - shown[0]) * fraction;
  return clampWindow(Math.round(shown[0] + d), Math.round(shown[1] + d), limit);
}

/** What a key does to a view's window (null: not a zoom key). '+'/'-' zoom, arrows pan, '0'/Escape show all. */
export function keyToView(key: string, view: StepView, full: Pair): StepView | null {
  const shown = view.zoom ?? full;
  const limit = full[1];
  switch (key) {
    case '+': case '=': return { ...view, zoom: zoomWindow(shown, 0.5, limit, view.log) };
    case '-': case '_': return { ...view, zoom: zoomWindow(shown, 2, limit, view.log) };
    case 'ArrowLeft': return view.zoom ? { ...view, zoom: panWindow(shown, -0.25, limit) } : view;
    case 'ArrowRight': return view.zoom ? { ...view, zoom: panWindow(shown, 0.25, limit) } : view;
    case '0': case 'Escape': return { ...view, zoom: null };
    default: return null;
  }
}
