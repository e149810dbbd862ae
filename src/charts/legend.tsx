// A legend of runs (colour + dash swatch) and optional extra entries (e.g. "EMA", "test").
import { runStyle } from './palette';

export interface LegendItem { label: string; color: string; dash?: number[]; kind?: 'line' | 'band' | 'dot' | 'bar' }

/** Legend items of runs, in order. */
export const runItems = (ids: readonly string[], name: (id: string) => string = (id) => runStyle(id).label): LegendItem[] =>
  ids.map((id) => { const s = runStyle(id); return { label: name(id), color: s.css, dash: s.dash }; });

export function Legend({ items, label = 'Legend' }: { items: LegendItem[]; label?: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="ns-legend2" aria-label={label}>
      {items.map((it) => (
        <li key={it.label}>
          <svg width={22} height={10} aria-hidden="true">
            {it.kind === 'bar' ? <rect x={5} y={0} width={12} height={10} fill={it.color} />
              : it.kind === 'band' ? <rect x={1} y={1} width={20} height={8} fill={it.color} fillOpacity={0.25} />
              : it.kind === 'dot' ? <circle cx={11} cy={5} r={3} fill={it.color} />
              : <line x1={1} x2={21} y1={5} y2={5} stroke={it.color} strokeWidth={2} strokeDasharray={it.dash?.length ? it.dash.join(' ') : undefined} />}
          </svg>
          {it.label}
        </li>
      ))}
    </ul>
  );
}
