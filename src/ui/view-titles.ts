// A view's title in the page's language, from the view's own dictionary: what an error boundary
// names when that view fails ("The Loss view failed"), rather than its component's name.
import { viewText, type ViewKey } from '../charts/views-i18n';
import { translate, type Lang, type MessageKey } from '../state/i18n';

const TITLES: Readonly<Record<string, { view: ViewKey } | { page: MessageKey }>> = {
  LossChart: { view: 'loss.title' },
  AccuracyChart: { view: 'acc.title' },
  PercentilesChart: { view: 'pct.title' },
  LayerMomentsChart: { view: 'mom.title' },
  GradientsChart: { view: 'grad.title' },
  RenormChart: { view: 'renorm.title' },
  Figure1Chart: { view: 'fig1.title' },
  HistogramsChart: { page: 'hist.title' },
  BnStepByStep: { page: 'bn.title' },
  LandscapeChart: { page: 'land.title' },
  ClassificationReport: { page: 'report.title' },
  FoldPanel: { page: 'fold.title' },
  DecisionBoundary: { page: 'db.title' },
  SweepPanel: { page: 'sweep.title' },
};

/** The title of the view named `name` (its component's name); the name itself for an unknown one. */
export function viewTitle(lang: Lang, name: string): string {
  const title = TITLES[name];
  if (!title) return name;
  return 'view' in title ? viewText(lang, title.view) : translate(lang, title.page);
}
