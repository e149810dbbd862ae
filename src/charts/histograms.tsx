// "Activation histograms": per hidden layer (rows) and stage (columns: z before the norm, the norm's
// output, the activation), either the current distributions of every run overlaid on the shared bins
// ("Now"), or one run's distribution over time as a heatmap ("Over time": steps on x, value on y, the
// share of values as colour, TensorBoard-like). The history is accumulated from every frame (also while
// off screen) into a bounded client-side HistogramHistory; drawing happens on requestAnimationFrame
// for new frames, only while the figure is visible. React renders the SVG axes; their domains change
// rarely (bins ranges, 1-2-5 y maxima with hysteresis, niced step domains) and are the only
// frame-derived state. Values outside the axis are counted apart (the worker's bins never put them in
// an edge bin): an outlined overflow bar beyond each edge and a label ("37 values > 4") set on the SVG
// directly, not through React state. "Lock axes" freezes every panel's value range (counts on other
// bins are re-expressed on the locked ones, what falls outside joins the overflow) and keeps the y
// maximum from shrinking (it still grows when a bin needs it); "Reset axes" unlocks
// and lets the y axes fit the data at once. The normalized column draws the N(0, 1) reference.
import { CNN_CHANNELS } from '../state/chart-inputs';
import { scaleLinear } from 'd3-scale';
import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Stage, TelemetryFrame } from '../telemetry/frame';
import { STAGES } from '../state/chart-inputs';
import { getApp, useApp } from '../state/app';
import { currentT, type MessageKey, useT } from '../i18n';
import { DEFAULT_HISTORY_COLUMNS, HistogramHistory } from './histogram-history';
import { renderHistoryImage } from './histogram-history-image';
import { formatShare, formatStep, niceCeil, niceStepDomain, normalShare, overflowText, reprojectKeepOverflow, StickyMax } from './histograms-geometry';
import { formatTick } from './axes';
import { Legend, runItems, useHiddenRuns } from './legend';
import { ChangeMarkers } from './change-markers-view';
import { Tooltip, formatValue, type TooltipData } from './tooltip';
import { hub } from './use-frame-draw';
import { themeColors } from './palette';
import './charts.css';
import { AxisBottom, AxisLeft, Figure, prepareCanvas, runDash, runName, useWidth } from './histograms-kit';
import { runColor as resolvedRunColor } from './palette';
import { useFrameDraw } from './use-frame-draw';
import { LiveSummary } from './live-summary';
import { HistogramsSignature } from './histograms-signature';
import { summarizeHistograms } from './summaries';
import { pinBoard } from '../state/pins';
import { pinnedDistributions, pinnedOverlayRuns, pinnedShares, type PinnedDistribution } from './histograms-pinned';
import { PINNED_ALPHA, PINNED_WIDTH } from './pinned-geometry';
import { pinnedItems, usePins } from './use-pins';

