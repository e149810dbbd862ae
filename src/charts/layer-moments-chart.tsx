// "Layer mean and variance": per hidden layer (rows) the batch mean and variance (columns; averaged
// over units) of z before the norm (full colour), of the norm's output (light) and, for batch norm, the
// running estimates (dots), every run in its colour and dash (dash means the run kind everywhere, so
// before/after the norm is told by lightness and markers), as small multiples on one canvas. Below, for
// the batch-norm run and a chosen layer, the current step per unit: running vs batch mean and variance.
// Pinned runs are drawn beneath, muted; the x axis may show examples seen (./use-examples-axis.tsx).
import { scaleLinear, scaleLog } from 'd3-scale';
import { useId, useMemo, useRef, useState } from 'react';
import type { TelemetryFrame } from '../telemetry/frame';
import { AxisBottom, AxisLeft, formatStep, formatTick, logTicks } from './axes';
import { AppendLayer, settledLength } from './append-layer';
import { dotSeries, drawAppending, drawDivergence, setupCanvas, strokeSeries } from './canvas';
import { ChartFrame, PlotLayer } from './chart-frame';
import { runItems, useHiddenRuns, useLegendRuns, type LegendItem } from './legend';
import { ChangeMarkers } from './change-markers-view';
import { useStepAxis, type PanelAt } from './use-step-axis';
import { useExamplesAxis } from './use-examples-axis';
import { gridLayout, MOMENT_KINDS, MOMENT_SERIES_NAMES, momentDomains, momentSeries, pinnedMoment, scatterDomain, type MomentKind } from './moments-geometry';
import { runColors, runStyle, themeColors } from './palette';
import { shownLayer } from './percentiles-geometry';
import { hub, useFrameDraw } from './use-frame-draw';
import { Tooltip, placeTip, pointRow, type TooltipData } from './tooltip';
import { useRareState } from './use-chart-state';
import { useSize } from './use-size';
import { currentT, runName, useT } from '../i18n';
import { stepDomain, stickyDomain, ValuePool } from './y-domain';
import { LiveSummary } from './live-summary';
import { summarizeMoments } from './summaries';
import { pinnedKey, pinnedLastStep } from './pinned-geometry';
import { drawPinnedLines } from './pinned-draw';
import { allPinned } from './pinned-layers';
import { pinnedItems, usePinnedGroups } from './use-pins';

const PM = { left: 44, right: 8, top: 18, bottom: 20 };
const GAP = 14;
/** Before/after the norm by lightness, running estimates by dots: never by dash (the run kind's). */
const KIND_ALPHA: Record<MomentKind, number> = { z: 1, norm: 0.4, running: 0.9 };
const KIND_WIDTH: Record<MomentKind, number> = { z: 1.5, norm: 2.5, running: 0 };
const KIND_KEY = { z: 'mom.zKey', norm: 'mom.normKey', running: 'mom.runningKey' } as const;
const COLUMN = ['mom.mean', 'mom.variance'] as const;
const SCATTER = 180;

type Pair = [number, number];

export interface LayerMomentsChartProps { rowHeight?: number }

