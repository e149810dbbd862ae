// A legend of runs (colour + dash swatch) and optional extra entries (e.g. "EMA", "test"). Run entries
// can be toggle buttons (aria-pressed) that hide or show the run in that view (useHiddenRuns).
import { memo, useCallback, useState, useSyncExternalStore } from 'react';
import { getApp } from '../state/app';
import { runStyle } from './palette';

export interface LegendItem {
  label: string;
  color: string;
  dash?: number[];
  kind?: 'line' | 'band' | 'dot' | 'bar' | 'light' | 'dots';
  /** A pinned run's entry (state/pins.ts): its swatch muted, as the chart draws it, and marked 'pinned'. */
  pinned?: boolean;
  /** A run entry that hides or shows its run: pressed = shown. */
  toggle?: { pressed: boolean; onToggle: () => void };
}

/** Which runs a view hides, and the switch. */
export interface RunToggles {
  hidden: ReadonlySet<string>;
  toggle: (id: string) => void;
}

/** The runs a view hides (its own state: hiding a run in one view leaves the others as they are). */
export function useHiddenRuns(): RunToggles {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback((id: string) => setHidden((h) => {
    const next = new Set(h);
    if (next.has(id)) next.delete(id); else next.add(id);
    return next;
  }), []);
  return { hidden, toggle };
}

const NO_RUNS: readonly string[] = [];
const noSubscribe = () => () => {};

/**
 * The runs a view's legend lists: those its frames drew, or before its first draw the session's runs
 * from the store, so that the legend's toggle buttons exist from the start (a keyboard user's tab
 * order does not grow under them when the view first draws).
 */
export function useLegendRuns(drawn: readonly string[]): readonly string[] {
  let store: ReturnType<typeof getApp>['store'] | null = null;
  try { store = getApp().store; } catch { store = null; } // a chart shown without the app (tests, previews)
  const runs = useSyncExternalStore(store ? store.subscribe : noSubscribe, () => (store ? store.getState().runs : NO_RUNS));
  return drawn.length > 0 ? drawn : runs;
}

/** Legend items of runs, in order; with `toggles`, each is a button that hides or shows its run. */
export const runItems = (ids: readonly string[], name: (id: string) => string = (id) => runStyle(id).label, toggles?: RunToggles): LegendItem[] =>
  ids.map((id) => {
    const s = runStyle(id);
    return {
      label: name(id), color: s.css, dash: s.dash,
      toggle: toggles ? { pressed: !toggles.hidden.has(id), onToggle: () => toggles.toggle(id) } : undefined,
    };
  });

function SwatchView({ it }: { it: LegendItem }) {
  return (
    <svg width={22} height={10} aria-hidden="true">
      {it.kind === 'bar' ? <rect x={5} y={0} width={12} height={10} fill={it.color} />
        : it.kind === 'band' ? <rect x={1} y={1} width={20} height={8} fill={it.color} fillOpacity={0.25} />
        : it.kind === 'dot' ? <circle cx={11} cy={5} r={3} fill={it.color} />
        : it.kind === 'dots' ? <>{[4, 11, 18].map((cx) => <circle key={cx} cx={cx} cy={5} r={2} fill={it.color} />)}</>
        : it.kind === 'light' ? <line x1={1} x2={21} y1={5} y2={5} stroke={it.color} strokeOpacity={0.4} strokeWidth={2} />
        : it.pinned ? <line x1={1} x2={21} y1={5} y2={5} stroke={it.color} strokeOpacity={0.45} strokeWidth={1.25} strokeDasharray={it.dash?.length ? it.dash.join(' ') : undefined} />
        : <line x1={1} x2={21} y1={5} y2={5} stroke={it.color} strokeWidth={2} strokeDasharray={it.dash?.length ? it.dash.join(' ') : undefined} />}
    </svg>
  );
}

/** A swatch re-renders only when its look changes (legend items are rebuilt on every render of a chart). */
const Swatch = memo(SwatchView, (p, n) => p.it.kind === n.it.kind && p.it.color === n.it.color && p.it.pinned === n.it.pinned
  && (p.it.dash ?? []).join() === (n.it.dash ?? []).join());

export function Legend({ items, label = 'Legend' }: { items: LegendItem[]; label?: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="ns-legend2" aria-label={label}>
      {items.map((it) => (
        <li key={it.label} className={it.pinned ? 'ns-legend-pinned' : undefined} data-pinned={it.pinned ? '' : undefined}>
          {it.toggle ? (
            <button type="button" className="ns-legend-toggle" aria-pressed={it.toggle.pressed} onClick={it.toggle.onToggle}>
              <Swatch it={it} />{it.label}
            </button>
          ) : <><Swatch it={it} />{it.label}</>}
        </li>
      ))}
    </ul>
  );
}
