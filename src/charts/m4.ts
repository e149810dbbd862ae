// M4 aggregation (Jugel et al., "M4: a visualization-oriented time series data aggregation", VLDB 2014):
// a line drawn through n points on a plot w device pixels wide looks exactly the same when, per pixel
// column, only four points are kept: the first, the last, the smallest and the largest. Every spike and
// the envelope stay visible, the line enters and leaves each column where it did, and the canvas strokes
// at most 4 w points whatever the length of the history. Here it works on indices into typed columns,
// so the caller maps only the kept points through its scales.
//
// Invalid points (non-finite, or <= 0 on a log axis) break the line: they come out as one BREAK marker
// per run of invalid points, and a column never spans a break.

/** Marks a gap in the output indices (the line is lifted there). */
export const BREAK = -1;

type Values = ArrayLike<number>;

/** Pixel mapping of x: column = floor((a x + b) dpr), or floor(map(x) dpr) for a non-affine scale (log steps). */
export interface Columns {
  /** CSS px per unit of x, and the offset: px = a x + b. */
  a: number;
  b: number;
  /** Device pixels per CSS pixel. */
  dpr: number;
  /** The scale itself when it is not affine (a log-step axis): then px = map(x). */
  map?: ((v: number) => number) | null;
}

/** The affine mapping of a linear scale (two evaluations), for `columnsOf` below. */
export function columnsOf(x: (v: number) => number, dpr: number): Columns {
  const b = x(0);
  return { a: x(1) - b, b, dpr: dpr > 0 ? dpr : 1 };
}

/**
 * Reduces points [0, n) of ys against xs (x non-decreasing) to at most 4 per device-pixel column plus
 * one BREAK per run of invalid points; writes their indices, in increasing order, into `out` and returns
 * how many. `out` must hold min(n, 4 columns + breaks): n always suffices (see m4Capacity).
 * `valid(i)` says whether point i is drawn; with `lo`, a point is valid when both ys and lo are (bands).
 */
export function m4Indices(xs: Values, ys: Values, n: number, cols: Columns, out: Int32Array, positive = false, lo?: Values): number {
  const { a, b, dpr } = cols;
  let k = 0;
  let col = NaN;
  let first = -1;
  let last = -1;
  let minI = -1;
  let maxI = -1;
  let minV = 0;
  let maxV = 0;
  let broken = true; // no BREAK before the first point
  for (let i = 0; i < n; i++) {
    const v = ys[i];
    const ok = v === v && v !== Infinity && v !== -Infinity && (!positive || v > 0)
      && (lo === undefined || (lo[i] === lo[i] && lo[i] !== Infinity && lo[i] !== -Infinity && (!positive || lo[i] > 0)));
    if (!ok) {
      if (first >= 0) { k = emit(out, k, first, last, minI, maxI); first = -1; }
      col = NaN;
      if (!broken) { out[k++] = BREAK; broken = true; }
      continue;
    }
    broken = false;
    const c = Math.floor((cols.map ? cols.map(xs[i]) : a * xs[i] + b) * dpr);
    if (c !== col || first < 0) {
      if (first >= 0) k = emit(out, k, first, last, minI, maxI);
      col = c;
      first = last = minI = maxI = i;
      minV = maxV = v;
    } else {
      last = i;
      if (v < minV) { minV = v; minI = i; }
      if (v > maxV) { maxV = v; maxI = i; }
    }
  }
  if (first >= 0) k = emit(out, k, first, last, minI, maxI);
  // a trailing BREAK draws nothing: drop it
  if (k > 0 && out[k - 1] === BREAK) k--;
  return k;
}

/** Writes one column's points at out[k..]: first, the extremes in index order, last, each once; returns the new k. */
function emit(out: Int32Array, k: number, first: number, last: number, minI: number, maxI: number): number {
  const lo = minI < maxI ? minI : maxI;
  const hi = minI < maxI ? maxI : minI;
  out[k++] = first;
  if (lo !== first && lo !== last) out[k++] = lo;
  if (hi !== first && hi !== last && hi !== lo) out[k++] = hi;
  if (last !== first) out[k++] = last;
  return k;
}

/**
 * Reusable index buffers: `indices(n)` returns a buffer of at least n entries, allocating only when a
 * longer series than ever before comes (so drawing a frame allocates nothing once the buffers fit).
 */
export class M4Scratch {
  private buf = new Int32Array(0);
  private readonly cols: Columns = { a: 1, b: 0, dpr: 1, map: null };
  /** Allocations so far (the unit tests check that steady drawing makes none). */
  allocations = 0;

  /** columnsOf without allocating: the scratch's own Columns, updated. */
  columns(x: (v: number) => number, dpr: number): Columns {
    const c = this.cols;
    c.b = x(0);
    c.a = x(1) - c.b;
    c.dpr = dpr > 0 ? dpr : 1;
    // A log-step scale (./step-axis.ts) says so: its columns come from the scale, not from two points.
    c.map = (x as { log?: boolean }).log === true ? x : null;
    return c;
  }

  indices(n: number): Int32Array {
    if (this.buf.length < n) { this.buf = new Int32Array(grow(n)); this.allocations++; }
    return this.buf;
  }
}

const grow = (n: number) => Math.max(256, 2 ** Math.ceil(Math.log2(n)));
