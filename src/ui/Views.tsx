// The chart grid: every view from src/charts, grouped in sections, each in an error boundary so that
// one broken view never takes the page down. The views below the fold or for some settings only are
// loaded on demand (./lazy-views.ts); a chunk that fails to load shows in that view's boundary like
// any other failure, and its Retry asks for the chunk again.
import { Suspense, type ComponentType } from 'react';
import { AccuracyChart, ClassificationReport, GradientsChart, HistogramsChart, LayerMomentsChart, LossChart, PercentilesChart } from '../charts';
import type { RunKind } from '../session/run-kinds';
import type { Arch } from '../session/settings';
import { type MessageKey, useLang, useT } from '../i18n';
import { useApp } from '../state/app';
import { TimeSeriesView } from '../charts/live-summary';
import { ChartBoundary } from './ChartBoundary';
import { LAZY_VIEWS } from './lazy-views';

const { BnStepByStep, LandscapeChart, FoldPanel, RenormChart, DecisionBoundary, CnnHistogramsChart, CnnChannelStatsChart, CnnFeatureMapsChart, CnnStepByStep } = LAZY_VIEWS;

/** With the CNN the landscape is not measured (session/cnn-spec.ts): the view says so instead. */
function CnnLandscapeNote() {
  const t = useT();
  return <p className="pending">{t('landscape.cnn')}</p>;
}

/** What a view shows while its code loads. */
export function ViewLoading() {
  const t = useT();
  return <p className="pending view-loading" aria-busy="true">{t('views.loadingView')}</p>;
}

interface Cell {
  name: string;
  Chart: ComponentType;
  /** Two columns of the grid (all of it where it has two or fewer). */
  wide?: boolean;
  /** Steps on the x axis: its text alternative names the live setting changes. */
  series?: boolean;
  /** Only for the 2-D data sets. */
  only2d?: boolean;
  /** Only while one of these runs trains. */
  onlyRuns?: readonly RunKind[];
  /** Only for one architecture (settings.arch). */
  arch?: Arch;
}

/**
 * The views in the order of the tweak-and-watch loop: the activation histograms first (what batch size
 * and epsilon change), then loss and accuracy, then the layers over time; the decision boundary leads
 * when the data set is 2-D (the first thing one looks at there).
 */
const SECTIONS: readonly { title: MessageKey; charts: readonly Cell[] }[] = [
  {
    title: 'views.first',
    charts: [
      { name: 'DecisionBoundary', Chart: DecisionBoundary, only2d: true, wide: true },
      { name: 'HistogramsChart', Chart: HistogramsChart, wide: true },
      { name: 'CnnHistogramsChart', Chart: CnnHistogramsChart, wide: true, arch: 'cnn' },
      { name: 'CnnFeatureMapsChart', Chart: CnnFeatureMapsChart, wide: true, arch: 'cnn' },
      { name: 'LossChart', Chart: LossChart, series: true },
      { name: 'AccuracyChart', Chart: AccuracyChart, series: true },
      { name: 'PercentilesChart', Chart: PercentilesChart, series: true },
      { name: 'LayerMomentsChart', Chart: LayerMomentsChart, series: true },
    ],
  },
  {
    title: 'views.bn',
    charts: [
      { name: 'BnStepByStep', Chart: BnStepByStep, wide: true, arch: 'mlp' },
      { name: 'CnnStepByStep', Chart: CnnStepByStep, wide: true, arch: 'cnn' },
      { name: 'CnnChannelStatsChart', Chart: CnnChannelStatsChart, wide: true, arch: 'cnn', series: true },
      { name: 'GradientsChart', Chart: GradientsChart, wide: true },
      { name: 'LandscapeChart', Chart: LandscapeChart, wide: true, series: true, arch: 'mlp' },
      { name: 'CnnLandscapeNote', Chart: CnnLandscapeNote, arch: 'cnn' },
      { name: 'ClassificationReport', Chart: ClassificationReport, wide: true },
      { name: 'FoldPanel', Chart: FoldPanel },
      { name: 'RenormChart', Chart: RenormChart, onlyRuns: ['renorm'], series: true },
    ],
  },
];

/** `only`: the views an embed shows (their data-chart names; ui/EmbedApp.tsx); absent = every view. */
export function Views({ only }: { only?: ReadonlySet<string> } = {}) {
  const t = useT();
  const lang = useLang();
  const dataset = useApp((s) => s.settings.dataset);
  const runs = useApp((s) => s.runs);
  const arch = useApp((s) => s.settings.arch);
  const shown = (c: Cell) => !(c.only2d && dataset === 'mnist') && (!c.onlyRuns || c.onlyRuns.some((r) => runs.includes(r))) && (!c.arch || c.arch === arch);
  const sections = only ? SECTIONS.filter((s) => s.charts.some((c) => only.has(c.name))) : SECTIONS;
  return (
    <div className="views">
      {sections.map((section) => (
        <section key={section.title} className="view-section" aria-label={t(section.title)}>
          {only ? null : <h2>{t(section.title)}</h2>}
          <div className="chart-grid">
            {only ? section.charts.filter((c) => only.has(c.name) && !shown(c)).map((c) => (
              <p key={c.name} className="pending chart-cell" data-chart-unavailable={c.name}>{t('embed.unavailable')}</p>
            )) : null}
            {section.charts.filter((c) => shown(c) && (!only || only.has(c.name))).map(({ name, wide, series, Chart }) => (
              <div key={name} className={`chart-cell${wide ? ' wide' : ''}`} data-chart={name}>
                <TimeSeriesView value={!!series}>
                  <ChartBoundary name={name} lang={lang}><Suspense fallback={<ViewLoading />}><Chart /></Suspense></ChartBoundary>
                </TimeSeriesView>
              </div>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
