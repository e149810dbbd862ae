// The markers of live setting changes on a time-series view, as an SVG layer of the overlay: a line at
// the step the new value took effect and its label ("batch 60→2", in the page's language, from
// useSettingChanges), laid out by ./change-markers.ts. It re-renders only when the changes or the
// scale change, never per telemetry frame, and a canvas redraw cannot erase it.
import { memo } from 'react';
import { useSettingChanges } from '../state/setting-changes';
import { layoutMarkers } from './change-markers';

const ROW = 11;

interface ChangeMarkersProps {
  x: (step: number) => number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  rows?: number;
}

function ChangeMarkersView({ x, top, bottom, left, right, rows = 3 }: ChangeMarkersProps) {
  const changes = useSettingChanges();
  if (changes.length === 0) return null;
  const placed = layoutMarkers(changes, x, { left, right, rows });
  return (
    <g className="ns-markers" aria-hidden="true">
      {placed.map((m) => {
        const px = Math.round(m.x) + 0.5;
        const y = top + 9 + m.row * ROW;
        return (
          <g key={`${m.step}:${m.labels.join()}`} className="ns-marker" data-step={m.step} data-label={m.labels.join('; ')}>
            <line x1={px} x2={px} y1={top} y2={bottom} />
            {m.text ? <text x={m.textX} y={y} textAnchor={m.anchor}>{m.text}</text> : null}
          </g>
        );
      })}
    </g>
  );
}

/** The same mapping of steps to pixels: equal domains and ranges (when the scales have them) and equal probes. */
function sameStepMapping(a: ChangeMarkersProps['x'], b: ChangeMarkersProps['x']): boolean {
  if (a === b) return true;
  const da = (a as { domain?: () => number[] }).domain?.();
  const db = (b as { domain?: () => number[] }).domain?.();
  const ra = (a as { range?: () => number[] }).range?.();
  const rb = (b as { range?: () => number[] }).range?.();
  if (!da || !db || !ra || !rb || da.length !== db.length || ra.length !== rb.length) return false;
  if (da.some((v, i) => v !== db[i]) || ra.some((v, i) => v !== rb[i])) return false;
  // a linear and a log-step axis can share domain and range: probe inside
  for (const f of [0.25, 0.5]) { const v = da[0] + f * (da[da.length - 1] - da[0]); if (a(v) !== b(v)) return false; }
  return true;
}

/** Re-renders when the changes (its own hook) or the step axis change, not on a chart's every frame. */
export const ChangeMarkers = memo(ChangeMarkersView, (p, n) => p.top === n.top && p.bottom === n.bottom && p.left === n.left
  && p.right === n.right && p.rows === n.rows && sameStepMapping(p.x, n.x));
