// "Step by step: one conv channel" (arch cnn): which values of the last batch form the selected
// channel's mean and variance. A grid of the batch's samples (columns) by the layer's channels (rows):
// batch norm (BatchNorm2d) highlights channel c in every sample, each cell standing for H x W values;
// group norm highlights the channels of c's group in one sample (every sample has its own). Below,
// the maps of the highlighted values before and after the norm, and the numbers the engine used.
import { useId, useRef, useState } from 'react';
import type { TelemetryFrame } from '../telemetry/frame';
import type { ConvDetail } from '../telemetry/conv-telemetry';
import { getApp, useApp } from '../state/app';
import { setupCanvas } from './canvas';
import { ChartFrame, PlotLayer } from './chart-frame';
import { summarizeCnnStep } from './cnn-summaries';
import { LiveSummary } from './live-summary';
import { finiteRange, reductionCells } from './cnn-geometry';
import { runName, useT } from '../i18n';
import { convRuns, drawMap, LayerSelect, RunSelect } from './cnn-kit';
import { runColors, themeColors } from './palette';
import { useFrameDraw } from './use-frame-draw';
import { useRareState } from './use-chart-state';
import { useSize } from './use-size';

const CHANNELS = [8, 16];
const SHOWN_N = 12;
const fmt = (v: number) => (Number.isFinite(v) ? v.toPrecision(4) : '—');

interface View { runs: string[]; run: string; detail: Omit<ConvDetail, 'maps' | 'outMaps'> | null }

export function CnnStepByStep() {
  const body = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const { width } = useSize(body);
  const t = useT();
  const id = useId();
  const selected = useApp((s) => s.selected);
  const layer = Math.min(selected.layer, 1);
  const channel = Math.min(selected.unit, CHANNELS[layer] - 1);
  const select = (l: number, c: number) => getApp().store.getState().select(l, Math.min(c, CHANNELS[l] - 1));
  const [chosen, setChosen] = useState<string | null>(null);
  const [view, setView] = useRareState<View>({ runs: [], run: '', detail: null });
  const w = Math.max(300, width);
  const C = CHANNELS[layer];
  const cell = Math.max(8, Math.min(16, Math.floor((w - 120) / (SHOWN_N + 1))));
  const gridH = C * cell + 34;
  const mapSize = Math.max(28, Math.min(64, Math.floor((w - 90) / 6.5)));
  const height = gridH + 2 * (mapSize + 8) + 24;

  const draw = (frame: TelemetryFrame) => {
    const runs = convRuns(frame).filter((r) => r.conv?.detail);
    const run = runs.find((r) => r.id === chosen) ?? runs[0];
    const d = run?.conv?.detail ?? null;
    const { maps: _m, outMaps: _o, ...rest } = d ?? ({} as ConvDetail);
    setView({ runs: runs.map((r) => r.id), run: run?.id ?? '', detail: d ? { ...rest, mapIndex: [...d.mapIndex], groupChannels: [...d.groupChannels] as [number, number] } : null });
    const ctx = setupCanvas(canvas.current, w, height);
    if (!ctx || !d || !run) return;
    const theme = themeColors(body.current);
    const color = runColors(body.current)(run.id);
    const top = gridH + 16;
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = theme.fg;
    ctx.fillText(t('step.maps'), 0, top - 4);
    const [lo, hi] = finiteRange(d.maps);
    const [olo, ohi] = finiteRange(d.outMaps);
    const P = d.H * d.W;
    d.mapIndex.forEach((m, k) => {
      const x = 70 + k * (mapSize + 6);
      drawMap(ctx, d.maps, k * P, d.H, d.W, lo, hi, x, top, mapSize, mapSize);
      drawMap(ctx, d.outMaps, k * P, d.H, d.W, olo, ohi, x, top + mapSize + 8, mapSize, mapSize);
      ctx.strokeStyle = color;
      ctx.strokeRect(x - 0.5, top - 0.5, mapSize + 1, mapSize + 1);
      ctx.fillStyle = theme.muted;
      ctx.fillText(d.norm === 'batch' ? `n${m + 1}` : `c${m + 1}`, x, top + 2 * mapSize + 20);
    });
    ctx.fillStyle = theme.muted;
    ctx.fillText('x', 50, top + mapSize / 2);
    ctx.fillText('x̂·γ+β', 20, top + mapSize + 8 + mapSize / 2);
  };
  useFrameDraw(body, draw, [w, height, chosen, layer, channel]);

  const d = view.detail;
  const shownN = d ? Math.min(SHOWN_N, d.N) : 0;
  const cells = d ? reductionCells(shownN, d.C, d.norm, d.channel, d.groupChannels) : [];
  const layerName = t(layer === 0 ? 'layer.0' : 'layer.1');
  const text = !d ? t('step.none') : d.norm === 'batch'
    ? t('step.batch', { channel: d.channel + 1, N: d.N, H: d.H, W: d.W, count: d.count.toLocaleString('en-US'), countm1: (d.count - 1).toLocaleString('en-US'), mean: fmt(d.mean), variance: fmt(d.variance) })
    : t('step.group', { groups: d.groups, first: d.groupChannels[0] + 1, last: d.groupChannels[1] + 1, channel: d.channel + 1, per: d.groupChannels[1] - d.groupChannels[0] + 1, H: d.H, W: d.W, count: d.count.toLocaleString('en-US'), mean: fmt(d.mean), variance: fmt(d.variance) });
  const color = view.run ? `var(--run-${view.run})` : 'var(--muted)';
  return (
    <ChartFrame
      summary={<LiveSummary summarize={(f, lang) => summarizeCnnStep(f, chosen, lang)} deps={[chosen]} />}
      title={t('step.title')} subtitle={t('step.sub', { layer: layerName, channel: channel + 1, run: view.run ? runName(t, view.run) : '—' })}
      fileName="normscope-cnn-step" bodyRef={body} empty={!d && view.runs.length > 0}
      note={<span className="ns-cnn-step-text" aria-live="polite">{text}</span>}
      controls={<>
        <LayerSelect value={layer} onChange={(l) => select(l, channel)} />
        <label htmlFor={`${id}-c`}>{t('ctl.channel')}
          <select id={`${id}-c`} value={channel} onChange={(e) => select(layer, Number(e.target.value))}>
            {Array.from({ length: C }, (_, c) => <option key={c} value={c}>{c + 1}</option>)}
          </select>
        </label>
        {view.runs.length > 1 ? <RunSelect runs={view.runs} value={view.run} onChange={setChosen} name={(r) => runName(t, r)} /> : null}
      </>}
    >
      <PlotLayer width={w} height={height} canvasRef={(c) => { canvas.current = c; }} label={t('step.aria', { layer: layerName })}>
        <text x={0} y={12} className="ns-panel-title">{t('step.samples')}</text>
        <text x={0} y={26} className="ns-panel-title">{t('step.channels')}</text>
        {cells.map(({ n, c, member }) => (
          <rect key={`${n}-${c}`} x={90 + n * cell} y={30 + c * cell} width={cell - 2} height={cell - 2}
            fill={member ? color : 'none'} fillOpacity={member ? 0.85 : 0} stroke="var(--grid, #ccc)" />
        ))}
        {d && d.N > shownN ? <text x={90 + shownN * cell + 4} y={30 + cell} className="ns-panel-title">… {d.N}</text> : null}
      </PlotLayer>
    </ChartFrame>
  );
}
