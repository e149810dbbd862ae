// "Batch renorm": the schedule of Ioffe (2017) as it runs. Left: the limits rmax and dmax over the
// steps (1 and 0 during the warm-up, where renorm is exactly batch norm, then relaxed). Right: the
// share of units whose correction r = clip(sigma_B / sigma, 1/rmax, rmax), or d = clip((mu_B - mu) /
// sigma, -dmax, dmax), sat at its limit in the sampled step: near 1 early, falling as the limits relax.
// Pinned runs (./pinned-geometry.ts) with these series are drawn beneath, muted, in full redraws. The x
// axis may show examples seen (./use-examples-axis.tsx).
import { scaleLinear } from 'd3-scale';
import { useMemo, useRef, useState } from 'react';
import type { TelemetryFrame } from '../telemetry/frame';
import { AxisBottom, AxisLeft, formatStep, formatTick } from './axes';
import { AppendLayer, settledLength } from './append-layer';
import { dotSeries, drawAppending, strokeSeries } from './canvas';
import { ChangeMarkers } from './change-markers-view';
import { onePanel, useStepAxis } from './use-step-axis';
import { useExamplesAxis } from './use-examples-axis';
import { ChartFrame, PlotLayer } from './chart-frame';
import { runItems, useHiddenRuns, useLegendRuns, type LegendItem } from './legend';
import { runColors, runStyle, themeColors } from './palette';
import { pinnedKey, pinnedLastStep, type PinnedLine } from './pinned-geometry';
import { dotPinnedLines, drawPinnedLines } from './pinned-draw';
import { allPinned, layerSeriesKey } from './pinned-layers';
import { pinnedItems, usePinnedGroups } from './use-pins';
import { RENORM_PANELS, RENORM_SERIES_NAMES, renormLimitDomain, renormRuns } from './renorm-geometry';
import { runSpecOf } from '../state/chart-inputs';
import { hub, useFrameDraw } from './use-frame-draw';
import { Tooltip, placeTip, pointRow, type TooltipData } from './tooltip';
import { useRareState } from './use-chart-state';
import { useSize } from './use-size';
import { runName, useT } from '../i18n';
import { stepDomain, ValuePool } from './y-domain';
import { LiveSummary } from './live-summary';
import { summarizeRenorm } from './summaries';

const M = { left: 40, right: 10, top: 20, bottom: 24 };
const kindOfRun = (id: string) => runSpecOf(id)?.kind ?? null;
const GAP = 12;

