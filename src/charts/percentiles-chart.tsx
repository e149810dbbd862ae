// "Percentiles": for one hidden layer, the 15th, 50th and 85th percentiles of the activation's input
// over the steps, one small panel per run with the same y scale (Ioffe & Szegedy 2015, Figure 1 b-c),
// and below, the current step's nine-point distribution (TensorBoard's "distribution") of each stage
// (z before the norm, the norm's output, the activation) as nested bands per run. Pinned runs' bands are
// drawn beneath, muted; the x axis may show examples seen (./use-examples-axis.tsx).
import { scaleLinear } from 'd3-scale';
import { useId, useMemo, useRef, useState } from 'react';
import type { Stage, TelemetryFrame } from '../telemetry/frame';
import { STAGES } from '../state/chart-inputs';
import { AxisBottom, AxisLeft, formatStep, formatTick } from './axes';
import { AppendLayer } from './append-layer';
import { drawAppending, drawDivergence, drawPercentileBands, setupCanvas } from './canvas';
import { ChartFrame, PlotLayer } from './chart-frame';
import { runItems, useHiddenRuns, useLegendRuns } from './legend';
import { ChangeMarkers } from './change-markers-view';
import { onePanel, useStepAxis } from './use-step-axis';
import { useExamplesAxis } from './use-examples-axis';
import { runColors, themeColors } from './palette';
import { BAND_SERIES, bandDomains, pinnedBands, distributionDomain, DISTRIBUTION_BANDS, layerCount, percentilesKey, shownLayer } from './percentiles-geometry';
import { hub, useFrameDraw } from './use-frame-draw';
import { Tooltip, placeTip, pointRow, type TooltipData } from './tooltip';
import { useRareState } from './use-chart-state';
import { useSize } from './use-size';
import { currentT, runName, useT } from '../i18n';
import { stickyDomain, ValuePool } from './y-domain';
import { LiveSummary } from './live-summary';
import { summarizePercentiles } from './summaries';
import { pinnedKey, type PinnedLine } from './pinned-geometry';
import { drawPinnedLines } from './pinned-draw';
import { allPinned, pinnedPanel } from './pinned-layers';
import { pinnedItems, usePinnedGroups } from './use-pins';
import { runSpecOf } from '../state/chart-inputs';

const kindOf = (id: string) => runSpecOf(id)?.kind ?? null;

const M = { left: 40, right: 8, top: 18, bottom: 24 };
const DM = { left: 40, right: 8, top: 18, bottom: 20 };
const GAP = 12;

export interface PercentilesChartProps { panelHeight?: number; distributionHeight?: number }

