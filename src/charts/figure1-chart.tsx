// "Figure 1" as Ioffe & Szegedy (2015) drew it, from the live telemetry: (a) test accuracy against
// steps for every run; (b), (c)... one panel per run with the 15th, 50th and 85th percentiles of the
// input to the last hidden layer's sigmoid over the steps, on a shared y scale.
import { scaleLinear } from 'd3-scale';
import { useMemo, useRef, useState } from 'react';
import type { TelemetryFrame } from '../telemetry/frame';
import { accuracyDomains } from './accuracy-geometry';
import { AxisBottom, AxisLeft, formatStep, formatTick } from './axes';
import { AppendLayer, settledLength } from './append-layer';
import { dotSeries, drawAppending, drawPercentileBands, setupCanvas, strokeSeries } from './canvas';
import { ChartFrame, PlotLayer } from './chart-frame';
import { runItems, useHiddenRuns, useLegendRuns } from './legend';
import { ChangeMarkers } from './change-markers-view';
import { onePanel, useStepAxis } from './use-step-axis';
import { runColors, runStyle, themeColors } from './palette';
import { bandDomains, layerCount } from './percentiles-geometry';
import { hub, useFrameDraw } from './use-frame-draw';
import { Tooltip, placeTip, pointRow, type TooltipData } from './tooltip';
import { useRareState } from './use-chart-state';
import { useSize } from './use-size';
import { runName, useT } from '../i18n';
import { ValuePool } from './y-domain';
import { LiveSummary } from './live-summary';
import { summarizePercentiles } from './summaries';

const M = { left: 40, right: 10, top: 20, bottom: 24 };
const GAP = 12;
const PANEL_LETTERS = 'abcdef';

