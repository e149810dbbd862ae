// The pinned runs a chart overlays (state/pins.ts): their lines of one series, recomputed only when a
// pin changes, and their legend entries (the run's name with a 'pinned' mark, a toggle like a run's).
import { useMemo, useSyncExternalStore } from 'react';
import { pinBoard, type PinsSnapshot } from '../state/pins';
import { pinnedLines, type PinnedLine } from './pinned-geometry';
import { pinnedByLayer } from './pinned-layers';
import type { LegendItem, RunToggles } from './legend';
import { runStyle } from './palette';

export function usePins(): PinsSnapshot {
  return useSyncExternalStore(pinBoard.subscribe, pinBoard.snapshot, pinBoard.snapshot);
}

/** The pinned lines of series `name` (at `layer`), the same array until a pin changes. */
export function usePinnedLines(name: string, layer: number | null = null): readonly PinnedLine[] {
  const { version } = usePins();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the version stands for the pinned entries
  return useMemo(() => pinnedLines(pinBoard.entries(), name, layer), [version, name, layer]);
}

/** The pinned lines of the series `names` at every layer, grouped (./pinned-layers.ts); the same map until a pin changes. */
export function usePinnedGroups(names: readonly string[]): ReadonlyMap<string, readonly PinnedLine[]> {
  const { version } = usePins();
  const key = names.join();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the version stands for the pinned entries, key for names
  return useMemo(() => pinnedByLayer(pinBoard.entries(), names), [version, key]);
}

/** Legend entries of pinned lines, one per pinned run, muted, each toggling its line. */
export function pinnedItems<L extends Pick<PinnedLine, 'id' | 'runId' | 'entry'>>(lines: readonly L[], label: (l: L) => string, toggles?: RunToggles): LegendItem[] {
  const seen = new Set<string>();
  const out: LegendItem[] = [];
  for (const l of lines) {
    if (seen.has(l.id)) continue;
    seen.add(l.id);
    const s = runStyle(l.runId);
    out.push({ label: label(l), color: s.css, dash: s.dash, pinned: true, toggle: toggles ? { pressed: !toggles.hidden.has(l.id), onToggle: () => toggles.toggle(l.id) } : undefined });
  }
  return out;
}
