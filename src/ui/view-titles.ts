// A view's title in the page's language, from the dictionary: what an error boundary
// names when that view fails ("The Loss view failed"), rather than its component's name.
import { translate, type Lang, type MessageKey } from '../i18n';

const TITLES: Readonly<Record<string, MessageKey>> = {
  LossChart: 'loss.title',
  AccuracyChart: 'acc.title',
  PercentilesChart: 'pct.title',
  LayerMomentsChart: 'mom.title',
  GradientsChart: 'grad.title',
  RenormChart: 'renorm.title',
  Figure1Chart: 'fig1.title',
  HistogramsChart: 'hist.title',
  BnStepByStep: 'bn.title',
  LandscapeChart: 'land.title',
  ClassificationReport: 'report.title',
  FoldPanel: 'fold.title',
  DecisionBoundary: 'db.title',
  SweepPanel: 'sweep.title',
};

/** The title of the view named `name` (its component's name); the name itself for an unknown one. */
export function viewTitle(lang: Lang, name: string): string {
  const title = TITLES[name];
  return title ? translate(lang, title) : name;
}
