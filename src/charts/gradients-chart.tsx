// "Gradients": per hidden layer, the current gradient norm, update-to-weight ratio (with the usual
// ~1e-3 guide) and saturation of every run as grouped bars (log scales for the first two), on canvas.
import { scaleLinear, scaleLog } from 'd3-scale';
import { useMemo, useRef, useState } from 'react';
import type { TelemetryFrame } from '../telemetry/frame';
import { AxisLeft, formatTick, logTicks } from './axes';
import { groupCenter, groupedBars } from './bar-layout';
import { setupCanvas } from './canvas';
import { ChartFrame, PlotLayer } from './chart-frame';
import { MEASURES, measureDomain, measureValue, type Measure } from './gradients-geometry';
import { runItems, useHiddenRuns, useLegendRuns } from './legend';
import { Tooltip, placeTip, type TooltipData } from './tooltip';
import { runColors, runStyle, themeColors } from './palette';
import { hub, useFrameDraw } from './use-frame-draw';
import { useRareState } from './use-chart-state';
import { useSize } from './use-size';
import { runName, useT } from '../i18n';
import { stickyLogDomain, ValuePool } from './y-domain';
import { LiveSummary } from './live-summary';
import { summarizeGradients } from './summaries';

const PM = { left: 44, right: 8, top: 20, bottom: 22 };
const GAP = 14;
type Pair = [number, number];

const scaleFor = (m: Measure, dom: Pair, bottom: number, top: number) =>
  m.log ? scaleLog().domain(dom).range([bottom, top]).clamp(true) : scaleLinear().domain(dom).range([bottom, top]);

export interface GradientsChartProps { height?: number }

