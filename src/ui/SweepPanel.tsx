// The batch-size sweep panel: what to run (networks, batch sizes, examples per run, seed, how many
// seeds), Start and Cancel, the overall progress with the time left, the chart and the table of
// results as they arrive; over several seeds the chart draws the median with a min-max band.
// The state lives in the sweep store (src/state/sweep-store.ts), so closing and reopening the panel
// keeps a running sweep and its results. The page shows it in the small-batches experiment.
import { useEffect, useId, useState } from 'react';
import { SweepBandChart } from '../charts/sweep-band-chart';
import { SweepChart } from '../charts/sweep-chart';
import type { NormKind } from '../engine/types';
import type { DurationUnits } from '../runtime/sweep/eta';
import type { RunningJob } from '../runtime/sweep/pool';
import { useApp } from '../state/app';
import { NORM_NAME_KEY, type T, useT } from '../i18n';
import { getSweepStore, useSweep } from '../state/sweep-app';
import { planInput, SWEEP_SEED_CHOICES, type SweepConfig } from '../state/sweep-store';
import { INITIAL_SWEEP_QUERY } from '../state/sweep-url';
import { SweepTable } from './SweepTable';
import './SweepPanel.css';
import { CNN_SWEEP_BATCHES, CNN_SWEEP_NORMS, formatDuration, mnistStoredBytes, plannedSeconds, planSweep, SWEEP_ALL_NORMS, SWEEP_BATCHES, SWEEP_EXAMPLE_CHOICES, SWEEP_EXAMPLES, SWEEP_NORMS } from '../state/ui-inputs';

const fmt = (n: number) => n.toLocaleString('en-US');
const units = (t: T): DurationUnits => ({ s: t('sweep.units.s'), min: t('sweep.units.min'), h: t('sweep.units.h') });

export interface SweepPanelProps {
  /** Settings to start from (e.g. an experiment preset's); applied when the panel opens, unless a sweep runs. */
  initial?: Partial<SweepConfig>;
  /** Start the sweep as soon as the panel opens (with `initial` applied), unless one is running. */
  autoStart?: boolean;
  /** When given, the panel shows a Close button that calls it. */
  onClose?: () => void;
}

/** Seconds the plan of `config` should take on `workers` workers, before anything is measured. */
function planned(config: SweepConfig, workers: number): number | null {
  try {
    return plannedSeconds(planSweep(planInput(config)), workers);
  } catch {
    return null;
  }
}

function runningText(t: T, r: RunningJob): string {
  const params = { run: t(NORM_NAME_KEY[r.job.norm]), batch: r.job.batch, pct: Math.floor(r.fraction * 100) };
  return r.phase === 'starting' ? t('sweep.now.loading', params) : r.phase === 'evaluating' ? t('sweep.now.evaluating', params) : t('sweep.now.item', params);
}

function SweepProgressView() {
  const t = useT();
  const status = useSweep((s) => s.status);
  const progress = useSweep((s) => s.progress);
  const jobs = useSweep((s) => s.jobs);
  const results = useSweep((s) => s.results);
  if (status === 'idle' && !progress) return null;
  const fraction = progress?.fraction ?? 0;
  const pctNow = Math.floor(fraction * 100);
  const text = t('sweep.progress.text', { done: results.length, total: jobs.length, pct: pctNow });
  const eta = status !== 'running' ? null
    : progress?.etaSeconds === null || progress === null ? t('sweep.eta.pending') : t('sweep.eta', { time: formatDuration(progress.etaSeconds, units(t)) });
  return (
    <div className="sweep-progress">
      <div className="sweep-progress-head">
        <span id="sweep-progress-label">{t('sweep.progress')}</span>
        <span className="sweep-progress-text">{text}{eta ? ` · ${eta}` : ''}</span>
      </div>
      <div
        className="sweep-bar" role="progressbar" aria-labelledby="sweep-progress-label" aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={pctNow} aria-valuetext={text}
      >
        <div className="sweep-bar-fill" style={{ width: `${(fraction * 100).toFixed(2)}%` }} />
      </div>
      {status === 'running' && progress && progress.running.length > 0
        ? <p className="sweep-now">{t('sweep.now', { list: progress.running.map((r) => runningText(t, r)).join(' · ') })}</p>
        : null}
    </div>
  );
}

