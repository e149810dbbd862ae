// The explanation of the experiment the page runs: what to look for, what the literature reports, and
// what NormScope measured with the same protocol (npm run -s experiments), with the preset's variants
// one click away and a link to the view that shows the answer. The card leads with the measured finding
// and its table (ExperimentSummary); the literature and the full measured text fold away below. Figure 1 draws inside the panel.
// Figure 1 and the sweep panel load on demand, with the experiment that shows them. "Run 8 seeds"
// (SeedsSection) repeats the experiment's measurement over seeds on the background pool.
import { Suspense } from 'react';
import type { PresetFocus } from '../session/presets';
import { getApp, useApp } from '../state/app';
import { type MessageKey, useLang, useT } from '../i18n';
import { ChartBoundary } from './ChartBoundary';
import { ExperimentSummary } from './ExperimentSummary';
import { SeedsSection } from './SeedsSection';
import { LAZY_VIEWS } from './lazy-views';
import { ViewLoading } from './Views';
import { EXPLANATIONS, findPreset } from '../state/ui-inputs';

const { Figure1Chart, SweepPanel } = LAZY_VIEWS;

/** The dashboard view (its data-chart name) each focus points at. */
const FOCUS_VIEW: Record<PresetFocus, { chart: string; label: MessageKey } | null> = {
  fig1: { chart: 'PercentilesChart', label: 'exp.view.percentiles' },
  sweep: null,
  loss: { chart: 'LossChart', label: 'exp.view.loss' },
  saturation: { chart: 'GradientsChart', label: 'exp.view.saturation' },
  gradients: { chart: 'GradientsChart', label: 'exp.view.gradients' },
  report: { chart: 'ClassificationReport', label: 'exp.view.report' },
  cnn: { chart: 'CnnHistogramsChart', label: 'exp.view.cnn' },
};

function showView(chart: string) {
  const el = document.querySelector<HTMLElement>(`[data-chart="${chart}"]`);
  if (!el) return;
  el.scrollIntoView({ behavior: 'smooth', block: 'start' });
  el.classList.remove('flash');
  void el.offsetWidth; // restart the highlight animation
  el.classList.add('flash');
  el.querySelector<HTMLElement>('figure, select, button')?.focus({ preventScroll: true });
}

export function ExperimentPanel() {
  const t = useT();
  const lang = useLang();
  const experiment = useApp((s) => s.experiment);
  const status = useApp((s) => s.status);
  if (!experiment) return null;
  const preset = findPreset(experiment.name);
  if (!preset) return null;
  const text = EXPLANATIONS[preset.name][lang];
  const store = getApp().store;
  const focus = FOCUS_VIEW[preset.focus];
  const current = experiment.variant ?? preset.variants?.[0]?.id ?? null;
  return (
    <section id="experiment" className="experiment" aria-labelledby="experiment-title">
      <header className="experiment-head">
        <div>
          <p className="experiment-kicker">{t('exp.kicker')}</p>
          <h2 id="experiment-title">{preset.title[lang]}</h2>
          <p className="experiment-lead">{text.lead}</p>
        </div>
        <div className="experiment-actions">
          <button type="button" disabled={status === 'loading'} onClick={() => { void store.getState().runExperiment(preset.name, experiment.variant); }}>
            {t('exp.restart')}
          </button>
          <button type="button" onClick={() => store.getState().closeExperiment()} aria-label={t('exp.closeLabel')}>
            {t('exp.close')}
          </button>
        </div>
      </header>
      {preset.variants ? (
        <div className="experiment-variants" role="group" aria-label={t('exp.variants')}>
          <span>{t('exp.variants')}</span>
          {preset.variants.map((v) => (
            <button
              key={v.id} type="button" aria-pressed={current === v.id} disabled={status === 'loading'}
              onClick={() => { void store.getState().runExperiment(preset.name, v.id); }}
            >
              {v.label[lang]}
            </button>
          ))}
        </div>
      ) : null}
      <ExperimentSummary preset={preset} variant={current} />
      <div className="experiment-body">
        <div>
          <h3>{t('exp.look')}</h3>
          <p>{text.look}</p>
          {focus ? <button type="button" className="linklike" onClick={() => showView(focus.chart)}>{t(focus.label)}</button> : null}
        </div>
      </div>
      <details className="experiment-details">
        <summary>{t('exp.details')}</summary>
        <div className="experiment-body">
          <div>
            <h3>{t('exp.literature')}</h3>
            <p>{text.literature}</p>
          </div>
          {text.measured ? (
            <div>
              <h3>{t('exp.measured')}</h3>
              <p>{text.measured}</p>
            </div>
          ) : null}
        </div>
      </details>
      {preset.checks.length > 0 ? <SeedsSection name={preset.name} variant={current} /> : null}
      {preset.focus === 'fig1' ? <div className="experiment-figure"><ChartBoundary name="Figure1Chart" lang={lang}><Suspense fallback={<ViewLoading />}><Figure1Chart /></Suspense></ChartBoundary></div> : null}
      {preset.focus === 'sweep' ? <div className="experiment-figure"><ChartBoundary name="SweepPanel" lang={lang}><Suspense fallback={<ViewLoading />}><SweepPanel /></Suspense></ChartBoundary></div> : null}
    </section>
  );
}
