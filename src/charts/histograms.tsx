// "Activation histograms": per hidden layer (rows) and stage (columns: z before the norm, the norm's
// output, the activation), either the current distributions of every run overlaid on the shared bins
// ("Now"), or one run's distribution over time as a heatmap ("Over time": steps on x, value on y, the
// share of values as colour, TensorBoard-like). The history is accumulated from every frame (also while
// off screen) into a bounded client-side HistogramHistory; drawing happens on requestAnimationFrame
// for new frames, only while the figure is visible. React renders the SVG axes; their domains change
// rarely (bins ranges, 1-2-5 y maxima, niced step domains) and are the only frame-derived state.
import { scaleLinear } from 'd3-scale';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { STAGES, type Stage, type TelemetryFrame } from '../session/frame';
import { getApp, useApp } from '../state/app';
import { useT, type MessageKey } from '../state/i18n';
import { DEFAULT_HISTORY_COLUMNS, HistogramHistory } from './histogram-history';
import { renderHistoryImage } from './histogram-history-image';
import { formatShare, formatStep, niceCeil, niceStepDomain, shares } from './histograms-geometry';
import { AxisBottom, AxisLeft, Figure, prepareCanvas, runCss, runDash, runName, useWidth } from './histograms-kit';
import { runColor as resolvedRunColor } from './palette';
import { useFrameDraw } from './use-frame-draw';
import { LiveSummary } from './live-summary';
import { summarizeHistograms } from './summaries';

const STAGE_TITLES: Record<Stage, MessageKey> = { z: 'hist.stage.z', norm: 'hist.stage.norm', act: 'hist.stage.act' };
const MARGIN = { left: 38, right: 8, top: 6, bottom: 20 };
/** Narrowest panel of the three-column layout; below it the panels stack in one column. */
const MIN_PANEL = 140;

type Mode = 'now' | 'time';

/** Per panel, what the axes show: the value range (bins) and the y maximum (now) or step range (over time). */
interface PanelAxes { lo: number; hi: number; y: number; x0: number; x1: number }
type AxesMap = Record<string, PanelAxes | null>;

const panelKey = (layer: number, stage: number) => `${layer}:${stage}`;
const sameAxes = (a: PanelAxes | null | undefined, b: PanelAxes | null) =>
  a === b || (!!a && !!b && a.lo === b.lo && a.hi === b.hi && a.y === b.y && a.x0 === b.x0 && a.x1 === b.x1);

export interface HistogramsChartProps {
  /** Height of one panel in CSS pixels. */
  panelHeight?: number;
  /** Most columns of the over-time history per run, layer and stage. */
  historyColumns?: number;
}