export function RenormChart({ height = 180 }: { height?: number }) {
  const body = useRef<HTMLDivElement>(null);
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const layers = useRef<AppendLayer[]>([]);
  const { width } = useSize(body);
  const t = useT();
  const axis = useStepAxis();
  const ex = useExamplesAxis();
  const [tip, setTip] = useState<TooltipData | null>(null);
  const [view, setView] = useRareState({ x: [0, 10] as [number, number], lim: [0, 5] as [number, number], empty: true, rmax: 1, dmax: 0, runs: [] as string[] });
  const pw = Math.max(150, Math.floor((Math.max(width, 300) - GAP) / 2));
  const toggles = useHiddenRuns();
  const hidden = toggles.hidden;
  const pinned = usePinnedGroups(RENORM_SERIES_NAMES);
  const pinnedAll = useMemo(() => allPinned(pinned), [pinned]);
  const pool = useMemo(() => new ValuePool(), []);
  const pinnedOf = (name: string) => pinned.get(layerSeriesKey(name, null)) ?? [];
  // the live renorm runs the panels drew (before the first draw, the session's renorm runs)
  const sessionRuns = useLegendRuns([]);
  const legendRuns = view.runs.length > 0 ? view.runs : sessionRuns.filter((r) => kindOfRun(r) === 'renorm');

  const draw = (frame: TelemetryFrame) => {
    // every live renorm run (a pair with its own settings: batch renorm at eps 1e-5 and at eps 1), in its colour
    const all = renormRuns(frame);
    const runs = all.filter((r) => !hidden.has(r.id));
    const rn = all[0]?.renorm; // the schedule (the subtitle): the same for every run
    const empty = !all.some((r) => r.renorm.rmax.y.length > 0) && pinnedAll.length === 0;
    const limPinned = [...pinnedOf(RENORM_PANELS[0].saved.r), ...pinnedOf(RENORM_PANELS[0].saved.d)];
    const limDomain = renormLimitDomain(runs.map((r) => r.renorm), limPinned, pool, hidden, ex.stepWindow(axis.view.zoom));
    // steps, or the most rows a live or pinned run had seen by the last step (an examples-seen axis)
    const x = stepDomain(ex.last(Math.max(frame.step, pinnedLastStep(pinnedAll)), [...all.map((r) => r.id), ...pinnedAll.map((l) => l.runId)]));
    const k = rn ? rn.rmax.y.length : 0;
    setView({ x, lim: limDomain, empty, rmax: k ? rn!.rmax.y[k - 1] : 1, dmax: k ? rn!.dmax.y[k - 1] : 0, runs: all.map((r) => r.id) });
    if (empty) return;
    const colorOf = runColors(body.current);
    const theme = themeColors(body.current);
    const xs = axis.scale(x, M.left, pw - M.right);
    // pinned lines, each with its run's scale (they differ on an examples-seen axis)
    const drawPins = (ctx: CanvasRenderingContext2D, lines: readonly PinnedLine[], ys: (v: number) => number, dots: boolean) => {
      let n = 0;
      for (const l of lines) {
        n += drawPinnedLines(ctx, [l], hidden, colorOf, ex.scaleOf(xs, l.runId), ys);
        if (dots) dotPinnedLines(ctx, [l], hidden, colorOf, ex.scaleOf(xs, l.runId), ys);
      }
      return n;
    };
    // each panel: the r series in full colour, the d series light with dots (dash is the run kind's only)
    // each panel draws only its new stretch while its axes stay (./append-layer.ts)
    const pair = (k: 0 | 1, domain: [number, number], width: number) => {
      const panel = RENORM_PANELS[k];
      const pinR = pinnedOf(panel.saved.r);
      const pinD = pinnedOf(panel.saved.d);
      const layer = (layers.current[k] ??= new AppendLayer());
      const key: unknown[] = [x[0], x[1], domain[0], domain[1], axis.view.log, ...(axis.view.zoom ?? [NaN, NaN]), ex.on, ex.session, ...pinnedKey(pinR, hidden), ...pinnedKey(pinD, hidden)];
      for (const r of runs) key.push(r.id, colorOf(r.id));
      drawAppending(canvases.current[k] ?? null, pw, height, layer, key, (ctx, full) => {
      const ys = scaleLinear().domain(domain).range([height - M.bottom, M.top]);
      ctx.save();
      ctx.beginPath();
      ctx.rect(M.left - 3, M.top - 3, pw - M.left - M.right + 6, height - M.top - M.bottom + 6);
      ctx.clip();
      // Pinned runs: muted, beneath the live one, in full redraws only (they never change); d with dots as live.
      if (full) {
        const drawn = drawPins(ctx, pinR, ys, false) + drawPins(ctx, pinD, ys, true);
        const c = canvases.current[k];
        if (c) c.dataset.pinnedLines = String(drawn);
      }
      for (const run of runs) {
        const r = panel.r(run.renorm);
        const d = panel.d(run.renorm);
        const nr = settledLength(r, r.y.length);
        const nd = settledLength(d, d.y.length);
        const xr = ex.scaleOf(xs, run.id);
        ctx.strokeStyle = colorOf(run.id);
        ctx.fillStyle = colorOf(run.id);
        ctx.lineWidth = width;
        ctx.globalAlpha = 1;
        strokeSeries(ctx, r.x, r.y, nr, xr, ys);
        ctx.globalAlpha = 0.45;
        strokeSeries(ctx, d.x, d.y, nd, xr, ys);
        dotSeries(ctx, d.x, d.y, nd, xr, ys, 1.8);
      }
      ctx.restore();
      }, theme.surface);
    };
    pair(0, limDomain, 2);
    pair(1, [0, 1], 1.5);
  };
  useFrameDraw(body, draw, [pw, height, axis.view, hidden, pinned, ex.on, ex.session]);

  const x = axis.scale(view.x, M.left, pw - M.right);
  const zoom = axis.pointer(onePanel(x, M.top, height - M.bottom), view.x);
  const hover = (k: 0 | 1) => (e: React.PointerEvent<SVGSVGElement>) => {
    const frame = hub().get();
    const runs = frame ? renormRuns(frame).filter((r) => !hidden.has(r.id)) : [];
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
    if (runs.length === 0 || axis.dragging || px < M.left || px > pw - M.right) { setTip(null); return; }
    // each run's step where the pointer is (its own on an examples-seen axis); the limits are the
    // schedule's, the same for every run: one run's; the clipped shares: every run's, named when several
    const at = x.invert(px);
    const named = (rid: string, label: string) => (runs.length > 1 ? `${runName(t, rid)}: ${label}` : label);
    const rows = (k === 0 ? runs.slice(0, 1) : runs).flatMap(({ id, renorm: rn }) => {
      const step = ex.mapOf(id).invert(at);
      const c = runStyle(id).css;
      return k === 0
        ? [pointRow(`${id}-rmax`, 'rmax', c, rn.rmax, step), pointRow(`${id}-dmax`, 'dmax', c, rn.dmax, step)]
        : [pointRow(`${id}-r`, named(id, t('renorm.r')), c, rn.clippedR, step), pointRow(`${id}-d`, named(id, t('renorm.d')), c, rn.clippedD, step)];
    });
    const near = rows.find((r) => r !== null);
    setTip(placeTip(body.current, e, rows, near ? ex.mapOf(runs[0].id)(near.step) : undefined));
  };
  const markers = <ChangeMarkers x={ex.markers(x)} top={M.top} bottom={height - M.bottom} left={M.left} right={pw - M.right} />;
  const limY = scaleLinear().domain(view.lim).range([height - M.bottom, M.top]);
  const shareY = scaleLinear().domain([0, 1]).range([height - M.bottom, M.top]);
  const legend: LegendItem[] = [
    ...runItems(legendRuns, (rid) => runName(t, rid), toggles),
    { label: t('renorm.rLine'), color: 'var(--run-renorm, #E69F00)' },
    { label: t('renorm.dLine'), color: 'var(--run-renorm, #E69F00)', kind: 'dots' },
    ...pinnedItems(pinnedAll, (l) => t('pins.legend', { run: runName(t, l.runId), entry: l.entry }), toggles),
  ];
  const xTicks = Math.max(2, Math.floor(pw / 80));
  return (
    <ChartFrame
      summary={<LiveSummary summarize={summarizeRenorm} />}
      title={t('renorm.title')} subtitle={t('renorm.sub', { rmax: view.rmax.toFixed(2), dmax: view.dmax.toFixed(2) })}
      fileName="normscope-renorm" bodyRef={body} empty={view.empty} legend={legend} note={t('renorm.note')}
      controls={<>{ex.control(axis.showAll)}{axis.controls(view.x)}</>}
    >
      <div className="ns-panels">
        <PlotLayer width={pw} height={height} canvasRef={(c) => { canvases.current[0] = c; }} label={t('renorm.limitsAria')} svgProps={zoom} onPointerMove={hover(0)} onPointerLeave={() => setTip(null)}>
          <AxisLeft scale={limY} x={M.left} ticks={4} format={formatTick} grid={pw - M.left - M.right} />
          <AxisBottom scale={x} y={height - M.bottom} ticks={xTicks} format={formatStep} label={ex.on ? ex.label : undefined} />
          <text className="ns-panel-title" x={M.left} y={12}>{t('renorm.limits')}</text>
          {markers}
          {axis.band}
        </PlotLayer>
        <PlotLayer width={pw} height={height} canvasRef={(c) => { canvases.current[1] = c; }} label={t('renorm.clippedAria')} svgProps={zoom} onPointerMove={hover(1)} onPointerLeave={() => setTip(null)}>
          <AxisLeft scale={shareY} x={M.left} ticks={4} format={formatTick} grid={pw - M.left - M.right} />
          <AxisBottom scale={x} y={height - M.bottom} ticks={xTicks} format={formatStep} label={ex.on ? ex.label : undefined} />
          <text className="ns-panel-title" x={M.left} y={12}>{t('renorm.clipped')}</text>
          {markers}
          {axis.band}
        </PlotLayer>
      </div>
      <Tooltip data={tip} format={formatTick} stepLabel={ex.label} />
    </ChartFrame>
  );
}
