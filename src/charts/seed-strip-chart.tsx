// "Test accuracy per seed": the strip plot of a multi-seed experiment (geometry in
// ./seed-strip-geometry.ts). One column per run kind, a dot per seed in the run's colour, the median
// as a bar, and grey lines joining the runs of one seed (darker where the second run did better). Few
// marks, so SVG; React renders what D3's scale computes. Its text alternative is the summary the panel
// prints under it.
import { scaleLinear } from 'd3-scale';
import { useRef, useState, type ReactNode } from 'react';
import type { SeedResult } from '../runtime/seeds/seed-job';
import { type RunNameKey, useT } from '../i18n';
import { AxisLeft } from './axes';
import { ChartFrame } from './chart-frame';
import { runStyle } from './palette';
import { stripLayout } from './seed-strip-geometry';
import { useSize } from './use-size';

const M = { left: 46, right: 12, top: 12, bottom: 30 };
const acc3 = (v: number) => v.toFixed(3);

export interface SeedStripChartProps {
  results: readonly SeedResult[];
  /** The run kinds, in column order. */
  runs: readonly string[];
  check: string;
  summary?: ReactNode;
  height?: number;
}

export function SeedStripChart({ results, runs, check, summary, height = 260 }: SeedStripChartProps) {
  const t = useT();
  const body = useRef<HTMLDivElement>(null);
  const { width } = useSize(body);
  const [zoom, setZoom] = useState(true);
  const w = Math.max(width, 240);
  const box = { width: w, height, ...M };
  const layout = stripLayout(results.map((r) => ({ run: r.run, seed: r.seed, acc: r.testAcc })), runs, box, zoom);
  const y = scaleLinear().domain(layout.yDomain).range([height - M.bottom, M.top]);
  const name = (run: string) => t(`run.${run}` as RunNameKey);
  return (
    <ChartFrame
      title={t('seeds.chart.title')} subtitle={t('seeds.chart.sub', { check })} fileName="normscope-seeds" bodyRef={body}
      legend={runs.map((r) => ({ label: name(r), color: runStyle(r).css }))}
      summary={summary}
      controls={(
        <label>
          <input type="checkbox" checked={zoom} onChange={(e) => setZoom(e.target.checked)} />
          {t('seeds.chart.zoom')}
        </label>
      )}
    >
      <svg width={w} height={height} role="img" aria-label={t('seeds.chart.aria')} className="seed-strip" data-dots={layout.dots.length} data-pairs={layout.pairs.length}>
        <AxisLeft scale={y} x={M.left} ticks={5} format={(v) => `${Math.round(v * 1000) / 10}%`} grid={w - M.left - M.right} />
        {layout.columns.map((c) => (
          <text key={c.run} x={c.x} y={height - 10} textAnchor="middle" className="ns-ax-label" fill="currentColor" fontSize={12}>{name(c.run)}</text>
        ))}
        <g data-layer="pairs">
          {layout.pairs.map((p) => (
            <line key={`${p.seed}-${p.from}`} x1={p.x1} y1={p.y1} x2={p.x2} y2={p.y2}
              stroke="currentColor" strokeOpacity={p.up ? 0.45 : 0.2} strokeWidth={1} data-seed={p.seed} />
          ))}
        </g>
        <g data-layer="medians">
          {layout.columns.map((c) => (c.medianY === null ? null : (
            <line key={c.run} x1={c.x - c.half - 8} x2={c.x + c.half + 8} y1={c.medianY} y2={c.medianY}
              stroke={runStyle(c.run).css} strokeWidth={3} strokeLinecap="round" data-median={c.median ?? ''}>
              <title>{t('seeds.chart.median', { run: name(c.run), acc: acc3(c.median!) })}</title>
            </line>
          )))}
        </g>
        <g data-layer="dots">
          {layout.dots.map((d) => (d.diverged ? (
            <g key={`${d.run}-${d.seed}`} transform={`translate(${d.x},${d.y - 6})`} stroke={runStyle(d.run).css} strokeWidth={2}>
              <title>{t('seeds.chart.diverged', { run: name(d.run), seed: d.seed })}</title>
              <line x1={-4} y1={-4} x2={4} y2={4} /><line x1={-4} y1={4} x2={4} y2={-4} />
            </g>
          ) : (
            <circle key={`${d.run}-${d.seed}`} cx={d.x} cy={d.y} r={4.5} fill={runStyle(d.run).css} fillOpacity={0.85}
              stroke="var(--surface, #fff)" strokeWidth={1}>
              <title>{t('seeds.chart.dot', { run: name(d.run), seed: d.seed, acc: acc3(d.acc!) })}</title>
            </circle>
          )))}
        </g>
      </svg>
      {results.length === 0 ? <p className="ns-fig-empty" role="status">{t('seeds.chart.empty')}</p> : null}
    </ChartFrame>
  );
}