export function Figure1Chart({ height = 200 }: { height?: number }) {
  const body = useRef<HTMLDivElement>(null);
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const layers = useRef<AppendLayer[]>([]);
  const { width } = useSize(body);
  const t = useT();
  const name = (rid: string) => runName(t, rid);
  const pool = useMemo(() => new ValuePool(), []);
  const axis = useStepAxis();
  const [tip, setTip] = useState<TooltipData | null>(null);
  const toggles = useHiddenRuns();
  const hidden = toggles.hidden;
  const [view, setView] = useRareState({
    runs: [] as string[], empty: true, x: [0, 10] as [number, number],
    acc: [0, 1] as [number, number], band: [0, 1] as [number, number],
  });
  const legendRuns = useLegendRuns(view.runs);
  const shownRuns = view.runs.filter((r) => !hidden.has(r));
  const panels = 1 + shownRuns.length;
  const pw = Math.max(150, Math.floor((Math.max(width, 300) - GAP * (panels - 1)) / panels));

  const draw = (frame: TelemetryFrame) => {
    const colorOf = runColors(body.current);
    const theme = themeColors(body.current);
    const last = Math.max(0, layerCount(frame) - 1);
    const a = accuracyDomains(frame, pool, { hidden, window: axis.view.zoom });
    const b = bandDomains(frame, last, pool, { hidden, window: axis.view.zoom });
    const empty = !frame.runs.some((r) => r.testAcc.y.length > 0);
    setView({ runs: frame.runs.map((r) => r.id), empty, x: a.x, acc: a.y, band: b.y });
    const runs = frame.runs.filter((r) => !hidden.has(r.id));
    const n = 1 + runs.length;
    const pwNow = Math.max(150, Math.floor((Math.max(width, 300) - GAP * (n - 1)) / n));
    const xs = axis.scale(a.x, M.left, pwNow - M.right);
    const accY = scaleLinear().domain(a.y).range([height - M.bottom, M.top]);
    const clip = (c: CanvasRenderingContext2D) => {
      c.save();
      c.beginPath();
      c.rect(M.left - 4, M.top - 4, pwNow - M.left - M.right + 8, height - M.top - M.bottom + 8);
      c.clip();
    };
    // Each panel draws only its new stretch while its axes and runs stay (./append-layer.ts).
    const layerOf = (i: number) => (layers.current[i] ??= new AppendLayer());
    const view = [axis.view.log, ...(axis.view.zoom ?? [NaN, NaN]), theme.surface];
    drawAppending(canvases.current[0] ?? null, pwNow, height, layerOf(0), [a.x[0], a.x[1], a.y[0], a.y[1], ...view, ...runs.flatMap((r) => [r.id, colorOf(r.id)])], (ctx) => {
      clip(ctx);
      for (const run of runs) {
        const color = colorOf(run.id);
        const k = settledLength(run.testAcc, run.testAcc.y.length);
        ctx.strokeStyle = color;
        ctx.fillStyle = color;
        ctx.lineWidth = 2;
        ctx.setLineDash(runStyle(run.id).dash);
        strokeSeries(ctx, run.testAcc.x, run.testAcc.y, k, xs, accY);
        ctx.setLineDash([]);
        dotSeries(ctx, run.testAcc.x, run.testAcc.y, k, xs, accY, 3, false, theme.surface);
      }
      ctx.restore();
    }, theme.surface);
    const bandY = scaleLinear().domain(b.y).range([height - M.bottom, M.top]);
    runs.forEach((run, i) => {
      const bands = run.layers[last]?.bands;
      if (!bands) { setupCanvas(canvases.current[i + 1] ?? null, pwNow, height); layerOf(i + 1).invalidate(); return; }
      drawAppending(canvases.current[i + 1] ?? null, pwNow, height, layerOf(i + 1), [a.x[0], a.x[1], b.y[0], b.y[1], ...view, run.id, colorOf(run.id), last], (c) => {
        clip(c);
        // the paper draws the 15th and 85th percentiles as lines: edges at full opacity
        drawPercentileBands(c, bands, colorOf(run.id), xs, bandY, { fillAlpha: 0.15, edgeAlpha: 1, edgeWidth: 1.5, medianWidth: 2.5 });
        c.restore();
      }, theme.surface);
    });
  };
  useFrameDraw(body, draw, [width, height, view.runs.join(), axis.view, hidden]);

  const x = axis.scale(view.x, M.left, pw - M.right);
  const zoom = axis.pointer(onePanel(x, M.top, height - M.bottom), view.x);
  // Hover: (a) every shown run's accuracy; a run's panel, its percentiles; at the nearest step.
  const hover = (rid: string | null) => (e: React.PointerEvent<SVGSVGElement>) => {
    const frame = hub().get();
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
    if (!frame || axis.dragging || px < M.left || px > pw - M.right) { setTip(null); return; }
    const step = x.invert(px);
    const last = Math.max(0, (frame.runs[0]?.layers.length ?? 1) - 1);
    const rows = rid === null
      ? frame.runs.filter((r) => !hidden.has(r.id)).map((r) => pointRow(r.id, name(r.id), `var(--run-${r.id})`, r.testAcc, step))
      : (() => { const b = frame.runs.find((r) => r.id === rid)?.layers[last]?.bands; const c = `var(--run-${rid})`; return b ? [pointRow('p85', '85%', c, b.p85, step), pointRow('p50', '50%', c, b.p50, step), pointRow('p15', '15%', c, b.p15, step)] : []; })();
    setTip(placeTip(body.current, e, rows));
  };
  const markers = <ChangeMarkers x={x} top={M.top} bottom={height - M.bottom} left={M.left} right={pw - M.right} />;
  const accY = scaleLinear().domain(view.acc).range([height - M.bottom, M.top]);
  const bandY = scaleLinear().domain(view.band).range([height - M.bottom, M.top]);
  const xTicks = Math.max(2, Math.floor(pw / 80));
  return (
    <ChartFrame
      summary={<LiveSummary summarize={(f, lang) => summarizePercentiles(f, Math.max(0, (f?.runs[0]?.layers.length ?? 1) - 1), lang)} />}
      title={t('fig1.title')} subtitle={t('fig1.sub')} fileName="normscope-figure1"
      bodyRef={body} empty={view.empty} legend={runItems(legendRuns, name, toggles)} note={t('fig1.note')}
      controls={axis.controls(view.x)}
    >
      <div className="ns-panels">
        <PlotLayer width={pw} height={height} canvasRef={(c) => { canvases.current[0] = c; }} label={t('fig1.accAria')} svgProps={zoom} onPointerMove={hover(null)} onPointerLeave={() => setTip(null)}>
          <AxisLeft scale={accY} x={M.left} ticks={4} format={formatTick} grid={pw - M.left - M.right} />
          <AxisBottom scale={x} y={height - M.bottom} ticks={xTicks} format={formatStep} />
          <text className="ns-panel-title" x={M.left} y={12}>{`(a) ${t('fig1.acc')}`}</text>
          {markers}
          {axis.band}
        </PlotLayer>
        {shownRuns.map((rid, i) => (
          <PlotLayer key={rid} width={pw} height={height} canvasRef={(c) => { canvases.current[i + 1] = c; }}
            label={t('fig1.bandAria', { run: name(rid) })} svgProps={zoom} onPointerMove={hover(rid)} onPointerLeave={() => setTip(null)}>
            <AxisLeft scale={bandY} x={M.left} ticks={4} format={formatTick} grid={pw - M.left - M.right} />
            <AxisBottom scale={x} y={height - M.bottom} ticks={xTicks} format={formatStep} />
            <text className="ns-panel-title" x={M.left} y={12}>{`(${PANEL_LETTERS[i + 1] ?? '?'}) ${name(rid)}`}</text>
            {markers}
            {axis.band}
          </PlotLayer>
        ))}
      </div>
      <Tooltip data={tip} format={formatTick} stepLabel={t('step')} />
    </ChartFrame>
  );
}
