// Pinned runs on the time-series charts (issue #16): the series of the pinned library entries
// (state/pins.ts) that a chart overlays, their muted style, and what they add to the chart's domains.
// A pinned series never changes, so a chart draws it only in a full redraw (./append-layer.ts), beneath
// the live runs; the pins' version is in the chart's draw key so that a pin or unpin redraws in full.
import type { PinnedEntry } from '../state/pins';
import type { SavedSeries } from '../state/run-record';
import type { ValuePool, YWindow } from './y-domain';

/** One pinned run's series of one name: drawn in its run's colour and dash, muted. */
export interface PinnedLine {
  /** `pin:KEY:RUN`: unique across the pins and never a live run id (a legend toggle hides it). */
  id: string;
  /** The saved run's id ('batch', 'batch:eps=1'): its colour and dash. */
  runId: string;
  pinKey: string;
  /** The library entry's name. */
  entry: string;
  x: Float64Array;
  y: Float32Array;
}

/** Muted: lighter (this alpha over the surface) and thinner than a live run's line; the dash is the run kind's. */
export const PINNED_ALPHA = 0.45;
export const PINNED_WIDTH = 1.25;

export const pinnedLineId = (pinKey: string, runId: string) => `pin:${pinKey}:${runId}`;

/** The series `name` (at `layer`, null for a run-level series) of every run of every pinned entry that has it. */
export function pinnedLines(entries: readonly PinnedEntry[], name: string, layer: number | null = null): PinnedLine[] {
  const out: PinnedLine[] = [];
  for (const { key, record } of entries) {
    for (const run of record.runs) {
      const s: SavedSeries | undefined = run.series.find((c) => c.series === name && c.layer === layer);
      if (!s || s.y.length === 0) continue;
      out.push({ id: pinnedLineId(key, run.id), runId: run.id, pinKey: key, entry: record.name, x: s.x, y: s.y });
    }
  }
  return out;
}

/** The last step of any pinned line (0 when none): a chart's step axis reaches it, so the pins show whole. */
export function pinnedLastStep(lines: readonly PinnedLine[]): number {
  let last = 0;
  for (const l of lines) {
    for (let i = l.x.length - 1; i >= 0; i--) if (Number.isFinite(l.x[i])) { last = Math.max(last, l.x[i]); break; }
  }
  return last;
}

/** Adds the shown pinned lines' values (within the zoomed steps) to a chart's y-domain pool. */
export function addPinnedValues(pool: ValuePool, lines: readonly PinnedLine[], hidden: ReadonlySet<string> | undefined, window: YWindow, positive: boolean): void {
  for (const l of lines) if (!hidden?.has(l.id)) pool.addSeries(l, window, positive);
}

/** The part of a draw key the pins set: their lines' ids and lengths, in order. */
export function pinnedKey(lines: readonly PinnedLine[], hidden: ReadonlySet<string>): unknown[] {
  const out: unknown[] = [lines.length];
  for (const l of lines) out.push(l.id, l.y.length, hidden.has(l.id) ? 1 : 0);
  return out;
}
