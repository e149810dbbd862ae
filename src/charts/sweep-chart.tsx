// "Final test accuracy against batch size": one line with points per network (run colours and dashes
// from the palette), and batch norm once more, dotted, evaluated with batch statistics. The batch
// axis is log2 with a tick at each batch size of the sweep. D3 computes the scales and paths, React
// renders the SVG. Points appear as runs finish; a diverged run is a cross on the bottom edge.
import { scaleLinear, scaleLog } from 'd3-scale';
import { useRef, useState } from 'react';
import type { SweepResult } from '../runtime/sweep/run-job';
import type { SweepSeries } from '../runtime/sweep/results';
import { sweepSeries } from '../state/chart-inputs';
import { useT } from '../i18n';
import { AxisBottom, AxisLeft } from './axes';
import { ChartFrame } from './chart-frame';
import type { LegendItem } from './legend';
import { runStyle } from './palette';
import { sweepPath, sweepXDomain, sweepXTicks, sweepYDomain } from './sweep-geometry';
import { useSize } from './use-size';
import { LiveSummary } from './live-summary';
import { summarizeSweep } from './summaries';

const M = { left: 46, right: 18, top: 12, bottom: 34 };
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export interface SweepChartProps {
  results: readonly SweepResult[];
  /** The sweep's batch sizes: the x axis spans them before any result arrives. */
  batches: readonly number[];
  height?: number;
}

interface SeriesStyle { color: string; dash: string | undefined; width: number; opacity: number; hollow: boolean }

function styleOf(id: SweepSeries['id']): SeriesStyle {
  if (id === 'batch-stats') return { color: runStyle('batch').css, dash: '1 4', width: 2, opacity: 0.85, hollow: true };
  const s = runStyle(id);
  return { color: s.css, dash: s.dash.length ? s.dash.join(' ') : undefined, width: 2, opacity: 1, hollow: false };
}

export function SweepChart({ results, batches, height = 280 }: SweepChartProps) {
  const t = useT();
  const body = useRef<HTMLDivElement>(null);
  const { width } = useSize(body);
  const [zoom, setZoom] = useState(false);
  const w = Math.max(width, 260);
  const series = sweepSeries(results);
  const x = scaleLog().base(2).domain(sweepXDomain(batches)).range([M.left, w - M.right]);
  const y = scaleLinear().domain(sweepYDomain(series, zoom)).range([height - M.bottom, M.top]).clamp(true);
  const nameOf = (id: SweepSeries['id']) => (id === 'batch-stats' ? t('sweep.chart.bnBatchStats')
    : id === 'batch' ? t('sweep.chart.bnRunning') : t(`run.${id}`));
  const legend: LegendItem[] = series.map((s) => {
    const st = styleOf(s.id);
    return { label: nameOf(s.id), color: st.color, dash: st.dash?.split(' ').map(Number) };
  });

  return (
    <ChartFrame
      summary={<LiveSummary summarize={(_f, lang) => summarizeSweep(series, lang)} />}
      title={t('sweep.chart.title')} subtitle={t('sweep.chart.sub')} fileName="normscope-batch-size-sweep" bodyRef={body}
      legend={legend}
      controls={(
        <label>
          <input type="checkbox" checked={zoom} onChange={(e) => setZoom(e.target.checked)} />
          {t('sweep.chart.zoom')}
        </label>
      )}
      note={results.length ? t('sweep.chart.note') : null}
    >
      <svg width={w} height={height} role="img" aria-label={t('sweep.chart.aria')} className="sweep-chart" data-points={results.length}>
        <AxisLeft scale={y} x={M.left} ticks={5} format={(v) => `${Math.round(v * 100)}%`} grid={w - M.left - M.right} />
        <AxisBottom scale={x} y={height - M.bottom} tickValues={sweepXTicks(batches.length ? batches : results.map((r) => r.batch))} format={(v) => String(v)} label={t('sweep.chart.x')} />
        {series.map((s) => {
          const st = styleOf(s.id);
          const d = sweepPath(s.points, x, y);
          return (
            <g key={s.id} data-series={s.id}>
              {d ? <path d={d} fill="none" stroke={st.color} strokeWidth={st.width} strokeDasharray={st.dash} strokeOpacity={st.opacity} strokeLinecap="round" /> : null}
              {s.points.map((p) => (p.diverged ? (
                <g key={p.batch} transform={`translate(${x(p.batch)},${height - M.bottom - 6})`} stroke={st.color} strokeWidth={2}>
                  <title>{t('sweep.chart.diverged', { run: nameOf(s.id), batch: p.batch })}</title>
                  <line x1={-4} y1={-4} x2={4} y2={4} /><line x1={-4} y1={4} x2={4} y2={-4} />
                </g>
              ) : (
                <circle key={p.batch} cx={x(p.batch)} cy={y(p.acc)} r={s.id === 'batch-stats' ? 3.5 : 4}
                  fill={st.hollow ? 'var(--surface, #fff)' : st.color} stroke={st.color} strokeWidth={st.hollow ? 1.5 : 1}>
                  <title>{t('sweep.chart.point', { run: nameOf(s.id), batch: p.batch, acc: pct(p.acc) })}</title>
                </circle>
              )))}
            </g>
          );
        })}
      </svg>
      {results.length === 0 ? <p className="ns-fig-empty" role="status">{t('sweep.chart.empty')}</p> : null}
    </ChartFrame>
  );
}
