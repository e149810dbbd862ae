// "Channel statistics over time" (arch cnn, batch-norm runs): per channel of one conv layer, the batch
// mean (or variance) of each sampled step against the running estimate evaluation uses, as small
// multiples: the running estimate follows the noisy batch values with the momentum's lag.
import { scaleLinear } from 'd3-scale';
import { useMemo, useRef, useState } from 'react';
import type { TelemetryFrame } from '../telemetry/frame';
import { dotSeries, setupCanvas, strokeSeries } from './canvas';
import { ChartFrame, PlotLayer } from './chart-frame';
import { summarizeCnnStats } from './cnn-summaries';
import { LiveSummary } from './live-summary';
import { channelBatchSeries, channelBatchSeriesNames, gridLayout, seriesRange } from './cnn-geometry';
import { CNN_CHANNELS } from '../state/chart-inputs';
import { pinnedLastStep } from './pinned-geometry';
import { drawPinnedLines } from './pinned-draw';
import { allPinned, layerSeriesKey } from './pinned-layers';
import { pinnedItems, usePinnedGroups } from './use-pins';
import { useHiddenRuns } from './legend';
import { runName, useT } from '../i18n';
import { convRuns, LayerSelect } from './cnn-kit';
import { runColors, themeColors } from './palette';
import { useFrameDraw } from './use-frame-draw';
import type { LegendItem } from './legend';

const PINNED_NAMES = channelBatchSeriesNames(Math.max(...CNN_CHANNELS));
import { useRareState } from './use-chart-state';
import { useSize } from './use-size';

const LABEL = 14;

export function CnnChannelStatsChart() {
  const body = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const { width } = useSize(body);
  const t = useT();
  const [layer, setLayer] = useState(0);
  const [what, setWhat] = useState<'mean' | 'var'>('mean');
  const toggles = useHiddenRuns();
  const hidden = toggles.hidden;
  // Pinned runs' batch statistics of the same channel and layer (./pinned-layers.ts), muted beneath.
  const pinned = usePinnedGroups(PINNED_NAMES);
  const [view, setView] = useRareState({ run: '', channels: 8, empty: true, none: false, momentum: 0.1 });
  const w = Math.max(280, width);
  const grid = gridLayout(view.channels, w, 110, 0.55, 6);
  const height = Math.max(60, grid.rows * (grid.cellH + LABEL + 6));

  const draw = (frame: TelemetryFrame) => {
    const runs = convRuns(frame);
    const run = runs.find((r) => r.conv?.layers[layer]?.series);
    const cl = run?.conv?.layers[layer];
    const s = cl?.series;
    setView({ run: run?.id ?? '', channels: cl?.channels ?? 8, empty: !s || s.batchMean[0].y.length === 0, none: runs.length > 0 && !run, momentum: frame.settings?.momentum ?? 0.1 });
    const ctx = setupCanvas(canvas.current, w, height);
    if (!ctx || !s || !cl || !run) return;
    const g = gridLayout(cl.channels, w, 110, 0.55, 6);
    const colorOf = runColors(body.current);
    const color = colorOf(run.id);
    let pinnedDrawn = 0;
    const theme = themeColors(body.current);
    const batch = what === 'mean' ? s.batchMean : s.batchVar;
    const running = what === 'mean' ? s.runningMean : s.runningVar;
    for (let c = 0; c < cl.channels; c++) {
      const { x } = g.cells[c];
      const top = Math.floor(c / g.cols) * (g.cellH + LABEL + 6) + LABEL;
      const b = batch[c];
      const r = running[c];
      const pins = (pinned.get(layerSeriesKey(channelBatchSeries(c, what), layer)) ?? []).filter((l) => !hidden.has(l.id));
      const [lo, hi] = seriesRange([b.y, r.y, ...pins.map((l) => l.y)]);
      const x0 = b.x.length ? b.x[0] : 0;
      const x1 = Math.max(b.x.length ? b.x[b.x.length - 1] : 1, pinnedLastStep(pins));
      const xs = scaleLinear().domain([x0, Math.max(x1, x0 + 1)]).range([x + 2, x + g.cellW - 2]);
      const ys = scaleLinear().domain([lo, hi]).range([top + g.cellH - 2, top + 2]);
      ctx.fillStyle = theme.fg;
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(`c${c + 1}  ${r.y.length ? r.y[r.y.length - 1].toPrecision(3) : ''}`, x, top - 3);
      ctx.strokeStyle = theme.grid;
      ctx.lineWidth = 1;
      ctx.strokeRect(x + 0.5, top + 0.5, g.cellW - 1, g.cellH - 1);
      pinnedDrawn += drawPinnedLines(ctx, pins, hidden, colorOf, xs, ys);
      ctx.strokeStyle = color;
      ctx.globalAlpha = 0.5;
      strokeSeries(ctx, b.x, b.y, b.y.length, xs, ys);
      ctx.globalAlpha = 1;
      ctx.fillStyle = theme.fg;
      dotSeries(ctx, r.x, r.y, r.y.length, xs, ys, 1.4);
    }
    if (canvas.current) canvas.current.dataset.pinnedLines = String(pinnedDrawn);
  };
  useFrameDraw(body, draw, [w, height, layer, what, pinned, hidden]);
  const pinnedAll = useMemo(() => allPinned(pinned), [pinned]);

  const layerName = t(layer === 0 ? 'layer.0' : 'layer.1');
  const whatName = t(what === 'mean' ? 'stats.mean' : 'stats.var');
  const legend: LegendItem[] = [
    { label: t('stats.batchLine', { what: whatName }), color: view.run ? `var(--run-${view.run})` : 'var(--muted)' },
    { label: t('stats.runningLine'), color: 'var(--fg, #222)', kind: 'dots' },
    ...pinnedItems(pinnedAll, (l) => t('pins.legend', { run: runName(t, l.runId), entry: l.entry }), toggles),
  ];
  return (
    <ChartFrame
      summary={<LiveSummary summarize={(f, lang) => summarizeCnnStats(f, layer, what, lang)} deps={[layer, what]} />}
      title={t('stats.title')} subtitle={t('stats.sub', { layer: layerName, run: view.run ? runName(t, view.run) : '—', what: whatName })}
      fileName="normscope-cnn-channel-stats" bodyRef={body} empty={view.empty && !view.none} legend={legend}
      note={view.none ? t('stats.none') : t('stats.note', { momentum: view.momentum })}
      controls={<>
        <LayerSelect value={layer} onChange={setLayer} />
        <label>{t('ctl.what')}
          <select value={what} onChange={(e) => setWhat(e.target.value as 'mean' | 'var')}>
            <option value="mean">{t('stats.mean')}</option>
            <option value="var">{t('stats.var')}</option>
          </select>
        </label>
      </>}
    >
      <PlotLayer width={w} height={height} canvasRef={(c) => { canvas.current = c; }} label={t('stats.aria', { layer: layerName, what: whatName })} />
    </ChartFrame>
  );
}
