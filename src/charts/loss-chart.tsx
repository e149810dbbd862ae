// "Loss": training loss per step of every run (raw values faint, min/max of merged points as a band,
// a debiased EMA on top), test loss as points joined by a thin line, log scale, ignore outliers,
// hover tooltip. Drawn on canvas on requestAnimationFrame; React renders the axes and controls.
import { useId, useMemo, useRef, useState } from 'react';
import type { TelemetryFrame } from '../telemetry/frame';
import { AxisBottom, AxisLeft, formatStep, formatTick, logTicks } from './axes';
import { AppendLayer, settledLength } from './append-layer';
import { dotSeries, drawAppending, drawDivergence, fillBand, setupCanvas, strokeSeries } from './canvas';
import { ChartFrame, PlotLayer } from './chart-frame';
import { runItems, useHiddenRuns, useLegendRuns } from './legend';
import { ChangeMarkers } from './change-markers-view';
import { onePanel, useStepAxis } from './use-step-axis';
import { useExamplesAxis } from './use-examples-axis';
import { LossSmoother } from './loss-geometry';
import { runColors, runStyle, themeColors } from './palette';
import { Tooltip, tooltipRows, formatValue, type TooltipData } from './tooltip';
import { useFrameDraw, hub } from './use-frame-draw';
import { useRareState } from './use-chart-state';
import { useSize } from './use-size';
import { currentT, runName, useT } from '../i18n';
import { stepDomain, yScale } from './y-domain';
import { LiveSummary } from './live-summary';
import { summarizeLoss } from './summaries';
import { pinnedKey, pinnedLastStep } from './pinned-geometry';
import { drawPinnedLines } from './pinned-draw';
import { pinnedItems, usePinnedLines } from './use-pins';

const M = { left: 48, right: 14, top: 10, bottom: 26 };

export interface LossChartProps {
  /** Plot height in CSS pixels. */
  height?: number;
}