export function GradientsChart({ height = 200 }: GradientsChartProps) {
  const body = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width } = useSize(body);
  const pool = useMemo(() => new ValuePool(), []);
  const t = useT();
  const name = (rid: string) => runName(t, rid);
  const [tip, setTip] = useState<TooltipData | null>(null);
  const toggles = useHiddenRuns();
  const hidden = toggles.hidden;
  const shown = useRef<{ hidden: ReadonlySet<string> | null; doms: Pair[] }>({ hidden: null, doms: [] });
  const [view, setView] = useRareState({ doms: MEASURES.map((m) => (m.log ? [1e-4, 1] : [0, 1])) as Pair[], runs: [] as string[], layers: 0, empty: true, diverged: [] as [string, number][], act: '' });
  const legendRuns = useLegendRuns(view.runs);
  const w = Math.max(width, 240);
  const cols = w >= 400 ? 3 : 1;
  const pw = Math.floor((w - GAP * (cols - 1)) / cols);
  const rows = Math.ceil(MEASURES.length / cols);
  const h = rows * height + (rows - 1) * GAP;
  const origin = (k: number) => ({ x: (k % cols) * (pw + GAP), y: Math.floor(k / cols) * (height + GAP) });

  const draw = (frame: TelemetryFrame) => {
    const colorOf = runColors(body.current);
    // Kept while the values stay well inside (the measures move every few steps; the axes need not).
    const prev = shown.current.hidden === hidden ? shown.current.doms : [];
    const doms = MEASURES.map((m, k) => stickyLogDomain(prev[k], measureDomain(frame, m, pool, hidden)));
    shown.current = { hidden, doms };
    const L = frame.runs[0]?.layers.length ?? 0;
    const empty = frame.step === 0 || L === 0;
    const diverged = frame.runs.filter((r) => r.divergedAt !== null).map((r): [string, number] => [r.id, r.divergedAt ?? 0]);
    setView({ doms, runs: frame.runs.map((r) => r.id), layers: L, empty, diverged, act: frame.runs[0]?.layers[0]?.activation ?? '' });
    const ctx = setupCanvas(canvas.current, w, h);
    if (!ctx || empty) return;
    const theme = themeColors(body.current);
    MEASURES.forEach((m, k) => {
      const o = origin(k);
      const bottom = o.y + height - PM.bottom;
      const y = scaleFor(m, doms[k], bottom, o.y + PM.top);
      const bars = groupedBars(L, frame.runs.length, o.x + PM.left, o.x + pw - PM.right);
      for (const b of bars) {
        const run = frame.runs[b.member];
        if (hidden.has(run.id)) continue;
        const v = measureValue(run.layers[b.group], m);
        const rid = run.id;
        ctx.fillStyle = colorOf(rid);
        if (!Number.isFinite(v) || (m.log && v <= 0)) {
          // No value (diverged, not measured yet, or exactly 0 on a log scale): a small cross.
          ctx.strokeStyle = theme.muted;
          ctx.lineWidth = 1;
          const cx = b.x + b.width / 2;
          ctx.beginPath(); ctx.moveTo(cx - 3, bottom - 7); ctx.lineTo(cx + 3, bottom - 1); ctx.moveTo(cx + 3, bottom - 7); ctx.lineTo(cx - 3, bottom - 1); ctx.stroke();
          continue;
        }
        const top = y(v);
        ctx.globalAlpha = 0.85;
        ctx.fillRect(b.x, top, b.width, Math.max(1, bottom - top));
        ctx.globalAlpha = 1;
        // A run with a dash gets it as a line down the bar's middle (a second cue besides the colour).
        const dash = runStyle(rid).dash;
        if (dash.length) {
          ctx.strokeStyle = theme.surface;
          ctx.lineWidth = 1;
          ctx.setLineDash(dash);
          ctx.beginPath(); ctx.moveTo(b.x + b.width / 2, bottom); ctx.lineTo(b.x + b.width / 2, top); ctx.stroke();
          ctx.setLineDash([]);
        }
      }
    });
  };
  // The measures change every RATIO_EVERY steps (saturation with the statistics): otherwise nothing to draw.
  useFrameDraw(body, draw, [w, height, cols, hidden], (frame) => {
    const k = [frame.step === 0 ? 0 : 1];
    for (const r of frame.runs) { k.push(r.divergedAt ?? -1); for (const l of r.layers) k.push(l.gradNorm, l.updateRatio, l.saturation); }
    return k;
  });

  const L = view.layers;
  // Hover a bar: the run, the layer and the measure's value.
  const hover = (e: React.PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - r.left;
    const py = e.clientY - r.top;
    const frame = hub().get();
    const k = MEASURES.findIndex((_, i) => { const o = origin(i); return px >= o.x && px <= o.x + pw && py >= o.y && py <= o.y + height; });
    if (!frame || k < 0) { setTip(null); return; }
    const o = origin(k);
    const bar = groupedBars(L, frame.runs.length, o.x + PM.left, o.x + pw - PM.right).find((b) => px >= b.x - 1 && px <= b.x + b.width + 1);
    const run = bar ? frame.runs[bar.member] : null;
    if (!bar || !run || hidden.has(run.id)) { setTip(null); return; }
    const m = MEASURES[k];
    const v = measureValue(run.layers[bar.group], m);
    setTip(placeTip(body.current, e, [{ id: run.id, label: `${t('grad.tip', { run: name(run.id), layer: bar.group + 1 })}, ${t(m.title)}`, color: `var(--run-${run.id})`, step: frame.step, value: v }]));
  };
  return (
    <ChartFrame
      summary={<LiveSummary summarize={summarizeGradients} />}
      title={t('grad.title')} subtitle={t('grad.sub')} fileName="normscope-gradients" bodyRef={body} empty={view.empty}
      legend={[...runItems(legendRuns, name, toggles).map((it) => ({ ...it, kind: 'bar' as const })), { label: t('grad.guide'), color: 'var(--muted, #4b5063)', dash: [4, 3] }]}
      note={<>
        {view.diverged.length ? <strong>{view.diverged.map(([rid, step]) => t('divergedNote', { run: name(rid), step })).join('; ')}. </strong> : null}
        {t('grad.noteRatio')} {t(view.act === 'relu' ? 'grad.satRelu' : view.act === 'tanh' ? 'grad.satTanh' : 'grad.satSigmoid')}
      </>}
    >
      <PlotLayer width={w} height={h} canvasRef={canvas} label={t('grad.aria')} onPointerMove={hover} onPointerLeave={() => setTip(null)}>
        {MEASURES.map((m, k) => {
          const o = origin(k);
          const bottom = o.y + height - PM.bottom;
          const dom = view.doms[k];
          const y = scaleFor(m, dom, bottom, o.y + PM.top);
          return (
            <g key={m.key}>
              <text className="ns-panel-title" x={o.x + PM.left} y={o.y + 12}>{t(m.title)}</text>
              <AxisLeft scale={y} x={o.x + PM.left} ticks={4} tickValues={m.log ? logTicks(y, dom) : undefined}
                format={m.log ? formatTick : (v) => `${Math.round(v * 100)}%`} grid={pw - PM.left - PM.right} />
              <path className="ns-ax-line" d={`M${o.x + PM.left},${bottom + 0.5}H${o.x + pw - PM.right}`} />
              {Array.from({ length: L }, (_, g) => (
                <text key={g} x={groupCenter(L, g, o.x + PM.left, o.x + pw - PM.right)} y={bottom + 14} textAnchor="middle">{(pw - PM.left - PM.right) / Math.max(L, 1) >= 48 ? t('grad.layer', { layer: g + 1 }) : `L${g + 1}`}</text>
              ))}
              {m.guide && m.guide >= dom[0] && m.guide <= dom[1]
                ? <line className="ns-guide" x1={o.x + PM.left} x2={o.x + pw - PM.right} y1={y(m.guide)} y2={y(m.guide)} /> : null}
            </g>
          );
        })}
      </PlotLayer>
      <Tooltip data={tip} format={formatTick} stepLabel={t('step')} />
    </ChartFrame>
  );
}
