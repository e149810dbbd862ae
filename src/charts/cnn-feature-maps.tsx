// "Feature maps of one test digit" (arch cnn): one fixed test image through every run in evaluation
// mode, a row per run: the input, then each channel of conv 1 (28 x 28) and of conv 2 (14 x 14) after
// the activation, each map scaled to its own range. The runs start from the same weights.
import { useRef } from 'react';
import type { TelemetryFrame } from '../telemetry/frame';
import { setupCanvas } from './canvas';
import { ChartFrame, PlotLayer } from './chart-frame';
import { summarizeCnnMaps } from './cnn-summaries';
import { LiveSummary } from './live-summary';
import { finiteRange } from './cnn-geometry';
import { runName, useT } from '../i18n';
import { convRuns, drawMap } from './cnn-kit';
import { runColors, themeColors } from './palette';
import { useFrameDraw } from './use-frame-draw';
import { useRareState } from './use-chart-state';
import { useSize } from './use-size';

const NAME_W = 86;
const GAP = 3;

export function CnnFeatureMapsChart() {
  const body = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const { width } = useSize(body);
  const t = useT();
  const [view, setView] = useRareState({ runs: 2, index: 0, label: 0, c1: 8, c2: 16, empty: true });
  const w = Math.max(320, width);
  // One row per run: the input and 8 maps of conv 1 at `big` pixels, then 16 maps of conv 2 in two rows of 8 at big / 2.
  const big = Math.max(14, Math.min(56, Math.floor((w - NAME_W - 20 * GAP) / 13)));
  const rowH = big + 8;
  const height = Math.max(40, view.runs * rowH + 18);

  const draw = (frame: TelemetryFrame) => {
    const runs = convRuns(frame).filter((r) => r.conv?.maps);
    const first = runs[0]?.conv?.maps;
    setView({ runs: Math.max(1, runs.length), index: first?.index ?? 0, label: first?.label ?? 0, c1: first?.layers[0] ? first.layers[0].length / 784 : 8, c2: first?.layers[1] ? first.layers[1].length / 196 : 16, empty: runs.length === 0 });
    const ctx = setupCanvas(canvas.current, w, height);
    if (!ctx) return;
    const colors = runColors(body.current);
    const theme = themeColors(body.current);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = theme.muted;
    ctx.fillText(t('maps.input'), NAME_W, 11);
    ctx.fillText('conv 1', NAME_W + big + 2 * GAP, 11);
    ctx.fillText('conv 2', NAME_W + 9 * (big + GAP) + GAP, 11);
    runs.forEach((run, k) => {
      const m = run.conv!.maps!;
      const y = 16 + k * rowH;
      ctx.fillStyle = colors(run.id);
      ctx.fillText(runName(t, run.id), 0, y + big / 2 + 4);
      const [ilo, ihi] = finiteRange(m.input);
      drawMap(ctx, m.input, 0, 28, 28, ilo, ihi, NAME_W, y, big, big);
      const c1 = m.layers[0];
      for (let c = 0; c < c1.length / 784; c++) {
        const [lo, hi] = finiteRange(c1, c * 784, 784);
        drawMap(ctx, c1, c * 784, 28, 28, lo, hi, NAME_W + (c + 1) * (big + GAP) + GAP, y, big, big);
      }
      const c2 = m.layers[1];
      const half = (big - GAP) / 2;
      for (let c = 0; c < c2.length / 196; c++) {
        const [lo, hi] = finiteRange(c2, c * 196, 196);
        const col = c % 8;
        const row = Math.floor(c / 8);
        drawMap(ctx, c2, c * 196, 14, 14, lo, hi, NAME_W + 9 * (big + GAP) + 2 * GAP + col * (half + GAP), y + row * (half + GAP), half, half);
      }
    });
  };
  useFrameDraw(body, draw, [w, height, big]);

  return (
    <ChartFrame
      summary={<LiveSummary summarize={summarizeCnnMaps} />}
      title={t('maps.title')} subtitle={t('maps.sub', { index: view.index, label: view.label })}
      fileName="normscope-cnn-feature-maps" bodyRef={body} empty={view.empty} note={t('maps.note')}
    >
      <PlotLayer width={w} height={height} canvasRef={(c) => { canvas.current = c; }} label={t('maps.aria', { index: view.index, c1: view.c1, c2: view.c2 })} />
    </ChartFrame>
  );
}
