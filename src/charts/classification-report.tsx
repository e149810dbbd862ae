// "Classification report": per run, scikit-learn's table (per-class precision, recall, F1 and support,
// then the micro, macro and weighted averages) and the confusion matrix, on the whole test set in
// evaluation mode (batch norm with its running statistics). The worker evaluates it (~50 ms for MNIST);
// the panel asks on "Refresh", about every 5 s while visible and training, and when it first shows.
import { useEffect, useRef, useState } from 'react';
import type { ClassificationReport as Report } from '../telemetry/classification-report';
import { getApp, useApp } from '../state/app';
import { useLang, useT } from '../i18n';
import { reportRows, rowShare } from './classification-report-rows';
import { heatColor } from './histogram-history-image';
import { Figure, runCss, runName, useVisible } from './histograms-kit';
import { LiveSummary } from './live-summary';
import { summarizeReport } from './summaries';

const TICK_MS = 500;

export interface ClassificationReportProps {
  /** Milliseconds between two automatic reports while training. */
  intervalMs?: number;
}

interface Snapshot { reports: Record<string, Report>; step: number }

export function ClassificationReport({ intervalMs = 5000 }: ClassificationReportProps) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const visible = useVisible(box);
  const dataset = useApp((s) => s.settings.dataset);
  const [snap, setSnap] = useState<Snapshot | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fetchRef = useRef<() => Promise<void>>(async () => {});

  useEffect(() => {
    const app = getApp();
    let alive = true;
    let inflight = false;
    let lastFetch = -Infinity;
    let fetchedStep = -1;
    const fetchNow = async () => {
      if (inflight) return;
      inflight = true;
      setBusy(true);
      lastFetch = performance.now();
      const step = app.store.getState().step;
      try {
        const reports = await app.trainer.classificationReport();
        if (!alive) return;
        fetchedStep = step;
        setSnap({ reports, step: app.hub.get()?.step ?? step });
        setError(null);
      } catch (e) {
        if (alive) setError(e instanceof Error ? e.message : String(e));
      } finally {
        inflight = false;
        if (alive) setBusy(false);
      }
    };
    fetchRef.current = fetchNow;
    const timer = window.setInterval(() => {
      if (!visible.current) return;
      const { status, step } = app.store.getState();
      if (status === 'running' && performance.now() - lastFetch >= intervalMs) void fetchNow();
      // Paused: one report for the step reached (also the first report when the panel shows).
      else if (status === 'paused' && step !== fetchedStep) void fetchNow();
    }, TICK_MS);
    return () => { alive = false; clearInterval(timer); };
  }, [intervalMs, visible, dataset]);

  useEffect(() => { setSnap(null); }, [dataset]);

  const runs = snap ? Object.keys(snap.reports) : [];
  return (
    <Figure
      summary={<LiveSummary summarize={(_f, lang) => summarizeReport(snap?.reports ?? null, snap?.step ?? 0, lang)} />}
      title={t('report.title')}
      fileName="classification-report"
      className="ns-classification-report"
      caption={t('report.caption')}
      controls={
        <>
          {snap && <span className="ns-note">{t('chart.step', { step: snap.step })}</span>}
          <button type="button" className="ns-button" onClick={() => { void fetchRef.current(); }} disabled={busy}>
            {busy ? t('report.evaluating') : t('report.refresh')}
          </button>
        </>
      }
    >
      <div ref={box}>
        {error && !snap && <p className="ns-empty">{t('report.error', { error })}</p>}
        {!error && !snap && <p className="ns-empty">{t('report.empty')}</p>}
        {snap && (
          <div className="ns-report-runs">
            {runs.map((id) => (
              <section key={id} className="ns-report-run" aria-label={t('chart.runAria', { run: runName(t, id) })}>
                <h4><span style={{ color: runCss(id) }}>■</span> {runName(t, id)} <span className="ns-note" style={{ display: 'inline' }}>{t('report.accuracy', { value: (snap.reports[id].accuracy * 100).toFixed(2) })}</span></h4>
                <ReportTable report={snap.reports[id]} />
                <ConfusionMatrix report={snap.reports[id]} />
              </section>
            ))}
          </div>
        )}
      </div>
    </Figure>
  );
}

