// "Test accuracy": accuracy on the test set per run in evaluation mode. Batch-norm runs can show it
// with the running statistics (what inference uses) or each test batch's own statistics; the other
// one is drawn faintly, so the gap between them is visible.
import { scaleLinear } from 'd3-scale';
import { useId, useMemo, useRef, useState } from 'react';
import type { TelemetryFrame } from '../telemetry/frame';
import { accuracyDomains, accuracySeries, type BnStats } from './accuracy-geometry';
import { AxisBottom, AxisLeft, formatStep } from './axes';
import { AppendLayer, settledLength } from './append-layer';
import { dotSeries, drawAppending, drawDivergence, setupCanvas, strokeSeries } from './canvas';
import { ChartFrame, PlotLayer } from './chart-frame';
import { runItems, useHiddenRuns, useLegendRuns } from './legend';
import { ChangeMarkers } from './change-markers-view';
import { onePanel, useStepAxis } from './use-step-axis';
import { useExamplesAxis } from './use-examples-axis';
import { runColors, runStyle, themeColors } from './palette';
import { Tooltip, tooltipRows, type TooltipData } from './tooltip';
import { baseKey, pushSeriesKey } from './frame-key';
import { hub, useFrameDraw } from './use-frame-draw';
import { useRareState } from './use-chart-state';
import { useSize } from './use-size';
import { currentT, runName, useT } from '../i18n';
import { stepDomain, ValuePool } from './y-domain';
import { LiveSummary } from './live-summary';
import { summarizeAccuracy } from './summaries';
import { pinnedKey, pinnedLastStep } from './pinned-geometry';
import { drawPinnedLines } from './pinned-draw';
import { pinnedItems, usePinnedLines, usePins } from './use-pins';

const M = { left: 44, right: 14, top: 10, bottom: 26 };
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export interface AccuracyChartProps { height?: number }

