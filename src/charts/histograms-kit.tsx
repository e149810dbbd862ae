// Small private helpers of the histogram, decision-boundary, classification-report and BN panels
// (written while the shared chart frame did not exist yet): visibility, width, a devicePixelRatio
// canvas, SVG axes, and a figure with "Save PNG" (canvases, SVGs and the HTML text of the figure).
// Run colours come from the shared palette.
import { Fragment, useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { runName as i18nRunName, type T, useT } from '../i18n';
import { runStyle } from './palette';
import './histograms-kit.css';
import { setupCanvas } from './canvas';
import { saveFigurePng } from './save-png';

/** Run colour (light-theme hex), label and dash from the shared palette. */
export const runColor = (id: string) => runStyle(id).color;
export const runLabel = (id: string) => runStyle(id).label;
export const runDash = (id: string) => runStyle(id).dash;
export const runCss = (id: string) => runStyle(id).css;

/** The run's name in the page's language (the palette's English label for an unknown id). */
export const runName = (t: T, id: string) => {
  const name = i18nRunName(t, id);
  return name === id ? runLabel(id) : name;
};

/**
 * A translated text whose `{name}` placeholders are React nodes (numbers in <strong>, math with
 * <sub>/<sup>): `t(key)` without params keeps the placeholders, which are then replaced here.
 */
export function fillNodes(text: string, nodes: Record<string, ReactNode>): ReactNode {
  return text.split(/(\{\w+\})/).map((part, i) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    return <Fragment key={i}>{name !== undefined && name in nodes ? nodes[name] : part}</Fragment>;
  });
}

/** Whether the element is on screen (IntersectionObserver; true where it is unavailable). */
export function useVisible(ref: RefObject<Element | null>): RefObject<boolean> {
  const visible = useRef(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      for (const e of entries) visible.current = e.isIntersecting;
    });
    io.observe(el);
    return () => io.disconnect();
  }, [ref]);
  return visible;
}

export { useWidth } from './use-size';

/** Sizes the canvas for devicePixelRatio and returns a context in CSS pixels (or null): the shared helper. */
export const prepareCanvas = setupCanvas;

/** A figure whose caption starts with `title`, with a Save PNG button and optional controls. */
export function Figure({ title, fileName, className, controls, children, caption, summary }: {
  title: string;
  /** The chart's live text alternative (a <LiveSummary>), under the plot. */
  summary?: ReactNode;
  fileName: string;
  className?: string;
  controls?: ReactNode;
  children: ReactNode;
  caption?: ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  const t = useT();
  return (
    <figure ref={ref} className={`ns-chart ${className ?? ''}`}>
      <figcaption className="ns-chart-caption">
        <span className="ns-chart-title">{title}</span>
        {caption ? <span className="ns-chart-sub">{caption}</span> : null}
      </figcaption>
      <div className="ns-chart-controls">
        {controls}
        <button type="button" className="ns-chart-save" onClick={() => { if (ref.current) void saveFigurePng(ref.current, fileName); }}>
          {t('chart.savePng')}
        </button>
      </div>
      {children}
      {summary}
    </figure>
  );
}

type Scale = { (v: number): number; ticks(n?: number): number[]; tickFormat(n?: number, spec?: string): (v: number) => string; range(): number[] };

/** A bottom axis in SVG: baseline, ticks and labels at y (React renders it; D3 computes the ticks). */
export function AxisBottom({ scale, y, ticks = 4, format, label }: { scale: Scale; y: number; ticks?: number; format?: (v: number) => string; label?: string }) {
  const [r0, r1] = scale.range();
  const fmt = format ?? scale.tickFormat(ticks);
  return (
    <g className="ns-axis" transform={`translate(0,${y})`}>
      <path d={`M${r0},0.5H${r1}`} fill="none" />
      {scale.ticks(ticks).map((t) => {
        // A label that would stick out past an end of the axis is anchored at that end (never clipped).
        const x = scale(t);
        const half = fmt(t).length * 3;
        const anchor = x - half < Math.min(r0, r1) - 6 ? 'start' : x + half > Math.max(r0, r1) + 6 ? 'end' : 'middle';
        return (
          <g key={t} transform={`translate(${x},0)`}>
            <line y2={4} />
            <text y={13} textAnchor={anchor} dx={anchor === 'start' ? -2 : anchor === 'end' ? 2 : 0}>{fmt(t)}</text>
          </g>
        );
      })}
      {label ? <text x={r1} y={-3} textAnchor="end" className="ns-axis-label">{label}</text> : null}
    </g>
  );
}

/** A left axis in SVG at x. */
export function AxisLeft({ scale, x, ticks = 3, format }: { scale: Scale; x: number; ticks?: number; format?: (v: number) => string }) {
  const [r0, r1] = scale.range();
  const fmt = format ?? scale.tickFormat(ticks);
  return (
    <g className="ns-axis" transform={`translate(${x},0)`}>
      <path d={`M-0.5,${r0}V${r1}`} fill="none" />
      {scale.ticks(ticks).map((t) => (
        <g key={t} transform={`translate(0,${scale(t)})`}>
          <line x2={-4} />
          <text x={-6} dy="0.32em" textAnchor="end">{fmt(t)}</text>
        </g>
      ))}
    </g>
  );
}