export function LayerMomentsChart({ rowHeight = 130 }: LayerMomentsChartProps) {
  const body = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLCanvasElement>(null);
  const scatter = useRef<HTMLCanvasElement>(null);
  const { width } = useSize(body);
  const [chosen, setChosen] = useState<number | null>(null);
  const pool = useMemo(() => new ValuePool(), []);
  const gridLayer = useMemo(() => new AppendLayer(), []);
  const sticky = useRef<{ layer: number; mean: Pair | null; variance: Pair | null }>({ layer: -1, mean: null, variance: null });
  const id = useId();
  const t = useT();
  const name = (rid: string) => runName(t, rid);
  const axis = useStepAxis();
  const ex = useExamplesAxis();
  const [tip, setTip] = useState<TooltipData | null>(null);
  const toggles = useHiddenRuns();
  const hidden = toggles.hidden;
  // Pinned runs (./pinned-layers.ts): every moment series of every layer, muted beneath the live runs.
  const pinned = usePinnedGroups(MOMENT_SERIES_NAMES);
  const pinnedAll = useMemo(() => allPinned(pinned), [pinned]);
  const [view, setView] = useRareState({
    x: [0, 10] as Pair, y: [] as Pair[][], runs: [] as string[], empty: true,
    bn: null as string | null, units: 0, sMean: [0, 1] as Pair, sVar: [0, 1] as Pair,
  });
  const legendRuns = useLegendRuns(view.runs);
  const L = view.y.length;
  const layer = shownLayer(chosen, L);
  const w = Math.max(width, 260);
  const panels = gridLayout(w, L, 2, rowHeight, GAP);
  const gridH = Math.max(0, L * rowHeight + (L - 1) * GAP);
  const sw = Math.min(Math.floor((w - GAP) / 2), 320);

  const draw = (frame: TelemetryFrame) => {
    const colorOf = runColors(body.current);
    const ys = momentDomains(frame, pool, { hidden, window: ex.stepWindow(axis.view.zoom) }, pinned);
    // steps, or the most rows any live or pinned run had seen by the last step (an examples-seen axis)
    const x = stepDomain(ex.last(Math.max(frame.step, pinnedLastStep(pinnedAll)), [...frame.runs.map((r) => r.id), ...pinnedAll.map((l) => l.runId)]));
    const bnRun = frame.runs.find((r) => r.layers.some((l) => l.running));
    const j = shownLayer(chosen, ys.length);
    const running = bnRun?.layers[j]?.running ?? null;
    const same = sticky.current.layer === j;
    const sMean = running ? stickyDomain(same ? sticky.current.mean : null, scatterDomain(running.mean, running.batchMean, pool)) : ([0, 1] as Pair);
    const sVar = running ? stickyDomain(same ? sticky.current.variance : null, scatterDomain(running.variance, running.batchVar, pool)) : ([0, 1] as Pair);
    sticky.current = { layer: j, mean: sMean, variance: sVar };
    const empty = !frame.runs.some((r) => (r.layers[0]?.moments.zMean.y.length ?? 0) > 0);
    setView({ x, y: ys, runs: frame.runs.map((r) => r.id), empty, bn: bnRun ? bnRun.id : null, units: running?.mean.length ?? 0, sMean, sVar });
    const theme = themeColors(body.current);
    const lay = gridLayout(w, ys.length, 2, rowHeight, GAP);
    const h = Math.max(1, ys.length * rowHeight + (ys.length - 1) * GAP);
    if (empty) { setupCanvas(grid.current, w, h); gridLayer.invalidate(); }
    // The small multiples draw only their new stretch while every panel's axes, the runs and the view
    // stay (./append-layer.ts).
    const key: unknown[] = [x[0], x[1], ...ys.flat(2), axis.view.log, ...(axis.view.zoom ?? [NaN, NaN]), rowHeight, ex.on, ex.session];
    for (const run of frame.runs) key.push(run.id, hidden.has(run.id) ? 1 : 0, colorOf(run.id), run.divergedAt ?? -1);
    key.push(...pinnedKey(pinnedAll, hidden));
    let pinnedDrawn = 0;
    if (!empty) drawAppending(grid.current, w, h, gridLayer, key, (ctx, full) => {
      ys.forEach((row, jj) => row.forEach((dom, c) => {
        const p = lay[jj][c];
        const sx = axis.scale(x, p.x + PM.left, p.x + p.width - PM.right);
        const bottom = p.y + p.height - PM.bottom;
        const top = p.y + PM.top;
        const sy = c === 1 ? scaleLog().domain(dom).range([bottom, top]).clamp(true) : scaleLinear().domain(dom).range([bottom, top]);
        ctx.save();
        ctx.beginPath();
        ctx.rect(p.x + PM.left, top - 1, p.width - PM.left - PM.right, bottom - top + 2);
        ctx.clip();
        // Pinned runs: muted, beneath the live ones, in full redraws only (they never change).
        if (full) {
          for (const kind of MOMENT_KINDS) {
            for (const l of pinnedMoment(pinned, jj, c as 0 | 1, kind)) pinnedDrawn += drawPinnedLines(ctx, [l], hidden, colorOf, ex.scaleOf(sx, l.runId), sy, c === 1);
          }
        }
        for (const kind of MOMENT_KINDS) {
          ctx.lineWidth = KIND_WIDTH[kind];
          ctx.globalAlpha = KIND_ALPHA[kind];
          for (const run of frame.runs) {
            if (hidden.has(run.id)) continue;
            const s = momentSeries(run.layers[jj], c as 0 | 1, kind);
            if (!s) continue;
            const color = colorOf(run.id);
            ctx.strokeStyle = color;
            ctx.fillStyle = color;
            const k = settledLength(s, s.y.length);
            const xr = ex.scaleOf(sx, run.id);
            if (kind === 'running') { dotSeries(ctx, s.x, s.y, k, xr, sy, 1.8, c === 1); continue; }
            ctx.setLineDash(runStyle(run.id).dash);
            strokeSeries(ctx, s.x, s.y, k, xr, sy, c === 1);
            ctx.setLineDash([]);
          }
        }
        ctx.globalAlpha = 1;
        ctx.restore();
        if (!full) return;
        for (const run of frame.runs) {
          if (run.divergedAt !== null && !hidden.has(run.id)) drawDivergence(ctx, ex.scaleOf(sx, run.id)(run.divergedAt), top, bottom, colorOf(run.id), currentT('diverged'));
        }
      }));
      if (full && grid.current) grid.current.dataset.pinnedLines = String(pinnedDrawn);
    }, theme.surface);
    // Per unit, now: running vs batch statistics of the batch-norm run.
    const sctx = setupCanvas(scatter.current, 2 * sw + GAP, SCATTER);
    if (!sctx || !running || !bnRun) return;
    const color = colorOf(bnRun.id);
    const pairs: [Float32Array, Float32Array, Pair][] = [[running.batchMean, running.mean, sMean], [running.batchVar, running.variance, sVar]];
    pairs.forEach(([bx, ry, dom], k) => {
      const x0 = k * (sw + GAP);
      const sx = scaleLinear().domain(dom).range([x0 + PM.left, x0 + sw - PM.right]);
      const sy = scaleLinear().domain(dom).range([SCATTER - PM.bottom - 10, PM.top]);
      sctx.strokeStyle = theme.muted;
      sctx.globalAlpha = 0.6;
      sctx.setLineDash([4, 3]);
      sctx.beginPath();
      sctx.moveTo(sx(dom[0]), sy(dom[0]));
      sctx.lineTo(sx(dom[1]), sy(dom[1]));
      sctx.stroke();
      sctx.setLineDash([]);
      sctx.globalAlpha = 0.75;
      sctx.fillStyle = color;
      sctx.beginPath();
      for (let u = 0; u < bx.length; u++) {
        const px = sx(bx[u]);
        const py = sy(ry[u]);
        sctx.moveTo(px + 2.5, py);
        sctx.arc(px, py, 2.5, 0, 2 * Math.PI);
      }
      sctx.fill();
      sctx.globalAlpha = 1;
    });
  };
  useFrameDraw(body, draw, [w, rowHeight, chosen, L, view.bn, sw, axis.view, hidden, pinned, ex.on, ex.session]);

  const x = (p: { x: number; width: number }) => axis.scale(view.x, p.x + PM.left, p.x + p.width - PM.right);
  const panelAt: PanelAt = (px, py) => {
    for (const row of panels) for (const p of row) {
      if (px >= p.x && px <= p.x + p.width && py >= p.y && py <= p.y + p.height) return { scale: x(p), top: p.y + PM.top, bottom: p.y + p.height - PM.bottom };
    }
    return null;
  };
  // Hover a panel: per shown run, z before the norm, after it, and the running estimate at the nearest step.
  const hover = (e: React.PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - r.left;
    const py = e.clientY - r.top;
    const frame = hub().get();
    let hit: { j: number; c: number; p: { x: number; width: number } } | null = null;
    panels.forEach((row, j) => row.forEach((p, c) => {
      if (px >= p.x + PM.left && px <= p.x + p.width - PM.right && py >= p.y && py <= p.y + p.height) hit = { j, c, p };
    }));
    if (!frame || !hit || axis.dragging) { setTip(null); return; }
    const { j, c, p } = hit as { j: number; c: number; p: { x: number; width: number } };
    // the pointer's place on the axis, and each run's step there (the same step for all on a step axis)
    const at = x(p).invert(px);
    const shown = frame.runs.filter((run) => !hidden.has(run.id));
    const rows = shown.flatMap((run) => MOMENT_KINDS.map((k) =>
      pointRow(`${run.id}-${k}`, `${name(run.id)}, ${t(`mom.${k}`)}`, `var(--run-${run.id})`, momentSeries(run.layers[j], c as 0 | 1, k), ex.mapOf(run.id).invert(at))));
    const first = rows.findIndex((r) => r !== null);
    const head = first < 0 ? undefined : ex.mapOf(shown[Math.floor(first / MOMENT_KINDS.length)].id)(rows[first]!.step);
    setTip(placeTip(body.current, e, rows, head));
  };
  const legend: LegendItem[] = [
    ...runItems(legendRuns, name, toggles),
    ...pinnedItems(pinnedAll, (l) => t('pins.legend', { run: name(l.runId), entry: l.entry }), toggles),
    ...MOMENT_KINDS.filter((k) => k === 'z' || view.runs.some((r) => (k === 'running' ? r === 'batch' : r !== 'plain')))
      .map((k): LegendItem => ({ label: t(KIND_KEY[k]), color: 'var(--muted, #4b5063)', kind: k === 'z' ? 'line' : k === 'norm' ? 'light' : 'dots' })),
  ];
  return (
    <ChartFrame
      summary={<LiveSummary summarize={(f, lang) => summarizeMoments(f, layer, lang)} deps={[layer]} />}
      title={t('mom.title')} subtitle={t('mom.sub')} fileName="normscope-layer-moments"
      bodyRef={body} empty={view.empty} legend={legend}
      controls={<>
        {view.bn ? (
          <label htmlFor={`${id}-l`}>{t('mom.layer')}
            <select id={`${id}-l`} value={layer} onChange={(e) => setChosen(Number(e.target.value))}>
              {Array.from({ length: Math.max(L, 1) }, (_, i) => <option key={i} value={i}>{i + 1}</option>)}
            </select>
          </label>
        ) : null}
        {ex.control(axis.showAll)}
        {axis.controls(view.x)}
      </>}
      note={view.bn ? t('mom.note') : null}
    >
      <PlotLayer width={w} height={Math.max(gridH, 60)} canvasRef={grid} label={t('mom.aria')} svgProps={axis.pointer(panelAt, view.x)}
        onPointerMove={hover} onPointerLeave={() => setTip(null)}>
        {panels.map((row, j) => row.map((p, c) => {
          const dom = view.y[j]?.[c] ?? [0, 1];
          const bottom = p.y + p.height - PM.bottom;
          const sy = c === 1 ? scaleLog().domain(dom).range([bottom, p.y + PM.top]) : scaleLinear().domain(dom).range([bottom, p.y + PM.top]);
          return (
            <g key={`${j}-${c}`}>
              <text className="ns-panel-title" x={p.x + PM.left} y={p.y + 11}>{t('mom.panel', { layer: j + 1, what: t(COLUMN[c]) })}</text>
              <AxisLeft scale={sy} x={p.x + PM.left} ticks={3} tickValues={c === 1 ? logTicks(sy, dom) : undefined} format={formatTick} grid={p.width - PM.left - PM.right} />
              <AxisBottom scale={x(p)} y={bottom} ticks={Math.max(2, Math.floor(p.width / 80))} format={formatStep} label={ex.on ? ex.label : undefined} />
              <ChangeMarkers x={ex.markers(x(p))} top={p.y + PM.top} bottom={bottom} left={p.x + PM.left} right={p.x + p.width - PM.right} rows={2} />
            </g>
          );
        }))}
        {axis.band}
      </PlotLayer>
      <Tooltip data={tip} format={formatTick} stepLabel={ex.label} />
      {view.bn && view.units > 0 ? <>
        <div className="ns-subhead">{t('mom.units', { run: name(view.bn), layer: layer + 1, units: view.units })}</div>
        <PlotLayer width={2 * sw + GAP} height={SCATTER} canvasRef={scatter} label={t('mom.unitsAria')}>
          {([view.sMean, view.sVar] as Pair[]).map((dom, k) => {
            const x0 = k * (sw + GAP);
            const sx = scaleLinear().domain(dom).range([x0 + PM.left, x0 + sw - PM.right]);
            const sy = scaleLinear().domain(dom).range([SCATTER - PM.bottom - 10, PM.top]);
            return (
              <g key={k}>
                <text className="ns-panel-title" x={x0 + PM.left} y={11}>{t(k === 0 ? 'mom.mean' : 'mom.variance')}</text>
                <AxisLeft scale={sy} x={x0 + PM.left} ticks={4} format={formatTick} />
                <AxisBottom scale={sx} y={SCATTER - PM.bottom - 10} ticks={4} format={formatTick} />
                <text x={x0 + sw - PM.right} y={SCATTER - 2} textAnchor="end">{t('mom.batchAxis')}</text>
                <text x={x0 + PM.left + 4} y={PM.top + 8}>{t('mom.runningAxis')}</text>
              </g>
            );
          })}
        </PlotLayer>
      </> : null}
    </ChartFrame>
  );
}
