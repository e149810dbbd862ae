// The markers of live setting changes on a time-series view, as an SVG layer of the overlay: a line at
// the step the new value took effect and its label ("batch 60→2", in the page's language, from
// useSettingChanges), laid out by ./change-markers.ts. It re-renders only when the changes or the
// scale change, never per telemetry frame, and a canvas redraw cannot erase it.
import { useSettingChanges } from '../state/setting-changes';
import { layoutMarkers } from './change-markers';

const ROW = 11;

export function ChangeMarkers({ x, top, bottom, left, right, rows = 3 }: {
  x: (step: number) => number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  rows?: number;
}) {
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
