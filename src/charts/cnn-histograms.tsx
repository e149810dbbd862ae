// "Per-channel activations" (arch cnn): for one conv layer of one run, a small histogram per channel
// of the norm's input (filled) and output (outline), each over that channel's N x H x W values of the
// last batch: what BatchNorm2d (or group norm) reduces over, one mean and variance per panel.
import { useRef, useState } from 'react';
import type { TelemetryFrame } from '../telemetry/frame';
import { setupCanvas } from './canvas';
import { ChartFrame, PlotLayer } from './chart-frame';
import { summarizeCnnHistograms } from './cnn-summaries';
import { LiveSummary } from './live-summary';
import { channelBars, channelMax, gridLayout } from './cnn-geometry';
import { runName, useT } from '../i18n';
import { convRuns, LayerSelect, RunSelect } from './cnn-kit';
import { runColors, themeColors } from './palette';
import { useFrameDraw } from './use-frame-draw';
import { useRareState } from './use-chart-state';
import { useSize } from './use-size';

const LABEL = 14;

export function CnnHistogramsChart() {
  const body = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const { width } = useSize(body);
  const t = useT();
  const [layer, setLayer] = useState(0);
  const [chosen, setChosen] = useState<string | null>(null);
  const [view, setView] = useRareState({ runs: [] as string[], run: '', count: 0, channels: 8, lo: 0, hi: 1, empty: true, outside: 0 });
  const w = Math.max(280, width);
  const grid = gridLayout(view.channels, w, 88, 0.62, 6);
  const height = Math.max(60, grid.rows * (grid.cellH + LABEL + 6));

  const draw = (frame: TelemetryFrame) => {
    const runs = convRuns(frame);
    const run = runs.find((r) => r.id === chosen) ?? runs.find((r) => r.norm !== 'none') ?? runs[0];
    const cl = run?.conv?.layers[layer];
    const h = cl?.hist;
    const N = run ? frame.settings?.batch ?? 0 : 0;
    let outside = 0;
    if (h) for (let i = 0; i < h.outside.length; i++) outside += h.outside[i];
    setView({ runs: runs.map((r) => r.id), run: run?.id ?? '', count: cl ? N * cl.H * cl.W : 0, channels: cl?.channels ?? 8, lo: h?.lo ?? 0, hi: h?.hi ?? 1, empty: !h, outside });
    const ctx = setupCanvas(canvas.current, w, height);
    if (!ctx || !h || !cl || !run) return;
    const g = gridLayout(cl.channels, w, 88, 0.62, 6);
    const color = runColors(body.current)(run.id);
    const theme = themeColors(body.current);
    for (let c = 0; c < cl.channels; c++) {
      const { x } = g.cells[c];
      const top = Math.floor(c / g.cols) * (g.cellH + LABEL + 6) + LABEL;
      const max = Math.max(channelMax(h.input, c, h.bins), h.output ? channelMax(h.output, c, h.bins) : 0);
      ctx.fillStyle = theme.fg;
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(`c${c + 1}`, x, top - 3);
      ctx.strokeStyle = theme.grid;
      ctx.strokeRect(x + 0.5, top + 0.5, g.cellW - 1, g.cellH - 1);
      ctx.globalAlpha = 0.35;
      ctx.fillStyle = color;
      for (const b of channelBars(h.input, c, h.bins, g.cellW, g.cellH, max)) ctx.fillRect(x + b.x, top + b.y, Math.max(1, b.w - 0.5), b.h);
      ctx.globalAlpha = 1;
      if (h.output) {
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.2;
        for (const b of channelBars(h.output, c, h.bins, g.cellW, g.cellH, max)) ctx.strokeRect(x + b.x + 0.5, top + b.y + 0.5, Math.max(1, b.w - 1), Math.max(0, b.h - 1));
      }
      // 0 on the value axis
      if (h.lo < 0 && h.hi > 0) {
        const zx = x + ((0 - h.lo) / (h.hi - h.lo)) * g.cellW;
        ctx.strokeStyle = theme.muted;
        ctx.beginPath();
        ctx.moveTo(zx + 0.5, top);
        ctx.lineTo(zx + 0.5, top + g.cellH);
        ctx.stroke();
      }
    }
  };
  useFrameDraw(body, draw, [w, height, layer, chosen]);

  const layerName = t(layer === 0 ? 'layer.0' : 'layer.1');
  return (
    <ChartFrame
      summary={<LiveSummary summarize={(f, lang) => summarizeCnnHistograms(f, layer, chosen, lang)} deps={[layer, chosen]} />}
      title={t('cnn.hist.title')} subtitle={t('hist.sub', { layer: layerName, count: view.count.toLocaleString('en-US') })}
      fileName="normscope-cnn-histograms" bodyRef={body} empty={view.empty}
      note={<>{t('hist.note')} [{view.lo.toPrecision(3)}, {view.hi.toPrecision(3)}]{view.outside > 0 ? `; ${t('hist.outside', { n: view.outside })}` : ''}</>}
      controls={<>
        <LayerSelect value={layer} onChange={setLayer} />
        {view.runs.length > 0 ? <RunSelect runs={view.runs} value={view.run} onChange={setChosen} name={(id) => runName(t, id)} /> : null}
      </>}
    >
      <PlotLayer width={w} height={height} canvasRef={(c) => { canvas.current = c; }} label={t('hist.aria', { layer: layerName, run: view.run ? runName(t, view.run) : '' })} />
    </ChartFrame>
  );
}
