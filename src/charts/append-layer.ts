// Draw only what changed (uPlot-style path caching, on the canvas itself): a chart canvas keeps what it
// drew, and while nothing but the history's end moved (same size, domains, options, runs: the chart's
// `key`) a telemetry frame draws only the new stretch of each series on top, without clearing. The
// canvas then rasterises a few segments at commit instead of every curve again, so the cost of a frame
// follows what is new, not the length of the history. Anything else (a domain that moved, a resize, a
// legend toggle, a zoom, a series that was compacted or replaced) redraws in full.
//
// A series is appended when the point it last ended at is still there, unchanged, at the same index: a
// BoundedSeries only appends, except when it halves (then that point's x moves) or is replaced. Its last
// point can still be "open" (a bucket still merging appends, whose mean moves): callers pass the settled
// length (settledLength below) so only points that can no longer change are drawn, at most one bucket
// (under a pixel column: a series keeps >= capacity/2 buckets over the axis) behind the data.
// Series are matched by the order the chart's draw visits them, the same for every frame of one key.
import type { SeriesColumns } from '../telemetry/bounded-series';
import { blendOver } from './blend';

/** What a series' last draw ended at. */
export interface SeriesMark {
  /** Points drawn (the first n). */
  n: number;
  /** x and y of point n - 1 when drawn. */
  x: number;
  y: number;
  /** x of point 0 when drawn (a series halved or replaced moves it too). */
  x0?: number;
  /** Length of the stroke's current subpath up to point n - 1 (CSS px), so dashes continue in phase. */
  dashAt: number;
  /**
   * The pixel columns drawn so far end here (CSS px, on a device-pixel boundary): those left of the
   * column of point n - 1. An append draws the columns from here to its own last point's, clipped to
   * them, so no pixel is painted by two draws (translucent marks would add up) and no seam is left.
   */
  colEnd: number;
}

/** The right edge of the pixel columns left of x (CSS px, on a device-pixel boundary). */
export function ownedEnd(px: number, dpr: number): number {
  return Math.floor(px * dpr) / dpr;
}

/**
 * Where an append draw of a series of n points starts: the index of the last point drawn before (the
 * new stretch joins there), n - 1 when nothing is new, or -1 when the series is not an append of what
 * was drawn (shorter, compacted, changed), which asks for a full redraw.
 */
export function appendFrom(mark: SeriesMark | undefined, xs: ArrayLike<number>, ys: ArrayLike<number>, n: number): number {
  if (!mark) return -1;
  if (mark.n === 0) return n === 0 ? -1 : 0;
  if (n < mark.n) return -1;
  const i = mark.n - 1;
  if (!Object.is(xs[i], mark.x) || !Object.is(ys[i], mark.y)) return -1;
  if (mark.x0 !== undefined && !Object.is(xs[0], mark.x0)) return -1;
  return i;
}

/**
 * The points of a series that can no longer change: all of them, or all but the last while that last
 * bucket covers fewer appends than the others (BoundedSeries: every point but the last covers exactly
 * `stride` appends, so count[0] is the stride).
 */
export function settledLength(cols: Pick<SeriesColumns, 'count'>, n: number): number {
  return n >= 2 && cols.count[n - 1] < cols.count[0] ? n - 1 : n;
}

/** Equal keys: arrays of numbers and strings (NaN equals NaN). */
export function sameKey(a: readonly unknown[] | null, b: readonly unknown[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** One canvas's record of its last draw (see the top of the file). */
export class AppendLayer {
  private key: readonly unknown[] | null = null;
  private marks: SeriesMark[] = [];
  private cursor = 0;
  /** Whether the draw in progress only appends. */
  appending = false;
  /** Set by a series that could not append: the draw must be done again in full. */
  failed = false;
  /** The plot's opaque background: faint strokes are drawn as the opaque colour they show over it (./blend.ts). */
  surface: string | null = null;
  private readonly blends = new Map<string, string | null>();
  /**
   * The pixel columns the series appended so far in this draw have painted, [paintedFrom, paintedTo)
   * (CSS px; empty when from >= to): dots drawn earlier that reach into them are drawn again on top
   * there (dotSeries in ./canvas.ts), so a new stretch of line does not cover part of a dot.
   */
  paintedFrom = Infinity;
  paintedTo = -Infinity;
  /** Draws in full and appends since creation (for tests and the benchmark's curiosity). */
  fulls = 0;
  appends = 0;

  /** Starts a draw with the chart's `key`: true when it may append (same key as the last full draw). */
  begin(key: readonly unknown[]): boolean {
    this.cursor = 0;
    this.failed = false;
    this.paintedFrom = Infinity;
    this.paintedTo = -Infinity;
    this.appending = sameKey(this.key, key);
    if (this.appending) this.appends++;
    else { this.key = key.slice(); this.marks = []; this.fulls++; }
    return this.appending;
  }

  /** `color` at `alpha` over the surface, opaque; null without a surface or a readable colour. */
  opaque(color: string, alpha: number): string | null {
    if (this.surface === null) return null;
    const k = `${color}|${alpha}|${this.surface}`;
    let v = this.blends.get(k);
    if (v === undefined) {
      if (this.blends.size > 256) this.blends.clear();
      v = blendOver(color, this.surface, alpha);
      this.blends.set(k, v);
    }
    return v;
  }

  /** Forgets the last draw: the next begin() draws in full. */
  invalidate(): void {
    this.key = null;
    this.marks = [];
    this.appending = false;
  }

  /** The next series' mark slot (series are matched by their order in the draw). */
  nextMark(): { index: number; mark: SeriesMark | undefined } {
    const index = this.cursor++;
    return { index, mark: this.marks[index] };
  }

  setMark(index: number, mark: SeriesMark): void {
    this.marks[index] = mark;
  }

  /** An append painted the columns [from, to). */
  painted(from: number, to: number): void {
    if (from < this.paintedFrom) this.paintedFrom = from;
    if (to > this.paintedTo) this.paintedTo = to;
  }

  /** A series that is not an append: the rest of this draw does nothing, and the caller redraws in full. */
  fail(): void {
    this.failed = true;
  }
}