export function ReportTable({ report, classNames }: { report: Report; classNames?: readonly string[] }) {
  const t = useT();
  const rows = reportRows(report, classNames, undefined, { micro: t('report.micro'), macro: t('report.macro'), weighted: t('report.weighted') });
  return (
    <table className="ns-report-table">
      <thead>
        <tr>
          <th scope="col">{t('report.class')}</th><th scope="col" title={t('report.precisionHelp')}>{t('report.precision')}</th>
          <th scope="col" title={t('report.recallHelp')}>{t('report.recall')}</th>
          <th scope="col" title={t('report.f1Help')}>{t('report.f1')}</th><th scope="col" title={t('report.supportHelp')}>{t('report.support')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={r.label} className={r.kind === 'average' && rows[i - 1]?.kind === 'class' ? 'ns-avg-first' : undefined}>
            <th scope="row">{r.label}</th><td title={`${t('report.precisionHelp')} (${r.label})`}>{r.precision}</td>
            <td title={`${t('report.recallHelp')} (${r.label})`}>{r.recall}</td><td title={`${t('report.f1Help')} (${r.label})`}>{r.f1}</td><td>{r.support}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** K x K cells, shaded by the share of the true class's row; counts in the cells and in their titles. */
export function ConfusionMatrix({ report }: { report: Report }) {
  const tr = useT();
  const upright = useLang() === 'zh'; // Chinese reads top to bottom with upright characters
  const K = report.confusion.length;
  const cell = K <= 4 ? 34 : K <= 10 ? 26 : 18;
  const left = 34;
  const top = 30;
  const size = left + K * cell + 4;
  const height = top + K * cell + 4;
  return (
    <svg className="chart-svg ns-confusion" width={size} height={height} role="img" aria-label={tr('report.confusionAria')}>
      <text x={left + (K * cell) / 2} y={10} textAnchor="middle">{tr('report.predicted')}</text>
      {upright
        ? <text x={9} y={top + (K * cell) / 2} textAnchor="middle" style={{ writingMode: 'vertical-rl', textOrientation: 'upright' }}>{tr('report.true')}</text>
        : <text transform={`translate(9,${top + (K * cell) / 2}) rotate(-90)`} textAnchor="middle">{tr('report.true')}</text>}
      {Array.from({ length: K }, (_, k) => (
        <g key={k}>
          <text x={left + k * cell + cell / 2} y={top - 5} textAnchor="middle">{k}</text>
          <text x={left - 5} y={top + k * cell + cell / 2} dy="0.32em" textAnchor="end">{k}</text>
        </g>
      ))}
      {report.confusion.map((row, t) => row.map((count, p) => {
        const share = rowShare(report.confusion, t, p);
        const [r, g, b] = heatColor(Math.sqrt(share));
        const light = share > 0.35;
        return (
          <g key={`${t}-${p}`}>
            <rect x={left + p * cell} y={top + t * cell} width={cell - 1} height={cell - 1}
              fill={count > 0 ? `rgb(${r},${g},${b})` : 'rgba(127,127,127,0.08)'}
              stroke={t === p ? 'currentColor' : 'none'} strokeOpacity={0.35}>
              <title>{tr('report.cell', { t, p, count, share: (share * 100).toFixed(1) })}</title>
            </rect>
            {count > 0 && (
              <text x={left + p * cell + (cell - 1) / 2} y={top + t * cell + (cell - 1) / 2} dy="0.32em" textAnchor="middle"
                style={{ fill: light ? '#000' : '#fff', pointerEvents: 'none', fontSize: count >= 1000 ? 7.5 : 9 }}>
                {count}
              </text>
            )}
          </g>
        );
      }))}
    </svg>
  );
}
