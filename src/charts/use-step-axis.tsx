// The step axis of a time-series view, in React: its StepView (zoom window, log steps) as state, the
// scale for given plot edges, pointer handlers for drag-to-zoom on the overlay (double-click shows all
// steps), the dragged band, and the controls (a log-steps switch and zoom buttons that work from the
// keyboard: +/− zoom, arrows pan, 0 or Escape show all). The logic is ./step-axis.ts.
import { useRef, useState, type PointerEvent, type KeyboardEvent } from 'react';
import { dragWindow, FULL_VIEW, keyToView, panWindow, stepScale, zoomWindow, type Pair, type StepScale, type StepView } from './step-axis';
import { useT } from '../i18n';

/** Where a pointer is: the step scale and the vertical extent of the panel under it (null: none). */
export type PanelAt = (px: number, py: number) => { scale: StepScale; top: number; bottom: number } | null;

interface Drag { p0: number; p1: number; scale: StepScale; top: number; bottom: number }

export interface StepAxis {
  view: StepView;
  /** The scale of the view over [left, right] for the full steps `full`. */
  scale(full: Pair, left: number, right: number): StepScale;
  /** Pointer handlers for the overlay (spread onto PlotLayer's svgProps). */
  pointer(panelAt: PanelAt, full: Pair): {
    onPointerDown: (e: PointerEvent<SVGSVGElement>) => void;
    onPointerMove: (e: PointerEvent<SVGSVGElement>) => void;
    onPointerUp: (e: PointerEvent<SVGSVGElement>) => void;
    onDoubleClick: () => void;
  };
  /** The band being dragged (render inside the overlay), or null. */
  band: React.ReactNode;
  /** Whether a drag is in progress (hover tooltips wait). */
  dragging: boolean;
  /** The controls for the chart's toolbar. */
  controls(full: Pair): React.ReactNode;
  /** Shows every step again (the zoom window is dropped; e.g. when the axis's units change). */
  showAll(): void;
}

const localX = (e: PointerEvent<SVGSVGElement>) => {
  const r = e.currentTarget.getBoundingClientRect();
  return { px: e.clientX - r.left, py: e.clientY - r.top };
};

export function useStepAxis(): StepAxis {
  const [view, setView] = useState<StepView>(FULL_VIEW);
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const t = useT();

  const scale = (full: Pair, left: number, right: number) => stepScale(full, view, left, right);

  const pointer: StepAxis['pointer'] = (panelAt, full) => ({
    onPointerDown: (e) => {
      if (e.button !== 0) return;
      const { px, py } = localX(e);
      const p = panelAt(px, py);
      if (!p) return;
      const [r0, r1] = p.scale.range();
      if (px < r0 || px > r1) return;
      const d = { p0: px, p1: px, ...p };
      dragRef.current = d;
      setDrag(d);
      e.currentTarget.setPointerCapture?.(e.pointerId);
    },
    onPointerMove: (e) => {
      const d = dragRef.current;
      if (!d) return;
      const next = { ...d, p1: localX(e).px };
      dragRef.current = next;
      setDrag(next);
    },
    onPointerUp: (e) => {
      const d = dragRef.current;
      dragRef.current = null;
      setDrag(null);
      e.currentTarget.releasePointerCapture?.(e.pointerId);
      if (!d) return;
      const w = dragWindow(d.scale, d.p0, localX(e).px, full[1]);
      if (w) setView((v) => ({ ...v, zoom: w }));
    },
    onDoubleClick: () => setView((v) => ({ ...v, zoom: null })),
  });

  const band = drag && Math.abs(drag.p1 - drag.p0) > 1 ? (
    <rect className="ns-brush" x={Math.min(drag.p0, drag.p1)} y={drag.top} width={Math.abs(drag.p1 - drag.p0)} height={drag.bottom - drag.top} />
  ) : null;

  const controls = (full: Pair) => {
    const shown = view.zoom ?? full;
    const onKey = (e: KeyboardEvent<HTMLElement>) => {
      const next = keyToView(e.key, view, full);
      if (!next) return;
      e.preventDefault();
      e.stopPropagation();
      setView(next);
    };
    return (
      <span className="ns-step-tools" role="group" aria-label={t('zoom.group')} onKeyDown={onKey}>
        <label><input type="checkbox" checked={view.log} onChange={(e) => setView((v) => ({ ...v, log: e.target.checked }))} />{t('zoom.log')}</label>
        <button type="button" className="ns-fig-btn ns-icon-btn" aria-label={t('zoom.out')} title={t('zoom.out')}
          disabled={!view.zoom} onClick={() => setView((v) => ({ ...v, zoom: zoomWindow(shown, 2, full[1], v.log) }))}>−</button>
        <button type="button" className="ns-fig-btn ns-icon-btn" aria-label={t('zoom.in')} title={t('zoom.in')}
          onClick={() => setView((v) => ({ ...v, zoom: zoomWindow(shown, 0.5, full[1], v.log) }))}>+</button>
        {view.zoom ? <>
          <button type="button" className="ns-fig-btn ns-icon-btn" aria-label={t('zoom.earlier')} title={t('zoom.earlier')}
            onClick={() => setView((v) => ({ ...v, zoom: panWindow(shown, -0.25, full[1]) }))}>‹</button>
          <button type="button" className="ns-fig-btn ns-icon-btn" aria-label={t('zoom.later')} title={t('zoom.later')}
            onClick={() => setView((v) => ({ ...v, zoom: panWindow(shown, 0.25, full[1]) }))}>›</button>
          <button type="button" className="ns-fig-btn" onClick={() => setView((v) => ({ ...v, zoom: null }))}>
            {t('zoom.all', { from: Math.round(view.zoom[0]).toLocaleString('en-US'), to: Math.round(view.zoom[1]).toLocaleString('en-US') })}
          </button>
        </> : <span className="ns-zoom-hint">{t('zoom.hint')}</span>}
      </span>
    );
  };

  return { view, scale, pointer, band, dragging: drag !== null, controls, showAll: () => setView((v) => ({ ...v, zoom: null })) };
}

/** The panelAt of a chart with one plot: `scale` between top and bottom. */
export const onePanel = (scale: StepScale, top: number, bottom: number): PanelAt => () => ({ scale, top, bottom });
