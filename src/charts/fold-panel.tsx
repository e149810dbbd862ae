// "Fold batch norm": at inference batch norm is a fixed affine map per unit, so it can be folded into
// the linear layer next to it (W' = W gamma / sqrt(var + eps), b' = (b - mean) gamma / sqrt(var + eps)
// + beta). On request the worker folds a run's norms, runs the folded plain network on the whole test
// set and reports the largest logit difference, both accuracies and the parameter and memory counts;
// the folded weights download as JSON.
import { useEffect, useId, useRef, useState } from 'react';
import type { FoldReport } from '../session/fold-report';
import { getApp, useApp } from '../state/app';
import { useT } from '../i18n';
import { Figure, runName, useVisible } from './histograms-kit';
import { LiveSummary } from './live-summary';
import { summarizeFold } from './summaries';

const FOLDABLE = new Set<string>(['batch', 'renorm', 'batch-pre', 'batch-post']);

function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const fmtInt = (n: number) => n.toLocaleString('en-US');
const fmtBytes = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`);

export function FoldPanel() {
  const t = useT();
  const id = useId();
  const runs = useApp((s) => s.runs).filter((r) => FOLDABLE.has(r));
  const dataset = useApp((s) => s.settings.dataset);
  const [chosen, setChosen] = useState<string | null>(null);
  const runsKey = runs.join();
  const [report, setReport] = useState<FoldReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run: string | null = chosen && runs.includes(chosen as never) ? chosen : runs[0] ?? null;
  useEffect(() => { setReport(null); setError(null); }, [dataset, runsKey]);
  const box = useRef<HTMLDivElement>(null);
  const visible = useVisible(box);
  const foldRef = useRef<() => Promise<void>>(async () => {});
  const pending = !report && !error && !busy && run !== null;
  // The first time the panel shows with something to fold, it folds once by itself (about as costly
  // as two evaluations of the test set); after that only on request.
  useEffect(() => {
    if (!pending) return;
    const timer = window.setInterval(() => {
      if (visible.current && getApp().store.getState().step > 0) { clearInterval(timer); void foldRef.current(); }
    }, 400);
    return () => clearInterval(timer);
  }, [pending, visible]);

  const fold = foldRef.current = async () => {
    if (!run) return;
    setBusy(true);
    try {
      setReport(await getApp().trainer.foldBatchNorm(run));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Figure
      summary={<LiveSummary summarize={(_f, lang) => summarizeFold(report, lang)} deps={[report]} />}
      title={t('fold.title')} fileName="normscope-fold" className="ns-fold" caption={t('fold.caption')}
      controls={
        <>
          <label htmlFor={`${id}-run`} className="ns-fold-run">{t('fold.run')}
            <select id={`${id}-run`} value={run ?? ''} onChange={(e) => setChosen(e.target.value)} disabled={runs.length === 0}>
              {runs.map((r) => <option key={r} value={r}>{runName(t, r)}</option>)}
            </select>
          </label>
          <button type="button" className="ns-button" onClick={() => { void fold(); }} disabled={busy || !run}>
            {busy ? t('fold.busy') : t('fold.button')}
          </button>
        </>
      }
    >
      <div ref={box}>
        <p className="ns-note">{t('fold.formula')}</p>
        {!run ? <p className="ns-empty">{t('fold.none')}</p> : null}
        {run && !report && !error ? <p className="ns-empty">{t('fold.empty')}</p> : null}
        {error ? <p className="ns-empty" role="alert">{error}</p> : null}
        {report ? (
          <div className="ns-fold-result" aria-live="polite">
            <p data-testid="fold-diff">
              {t('fold.diff', {
                run: runName(t, report.run), step: fmtInt(report.step), rows: fmtInt(report.rows),
                diff: report.maxAbsDiff.toExponential(2), logit: report.maxAbsLogit.toFixed(2),
              })}
            </p>
            <table className="ns-report-table">
              <thead>
                <tr><th scope="col" /><th scope="col">{t('fold.colBefore')}</th><th scope="col">{t('fold.colAfter')}</th></tr>
              </thead>
              <tbody>
                <tr><th scope="row">{t('fold.accuracy')}</th><td>{(report.accuracy * 100).toFixed(2)}%</td><td>{(report.foldedAccuracy * 100).toFixed(2)}%</td></tr>
                <tr><th scope="row">{t('fold.parameters')}</th><td>{fmtInt(report.counts.before.parameters)}</td><td>{fmtInt(report.counts.after.parameters)}</td></tr>
                <tr><th scope="row">{t('fold.buffers')}</th><td>{fmtInt(report.counts.before.buffers)}</td><td>{fmtInt(report.counts.after.buffers)}</td></tr>
                <tr><th scope="row">{t('fold.memory')}</th><td>{fmtBytes(report.counts.before.bytes)}</td><td>{fmtBytes(report.counts.after.bytes)}</td></tr>
              </tbody>
            </table>
            <button type="button" className="ns-button" onClick={() => download(report.json, `normscope-folded-${report.run}-step${report.step}.json`)}>
              {t('fold.download')}
            </button>
          </div>
        ) : null}
      </div>
    </Figure>
  );
}
