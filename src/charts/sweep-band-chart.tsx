// "Final test accuracy against batch size, over seeds": the sweep chart when the sweep ran several
// seeds (geometry in ./sweep-band-geometry.ts). Per norm, the median over the seeds as a line with
// points (the run's colour and dash) and the range from the worst seed to the best as a translucent
// band; batch norm once more, dotted, with batch statistics. Log2 batch axis as in the one-seed chart.
import { scaleLinear, scaleLog } from 'd3-scale';
import { useRef, useState } from 'react';
import type { SweepResult } from '../runtime/sweep/run-job';
import { useT } from '../i18n';
import { AxisBottom, AxisLeft } from './axes';
import { ChartFrame } from './chart-frame';
import type { LegendItem } from './legend';
import { runStyle } from './palette';
import { bandPath, bandSeries, bandYDomain, medianPath, seedCount, type BandSeriesId } from './sweep-band-geometry';
import { sweepXDomain, sweepXTicks } from './sweep-geometry';
import { useSize } from './use-size';

const M = { left: 46, right: 18, top: 12, bottom: 34 };

export interface SweepBandChartProps {
  results: readonly SweepResult[];
  batches: readonly number[];
  height?: number;
}

function styleOf(id: BandSeriesId) {
  if (id === 'batch-stats') return { color: runStyle('batch').css, dash: '1 4', hollow: true };
  const s = runStyle(id);
  return { color: s.css, dash: s.dash.length ? s.dash.join(' ') : undefined, hollow: false };
}

export function SweepBandChart({ results, batches, height = 300 }: SweepBandChartProps) {
  const t = useT();
  const body = useRef<HTMLDivElement>(null);
  const { width } = useSize(body);
  const [zoom, setZoom] = useState(false);
  const w = Math.max(width, 260);
  const series = bandSeries(results);
  const n = seedCount(results);
  const x = scaleLog().base(2).domain(sweepXDomain(batches)).range([M.left, w - M.right]);
  const y = scaleLinear().domain(bandYDomain(series, zoom)).range([height - M.bottom, M.top]).clamp(true);
  const nameOf = (id: BandSeriesId) => (id === 'batch-stats' ? t('sweep.chart.bnBatchStats') : id === 'batch' ? t('sweep.chart.bnRunning') : t(`run.${id}`));
  const legend: LegendItem[] = series.map((s) => {
    const st = styleOf(s.id);
    return { label: nameOf(s.id), color: st.color, dash: st.dash?.split(' ').map(Number) };
  });
  return (
    <ChartFrame
      title={t('seeds.band.title')} subtitle={t('seeds.band.sub', { n })} fileName="normscope-batch-size-sweep-seeds" bodyRef={body}
      legend={legend}
      controls={(
        <label>
          <input type="checkbox" checked={zoom} onChange={(e) => setZoom(e.target.checked)} />
          {t('sweep.chart.zoom')}
        </label>
      )}
      note={t('sweep.chart.note')}
    >
      <svg width={w} height={height} role="img" aria-label={t('seeds.band.aria')} className="sweep-chart sweep-band-chart" data-seeds={n}>
        <AxisLeft scale={y} x={M.left} ticks={5} format={(v) => `${Math.round(v * 100)}%`} grid={w - M.left - M.right} />
        <AxisBottom scale={x} y={height - M.bottom} tickValues={sweepXTicks(batches.length ? batches : results.map((r) => r.batch))} format={(v) => String(v)} label={t('sweep.chart.x')} />
        {series.map((s) => {
          const st = styleOf(s.id);
          const band = bandPath(s.points, x, y);
          return band ? <path key={`band-${s.id}`} data-band={s.id} d={band} fill={st.color} fillOpacity={s.id === 'batch-stats' ? 0.08 : 0.16} stroke="none" /> : null;
        })}
        {series.map((s) => {
          const st = styleOf(s.id);
          const d = medianPath(s.points, x, y);
          return (
            <g key={s.id} data-series={s.id}>
              {d ? <path d={d} fill="none" stroke={st.color} strokeWidth={2} strokeDasharray={st.dash} strokeLinecap="round" /> : null}
              {s.points.map((p) => (
                <circle key={p.batch} cx={x(p.batch)} cy={y(p.median)} r={s.id === 'batch-stats' ? 3.5 : 4}
                  fill={st.hollow ? 'var(--surface, #fff)' : st.color} stroke={st.color} strokeWidth={st.hollow ? 1.5 : 1}>
                  <title>{t('seeds.band.point', { run: nameOf(s.id), batch: p.batch, median: p.median.toFixed(3), min: p.min.toFixed(3), max: p.max.toFixed(3), n: p.n })}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}
