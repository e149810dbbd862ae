// "Over seeds" in the experiment panel: runs the open experiment's setting (the check behind its
// variant) for seeds 1..8 on the sweep's background pool, with the progress, the time left and
// Cancel, then the strip plot (one dot per seed, the median, a seed's runs joined) and the summary
// in words: median [min-max], seeds above 0.3, and in how many seeds the second run beat the first.
// Partial results (a cancelled or running plan) are drawn and summarised as they are.
import { lazy, Suspense } from 'react';
import type { PresetName } from '../session/presets';
import type { DurationUnits } from '../runtime/sweep/eta';
import { type RunNameKey, type T, useLang, useT } from '../i18n';
import { getSeedsStore, useSeeds } from '../state/seeds-app';
import { INITIAL_SEEDS_STEPS } from '../state/seeds-url';
import { ChartBoundary } from './ChartBoundary';
import { ViewLoading } from './Views';
import './SweepPanel.css';
import { checkOfVariant, DEFAULT_SEED_COUNT, findPreset, formatDuration, signed, summarizeRecords } from '../state/ui-inputs';

// the chart (and D3) load with the first results, not with the page
const SeedStripChart = lazy(() => import('../charts/seed-strip-chart').then((m) => ({ default: m.SeedStripChart })));

const units = (t: T): DurationUnits => ({ s: t('sweep.units.s'), min: t('sweep.units.min'), h: t('sweep.units.h') });

function SeedsProgress() {
  const t = useT();
  const status = useSeeds((s) => s.status);
  const progress = useSeeds((s) => s.progress);
  const jobs = useSeeds((s) => s.jobs);
  const results = useSeeds((s) => s.results);
  if (!progress) return null;
  const pctNow = Math.floor(progress.fraction * 100);
  const text = t('seeds.progress.text', { done: results.length, total: jobs.length, pct: pctNow });
  const eta = status !== 'running' ? null
    : progress.etaSeconds === null ? t('sweep.eta.pending') : t('sweep.eta', { time: formatDuration(progress.etaSeconds, units(t)) });
  return (
    <div className="sweep-progress">
      <div className="sweep-progress-head">
        <span id="seeds-progress-label">{t('seeds.progress')}</span>
        <span className="sweep-progress-text">{text}{eta ? ` · ${eta}` : ''}</span>
      </div>
      <div className="sweep-bar" role="progressbar" aria-labelledby="seeds-progress-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pctNow} aria-valuetext={text}>
        <div className="sweep-bar-fill" style={{ width: `${(progress.fraction * 100).toFixed(2)}%` }} />
      </div>
      {status === 'running' && progress.running.length > 0 ? (
        <p className="sweep-now">
          {t('seeds.now', { list: progress.running.map((r) => t('seeds.now.item', { run: t(`run.${r.job.run}` as RunNameKey), seed: r.job.seed, pct: Math.floor(r.fraction * 100) })).join(' · ') })}
        </p>
      ) : null}
    </div>
  );
}

function SeedsStatus() {
  const t = useT();
  const status = useSeeds((s) => s.status);
  const results = useSeeds((s) => s.results);
  const jobs = useSeeds((s) => s.jobs);
  const error = useSeeds((s) => s.error);
  const seconds = useSeeds((s) => s.seconds);
  const pausedLive = useSeeds((s) => s.pausedLive);
  const message = status === 'done' ? t('seeds.status.done', { n: results.length, time: formatDuration(seconds ?? 0, units(t)) })
    : status === 'cancelled' ? t('seeds.status.cancelled', { n: results.length, total: jobs.length })
      : status === 'error' ? t('seeds.status.error', { error: error ?? '' }) : null;
  return (
    <>
      <p className={`sweep-status${status === 'error' ? ' error' : ''}`} role="status" data-testid="seeds-status">{message}</p>
      {pausedLive && status !== 'running' ? (
        <div className="sweep-live">
          <p>{t('seeds.resume.note')}</p>
          <button type="button" onClick={() => getSeedsStore().getState().resumeLive()}>{t('seeds.resume')}</button>
        </div>
      ) : null}
    </>
  );
}

export function SeedsSection({ name, variant }: { name: PresetName; variant: string | null }) {
  const t = useT();
  const lang = useLang();
  const status = useSeeds((s) => s.status);
  const target = useSeeds((s) => s.target);
  const all = useSeeds((s) => s.results);
  const workers = useSeeds((s) => s.workers);
  const preset = findPreset(name);
  const check = preset ? checkOfVariant(preset, variant) : undefined;
  if (!preset || !check) return null;
  const mine = target !== null && target.name === name && target.check === check.label;
  const results = mine ? all : [];
  const summary = summarizeRecords(results)[0];
  const runName = (r: string) => t(`run.${r}` as RunNameKey);
  const lines = summary ? [
    ...summary.runs.map((r) => (r.acc ? t('seeds.summary.run', {
      run: runName(r.run), median: r.acc.median.toFixed(3), min: r.acc.min.toFixed(3), max: r.acc.max.toFixed(3), count: r.seeds.length, above: r.above,
    }) : '')),
    ...summary.runs.filter((r) => r.diverged > 0).map((r) => t('seeds.summary.diverged', { run: runName(r.run), k: r.diverged, n: r.seeds.length })),
    ...(summary.paired ? [t('seeds.summary.paired', {
      a: runName(summary.paired.a), b: runName(summary.paired.b), wins: summary.paired.comparison.wins, n: summary.paired.comparison.n,
      diff: summary.paired.comparison.medianDiff === null ? '-' : signed(summary.paired.comparison.medianDiff),
    })] : []),
  ].filter(Boolean) : [];
  const running = status === 'running';
  return (
    <section className="experiment-seeds" aria-labelledby="experiment-seeds-title">
      <h3 id="experiment-seeds-title">{t('seeds.heading')}</h3>
      <p>{t('seeds.intro', { check: check.label, n: DEFAULT_SEED_COUNT, workers })}{INITIAL_SEEDS_STEPS !== null ? ` ${t('seeds.shortened', { steps: INITIAL_SEEDS_STEPS })}` : ''}</p>
      <div className="experiment-actions">
        <button type="button" disabled={running} onClick={() => getSeedsStore().getState().start(name, variant)}>
          {t('seeds.run', { n: DEFAULT_SEED_COUNT })}
        </button>
        {running ? <button type="button" onClick={() => getSeedsStore().getState().cancel()}>{t('seeds.cancel')}</button> : null}
      </div>
      {mine || running ? <SeedsProgress /> : null}
      {mine ? <SeedsStatus /> : null}
      {mine ? (
        <ChartBoundary name="SeedStripChart" lang={lang}>
          <Suspense fallback={<ViewLoading />}>
            <SeedStripChart
              results={results} runs={check.runs} check={check.label}
              summary={lines.length ? <ul className="seeds-summary" data-testid="seeds-summary">{lines.map((l) => <li key={l}>{l}</li>)}</ul> : null}
            />
          </Suspense>
        </ChartBoundary>
      ) : null}
    </section>
  );
}
