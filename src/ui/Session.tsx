// The session bar: Play/Pause, Step, Reset, Speed, the status line, MNIST's load progress, the
// notices, and the downloads.
import { useEffect, useState } from 'react';
import type { TelemetryFrame } from '../telemetry/frame';
import { getApp, useApp } from '../state/app';
import { exportFileName, frameToCsv, frameToJson } from '../state/export';
import { runName, translate, useLang, useT } from '../i18n';
import { formatStepNumber } from '../state/setting-changes';
import { SpeedField } from './Controls';
import { DownloadIcon, PauseIcon, PlayIcon, ResetIcon, StepIcon } from './icons';

/**
 * Play/Pause: one button of fixed width whose label and icon swap, so it never moves under the cursor
 * (the top bar around it keeps its height and layout whatever the session does).
 */
export function PlayButton() {
  const t = useT();
  const status = useApp((s) => s.status);
  const running = status === 'running';
  const busy = status === 'loading' || status === 'empty';
  const store = getApp().store;
  return (
    <button
      type="button" className="primary play" disabled={busy}
      onClick={() => { void (running ? store.getState().pause() : store.getState().play()); }}
    >
      {running ? <PauseIcon /> : <PlayIcon />}
      {running ? t('btn.pause') : t('btn.play')}
    </button>
  );
}

/** Step and Reset; `compact` shows their icons only (the name stays, as aria-label and tooltip). */
export function StepResetButtons({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const status = useApp((s) => s.status);
  const busy = status === 'loading' || status === 'empty';
  const store = getApp().store;
  const named = (key: 'btn.step' | 'btn.reset') => (compact ? { 'aria-label': t(key), title: t(key) } : {});
  return (
    <>
      <button type="button" className={compact ? 'icon-only' : undefined} disabled={busy} onClick={() => { void store.getState().stepOnce(); }} {...named('btn.step')}>
        <StepIcon />{compact ? null : <span className="btn-text">{t('btn.step')}</span>}
      </button>
      <button type="button" className={compact ? 'icon-only' : undefined} disabled={busy} onClick={() => { void store.getState().reset(); }} {...named('btn.reset')}>
        <ResetIcon />{compact ? null : <span className="btn-text">{t('btn.reset')}</span>}
      </button>
    </>
  );
}

export function Transport() {
  return (
    <div className="transport">
      <div className="buttons">
        <PlayButton />
        <StepResetButtons />
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

/**
 * The session's state in a box of fixed size: line 1 what it does and the step, line 2 the epoch and
 * speed (while training) and any diverged run. Text that does not fit is cut with an ellipsis (the
 * whole is in the tooltip and read by screen readers), so the top bar never changes height or layout.
 */
export function StatusLine() {
  const t = useT();
  const lang = useLang();
  const status = useApp((s) => s.status);
  const step = useApp((s) => s.step);
  const epoch = useApp((s) => s.epoch);
  const { diverged, rate } = useDiverged();
  const fmt = (n: number) => formatStepNumber(n, lang);
  const main = status === 'running' ? t('status.training', { step: fmt(step) })
    : status === 'paused' ? t('status.paused', { step: fmt(step) })
      : status === 'loading' ? t('status.loading')
        : status === 'error' ? t('status.error') : t('status.empty');
  const sub = [
    ...(status === 'running' ? [t('status.epoch', { epoch: fmt(epoch) }), ...(rate > 0 ? [t('status.rate', { rate: fmt(rate) })] : [])] : []),
  ].join(' · ');
  const divergedText = diverged.map((d) => t('status.diverged', { run: runName(t, d.run), at: fmt(d.at) }));
  return (
    <div className="status-wrap" title={[main, sub, ...divergedText].filter(Boolean).join('\n')}>
      <p className={`status status-${status}`} role="status" data-testid="session-status">
        <span className="status-line">
          <span className="dot" aria-hidden="true" />
          <span className="status-main">{main}</span>
        </span>
        {divergedText.length ? (
          <span className="status-line status-sub">
            {divergedText.map((text) => <span key={text} className="diverged">{text}</span>)}
          </span>
        ) : null}
      </p>
      {sub && !divergedText.length ? <span className="status-line status-sub rate">{sub}</span> : null}
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

export function download(text: string, name: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves the latest frame as CSV or JSON (a notice when there is nothing yet). */
export function useSaveData(): (kind: 'csv' | 'json') => void {
  return (kind) => {
    const frame = getApp().hub.get();
    if (!frame || frame.runs.length === 0) { getApp().store.getState().notify((l) => translate(l, 'notice.noData')); return; }
    const name = exportFileName(frame, kind);
    const changes = getApp().store.getState().changes;
    if (kind === 'csv') download(frameToCsv(frame, changes), name, 'text/csv');
    else download(frameToJson(frame), name, 'application/json');
  };
}

export function Downloads() {
  const t = useT();
  const save = useSaveData();
  return (
    <div className="downloads">
      <button type="button" aria-label={t('btn.csv')} title={t('btn.csv')} onClick={() => save('csv')}><DownloadIcon />CSV</button>
      <button type="button" aria-label={t('btn.json')} title={t('btn.json')} onClick={() => save('json')}><DownloadIcon />JSON</button>
    </div>
  );
}