export function AccuracyChart({ height = 260 }: AccuracyChartProps) {
  const body = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width } = useSize(body);
  const [mode, setMode] = useState<BnStats>('running');
  const [tip, setTip] = useState<TooltipData | null>(null);
  const [view, setView] = useRareState({ x: [0, 10] as [number, number], y: [0, 1] as [number, number], runs: [] as string[], bn: false, empty: true });
  const legendRuns = useLegendRuns(view.runs);
  const pool = useMemo(() => new ValuePool(), []);
  const layer = useMemo(() => new AppendLayer(), []);
  const id = useId();
  const t = useT();
  const name = (rid: string) => runName(t, rid);
  const axis = useStepAxis();
  const ex = useExamplesAxis();
  const toggles = useHiddenRuns();
  const hidden = toggles.hidden;
  const pinAcc = usePinnedLines('testAcc');
  const pinVersion = usePins().version;
  const w = Math.max(width, 200);
  const x = axis.scale(view.x, M.left, w - M.right);
  const y = scaleLinear().domain(view.y).range([height - M.bottom, M.top]);

  const draw = (frame: TelemetryFrame) => {
    const colorOf = runColors(body.current);
    // On an examples-seen axis the zoom window is in rows: the y axis fits the steps the session's runs had then.
    const zoom = axis.view.zoom;
    const window: [number, number] | null = zoom && ex.on ? [ex.session.invert(zoom[0]), ex.session.invert(zoom[1])] : zoom;
    const d = accuracyDomains(frame, pool, { hidden, window }, pinAcc);
    if (ex.on) d.x = stepDomain(ex.last(Math.max(frame.step, pinnedLastStep(pinAcc)), frame.runs.map((r) => r.id)));
    const empty = !frame.runs.some((r) => r.testAcc.y.length > 0) && pinAcc.length === 0;
    setView({ ...d, runs: frame.runs.map((r) => r.id), bn: frame.runs.some((r) => r.testAccBatchStats), empty });
    if (empty) { setupCanvas(canvas.current, w, height); layer.invalidate(); return; }
    const theme = themeColors(body.current);
    const xs = axis.scale(d.x, M.left, w - M.right);
    const ys = scaleLinear().domain(d.y).range([height - M.bottom, M.top]);
    // A new evaluation draws only its segment and dot while the axes, mode and runs stay (./append-layer.ts).
    const key: unknown[] = [d.x[0], d.x[1], d.y[0], d.y[1], mode, axis.view.log, ...(axis.view.zoom ?? [NaN, NaN]), theme.surface, ex.on, ex.session];
    for (const run of frame.runs) key.push(run.id, hidden.has(run.id) ? 1 : 0, colorOf(run.id), run.divergedAt ?? -1, run.testAccBatchStats ? 1 : 0);
    key.push(...pinnedKey(pinAcc, hidden));
    drawAppending(canvas.current, w, height, layer, key, (ctx, full) => {
      ctx.save();
      ctx.beginPath();
      ctx.rect(M.left - 4, M.top - 4, w - M.left - M.right + 8, height - M.top - M.bottom + 8);
      ctx.clip();
      // Pinned runs: muted, beneath the live ones, in full redraws only (they never change).
      if (full) {
        let drawn = 0;
        for (const l of pinAcc) drawn += drawPinnedLines(ctx, [l], hidden, colorOf, ex.scaleOf(xs, l.runId), ys);
        if (canvas.current) canvas.current.dataset.pinnedLines = String(drawn);
      }
      for (const run of frame.runs) {
        const rid = run.id;
        if (hidden.has(rid)) continue;
        const color = colorOf(rid);
        const xr = ex.scaleOf(xs, rid);
        const { main, other } = accuracySeries(run, mode);
        ctx.strokeStyle = color;
        ctx.fillStyle = color;
        if (other) {
          // The other statistics: the run's colour, light and thin, with small dots (dash stays the run kind's).
          const k = settledLength(other, other.y.length);
          ctx.globalAlpha = 0.35;
          ctx.lineWidth = 1;
          strokeSeries(ctx, other.x, other.y, k, xr, ys);
          dotSeries(ctx, other.x, other.y, k, xr, ys, 2);
          ctx.globalAlpha = 1;
        }
        const k = settledLength(main, main.y.length);
        ctx.lineWidth = 2;
        ctx.setLineDash(runStyle(rid).dash);
        strokeSeries(ctx, main.x, main.y, k, xr, ys);
        ctx.setLineDash([]);
        dotSeries(ctx, main.x, main.y, k, xr, ys, 3.5, false, theme.surface);
      }
      ctx.restore();
      if (!full) return;
      const tt = currentT;
      for (const run of frame.runs) {
        if (run.divergedAt === null || hidden.has(run.id)) continue;
        const rid = run.id;
        drawDivergence(ctx, ex.scaleOf(xs, rid)(run.divergedAt), M.top, height - M.bottom, colorOf(rid), tt('divergedAt', { run: runName(tt, rid), step: run.divergedAt }));
      }
    }, theme.surface);
  };
  // Test accuracy changes every evalEvery steps: between two evaluations the chart costs nothing.
  useFrameDraw(body, draw, [w, height, mode, axis.view, hidden, pinAcc, ex.on, ex.session], (frame) => {
    const k = baseKey(frame);
    k.push(pinVersion, pinAcc.length);
    for (const r of frame.runs) { pushSeriesKey(k, r.testAcc); pushSeriesKey(k, r.testAccBatchStats); }
    return k;
  });

  const onMove = (e: React.PointerEvent<SVGSVGElement>) => {
    const frame = hub().get();
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
    if (!frame || axis.dragging || px < M.left || px > w - M.right) { setTip(null); return; }
    const shown = frame.runs.filter((r) => !hidden.has(r.id));
    // The pointer's place on the axis, and each run's step there (the same step for all on a step axis).
    const at = x.invert(px);
    const rows = shown.flatMap((r) => tooltipRows([{ id: r.id, cols: accuracySeries(r, mode).main }], ex.mapOf(r.id).invert(at), name));
    const extra = shown.flatMap((r) => { const o = accuracySeries(r, mode).other; return o ? tooltipRows([{ id: r.id, cols: o }], ex.mapOf(r.id).invert(at), name) : []; })
      .map((row) => ({ ...row, id: `${row.id}-other`, label: t(mode === 'running' ? 'acc.tipBatch' : 'acc.tipRunning', { run: row.label }) }));
    const step = rows.length ? ex.mapOf(rows[0].id)(rows[0].step) : at;
    setTip({ step, left: Math.min(x(step) + 12, w - 220), top: Math.min(Math.max(M.top, e.clientY - e.currentTarget.getBoundingClientRect().top + 14), height - 110), rows: [...rows, ...extra] });
  };

  const legend = [...runItems(legendRuns, name, toggles),
    ...pinnedItems(pinAcc, (l) => t('pins.legend', { run: name(l.runId), entry: l.entry }), toggles), ...(view.bn ? [{ label: t(mode === 'running' ? 'acc.otherBatch' : 'acc.otherRunning'), color: runStyle('batch').css, kind: 'light' as const }] : [])];
  return (
    <ChartFrame
      summary={<LiveSummary summarize={summarizeAccuracy} />}
      title={t('acc.title')} subtitle={t('acc.sub')} fileName="normscope-test-accuracy" bodyRef={body} empty={view.empty} legend={legend}
      controls={<>
        {view.bn ? (
          <fieldset className="ns-radios" aria-label={t('acc.group')}>
            <label><input type="radio" name={`${id}-m`} checked={mode === 'running'} onChange={() => setMode('running')} />{t('acc.running')}</label>
            <label><input type="radio" name={`${id}-m`} checked={mode === 'batch'} onChange={() => setMode('batch')} />{t('acc.batch')}</label>
          </fieldset>
        ) : null}
        {ex.control(axis.showAll)}
        {axis.controls(view.x)}
      </>}
      note={view.bn ? t('acc.note') : null}
    >
      <PlotLayer width={w} height={height} canvasRef={canvas} label={t('acc.aria')} onPointerMove={onMove} onPointerLeave={() => setTip(null)}
        svgProps={axis.pointer(onePanel(x, M.top, height - M.bottom), view.x)}>
        <AxisLeft scale={y} x={M.left} ticks={5} format={(v) => `${Math.round(v * 100)}%`} grid={w - M.left - M.right} />
        <AxisBottom scale={x} y={height - M.bottom} ticks={Math.max(2, Math.floor(w / 90))} format={formatStep} label={ex.label} />
        <ChangeMarkers x={ex.on ? (s: number) => x(ex.session(s)) : x} top={M.top} bottom={height - M.bottom} left={M.left} right={w - M.right} />
        {axis.band}
        {tip ? <line className="ns-hcursor" x1={x(tip.step)} x2={x(tip.step)} y1={M.top} y2={height - M.bottom} /> : null}
      </PlotLayer>
      <Tooltip data={tip} format={pct} stepLabel={ex.label} />
    </ChartFrame>
  );
}
