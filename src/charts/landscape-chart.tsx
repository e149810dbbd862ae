// "Loss landscape": Santurkar et al. (2018)'s measures over training, per run. Three panels over the
// steps: the loss along the gradient (a band from its min to its max over the step sizes, the loss at
// w as a line), the gradient predictiveness (band), the effective beta-smoothness (line); then ICS of
// one chosen layer: ||G - G'|| and cos(G, G'). Canvas on requestAnimationFrame from the telemetry hub;
// React draws the axes, the layer choice, the cost line, and the empty state with a switch to turn the
// measurement on. Pinned runs (./pinned-geometry.ts) are drawn beneath, muted: band edges and lines, in
// full redraws. The x axis may show examples seen instead of steps (./use-examples-axis.tsx).
import { useId, useMemo, useRef, useState } from 'react';
import type { TelemetryFrame } from '../telemetry/frame';
import { getApp, useApp } from '../state/app';
import { type MessageKey, useT } from '../i18n';
import { runName } from './histograms-kit';
import { DEFAULT_PAGE_SETTINGS } from '../state/url-codec';
import { AxisBottom, AxisLeft, formatStep, formatTick, logTicks } from './axes';
import { AppendLayer, settledLength } from './append-layer';
import { dotSeries, drawAppending, fillBand, setupCanvas, strokeSeries } from './canvas';
import { ChartFrame, PlotLayer } from './chart-frame';
import {
  LANDSCAPE_SERIES_NAMES, PANELS, betaComparison, clampLayer, costAtMeasurement, hasPoints, icsLayers, landscapeDomains, landscapeTips, panelAt as panelAt0, panelGrid,
  pinnedPanel, pinnedPanelLines, type PanelKey,
} from './landscape-geometry';
import { runItems, useHiddenRuns, useLegendRuns } from './legend';
import { ChangeMarkers } from './change-markers-view';
import { useStepAxis, type PanelAt } from './use-step-axis';
import { useExamplesAxis } from './use-examples-axis';
import { runColors, runStyle, themeColors } from './palette';
import { Tooltip, formatValue, type TooltipData } from './tooltip';
import { hub, useFrameDraw } from './use-frame-draw';
import { useRareState } from './use-chart-state';
import { useSize } from './use-size';
import { ValuePool, yScale } from './y-domain';
import { LiveSummary } from './live-summary';
import { summarizeLandscape } from './summaries';
import { pinnedKey, type PinnedLine } from './pinned-geometry';
import { dotPinnedLines, drawPinnedLines } from './pinned-draw';
import { allPinned } from './pinned-layers';
import { pinnedItems, usePinnedGroups } from './use-pins';

const PM = { left: 46, right: 10, top: 20, bottom: 24 };
const GAP = 16;

/** Plot area of panel k (its box in the grid less the margins), in the overlay's pixels. */
function plotArea(grid: { pw: number; origin: (k: number) => { x: number; y: number } }, k: number, height: number) {
  const o = grid.origin(k);
  return { o, left: o.x + PM.left, right: o.x + grid.pw - PM.right, top: o.y + PM.top, bottom: o.y + height - PM.bottom };
}
/** Up to this many points a series also gets dots (a single measurement is then visible). */
const DOTS_BELOW = 25;
/** The schedule the "turn on" button sets: the page's default, or every 500 steps. */
const TURN_ON_EVERY = DEFAULT_PAGE_SETTINGS.landscapeEvery > 0 ? DEFAULT_PAGE_SETTINGS.landscapeEvery : 500;

const TITLES: Record<PanelKey, MessageKey> = {
  loss: 'land.panel.loss', gradPred: 'land.panel.gradPred', beta: 'land.panel.beta', icsDist: 'land.panel.icsDist', icsCos: 'land.panel.icsCos',
};

type Pair = [number, number];

export interface LandscapeChartProps {
  /** Height of one panel in CSS pixels. */
  height?: number;
}

