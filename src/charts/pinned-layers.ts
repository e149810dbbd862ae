// Pinned runs (./pinned-geometry.ts) on the charts that show several series of several layers (layer
// moments, percentile bands, CNN channel statistics): the pinned lines of a set of series names, grouped
// by series and layer, and which live run's panel a pinned run belongs in when a chart has one panel per run.
import type { PinnedEntry } from '../state/pins';
import { pinnedLineId, type PinnedLine } from './pinned-geometry';

/** The group key of series `name` at `layer`. */
export const layerSeriesKey = (name: string, layer: number | null): string => `${name}@${layer ?? ''}`;

/** Every pinned line of the series `names`, at any layer, grouped by layerSeriesKey. */
export function pinnedByLayer(entries: readonly PinnedEntry[], names: readonly string[]): Map<string, PinnedLine[]> {
  const out = new Map<string, PinnedLine[]>();
  for (const { key, record } of entries) {
    for (const run of record.runs) {
      for (const s of run.series) {
        if (!names.includes(s.series) || s.y.length === 0) continue;
        const k = layerSeriesKey(s.series, s.layer);
        const line: PinnedLine = { id: pinnedLineId(key, run.id), runId: run.id, pinKey: key, entry: record.name, x: s.x, y: s.y };
        const group = out.get(k);
        if (group) group.push(line); else out.set(k, [line]);
      }
    }
  }
  return out;
}

/** All lines of the groups, in one list (for the legend, the draw key and the step axis). */
export function allPinned(groups: ReadonlyMap<string, readonly PinnedLine[]>): PinnedLine[] {
  const out: PinnedLine[] = [];
  for (const lines of groups.values()) out.push(...lines);
  return out;
}

/**
 * The live run whose panel a pinned run is drawn in: the run of the same id when it is live, else the
 * first live run of its kind (a pinned `batch:eps=1` beside a live `batch`), else none (not drawn).
 */
export function pinnedPanel(runId: string, liveIds: readonly string[], kindOf: (id: string) => string | null): string | null {
  if (liveIds.includes(runId)) return runId;
  const kind = kindOf(runId);
  return kind === null ? null : liveIds.find((id) => kindOf(id) === kind) ?? null;
}
