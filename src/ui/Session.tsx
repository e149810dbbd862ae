// The session bar: Play/Pause, Step, Reset, Speed, the status line, MNIST's load progress, the
// notices, and the downloads.
import { useEffect, useState } from 'react';
import type { TelemetryFrame } from '../session/frame';
import { getApp, useApp } from '../state/app';
import { exportFileName, frameToCsv, frameToJson } from '../state/export';
import { useT } from '../state/i18n';
import { isRunKind } from '../session/run-kinds';
import { SpeedField } from './Controls';
import { DownloadIcon, PauseIcon, PlayIcon, ResetIcon, StepIcon } from './icons';


export function Transport() {
  const t = useT();
  const status = useApp((s) => s.status);
  const running = status === 'running';
  const busy = status === 'loading' || status === 'empty';
  const store = getApp().store;
  return (
    <div className="transport">
      <div className="buttons">
        <button
          type="button" className="primary play" disabled={busy}
          onClick={() => { void (running ? store.getState().pause() : store.getState().play()); }}
        >
          {running ? <PauseIcon /> : <PlayIcon />}
          {running ? t('btn.pause') : t('btn.play')}
        </button>
        <button type="button" disabled={busy} onClick={() => { void store.getState().stepOnce(); }}>
          <StepIcon />{t('btn.step')}
        </button>
        <button type="button" disabled={busy} onClick={() => { void store.getState().reset(); }}>
          <ResetIcon />{t('btn.reset')}
        </button>
      </div>
      <div className="speed"><SpeedField /></div>
    </div>
  );
}

interface Diverged { run: string; at: number }

function useDiverged(): { diverged: Diverged[]; rate: number } {
  const [state, setState] = useState<{ diverged: Diverged[]; rate: number }>({ diverged: [], rate: 0 });
  useEffect(() => getApp().hub.subscribe((f: TelemetryFrame) => {
    const diverged = f.runs.filter((r) => r.divergedAt !== null).map((r) => ({ run: r.id, at: r.divergedAt! }));
    const rate = Math.round(f.stepsPerSec);
    setState((old) => (old.rate === rate && JSON.stringify(old.diverged) === JSON.stringify(diverged) ? old : { diverged, rate }));
  }), []);
  return state;
}

export function StatusLine() {
  const t = useT();
  const status = useApp((s) => s.status);
  const step = useApp((s) => s.step);
  const epoch = useApp((s) => s.epoch);
  const { diverged, rate } = useDiverged();
  const fmt = (n: number) => n.toLocaleString('en-US');
  const main = status === 'running' ? t('status.training', { step: fmt(step), epoch: fmt(epoch) })
    : status === 'paused' ? t('status.paused', { step: fmt(step) })
      : status === 'loading' ? t('status.loading')
        : status === 'error' ? t('status.error') : t('status.empty');
  return (
    <div className="status-wrap">
      <p className={`status status-${status}`} role="status" data-testid="session-status">
        <span className="dot" aria-hidden="true" />
        <span className="status-main">{main}</span>
        {diverged.map((d) => (
          <span key={d.run} className="diverged">{t('status.diverged', { run: isRunKind(d.run) ? t(`run.${d.run}`) : d.run, at: fmt(d.at) })}</span>
        ))}
      </p>
      {status === 'running' && rate > 0 ? <span className="rate">{t('status.rate', { rate: fmt(rate) })}</span> : null}
    </div>
  );
}

export function LoadProgress() {
  const t = useT();
  const load = useApp((s) => s.load);
  const status = useApp((s) => s.status);
  if (status !== 'loading') return null;
  const pct = load && load.total > 0 ? Math.round((100 * load.loaded) / load.total) : null;
  return (
    <div className="load">
      <label>
        <span>{t('load.label')}{pct !== null ? ` · ${pct}%` : '…'}</span>
        <progress aria-label={t('load.label')} max={load?.total || undefined} value={load ? load.loaded : undefined} />
      </label>
    </div>
  );
}

export function Notices() {
  const t = useT();
  const notice = useApp((s) => s.notice);
  return (
    <div className="notices" aria-live="polite">
      {notice ? (
        <div className="notice" role="alert">
          <span className="notice-icon" aria-hidden="true">i</span>
          <p>{notice}</p>
          <button type="button" className="ghost" onClick={() => getApp().store.getState().dismissNotice()} aria-label={t('btn.dismiss')}>✕</button>
        </div>
      ) : null}
    </div>
  );
}

function download(text: string, name: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Downloads() {
  const t = useT();
  const save = (kind: 'csv' | 'json') => {
    const frame = getApp().hub.get();
    if (!frame || frame.runs.length === 0) { getApp().store.setState({ notice: t('notice.noData') }); return; }
    const name = exportFileName(frame, kind);
    if (kind === 'csv') download(frameToCsv(frame), name, 'text/csv');
    else download(frameToJson(frame), name, 'application/json');
  };
  return (
    <div className="downloads">
      <button type="button" aria-label={t('btn.csv')} title={t('btn.csv')} onClick={() => save('csv')}><DownloadIcon />CSV</button>
      <button type="button" aria-label={t('btn.json')} title={t('btn.json')} onClick={() => save('json')}><DownloadIcon />JSON</button>
    </div>
  );
}