function SweepStatusLine() {
  const t = useT();
  const status = useSweep((s) => s.status);
  const results = useSweep((s) => s.results);
  const jobs = useSweep((s) => s.jobs);
  const error = useSweep((s) => s.error);
  const seconds = useSweep((s) => s.seconds);
  const pausedLive = useSweep((s) => s.pausedLive);
  const message = status === 'done' ? t('sweep.status.done', { n: results.length, time: formatDuration(seconds ?? 0, units(t)) })
    : status === 'cancelled' ? t('sweep.status.cancelled', { n: results.length, total: jobs.length })
      : status === 'error' ? t('sweep.status.error', { error: error ?? '' }) : null;
  return (
    <>
      <p className={`sweep-status${status === 'error' ? ' error' : ''}`} role="status" data-testid="sweep-status">{message}</p>
      {pausedLive ? (
        <div className="sweep-live">
          <p>{status === 'running' ? t('sweep.paused') : t('sweep.resume.note')}</p>
          {status !== 'running'
            ? <button type="button" onClick={() => getSweepStore().getState().resumeLive()}>{t('sweep.resume')}</button>
            : null}
        </div>
      ) : null}
    </>
  );
}

export function SweepPanel({ initial, autoStart = false, onClose }: SweepPanelProps) {
  const t = useT();
  const id = useId();
  const config = useSweep((s) => s.config);
  const status = useSweep((s) => s.status);
  const workers = useSweep((s) => s.workers);
  const jobs = useSweep((s) => s.jobs);
  const results = useSweep((s) => s.results);
  const running = status === 'running';
  const store = getSweepStore();
  const [seedText, setSeedText] = useState(String(config.seed));

  useEffect(() => {
    if (initial) store.getState().configure(initial);
    if (autoStart && store.getState().status !== 'running') store.getState().start();
    // Applied once, when the panel opens with these settings.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => { setSeedText(String(config.seed)); }, [config.seed]);
  // The sweep runs the page's architecture: on the CNN, batch norm against group norm (the group-norm paper's Figure 1).
  const arch = useApp((s) => s.settings.arch);
  useEffect(() => {
    if (store.getState().status === 'running' || (store.getState().config.arch ?? 'mlp') === arch) return;
    store.getState().configure(arch === 'cnn'
      ? { arch, norms: [...CNN_SWEEP_NORMS], batches: [...CNN_SWEEP_BATCHES] }
      : { arch, norms: [...SWEEP_NORMS], batches: [...SWEEP_BATCHES] });
  }, [arch, store]);

  const toggle = <K extends 'norms' | 'batches'>(key: K, value: SweepConfig[K][number], on: boolean) => {
    const list = config[key] as (typeof value)[];
    const next = on ? [...list, value] : list.filter((v) => v !== value);
    const order = (key === 'norms' ? SWEEP_ALL_NORMS : SWEEP_BATCHES) as readonly (typeof value)[];
    store.getState().configure({ [key]: order.filter((v) => next.includes(v)) } as Partial<SweepConfig>);
  };
  const choices = [...new Set([...SWEEP_EXAMPLE_CHOICES, ...(INITIAL_SWEEP_QUERY.examples !== null ? [INITIAL_SWEEP_QUERY.examples] : []), config.examples])]
    .sort((a, b) => a - b);
  const estimate = planned(config, workers);
  const shownNorms = running || results.length ? [...new Set(jobs.map((j) => j.norm))] : config.norms;
  const order = (list: NormKind[]) => SWEEP_ALL_NORMS.filter((n) => list.includes(n));
  const shownBatches = running || results.length ? [...new Set(jobs.map((j) => j.batch))] : config.batches;

  return (
    <section className="sweep-panel" aria-labelledby={`${id}-title`} data-testid="sweep-panel">
      <header className="sweep-head">
        <h2 id={`${id}-title`}>{t('sweep.title')}</h2>
        {onClose ? <button type="button" onClick={onClose}>{t('sweep.close')}</button> : null}
      </header>
      <p className="sweep-intro">{t('sweep.intro')}</p>
      <p className="sweep-intro">{t('sweep.expected')}</p>
      <p className="sweep-intro">{t('sweep.measured')}</p>
      {config.examples !== SWEEP_EXAMPLES ? (
        <p className="protocol-warning" role="note" data-testid="sweep-protocol-warning">
          <span aria-hidden="true">⚠ </span>{t('sweep.protocolDiffers', { n: fmt(config.examples), quoted: fmt(SWEEP_EXAMPLES) })}
        </p>
      ) : null}
      <p className="sweep-protocol">{t('sweep.protocol')}</p>

      <form className="sweep-form" aria-label={t('sweep.form')} onSubmit={(e) => { e.preventDefault(); store.getState().start(); }}>
        <fieldset className="sweep-field" disabled={running}>
          <legend>{t('sweep.norms')}</legend>
          {SWEEP_ALL_NORMS.map((n) => (
            <label key={n} className={`sweep-check run-${n}`}>
              <input type="checkbox" checked={config.norms.includes(n)} onChange={(e) => toggle('norms', n, e.target.checked)} />
              <span className="swatch" aria-hidden="true" />{t(NORM_NAME_KEY[n])}
            </label>
          ))}
        </fieldset>
        <fieldset className="sweep-field" disabled={running}>
          <legend>{t('sweep.batches')}</legend>
          {SWEEP_BATCHES.map((b) => (
            <label key={b} className="sweep-check">
              <input type="checkbox" aria-label={t('sweep.batchLabel', { batch: b })} checked={config.batches.includes(b)}
                onChange={(e) => toggle('batches', b, e.target.checked)} />
              {b}
            </label>
          ))}
        </fieldset>
        <div className="sweep-row">
          <label className="sweep-labelled">
            <span>{t('sweep.examples')}</span>
            <select value={config.examples} disabled={running} onChange={(e) => store.getState().configure({ examples: Number(e.target.value) })}>
              {choices.map((n) => {
                const secs = planned({ ...config, examples: n }, workers);
                const time = secs === null ? '?' : formatDuration(Math.max(1, secs), units(t));
                const key = SWEEP_EXAMPLE_CHOICES.includes(n) ? 'sweep.examples.option' : 'sweep.examples.url';
                return <option key={n} value={n}>{t(key, { n: fmt(n), time })}</option>;
              })}
            </select>
          </label>
          <label className="sweep-labelled">
            <span>{t('sweep.seed')}</span>
            <input type="number" className="sweep-seed" min={0} max={4294967295} step={1} value={seedText} disabled={running}
              onChange={(e) => {
                setSeedText(e.target.value);
                const v = e.target.value.trim() === '' ? NaN : Number(e.target.value);
                store.getState().configure({ seed: v });
              }} />
          </label>
          <label className="sweep-labelled">
            <span>{t('seeds.sweep.count')}</span>
            <select value={config.seedCount} disabled={running} onChange={(e) => store.getState().configure({ seedCount: Number(e.target.value) })}>
              {SWEEP_SEED_CHOICES.map((n) => (
                <option key={n} value={n}>{n === 1 ? t('seeds.sweep.one') : t('seeds.sweep.option', { n, from: config.seed, to: config.seed + n - 1 })}</option>
              ))}
            </select>
          </label>
        </div>
        {estimate !== null ? (
          <p className="sweep-plan">
            {t('sweep.plan', { jobs: config.norms.length * config.batches.length * config.seedCount, workers, time: formatDuration(Math.max(1, estimate), units(t)) })}{' '}
            {t('sweep.memory', { mb: fmt(Math.round(mnistStoredBytes() / 1e5) / 10) })}
          </p>
        ) : null}
        <div className="sweep-buttons">
          <button type="submit" className="primary" disabled={running}>{t('sweep.start')}</button>
          <button type="button" disabled={!running} onClick={() => store.getState().cancel()}>{t('sweep.cancel')}</button>
        </div>
      </form>

      <SweepProgressView />
      <SweepStatusLine />
      {new Set(results.map((r) => r.seed)).size > 1
        ? <SweepBandChart results={results} batches={shownBatches} />
        : <SweepChart results={results} batches={shownBatches} />}
      <SweepTable results={results} norms={order(shownNorms)} batches={shownBatches} />
    </section>
  );
}
