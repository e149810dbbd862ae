// The chart grid. The charts live in src/charts and are exported from src/charts/index.ts; the page
// lays out whichever of them exist at build time (import.meta.glob yields nothing for a missing file),
// each in an error boundary so one broken view never takes the page down.
import { Component, type ComponentType, type ReactNode } from 'react';
import { useApp } from '../state/app';
import { useT, type MessageKey } from '../state/i18n';

type ChartName =
  | 'LossChart' | 'AccuracyChart' | 'PercentilesChart' | 'LayerMomentsChart' | 'GradientsChart'
  | 'HistogramsChart' | 'DecisionBoundary' | 'ClassificationReport' | 'BnStepByStep';

const modules = import.meta.glob<Record<string, unknown>>(['../charts/index.ts', '../charts/*.tsx'], { eager: true });

function findChart(name: ChartName): ComponentType | null {
  // index.ts is the contract; a component not exported there yet is taken from its own file.
  const index = Object.entries(modules).find(([path]) => path.endsWith('/index.ts'))?.[1];
  const c = index?.[name] ?? Object.values(modules).map((m) => m[name]).find((x) => typeof x === 'function');
  return typeof c === 'function' ? (c as ComponentType) : null;
}

const SECTIONS: readonly { title: MessageKey; charts: readonly { name: ChartName; wide?: boolean; only2d?: boolean }[] }[] = [
  { title: 'views.loss', charts: [{ name: 'LossChart' }, { name: 'AccuracyChart' }] },
  {
    title: 'views.inside',
    charts: [{ name: 'PercentilesChart' }, { name: 'LayerMomentsChart' }, { name: 'HistogramsChart', wide: true }, { name: 'GradientsChart' }],
  },
  {
    title: 'views.bn',
    charts: [{ name: 'BnStepByStep', wide: true }, { name: 'DecisionBoundary', only2d: true }, { name: 'ClassificationReport' }],
  },
];

const RESOLVED = SECTIONS.map((s) => ({
  ...s,
  charts: s.charts.map((c) => ({ ...c, Chart: findChart(c.name) })).filter((c) => c.Chart !== null),
}));

class ChartBoundary extends Component<{ name: string; children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  override componentDidCatch(e: unknown) {
    console.warn(`NormScope: the ${this.props.name} view failed`, e);
  }
  override render() {
    if (this.state.error) return <figure className="chart-failed"><figcaption>{this.props.name}</figcaption><p>{this.state.error}</p></figure>;
    return this.props.children;
  }
}

export function Views() {
  const t = useT();
  const dataset = useApp((s) => s.settings.dataset);
  const total = RESOLVED.reduce((n, s) => n + s.charts.length, 0);
  return (
    <div className="views">
      {RESOLVED.map((section) => {
        const charts = section.charts.filter((c) => !(c.only2d && dataset === 'mnist'))
          // the report takes the whole row when the decision boundary does not share it
          .map((c) => (c.name === 'ClassificationReport' ? { ...c, wide: dataset === 'mnist' || !section.charts.some((o) => o.name === 'DecisionBoundary') } : c));
        if (charts.length === 0) return null;
        return (
          <section key={section.title} className="view-section" aria-label={t(section.title)}>
            <h2>{t(section.title)}</h2>
            <div className="chart-grid">
              {charts.map(({ name, wide, Chart }) => (
                <div key={name} className={`chart-cell${wide ? ' wide' : ''}`} data-chart={name}>
                  <ChartBoundary name={name}>{Chart ? <Chart /> : null}</ChartBoundary>
                </div>
              ))}
            </div>
          </section>
        );
      })}
      {total < 9 ? <p className="pending">{t('views.pending')}</p> : null}
    </div>
  );
}