export function LandscapeChart({ height = 170 }: LandscapeChartProps) {
  const body = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width } = useSize(body);
  const pool = useMemo(() => new ValuePool(), []);
  const drawn = useMemo(() => new AppendLayer(), []);
  const id = useId();
  const t = useT();
  const axis = useStepAxis();
  const ex = useExamplesAxis();
  const toggles = useHiddenRuns();
  const hidden = toggles.hidden;
  // Pinned runs' landscape series (./pinned-layers.ts groups; ICS per layer).
  const pinned = usePinnedGroups(LANDSCAPE_SERIES_NAMES);
  const pinnedAll = useMemo(() => allPinned(pinned), [pinned]);
  const every = useApp((s) => s.settings.landscapeEvery);
  const [layerChoice, setLayerChoice] = useState<number | null>(null);
  const [tip, setTip] = useState<TooltipData | null>(null);
  const [view, setView] = useRareState({
    x: [0, 10] as Pair, y: PANELS.map((p) => (p.log ? [0.1, 10] : [0, 1])) as Pair[], runs: [] as string[],
    layers: 0, points: false, cost: null as { percent: string; ms: string } | null,
    beta: null as { bn: string; plain: string; n: number; lower: boolean } | null,
  });
  const legendRuns = useLegendRuns(view.runs);
  const w = Math.max(width, 240);
  const grid = panelGrid(w, PANELS.length, height, GAP);
  const layer = clampLayer(layerChoice, view.layers);
  const setEvery = (n: number) => getApp().store.getState().set('landscapeEvery', n);

  const costSeen = useRef<ReturnType<typeof costAtMeasurement> | null>(null);
  const costNow = (land: TelemetryFrame['landscape']) => (costSeen.current = costAtMeasurement(costSeen.current, land)).figures;

  const draw = (frame: TelemetryFrame) => {
    const land = frame.landscape;
    const runIds = land?.runs.map((r) => r.id) ?? [];
    const L = icsLayers(land);
    const ly = clampLayer(layerChoice, L);
    const pins = PANELS.map((p) => pinnedPanel(pinned, p, ly, L));
    const pinLines = pins.flatMap(pinnedPanelLines);
    // on an examples-seen axis it ends at the most rows any live or pinned run had seen by then
    const d = landscapeDomains(frame, ly, pool, { panels: pins, hidden }, (step) => ex.last(step, [...runIds, ...pinLines.map((l) => l.runId)]));
    const points = hasPoints(land) || pinLines.length > 0;
    const b = betaComparison(land);
    const beta = b && { bn: b.bn.toPrecision(3), plain: b.plain.toPrecision(3), n: b.n, lower: b.lower };
    setView({ x: d.x, y: d.y, runs: runIds, layers: L, points, cost: costNow(land), beta });
    if (!points) { setupCanvas(canvas.current, w, grid.height); drawn.invalidate(); return; }
    const colorOf = runColors(body.current);
    const theme = themeColors(body.current);
    const runs = land?.runs ?? [];
    // A new measurement draws only its segments while the axes, the runs and the view stay
    // (./append-layer.ts); the dots of short series are part of the key (they go when a series grows).
    const key: unknown[] = [d.x[0], d.x[1], ...d.y.flat(), ly, grid.cols, height, theme.surface, axis.view.log, ...(axis.view.zoom ?? [NaN, NaN]), ex.on, ex.session];
    for (const run of runs) key.push(run.id, hidden.has(run.id) ? 1 : 0, colorOf(run.id), run.loss.y.length < DOTS_BELOW ? 1 : 0);
    key.push(...pinnedKey(pinLines, hidden));
    // Pinned runs: muted lines (a band as its two edges), with small dots while they have few points.
    const drawPins = (ctx: CanvasRenderingContext2D, lines: readonly PinnedLine[], xs: (v: number) => number, ys: (v: number) => number, log: boolean) => {
      let n = 0;
      for (const l of lines) {
        const xr = ex.scaleOf(xs, l.runId);
        n += drawPinnedLines(ctx, [l], hidden, colorOf, xr, ys, log);
        if (l.y.length < DOTS_BELOW) dotPinnedLines(ctx, [l], hidden, colorOf, xr, ys, 1.5, log);
      }
      return n;
    };
    let pinnedDrawn = 0;
    drawAppending(canvas.current, w, grid.height, drawn, key, (ctx, full) => PANELS.forEach((panel, k) => {
      const { left, right, top, bottom } = plotArea(grid, k, height);
      const xs = axis.scale(d.x, left, right);
      const ys = yScale(d.y[k], bottom, top, panel.log);
      ctx.save();
      ctx.beginPath();
      ctx.rect(left, top - 2, right - left, bottom - top + 4);
      ctx.clip();
      // beneath the live runs, in full redraws only (they never change)
      if (full) {
        pinnedDrawn += drawPins(ctx, pinnedPanelLines(pins[k]), xs, ys, panel.log);
        if (k === PANELS.length - 1 && canvas.current) canvas.current.dataset.pinnedLines = String(pinnedDrawn);
      }
      for (const run of runs) {
        if (hidden.has(run.id)) continue;
        const color = colorOf(run.id);
        const xr = ex.scaleOf(xs, run.id);
        // few measurements yet: each one also as a dot (part of the key above)
        const dotted = run.loss.y.length < DOTS_BELOW;
        ctx.strokeStyle = color;
        ctx.fillStyle = color;
        if (panel.band) {
          const [lo, hi] = panel.band(run, ly);
          const n = Math.min(settledLength(lo, lo.y.length), settledLength(hi, hi.y.length));
          ctx.globalAlpha = 0.15;
          fillBand(ctx, lo.x, lo.y, hi.y, n, xr, ys, panel.log);
          // the band's edges, so that it reads with few points and where the runs overlap
          ctx.globalAlpha = 0.75;
          ctx.lineWidth = 1;
          ctx.setLineDash(runStyle(run.id).dash);
          strokeSeries(ctx, lo.x, lo.y, n, xr, ys, panel.log);
          strokeSeries(ctx, hi.x, hi.y, n, xr, ys, panel.log);
          ctx.setLineDash([]);
          ctx.globalAlpha = 1;
          if (dotted) {
            dotSeries(ctx, lo.x, lo.y, n, xr, ys, 2, panel.log);
            dotSeries(ctx, hi.x, hi.y, n, xr, ys, 2, panel.log);
          }
        }
        const line = panel.line?.(run, ly);
        if (line) {
          const n = settledLength(line, line.y.length);
          // on the loss panel the line (the loss at w) is secondary to the band: lighter, in the run's dash
          ctx.lineWidth = panel.band ? 1.5 : 1.75;
          ctx.globalAlpha = panel.band ? 0.45 : 1;
          ctx.setLineDash(runStyle(run.id).dash);
          strokeSeries(ctx, line.x, line.y, n, xr, ys, panel.log);
          ctx.setLineDash([]);
          ctx.globalAlpha = 1;
          if (dotted) dotSeries(ctx, line.x, line.y, n, xr, ys, panel.band ? 1.5 : 2.5, panel.log, panel.band ? undefined : theme.surface);
        }
      }
      ctx.restore();
    }), theme.surface);
  };
  useFrameDraw(body, draw, [w, height, layerChoice, grid.cols, axis.view, hidden, pinned, ex.on, ex.session]);

  const layerName = (j: number) => (j === view.layers - 1 ? t('land.output') : t('land.layerN', { layer: j + 1 }));
  const name = (rid: string) => runName(t, rid);
  // Hover: the panel under the pointer, and per run what it draws at the nearest measurement.
  const onMove = (e: React.PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left;
    const py = e.clientY - box.top;
    const k = panelAt0(grid, PANELS.length, height, GAP, px, py);
    const frame = hub().get();
    if (k < 0 || !frame || axis.dragging) { setTip(null); return; }
    const { left, right } = plotArea(grid, k, height);
    if (px < left || px > right) { setTip(null); return; }
    const x = axis.scale(view.x, left, right);
    const panel = PANELS[k];
    // the pointer's place on the axis, and each run's step there (the same step for all on a step axis)
    const at = x.invert(px);
    const tips = landscapeTips(frame.landscape, panel, layer, (rid) => ex.mapOf(rid).invert(at)).filter((tip) => !hidden.has(tip.id));
    if (tips.length === 0) { setTip(null); return; }
    const rows = tips.map((tip) => ({
      id: tip.id, label: name(tip.id), color: runStyle(tip.id).css, step: tip.step,
      value: panel.line ? tip.value : tip.lo,
      extra: panel.band
        ? (panel.line ? `(${t('land.tipRange', { lo: formatValue(tip.lo), hi: formatValue(tip.hi) })})` : `– ${formatValue(tip.hi)}`)
        : undefined,
    }));
    const near = ex.mapOf(tips[0].id)(tips[0].step);
    setTip({ step: near, left: Math.min(x(near) + 12, w - 260), top: Math.min(py + 14, grid.height - 80), rows });
  };
  const cost = view.cost;
  const empty = !view.points;
  const panelAt: PanelAt = (px, py) => {
    const k = panelAt0(grid, PANELS.length, height, GAP, px, py);
    if (k < 0) return null;
    const { left, right, top, bottom } = plotArea(grid, k, height);
    return { scale: axis.scale(view.x, left, right), top, bottom };
  };
  return (
    <ChartFrame
      summary={<LiveSummary summarize={summarizeLandscape} />}
      title={t('land.title')} subtitle={t('land.sub')} fileName="normscope-landscape" bodyRef={body}
      legend={[...runItems(legendRuns, name, toggles),
        ...pinnedItems(pinnedAll, (l) => t('pins.legend', { run: name(l.runId), entry: l.entry }), toggles),
        { label: t('land.range'), color: 'var(--muted, #4b5063)', kind: 'band' as const },
        { label: t('land.atW'), color: 'var(--muted, #4b5063)', kind: 'light' as const }]}
      controls={<>
        {view.layers > 0 ? (
          <label htmlFor={`${id}-layer`}>{t('land.layer')}
            <select id={`${id}-layer`} value={layer} onChange={(e) => setLayerChoice(Number(e.target.value))}>
              {Array.from({ length: view.layers }, (_, j) => <option key={j} value={j}>{layerName(j)}</option>)}
            </select>
          </label>
        ) : null}
        {ex.control(axis.showAll)}
        {axis.controls(view.x)}
      </>}
      note={<>
        <span data-testid="landscape-cost">
          {every > 0
            ? (cost ? t('land.cost', { percent: cost.percent, ms: cost.ms, n: every }) : null)
            : (view.points ? t('land.costOff') : null)}
        </span>{' '}
        {view.points ? (every > 0
          ? <button type="button" className="ns-fig-btn" onClick={() => setEvery(0)}>{t('land.turnOff')}</button>
          : <button type="button" className="ns-fig-btn" onClick={() => setEvery(TURN_ON_EVERY)}>{t('land.turnOn', { n: TURN_ON_EVERY })}</button>) : null}
        <br />
        {t('land.note')}
        {view.beta ? <>{' '}<strong data-testid="landscape-beta-check">{t(view.beta.lower ? 'land.betaHolds' : 'land.betaFails', { bn: view.beta.bn, plain: view.beta.plain, n: view.beta.n })}</strong></> : null}
      </>}
    >
      <PlotLayer width={w} height={grid.height} canvasRef={canvas} label={t('land.aria')} onPointerMove={onMove} onPointerLeave={() => setTip(null)}
        svgProps={axis.pointer(panelAt, view.x)}>
        {PANELS.map((panel, k) => {
          const { o, left, right, top, bottom } = plotArea(grid, k, height);
          const dom = view.y[k];
          const x = axis.scale(view.x, left, right);
          const y = yScale(dom, bottom, top, panel.log);
          const ics = panel.key === 'icsDist' || panel.key === 'icsCos';
          return (
            <g key={panel.key}>
              <text className="ns-panel-title" x={left} y={o.y + 12}>{t(TITLES[panel.key], ics ? { layer: layerName(layer) } : undefined)}</text>
              {/* cosines near 1 need the digits d3's own tick format picks (0.9996, 0.9998, 1.0000) */}
              <AxisLeft scale={y} x={left} ticks={4} tickValues={panel.log ? logTicks(y, dom) : undefined}
                format={panel.key === 'icsCos' ? undefined : formatTick} grid={right - left} />
              <AxisBottom scale={x} y={bottom} ticks={Math.max(2, Math.floor((right - left) / 70))} format={formatStep} label={ex.on ? ex.label : undefined} />
              <ChangeMarkers x={ex.markers(x)} top={top} bottom={bottom} left={left} right={right} rows={2} />
            </g>
          );
        })}
        {axis.band}
      </PlotLayer>
      <Tooltip data={tip} stepLabel={ex.label} />
      {empty ? (
        <div className="ns-fig-empty" role="status" style={{ flexDirection: 'column', gap: '0.6rem', fontStyle: 'normal' }}>
          {every > 0 ? <span>{t('land.waiting', { n: every })}</span> : <>
            <span>{t('land.off')}</span>
            <button type="button" className="ns-fig-btn" onClick={() => setEvery(TURN_ON_EVERY)}>{t('land.turnOn', { n: TURN_ON_EVERY })}</button>
          </>}
        </div>
      ) : null}
    </ChartFrame>
  );
}
