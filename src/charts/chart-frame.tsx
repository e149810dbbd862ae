// The frame of every chart: a <figure> whose <figcaption> starts with the chart's name, controls,
// a legend, the plot (children: usually <PlotLayer>s, a canvas under an SVG overlay), an empty state,
// a note, and a "Save PNG" button compositing canvas + SVG into a download. The figure is its own card
// (class ns-chart, which the page's grid recognises, so it adds no second card around it).
import { useRef, type ReactNode, type Ref } from 'react';
import { Legend, type LegendItem } from './legend';
import { saveFigurePng } from './save-png';
import { useT } from '../i18n';
import './charts.css';

export interface ChartFrameProps {
  /** The chart's English name: the caption starts with it. */
  title: string;
  /** Rest of the caption (" — training and test"). */
  subtitle?: string;
  /** Inputs (toggles, selects, sliders), each a labelled real input. */
  controls?: ReactNode;
  /** The chart's live text alternative (a <LiveSummary>), under the plot. */
  summary?: ReactNode;
  legend?: LegendItem[];
  /** Shows "Waiting for the first steps…" instead of hiding the plot (the plot stays mounted). */
  empty?: boolean;
  note?: ReactNode;
  /** File name of the PNG (without extension). */
  fileName: string;
  /** The plot area: the element the IntersectionObserver and ResizeObserver watch. */
  bodyRef?: Ref<HTMLDivElement>;
  children: ReactNode;
}

/** The English empty-state text (the shown one follows the page language). */
export const EMPTY_TEXT = 'Waiting for the first steps…';

export function ChartFrame({ title, subtitle, controls, summary, legend, empty, note, fileName, bodyRef, children }: ChartFrameProps) {
  const fig = useRef<HTMLElement>(null);
  const t = useT();
  return (
    <figure ref={fig} className="ns-fig ns-chart">
      <figcaption className="ns-fig-cap">
        <span className="ns-fig-title">{title}</span>
        {subtitle ? <span className="ns-fig-sub">{` ${subtitle}`}</span> : null}
      </figcaption>
      <div className="ns-fig-tools">
        {controls}
        <button type="button" className="ns-fig-btn" onClick={() => { if (fig.current) void saveFigurePng(fig.current, fileName); }}>
          {t('save')}
        </button>
      </div>
      {legend ? <Legend items={legend} label={t('legend')} /> : null}
      <div ref={bodyRef} className="ns-fig-body">
        {children}
        {empty ? <p className="ns-fig-empty" role="status">{t('empty')}</p> : null}
      </div>
      {summary}
      {note ? <p className="ns-fig-note">{note}</p> : null}
    </figure>
  );
}

/** A canvas with an SVG overlay of the same size (the overlay receives pointer events). */
export function PlotLayer({ width, height, canvasRef, children, onPointerMove, onPointerLeave, label, svgProps }: {
  width: number;
  height: number;
  canvasRef?: Ref<HTMLCanvasElement>;
  children?: ReactNode;
  onPointerMove?: (e: React.PointerEvent<SVGSVGElement>) => void;
  onPointerLeave?: () => void;
  /** Accessible description of the plot. */
  label?: string;
  /** More handlers for the overlay (drag-to-zoom of the step axis: ./use-step-axis.tsx). */
  svgProps?: React.SVGProps<SVGSVGElement>;
}) {
  return (
    <div className="ns-plot" style={{ width, height }}>
      <canvas ref={canvasRef} style={{ width, height }} aria-hidden="true" />
      <svg {...svgProps} className={`ns-overlay${svgProps ? ' ns-zoomable' : ''}`} width={width} height={height} role="img" aria-label={label}
        onPointerMove={(e) => { svgProps?.onPointerMove?.(e); onPointerMove?.(e); }} onPointerLeave={onPointerLeave}>
        {children}
      </svg>
    </div>
  );
}