export function LossChart({ height = 260 }: LossChartProps) {
  const body = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width } = useSize(body);
  const [smoothing, setSmoothing] = useState(0.9);
  const [log, setLog] = useState(false);
  const [ignoreOutliers, setIgnoreOutliers] = useState(false);
  const [tip, setTip] = useState<TooltipData | null>(null);
  const [view, setView] = useRareState({ x: [0, 10] as [number, number], y: [0, 1] as [number, number], runs: [] as string[], empty: true });
  const legendRuns = useLegendRuns(view.runs);
  const smoother = useMemo(() => new LossSmoother(), []);
  const layer = useMemo(() => new AppendLayer(), []);
  const id = useId();
  const t = useT();
  const name = (rid: string) => runName(t, rid);
  const axis = useStepAxis();
  const ex = useExamplesAxis();
  const toggles = useHiddenRuns();
  const hidden = toggles.hidden;
  const pinLoss = usePinnedLines('loss');
  const pinTest = usePinnedLines('testLoss');

  const w = Math.max(width, 200);
  const x = axis.scale(view.x, M.left, w - M.right);
  const y = yScale(view.y, height - M.bottom, M.top, log);

  const draw = (frame: TelemetryFrame) => {
    const colorOf = runColors(body.current);
    // On an examples-seen axis the zoom window is in rows: the y axis fits the steps the session's runs had then.
    const zoom = axis.view.zoom;
    const window: [number, number] | null = zoom && ex.on ? [ex.session.invert(zoom[0]), ex.session.invert(zoom[1])] : zoom;
    const d = smoother.domains(frame, { smoothing, log, ignoreOutliers }, hidden, window, pinLoss);
    if (ex.on) d.x = stepDomain(ex.last(Math.max(frame.step, pinnedLastStep(pinLoss)), frame.runs.map((r) => r.id)));
    const empty = !frame.runs.some((r) => r.loss.y.length > 0) && pinLoss.length === 0;
    setView({ x: d.x, y: d.y, runs: frame.runs.map((r) => r.id), empty });
    if (empty) { setupCanvas(canvas.current, w, height); layer.invalidate(); return; }
    const theme = themeColors(body.current);
    const xs = axis.scale(d.x, M.left, w - M.right);
    const ys = yScale(d.y, height - M.bottom, M.top, log);
    // Only the new stretch of each curve is drawn while the axes, options and runs stay as they were
    // (./append-layer.ts); the open last bucket of a series waits until it is settled.
    const key: unknown[] = [d.x[0], d.x[1], d.y[0], d.y[1], smoothing, log, ignoreOutliers, axis.view.log, ...(axis.view.zoom ?? [NaN, NaN]), theme.surface, ex.on, ex.session];
    for (const run of frame.runs) key.push(run.id, hidden.has(run.id) ? 1 : 0, colorOf(run.id), run.divergedAt ?? -1, run.loss.count[0] > 1 ? 1 : 0);
    key.push(...pinnedKey(pinLoss, hidden), ...pinnedKey(pinTest, hidden));
    drawAppending(canvas.current, w, height, layer, key, (ctx, full) => {
      ctx.save();
      ctx.beginPath();
      ctx.rect(M.left, M.top - 2, w - M.left - M.right, height - M.top - M.bottom + 4);
      ctx.clip();
      // Pinned runs: muted, beneath the live ones, in full redraws only (they never change).
      if (full) {
        let drawn = 0;
        for (const l of pinLoss) drawn += drawPinnedLines(ctx, [l], hidden, colorOf, ex.scaleOf(xs, l.runId), ys, log, smoothing > 0 ? (p) => smoother.last(p.id) ?? p.y : undefined);
        for (const l of pinTest) drawn += drawPinnedLines(ctx, [l], hidden, colorOf, ex.scaleOf(xs, l.runId), ys, log);
        if (canvas.current) canvas.current.dataset.pinnedLines = String(drawn);
      }
      // Three passes so that no run's faint raw values cover another run's smoothed curve.
      for (let pass = 0; pass < 3; pass++) {
        for (const run of frame.runs) {
          const rid = run.id;
          if (hidden.has(rid)) continue;
          const color = colorOf(rid);
          const xr = ex.scaleOf(xs, rid);
          const n = settledLength(run.loss, run.loss.y.length);
          ctx.fillStyle = color;
          ctx.strokeStyle = color;
          if (pass === 0) {
            // The min-max band only exists once points merge several steps (count > 1).
            if (n > 0 && run.loss.count[0] > 1) {
              ctx.globalAlpha = 0.12;
              fillBand(ctx, run.loss.x, run.loss.min, run.loss.max, n, xr, ys, log);
            }
            ctx.lineWidth = 1;
            ctx.globalAlpha = smoothing > 0 ? 0.18 : 1;
            strokeSeries(ctx, run.loss.x, run.loss.y, n, xr, ys, log);
            ctx.globalAlpha = 1;
          } else if (pass === 1 && smoothing > 0) {
            ctx.lineWidth = 2;
            ctx.setLineDash(runStyle(rid).dash);
            strokeSeries(ctx, run.loss.x, smoother.last(rid) ?? smoother.smoothed(rid, run.loss.y, smoothing), n, xr, ys, log);
            ctx.setLineDash([]);
          } else if (pass === 2) {
            // Test loss: points with a light joining line.
            const t = run.testLoss;
            const k = settledLength(t, t.y.length);
            ctx.globalAlpha = 0.6;
            ctx.lineWidth = 1;
            strokeSeries(ctx, t.x, t.y, k, xr, ys, log);
            ctx.globalAlpha = 1;
            dotSeries(ctx, t.x, t.y, k, xr, ys, 3.5, log, theme.surface);
          }
        }
      }
      ctx.restore();
      if (!full) return;
      const tt = currentT;
      for (const run of frame.runs) {
        if (run.divergedAt === null || hidden.has(run.id)) continue;
        drawDivergence(ctx, ex.scaleOf(xs, run.id)(run.divergedAt), M.top, height - M.bottom, colorOf(run.id), tt('divergedAt', { run: runName(tt, run.id), step: run.divergedAt }));
      }
    }, theme.surface);
  };
  useFrameDraw(body, draw, [w, height, smoothing, log, ignoreOutliers, axis.view, hidden, pinLoss, pinTest, ex.on, ex.session]);
  const markerX = useMemo(() => (ex.on ? (s: number) => x(ex.session(s)) : x), [ex.on, ex.session, x]);

  const onMove = (e: React.PointerEvent<SVGSVGElement>) => {
    const frame = hub().get();
    const r = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - r.left;
    if (!frame || axis.dragging || px < M.left || px > w - M.right) { setTip(null); return; }
    // The pointer's place on the axis, and each run's step there (the same step for all on a step axis).
    const at = x.invert(px);
    const shown = frame.runs.filter((run) => !hidden.has(run.id));
    const rows = shown.flatMap((run) => {
      const rid = run.id;
      const s = smoothing > 0 ? smoother.smoothed(rid, run.loss.y, smoothing) : undefined;
      return tooltipRows([{ id: rid, cols: run.loss, values: s, extra: s ? (i: number) => t('loss.rawValue', { v: formatValue(run.loss.y[i]) }) : undefined }], ex.mapOf(rid).invert(at), name);
    });
    const test = shown.flatMap((run) => tooltipRows([{ id: run.id, cols: run.testLoss }], ex.mapOf(run.id).invert(at), name))
      .filter((row) => Math.abs(x(ex.mapOf(row.id)(row.step)) - px) < 8)
      .map((row) => ({ ...row, id: `${row.id}-test`, label: t('loss.runTest', { run: row.label }) }));
    const near = rows.length ? ex.mapOf(rows[0].id)(rows[0].step) : at;
    setTip({ step: near, left: Math.min(x(near) + 12, w - 190), top: Math.min(Math.max(M.top, e.clientY - e.currentTarget.getBoundingClientRect().top + 14), height - 110), rows: [...rows, ...test] });
  };

  const yTicks = log ? logTicks(y, view.y) : undefined;
  const legend = [...runItems(legendRuns, name, toggles),
    ...pinnedItems(pinLoss, (l) => t('pins.legend', { run: name(l.runId), entry: l.entry }), toggles),
    { label: t('loss.test'), color: 'var(--muted, #4b5063)', kind: 'dot' as const },
    ...(smoothing > 0 ? [{ label: t('loss.raw'), color: 'var(--muted, #4b5063)', kind: 'band' as const }] : [])];
  return (
    <ChartFrame
      summary={<LiveSummary summarize={summarizeLoss} />}
      title={t('loss.title')} subtitle={t('loss.sub')} fileName="normscope-loss" bodyRef={body} empty={view.empty} legend={legend}
      controls={<>
        <label htmlFor={`${id}-s`}>{t('loss.smoothing')}
          <input id={`${id}-s`} type="range" min={0} max={0.99} step={0.01} value={smoothing}
            onChange={(e) => setSmoothing(Number(e.target.value))} aria-valuetext={smoothing.toFixed(2)} />
          <output htmlFor={`${id}-s`}>{smoothing.toFixed(2)}</output>
        </label>
        <label><input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} />{t('loss.log')}</label>
        <label><input type="checkbox" checked={ignoreOutliers} onChange={(e) => setIgnoreOutliers(e.target.checked)} />{t('loss.outliers')}</label>
        {ex.control(axis.showAll)}
        {axis.controls(view.x)}
      </>}
    >
      <PlotLayer width={w} height={height} canvasRef={canvas} label={t('loss.aria')}
        onPointerMove={onMove} onPointerLeave={() => setTip(null)} svgProps={axis.pointer(onePanel(x, M.top, height - M.bottom), view.x)}>
        <AxisLeft scale={y} x={M.left} ticks={5} tickValues={yTicks} format={formatTick} grid={w - M.left - M.right} />
        <AxisBottom scale={x} y={height - M.bottom} ticks={Math.max(2, Math.floor(w / 90))} format={formatStep} label={ex.label} />
        <text className="ns-ax-label" x={M.left + 4} y={M.top + 10}>{t('loss.axis')}</text>
        <ChangeMarkers x={markerX} top={M.top} bottom={height - M.bottom} left={M.left} right={w - M.right} />
        {axis.band}
        {tip ? <line className="ns-hcursor" x1={x(tip.step)} x2={x(tip.step)} y1={M.top} y2={height - M.bottom} /> : null}
      </PlotLayer>
      <Tooltip data={tip} stepLabel={ex.label} />
    </ChartFrame>
  );
}