const STAGE_TITLES: Record<Stage, MessageKey> = { z: 'hist.stage.z', norm: 'hist.stage.norm', act: 'hist.stage.act' };
const MARGIN = { left: 38, right: 16, top: 6, bottom: 20 };
/** Width of the outlined overflow bar beyond each edge of the value axis (px). */
const OVERFLOW_W = 5;
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
  const toggles = useHiddenRuns();
  const hiddenRuns = toggles.hidden;
  const [locked, setLocked] = useState(false);
  // Pinned runs' last distributions (./histograms-pinned.ts) as outlines on "Now": off by default.
  const [pinOverlay, setPinOverlay] = useState(false);
  const pins = usePins();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the version stands for the pinned entries
  const pinEntries = useMemo(() => pinBoard.entries(), [pins.version]);
  const pinShares = useRef(new Float64Array(64));
  const [resets, setResets] = useState(0);
  const [tip, setTip] = useState<TooltipData | null>(null);
  /** Per panel: the y maximum's hysteresis, and the ranges frozen by "Lock axes". */
  const sticky = useRef(new Map<string, StickyMax>());
  const lockedAxes = useRef<AxesMap>({});
  /** Per panel, the overflow labels (set directly in draw: they change every frame). */
  const overflowLabels = useRef(new Map<string, { under: SVGTextElement | null; over: SVGTextElement | null }>());
  const display = useRef(new Float64Array(64));
  const width = useWidth(box);
  // The CNN's watched layers are its two conv layers (8 and 16 channels; per-channel statistics over N x H x W).
  const hidden = useApp((s) => (s.settings.arch === 'cnn' ? CNN_CHANNELS : s.settings.hidden));
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
  const draw = (frame: TelemetryFrame) => {
    const theme = themeColors(box.current);
    const next: AxesMap = {};
    const data = frame.runs.length > 0 && frame.bins.some((row) => row.some((b) => b && b.version > 0));
    if (data !== hasData) setHasData(data);
    frame.bins.forEach((row, j) => row.forEach((bins, s) => {
      const key = panelKey(j, s);
      const canvas = canvases.current.get(key) ?? null;
      const ctx = prepareCanvas(canvas, panelWidth, panelHeight);
      next[key] = null;
      const labels = overflowLabels.current.get(key);
      // The labels' texts of this frame ('' when nothing is outside), written only when they changed
      // (a DOM write costs style and layout; the counts change only when the statistics are refreshed).
      let underText = '';
      let overText = '';
      const writeLabels = () => {
        if (labels?.under && labels.under.textContent !== underText) labels.under.textContent = underText;
        if (labels?.over && labels.over.textContent !== overText) labels.over.textContent = overText;
      };
      if (!ctx || !bins || bins.version === 0) { writeLabels(); return; }
      if (mode === 'now') {
        // The value axis: the bins' range, or the locked one (counts re-expressed on its bins).
        const lockA = locked ? lockedAxes.current[key] : null;
        const lo = lockA ? lockA.lo : bins.lo;
        const hi = lockA ? lockA.hi : bins.hi;
        const B = bins.count;
        const x = scaleLinear().domain([lo, hi]).range([MARGIN.left, MARGIN.left + plotW]);
        const runs = frame.runs.filter((r) => !hiddenRuns.has(r.id) && r.layers[j]?.stages[s]);
        if (display.current.length < B * Math.max(1, runs.length)) display.current = new Float64Array(B * Math.max(1, runs.length) * 2);
        const counts = display.current;
        // Per run: counts on the shown bins (counts[r B .. (r + 1) B)), overflow, total, largest share.
        let under = 0;
        let over = 0;
        // Every value under is below underEdge, every value over above overEdge (a run's own bins can
        // be narrower than the shared ones: its overflow is counted against its own edges).
        let underEdge = -Infinity;
        let overEdge = Infinity;
        let yMax = 0;
        const side = runs.map((run, r) => {
          const sf = run.layers[j].stages[s]!;
          const dst = counts.subarray(r * B, (r + 1) * B);
          let u = sf.under;
          let o = sf.over;
          if (lo === bins.lo && hi === bins.hi) for (let i = 0; i < B; i++) dst[i] = sf.hist[i];
          else {
            const moved = reprojectKeepOverflow(sf.hist, bins.lo, bins.hi, dst, lo, hi, B, B);
            u += moved.under;
            o += moved.over;
            if (moved.under > 0) underEdge = Math.max(underEdge, lo);
            if (moved.over > 0) overEdge = Math.min(overEdge, hi);
          }
          if (sf.under > 0) underEdge = Math.max(underEdge, sf.overflowEdges[0]);
          if (sf.over > 0) overEdge = Math.min(overEdge, sf.overflowEdges[1]);
          let total = u + o;
          for (let i = 0; i < B; i++) total += dst[i];
          for (let i = 0; i < B; i++) if (total > 0 && dst[i] / total > yMax) yMax = dst[i] / total;
          under += u;
          over += o;
          // Where this run's overflow starts: its own bins' edges when they lie inside the axis (runs
          // trained in another worker count against their own bins), else the axis ends.
          const uAt = sf.under > 0 ? Math.min(hi, Math.max(lo, sf.overflowEdges[0])) : lo;
          const oAt = sf.over > 0 ? Math.max(lo, Math.min(hi, sf.overflowEdges[1])) : hi;
          return { u, o, total, uAt, oAt };
        });
        // Pinned runs' last distributions of this layer and stage, on the shown bins (counted in the y maximum).
        const pinned: PinnedDistribution[] = pinOverlay ? pinnedDistributions(pinEntries, j, STAGES[s]).filter((p) => !hiddenRuns.has(p.id)) : [];
        if (pinShares.current.length < B * pinned.length) pinShares.current = new Float64Array(B * pinned.length * 2);
        pinned.forEach((p, k) => { yMax = Math.max(yMax, pinnedShares(p.dist, lo, hi, B, pinShares.current.subarray(k * B, (k + 1) * B))); });
        const st = sticky.current.get(key) ?? new StickyMax();
        sticky.current.set(key, st);
        // Locked, the y axis keeps its value but still grows when a bin needs it (a bar cut at the top would lie).
        const yTop = lockA ? Math.max(lockA.y, niceCeil(yMax)) : st.update(yMax);
        next[key] = { lo, hi, y: yTop, x0: 0, x1: 0 };
        const y = scaleLinear().domain([0, yTop]).range([MARGIN.top + plotH, MARGIN.top]);
        const w = (hi - lo) / B;
        // Pinned: outlines only, lighter and thinner, in the run's colour and dash, beneath the live runs.
        pinned.forEach((p, k) => {
          ctx.beginPath();
          ctx.moveTo(x(lo), y(0));
          for (let i = 0; i < B; i++) {
            const yi = y(Math.min(yTop, pinShares.current[k * B + i]));
            ctx.lineTo(x(lo + i * w), yi);
            ctx.lineTo(x(lo + (i + 1) * w), yi);
          }
          ctx.lineTo(x(hi), y(0));
          ctx.globalAlpha = PINNED_ALPHA;
          ctx.strokeStyle = resolvedRunColor(box.current, p.runId);
          ctx.lineWidth = PINNED_WIDTH;
          ctx.setLineDash(runDash(p.runId));
          ctx.stroke();
          ctx.setLineDash([]);
          ctx.globalAlpha = 1;
        });
        if (canvas) canvas.dataset.pinnedLines = String(pinned.length);
        runs.forEach((run, r) => {
          const { u, o, total, uAt, oAt } = side[r];
          if (!(total > 0)) return;
          const color = resolvedRunColor(box.current, run.id);
          ctx.beginPath();
          ctx.moveTo(x(lo), y(0));
          for (let i = 0; i < B; i++) {
            const yi = y(Math.min(yTop, counts[r * B + i] / total));
            ctx.lineTo(x(lo + i * w), yi);
            ctx.lineTo(x(lo + (i + 1) * w), yi);
          }
          ctx.lineTo(x(hi), y(0));
          ctx.globalAlpha = 0.14;
          ctx.fillStyle = color;
          ctx.fill();
          ctx.globalAlpha = 1;
          ctx.strokeStyle = color;
          ctx.lineWidth = 1.5;
          ctx.setLineDash(runDash(run.id));
          ctx.stroke();
          ctx.setLineDash([]);
          // Overflow: an outlined bar beyond the edge the values passed, never part of the bins.
          ctx.lineWidth = 1;
          for (const [count, x0] of [[u, x(uAt) - OVERFLOW_W - 2], [o, x(oAt) + 2]] as const) {
            if (!(count > 0)) continue;
            const top = y(Math.min(yTop, count / total));
            ctx.strokeRect(x0 + 0.5, top + 0.5, OVERFLOW_W - 1, Math.max(1, y(0) - top) - 1);
          }
        });
        // The standard normal the normalized values would follow with gamma = 1 and beta = 0.
        if (STAGES[s] === 'norm' && lo < 3 && hi > -3) {
          ctx.strokeStyle = theme.fg;
          ctx.globalAlpha = 0.55;
          ctx.lineWidth = 1.25;
          ctx.beginPath();
          const steps = Math.max(16, Math.round(plotW / 3));
          for (let k = 0; k <= steps; k++) {
            const v = lo + ((hi - lo) * k) / steps;
            const py = y(Math.min(yTop, normalShare(v, w)));
            if (k === 0) ctx.moveTo(x(v), py); else ctx.lineTo(x(v), py);
          }
          ctx.stroke();
          ctx.globalAlpha = 1;
        }
        if (under >= 0.5) underText = overflowText(under, underEdge, formatTick, currentT(Math.round(under) === 1 ? 'hist.overflowUnderOne' : 'hist.overflowUnder'));
        if (over >= 0.5) overText = overflowText(over, overEdge, formatTick, currentT(Math.round(over) === 1 ? 'hist.overflowOverOne' : 'hist.overflowOver'));
        writeLabels();
      } else {
        writeLabels();
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
  // "Now" draws only when the bars changed (the worker refreshes them every few frames, ./histograms-signature.ts);
  // "Over time" adds a column per frame.
  const signature = useMemo(() => new HistogramsSignature(), []);
  useFrameDraw(box, draw, [mode, shownRun, panelWidth, panelHeight, history, hiddenRuns, locked, resets, pinOverlay, pinEntries],
    mode === 'now' ? (f) => signature.of(f) : undefined);

  const lock = (on: boolean) => {
    if (on) lockedAxes.current = { ...axesRef.current };
    setLocked(on);
  };
  const resetAxes = () => {
    setLocked(false);
    lockedAxes.current = {};
    for (const st of sticky.current.values()) st.reset();
    setResets((n) => n + 1);
  };

  // Hover: the bin under the pointer and each shown run's share of the batch in it (and the overflow).
  const onHover = (key: string, j: number, s: number) => (e: React.PointerEvent<SVGSVGElement>) => {
    const a = axesRef.current[key];
    const frame = hub().get();
    const bins = frame?.bins[j]?.[s];
    const r = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - r.left;
    if (mode !== 'now' || !a || !frame || !bins || px < MARGIN.left - OVERFLOW_W - 2 || px > MARGIN.left + plotW + OVERFLOW_W + 2) { setTip(null); return; }
    const B = bins.count;
    const bw = (a.hi - a.lo) / B;
    const i = Math.floor(((px - MARGIN.left) / plotW) * B);
    const inBin = i >= 0 && i < B;
    const rows = frame.runs.filter((run) => !hiddenRuns.has(run.id) && run.layers[j]?.stages[s]).map((run) => {
      const sf = run.layers[j].stages[s]!;
      const dst = new Float64Array(B);
      const moved = reprojectKeepOverflow(sf.hist, bins.lo, bins.hi, dst, a.lo, a.hi, B, B);
      const u = sf.under + moved.under;
      const o = sf.over + moved.over;
      const total = dst.reduce((p, c) => p + c, 0) + u + o;
      const count = inBin ? dst[i] : i < 0 ? u : o;
      return { id: run.id, label: runName(t, run.id), color: `var(--run-${run.id})`, step: frame.step, value: total > 0 ? count / total : 0, extra: `(${Math.round(count)})` };
    });
    const title = inBin ? t('hist.tipBin', { lo: formatValue(a.lo + i * bw), hi: formatValue(a.lo + (i + 1) * bw) })
      : t(i < 0 ? 'hist.overflowUnder' : 'hist.overflowOver', { n: '', edge: formatTick(i < 0 ? a.lo : a.hi) }).trim();
    const panel = e.currentTarget.parentElement!;
    const host = box.current!.getBoundingClientRect();
    const pr = panel.getBoundingClientRect();
    setTip({ step: frame.step, title, left: Math.min(pr.left - host.left + px + 12, host.width - 200), top: pr.top - host.top + (e.clientY - r.top) + 14, rows });
  };

  const controls = (
    <>
      {mode === 'now' ? <>
        <label className="ns-hist-lock"><input type="checkbox" checked={locked} onChange={(e) => lock(e.target.checked)} />{t('hist.lock')}</label>
        <button type="button" className="ns-button" onClick={resetAxes}>{t('hist.resetAxes')}</button>
        <label className="ns-hist-lock">
          <input type="checkbox" checked={pinOverlay} disabled={pinEntries.length === 0} onChange={(e) => setPinOverlay(e.target.checked)} />{t('pins.histOverlay')}
        </label>
      </> : null}
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
      <div ref={box} style={{ position: 'relative' }}>
        {mode === 'now' ? (<>
          <Legend label={t('legend')} items={[...runItems(runIds, (id) => runName(t, id), toggles),
            ...(pinOverlay ? pinnedItems(pinnedOverlayRuns(pinEntries), (p) => t('pins.legend', { run: runName(t, p.runId), entry: p.entry }), toggles) : []),
            ...(runKinds.some((k) => k !== 'plain') ? [{ label: t('hist.normal'), color: 'var(--fg, #1a1b26)' }] : [])]} />
          <div className="ns-legend">
            <span>{t('hist.yLegend')}</span>
            <span><svg width={10} height={10} aria-hidden="true" style={{ marginRight: 4 }}><rect x={2.5} y={0.5} width={5} height={9} fill="none" stroke="currentColor" /></svg>{t('hist.overflow')}</span>
          </div>
        </>) : (
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
                  aria-label={t('hist.panelAria', { stage: t(STAGE_TITLES[stage]), layer: j + 1, units })}
                  onPointerMove={onHover(key, j, s)} onPointerLeave={() => setTip(null)}>
                  {a && <PanelAxesView a={a} mode={mode} plotW={plotW} plotH={plotH} />}
                  <g className="ns-overflow-labels">
                    <text className="ns-overflow" data-side="under" x={MARGIN.left + 2} y={MARGIN.top + 20}
                      ref={(el) => { const o = overflowLabels.current.get(key) ?? { under: null, over: null }; o.under = el; overflowLabels.current.set(key, o); }} />
                    <text className="ns-overflow" data-side="over" x={MARGIN.left + plotW - 2} y={MARGIN.top + 9} textAnchor="end"
                      ref={(el) => { const o = overflowLabels.current.get(key) ?? { under: null, over: null }; o.over = el; overflowLabels.current.set(key, o); }} />
                  </g>
                </svg>
                {message && <div className="ns-panel-empty">{message}</div>}
              </div>,
            ];
          })])}
        </div>
        <Tooltip data={tip} format={formatShare} />
      </div>
    </Figure>
  );
}

