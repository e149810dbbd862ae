// Hover tooltip of line charts: the step under the pointer and, per run, the value of the point nearest
// to it (bisection on the run's steps). Pure lookup in `tooltipRows`, rendering in <Tooltip>.
import type { SeriesColumns } from '../telemetry/bounded-series';
import { nearestIndex } from './nearest';
import { runStyle } from './palette';

export interface TooltipRow { id: string; label: string; color: string; step: number; value: number; extra?: string }
export interface TooltipData { step: number; left: number; top: number; rows: TooltipRow[]; /** A heading instead of "step N" (e.g. a histogram bin). */ title?: string }

/**
 * For each run's series, the point nearest to `step` (skipping empty series). `values` may replace the
 * series' y (e.g. the smoothed curve); `extra` formats something to add (e.g. the raw value).
 */
export function tooltipRows(
  series: readonly { id: string; cols: SeriesColumns | null; values?: ArrayLike<number>; extra?: (i: number) => string }[],
  step: number,
  name: (id: string) => string = (id) => runStyle(id).label,
): TooltipRow[] {
  const rows: TooltipRow[] = [];
  for (const s of series) {
    if (!s.cols) continue;
    const i = nearestIndex(s.cols.x, step);
    if (i < 0) continue;
    const st = runStyle(s.id);
    rows.push({ id: s.id, label: name(s.id), color: st.css, step: s.cols.x[i], value: (s.values ?? s.cols.y)[i], extra: s.extra?.(i) });
  }
  return rows;
}

export const formatValue = (v: number): string =>
  !Number.isFinite(v) ? '—' : Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : v.toPrecision(4);

export function Tooltip({ data, format = formatValue, stepLabel = 'step' }: { data: TooltipData | null; format?: (v: number) => string; stepLabel?: string }) {
  if (!data || data.rows.length === 0) return null;
  return (
    <div className="ns-tip" style={{ left: data.left, top: data.top }} role="status" aria-live="off">
      <div className="ns-tip-step">{data.title ?? `${stepLabel} ${Math.round(data.step)}`}</div>
      {data.rows.map((r) => (
        <div key={r.id}><i style={{ background: r.color }} />{r.label}: {format(r.value)}{r.extra ? ` ${r.extra}` : ''}</div>
      ))}
    </div>
  );
}

/** The point of `cols` nearest to `step` as a tooltip row (null when the series is empty). */
export function pointRow(id: string, label: string, color: string, cols: SeriesColumns | null | undefined, step: number): TooltipRow | null {
  if (!cols) return null;
  const i = nearestIndex(cols.x, step, Math.min(cols.x.length, cols.y.length));
  return i < 0 ? null : { id, label, color, step: cols.x[i], value: cols.y[i] };
}

/** A tooltip placed beside the pointer inside `host` (the positioned plot body), kept within its width. */
export function placeTip(host: Element | null, e: { clientX: number; clientY: number }, rows: (TooltipRow | null)[], step?: number, title?: string): TooltipData | null {
  const shown = rows.filter((r): r is TooltipRow => r !== null);
  if (!host || shown.length === 0) return null;
  const r = host.getBoundingClientRect();
  const left = Math.max(0, Math.min(e.clientX - r.left + 12, r.width - 220));
  return { step: step ?? shown[0].step, left, top: e.clientY - r.top + 14, rows: shown, title };
}