export function HistogramsChart({ panelHeight = 120, historyColumns = DEFAULT_HISTORY_COLUMNS }: HistogramsChartProps) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const hidden = useApp((s) => s.settings.hidden);
  const runKinds = useApp((s) => s.runs);
  const runIds = useMemo<string[]>(() => [...runKinds], [runKinds]);
  const [mode, setMode] = useState<Mode>('now');
  const uid = useId();
  const [heatRun, setHeatRun] = useState<string>('batch');
  const shownRun = runIds.includes(heatRun) ? heatRun : runIds[0] ?? 'plain';
  const [axes, setAxes] = useState<AxesMap>({});
  const axesRef = useRef<AxesMap>({});
  const [hasData, setHasData] = useState(false);
  const canvases = useRef(new Map<string, HTMLCanvasElement>());
  const offscreen = useRef(new Map<string, { canvas: HTMLCanvasElement; image: ImageData }>());

  // The history: every frame, visible or not (a copy of a few hundred numbers).
  const history = useMemo(() => new HistogramHistory(historyColumns), [historyColumns]);
  useEffect(() => getApp().hub.subscribe((f) => { history.push(f); }), [history]);

  // Three stages side by side when they fit; on narrow screens one panel per row, each with its title.
  const gap = 12;
  const cols = width >= 3 * MIN_PANEL + 2 * gap ? 3 : 1;
  const panelWidth = Math.max(100, Math.floor((width - gap * (cols - 1)) / cols));
  const plotW = panelWidth - MARGIN.left - MARGIN.right;
  const plotH = panelHeight - MARGIN.top - MARGIN.bottom;
  const scratch = useRef(new Float64Array(64));

  const draw = (frame: TelemetryFrame) => {
    const next: AxesMap = {};
    const data = frame.runs.length > 0 && frame.bins.some((row) => row.some((b) => b && b.version > 0));
    if (data !== hasData) setHasData(data);
    frame.bins.forEach((row, j) => row.forEach((bins, s) => {
      const key = panelKey(j, s);
      const canvas = canvases.current.get(key) ?? null;
      const ctx = prepareCanvas(canvas, panelWidth, panelHeight);
      next[key] = null;
      if (!ctx || !bins || bins.version === 0) return;
      const x = scaleLinear().domain([bins.lo, bins.hi]).range([MARGIN.left, MARGIN.left + plotW]);
      if (mode === 'now') {
        // Shares of every run on the shared bins, as translucent step areas with a line on top.
        if (scratch.current.length < bins.count) scratch.current = new Float64Array(bins.count);
        const sh = scratch.current;
        let yMax = 0;
        for (const run of frame.runs) {
          const sf = run.layers[j]?.stages[s];
          if (sf) yMax = Math.max(yMax, shares(sf.hist, bins.count, sh));
        }
        const yTop = niceCeil(yMax);
        next[key] = { lo: bins.lo, hi: bins.hi, y: yTop, x0: 0, x1: 0 };
        const y = scaleLinear().domain([0, yTop]).range([MARGIN.top + plotH, MARGIN.top]);
        const w = (bins.hi - bins.lo) / bins.count;
        for (const run of frame.runs) {
          const sf = run.layers[j]?.stages[s];
          if (!sf) continue;
          shares(sf.hist, bins.count, sh);
          ctx.beginPath();
          ctx.moveTo(x(bins.lo), y(0));
          for (let i = 0; i < bins.count; i++) {
            const yi = y(Math.min(yTop, sh[i]));
            ctx.lineTo(x(bins.lo + i * w), yi);
            ctx.lineTo(x(bins.lo + (i + 1) * w), yi);
          }
          ctx.lineTo(x(bins.hi), y(0));
          const color = resolvedRunColor(box.current, run.id);
          ctx.globalAlpha = 0.14;
          ctx.fillStyle = color;
          ctx.fill();
          ctx.globalAlpha = 1;
          ctx.strokeStyle = color;
          ctx.lineWidth = 1.5;
          ctx.setLineDash(runDash(run.id));
          ctx.stroke();
          ctx.setLineDash([]);
        }
      } else {
        const ch = history.channel(shownRun, j, STAGES[s]);
        const dom = ch?.stepDomain();
        if (!ch || !dom) return;
        const [x0, x1] = niceStepDomain(dom[0], dom[1]);
        next[key] = { lo: ch.lo, hi: ch.hi, y: 0, x0, x1 };
        const w = Math.max(1, Math.round(plotW));
        let off = offscreen.current.get(key);
        if (!off || off.image.width !== w || off.image.height !== ch.bins) {
          const c = document.createElement('canvas');
          c.width = w;
          c.height = ch.bins;
          off = { canvas: c, image: new ImageData(w, ch.bins) };
          offscreen.current.set(key, off);
        }
        renderHistoryImage(ch, x0, x1, w, off.image.data);
        off.canvas.getContext('2d')?.putImageData(off.image, 0, 0);
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(off.canvas, MARGIN.left, MARGIN.top, plotW, plotH);
      }
    }));
    const old = axesRef.current;
    const keys = new Set([...Object.keys(old), ...Object.keys(next)]);
    if ([...keys].some((k) => !sameAxes(old[k], next[k] ?? null))) {
      axesRef.current = next;
      setAxes(next);
    }
  };
  useFrameDraw(box, draw, [mode, shownRun, panelWidth, panelHeight, history]);

  const controls = (
    <>
      <span className="ns-segmented" role="radiogroup" aria-label={t('hist.view')}>
        {(['now', 'time'] as const).map((m) => (
          <label key={m} className={mode === m ? 'on' : ''}>
            <input type="radio" name={`${uid}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} />
            {m === 'now' ? t('hist.now') : t('hist.time')}
          </label>
        ))}
      </span>
      {mode === 'time' && (
        <>
          <label className="ns-field" htmlFor={`${uid}-run`}>{t('hist.run')}</label>
          <select id={`${uid}-run`} value={shownRun} onChange={(e) => setHeatRun(e.target.value)}>
            {runIds.map((id) => <option key={id} value={id}>{runName(t, id)}</option>)}
          </select>
        </>
      )}
    </>
  );

  return (
    <Figure
      summary={<LiveSummary summarize={(f, lang) => summarizeHistograms(f, Math.max(0, (f?.runs[0]?.layers.length ?? 1) - 1), lang)} />}
      title={t('hist.title')}
      fileName="activation-histograms"
      className="ns-histograms"
      caption={mode === 'now' ? t('hist.caption.now') : t('hist.caption.time', { run: runName(t, shownRun).toLowerCase() })}
      controls={controls}
    >
      <div ref={box}>
        {mode === 'now' ? (
          <div className="ns-legend">
            {runIds.map((id) => (
              <span key={id}>
                <svg width={20} height={8} aria-hidden="true" style={{ marginRight: 4 }}>
                  <line x1={1} x2={19} y1={4} y2={4} stroke={runCss(id)} strokeWidth={2} strokeDasharray={runDash(id).join(' ') || undefined} />
                </svg>
                {runName(t, id)}
              </span>
            ))}
            <span>{t('hist.yLegend')}</span>
          </div>
        ) : (
          <div className="ns-legend">
            <span><i style={{ background: 'linear-gradient(90deg, #440154, #21918c, #fde725)', height: 8, width: 40 }} />{t('hist.heatLegend')}</span>
          </div>
        )}
        {!hasData && <p className="ns-empty">{t('hist.empty')}</p>}
        <div className="ns-hist-grid" style={{ gridTemplateColumns: `repeat(${cols}, ${panelWidth}px)`, display: hasData ? undefined : 'none' }}>
          {cols > 1 && STAGES.map((st) => <div key={st} className="ns-hist-head">{t(STAGE_TITLES[st])}</div>)}
          {hidden.map((units, j) => [
            <div key={`h${j}`} className="ns-hist-row-head" style={{ gridColumn: '1 / -1' }}>{t('hist.layer', { layer: j + 1, units })}</div>,
            ...STAGES.flatMap((stage, s) => {
            const key = panelKey(j, s);
            const a = axes[key] ?? null;
            const message = !a
              ? (stage === 'norm' && !runKinds.some((k) => k !== 'plain') ? t('hist.noNorm')
                : stage === 'norm' && mode === 'time' && shownRun === 'plain' ? t('hist.plainNoNorm') : '')
              : '';
            return [
              ...(cols === 1 ? [<div key={`${key}-head`} className="ns-hist-head">{t(STAGE_TITLES[stage])}</div>] : []),
              <div key={key} className="ns-hist-panel" style={{ width: panelWidth, height: panelHeight }}>
                <canvas
                  ref={(el) => { if (el) canvases.current.set(key, el); else canvases.current.delete(key); }}
                  style={{ width: panelWidth, height: panelHeight }}
                  aria-hidden="true"
                />
                <svg className="chart-svg" width={panelWidth} height={panelHeight} role="img"
                  aria-label={t('hist.panelAria', { stage: t(STAGE_TITLES[stage]), layer: j + 1, units })}>
                  {a && <PanelAxesView a={a} mode={mode} plotW={plotW} plotH={plotH} />}
                </svg>
                {message && <div className="ns-panel-empty">{message}</div>}
              </div>,
            ];
          })])}
        </div>
      </div>
    </Figure>
  );
}

function PanelAxesView({ a, mode, plotW, plotH }: { a: PanelAxes; mode: Mode; plotW: number; plotH: number }) {
  const value = scaleLinear().domain([a.lo, a.hi]);
  const bottom = MARGIN.top + plotH;
  if (mode === 'now') {
    const x = value.range([MARGIN.left, MARGIN.left + plotW]);
    const y = scaleLinear().domain([0, a.y]).range([bottom, MARGIN.top]);
    return (
      <>
        <AxisBottom scale={x} y={bottom} ticks={Math.max(2, Math.floor(plotW / 60))} />
        <AxisLeft scale={y} x={MARGIN.left} ticks={3} format={formatShare} />
      </>
    );
  }
  const x = scaleLinear().domain([a.x0, a.x1]).range([MARGIN.left, MARGIN.left + plotW]);
  const y = value.range([bottom, MARGIN.top]);
  return (
    <>
      <AxisBottom scale={x} y={bottom} ticks={Math.max(2, Math.floor(plotW / 70))} format={formatStep} />
      <AxisLeft scale={y} x={MARGIN.left} ticks={4} />
    </>
  );
}