interface PanelAxesProps { a: PanelAxes; mode: Mode; plotW: number; plotH: number }

/** A panel's axes re-render only when its axes, mode or size change (the chart re-renders for other state too). */
const PanelAxesView = memo(PanelAxesContent, (p: PanelAxesProps, n: PanelAxesProps) => sameAxes(p.a, n.a) && p.mode === n.mode && p.plotW === n.plotW && p.plotH === n.plotH);

function PanelAxesContent({ a, mode, plotW, plotH }: PanelAxesProps) {
  const value = scaleLinear().domain([a.lo, a.hi]);
  const bottom = MARGIN.top + plotH;
  if (mode === 'now') {
    const x = value.range([MARGIN.left, MARGIN.left + plotW]);
    const y = scaleLinear().domain([0, a.y]).range([bottom, MARGIN.top]);
    return (
      <>
        <AxisBottom scale={x} y={bottom} ticks={Math.max(2, Math.floor(plotW / 55))} format={formatTick} />
        <AxisLeft scale={y} x={MARGIN.left} ticks={3} format={formatShare} />
      </>
    );
  }
  const x = scaleLinear().domain([a.x0, a.x1]).range([MARGIN.left, MARGIN.left + plotW]);
  const y = value.range([bottom, MARGIN.top]);
  return (
    <>
      <AxisBottom scale={x} y={bottom} ticks={Math.max(2, Math.floor(plotW / 70))} format={formatStep} />
      <AxisLeft scale={y} x={MARGIN.left} ticks={4} format={formatTick} />
      <ChangeMarkers x={x} top={MARGIN.top} bottom={bottom} left={MARGIN.left} right={MARGIN.left + plotW} rows={1} />
    </>
  );
}