export function PercentilesChart({ panelHeight = 200, distributionHeight = 150 }: PercentilesChartProps) {
  const body = useRef<HTMLDivElement>(null);
  const bandCanvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const bandLayers = useRef<AppendLayer[]>([]);
  const distCanvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const { width } = useSize(body);
  const [chosen, setChosen] = useState<number | null>(null);
  const pool = useMemo(() => new ValuePool(), []);
  const viewRef = useRef<{ stages: Stage[]; dist: ([number, number] | null)[]; layer: number }>({ stages: [], dist: [], layer: -1 });
  const id = useId();
  const t = useT();
  const name = (rid: string) => runName(t, rid);
  const axis = useStepAxis();
  const ex = useExamplesAxis();
  const [tip, setTip] = useState<TooltipData | null>(null);
  const toggles = useHiddenRuns();
  const hidden = toggles.hidden;
  // Pinned runs' bands (./pinned-layers.ts): each in the panel of the live run of its id, else of its kind.
  const pinned = usePinnedGroups(BAND_SERIES);
  const [view, setView] = useRareState({
    layers: 0, runs: [] as string[], empty: true,
    x: [0, 10] as [number, number], y: [0, 1] as [number, number],
    stages: [] as Stage[], dist: [] as ([number, number] | null)[],
  });
  const legendRuns = useLegendRuns(view.runs);
  const layer = shownLayer(chosen, view.layers);
  const w = Math.max(width, 240);
  const shownRuns = view.runs.filter((r) => !hidden.has(r));
  const nRuns = Math.max(shownRuns.length, 1);
  const pw = Math.floor((w - GAP * (nRuns - 1)) / nRuns);
  const nStages = Math.max(view.stages.length, 1);
  const dw = Math.floor((w - GAP * (nStages - 1)) / nStages);

  const draw = (frame: TelemetryFrame) => {
    const colorOf = runColors(body.current);
    const theme = themeColors(body.current);
    const L = layerCount(frame);
    const j = shownLayer(chosen, L);
    const liveIds = frame.runs.filter((r) => !hidden.has(r.id)).map((r) => r.id);
    const inPanel = (rid: string) => (lines: readonly PinnedLine[]) => lines.filter((l) => pinnedPanel(l.runId, liveIds, kindOf) === rid);
    // only the pinned runs that have a panel count in the shared y domain
    const bands = pinnedBands(pinned, j).map((lines) => lines.filter((l) => pinnedPanel(l.runId, liveIds, kindOf) !== null));
    // x: steps, or the most rows any live or pinned run had seen by the last step (an examples-seen axis)
    const ids = [...frame.runs.map((r) => r.id), ...bands.flat().map((l) => l.runId)];
    const d = bandDomains(frame, j, pool, { hidden, window: ex.stepWindow(axis.view.zoom) }, bands, (step) => ex.last(step, ids));
    const stages = STAGES.filter((s) => frame.runs.some((r) => r.layers[j]?.stages[STAGES.indexOf(s)]));
    const dist = stages.map((s, i) => {
      const d = distributionDomain(frame, j, s, pool, hidden);
      const prev = viewRef.current.stages[i] === s && viewRef.current.layer === j ? viewRef.current.dist[i] : null;
      return d ? stickyDomain(prev, d) : null;
    });
    viewRef.current = { stages, dist, layer: j };
    const empty = !frame.runs.some((r) => (r.layers[j]?.bands.p50.y.length ?? 0) > 0);
    setView({ layers: L, runs: frame.runs.map((r) => r.id), empty, x: d.x, y: d.y, stages, dist });
    const runs = frame.runs.filter((r) => !hidden.has(r.id));
    const n = Math.max(runs.length, 1);
    const pwNow = Math.floor((w - GAP * (n - 1)) / n);
    const xs = axis.scale(d.x, M.left, pwNow - M.right);
    const ys = scaleLinear().domain(d.y).range([panelHeight - M.bottom, M.top]);
    runs.forEach((run, i) => {
      const b = run.layers[j]?.bands;
      const canvas = bandCanvases.current[i] ?? null;
      const layer = (bandLayers.current[i] ??= new AppendLayer());
      if (!b) { setupCanvas(canvas, pwNow, panelHeight); layer.invalidate(); return; }
      const color = colorOf(run.id);
      const mine = bands.map(inPanel(run.id));
      // Only the bands' new stretch is drawn while the panel's axes, run and layer stay (./append-layer.ts).
      const key = [d.x[0], d.x[1], d.y[0], d.y[1], j, run.id, color, run.divergedAt ?? -1, axis.view.log, ...(axis.view.zoom ?? [NaN, NaN]), ex.on, ex.session, ...pinnedKey(mine.flat(), hidden)];
      const xr = ex.scaleOf(xs, run.id);
      drawAppending(canvas, pwNow, panelHeight, layer, key, (ctx, full) => {
        ctx.save();
        ctx.beginPath();
        ctx.rect(M.left, M.top - 2, pwNow - M.left - M.right, panelHeight - M.top - M.bottom + 4);
        ctx.clip();
        // Pinned runs' p15, p50 and p85: muted lines beneath the live bands, in full redraws only.
        if (full) {
          let drawn = 0;
          for (const l of mine.flat()) drawn += drawPinnedLines(ctx, [l], hidden, colorOf, ex.scaleOf(xs, l.runId), ys);
          if (canvas) canvas.dataset.pinnedLines = String(drawn);
        }
        drawPercentileBands(ctx, b, color, xr, ys, { fillAlpha: 0.18, edgeAlpha: 0.7, edgeWidth: 1, medianWidth: 2 });
        ctx.restore();
        if (full && run.divergedAt !== null) drawDivergence(ctx, xr(run.divergedAt), M.top, panelHeight - M.bottom, color, currentT('divergedShort', { step: run.divergedAt }));
      }, theme.surface);
    });
    // Nine-point distributions of the current step: one panel per stage, one glyph per run.
    const nS = Math.max(stages.length, 1);
    const dwNow = Math.floor((w - GAP * (nS - 1)) / nS);
    stages.forEach((stage, si) => {
      const ctx = setupCanvas(distCanvases.current[si] ?? null, dwNow, distributionHeight);
      const dom = dist[si];
      if (!ctx || !dom) return;
      const y = scaleLinear().domain(dom).range([distributionHeight - DM.bottom, DM.top]);
      const slot = (dwNow - DM.left - DM.right) / n;
      const s = STAGES.indexOf(stage);
      runs.forEach((run, i) => {
        const st = run.layers[j]?.stages[s];
        if (!st) return;
        const color = colorOf(run.id);
        const x0 = DM.left + i * slot + slot * 0.2;
        const bw = slot * 0.6;
        const q = st.distribution;
        ctx.fillStyle = color;
        for (const [lo, hi, a] of DISTRIBUTION_BANDS) {
          ctx.globalAlpha = a;
          const top = y(q[hi]);
          ctx.fillRect(x0, top, bw, Math.max(1, y(q[lo]) - top));
        }
        ctx.globalAlpha = 1;
        ctx.fillRect(x0 - 2, y(q[4]) - 1, bw + 4, 2);
      });
    });
  };
  // Panels mount after the first frame tells which runs and stages exist: redraw then.
  // Bands grow every few steps, the distributions with the statistics: between them nothing to draw.
  useFrameDraw(body, draw, [w, panelHeight, distributionHeight, chosen, view.runs.join(), view.stages.join(), axis.view, hidden, pinned, ex.on, ex.session],
    (frame) => percentilesKey(frame, chosen));

  const x = axis.scale(view.x, M.left, pw - M.right);
  // Hover on a run's panel: its 85th, 50th and 15th percentiles at the nearest sampled step.
  const hover = (rid: string) => (e: React.PointerEvent<SVGSVGElement>) => {
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
    const b = hub().get()?.runs.find((r) => r.id === rid)?.layers[layer]?.bands;
    if (!b || axis.dragging || px < M.left || px > pw - M.right) { setTip(null); return; }
    // the run's step where the pointer is (its own on an examples-seen axis)
    const map = ex.mapOf(rid);
    const step = map.invert(x.invert(px));
    const color = `var(--run-${rid})`;
    const rows = [pointRow('p85', '85%', color, b.p85, step), pointRow('p50', '50%', color, b.p50, step), pointRow('p15', '15%', color, b.p15, step)];
    const near = rows.find((r) => r !== null);
    setTip(placeTip(body.current, e, rows, near ? map(near.step) : undefined));
  };
  const y = scaleLinear().domain(view.y).range([panelHeight - M.bottom, M.top]);
  return (
    <ChartFrame
      summary={<LiveSummary summarize={(f, lang) => summarizePercentiles(f, layer, lang)} deps={[layer]} />}
      title={t('pct.title')} subtitle={t('pct.sub')} fileName="normscope-percentiles"
      bodyRef={body} empty={view.empty} legend={[...runItems(legendRuns, name, toggles), ...pinnedItems(allPinned(pinned).filter((l) => pinnedPanel(l.runId, shownRuns, kindOf) !== null), (l) => t('pins.legend', { run: name(l.runId), entry: l.entry }), toggles)]}
      controls={<>
        <label htmlFor={`${id}-l`}>{t('pct.layer')}
          <select id={`${id}-l`} value={layer} onChange={(e) => setChosen(Number(e.target.value))} disabled={view.layers === 0}>
            {Array.from({ length: Math.max(view.layers, 1) }, (_, i) => <option key={i} value={i}>{i + 1}</option>)}
          </select>
        </label>
        {ex.control(axis.showAll)}
        {axis.controls(view.x)}
      </>}
      note={t('pct.note')}
    >
      <div className="ns-panels">
        {shownRuns.map((rid, i) => (
          <PlotLayer key={rid} width={pw} height={panelHeight} canvasRef={(c) => { bandCanvases.current[i] = c; }}
            label={t('pct.aria', { layer: layer + 1, run: name(rid) })} svgProps={axis.pointer(onePanel(x, M.top, panelHeight - M.bottom), view.x)}
            onPointerMove={hover(rid)} onPointerLeave={() => setTip(null)}>
            <AxisLeft scale={y} x={M.left} ticks={4} format={formatTick} grid={pw - M.left - M.right} />
            <AxisBottom scale={x} y={panelHeight - M.bottom} ticks={Math.max(2, Math.floor(pw / 80))} format={formatStep} label={ex.on ? ex.label : undefined} />
            <text className="ns-panel-title" x={M.left} y={11}>{name(rid)}</text>
            <ChangeMarkers x={ex.markers(x)} top={M.top} bottom={panelHeight - M.bottom} left={M.left} right={pw - M.right} />
            {axis.band}
          </PlotLayer>
        ))}
      </div>
      <Tooltip data={tip} format={formatTick} stepLabel={ex.label} />
      {view.stages.length ? <div className="ns-subhead">{t('pct.now', { layer: layer + 1 })}</div> : null}
      <div className="ns-panels">
        {view.stages.map((stage, si) => {
          const dom = view.dist[si] ?? [0, 1];
          const ys = scaleLinear().domain(dom).range([distributionHeight - DM.bottom, DM.top]);
          return (
            <PlotLayer key={stage} width={dw} height={distributionHeight} canvasRef={(c) => { distCanvases.current[si] = c; }}
              label={t('pct.distAria', { stage: t(`stage.${stage}`) })}>
              <AxisLeft scale={ys} x={DM.left} ticks={4} format={formatTick} grid={dw - DM.left - DM.right} />
              <text className="ns-panel-title" x={DM.left} y={11}>{t(`stage.${stage}`)}</text>
              {shownRuns.map((rid, i) => (
                <text key={rid} x={DM.left + ((i + 0.5) * (dw - DM.left - DM.right)) / nRuns} y={distributionHeight - 5} textAnchor="middle">{name(rid)}</text>
              ))}
            </PlotLayer>
          );
        })}
      </div>
    </ChartFrame>
  );
}
