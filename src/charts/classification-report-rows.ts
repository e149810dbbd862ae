// Rows of a classification report as scikit-learn prints them: one per class, then the micro, macro
// and weighted averages (for single-label data the micro average equals the accuracy).
import type { ClassificationReport, ClassScores } from '../telemetry/classification-report';

export interface ReportRow {
  label: string;
  kind: 'class' | 'average';
  precision: string;
  recall: string;
  f1: string;
  support: string;
}

export const REPORT_DIGITS = 3;

/** Labels of the three average rows (scikit-learn's by default; the view passes translated ones). */
export interface AverageLabels { micro: string; macro: string; weighted: string }
export const AVERAGE_LABELS: AverageLabels = { micro: 'micro avg', macro: 'macro avg', weighted: 'weighted avg' };

export function formatScore(v: number, digits = REPORT_DIGITS): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '–';
}

function row(label: string, kind: ReportRow['kind'], c: ClassScores, digits: number): ReportRow {
  return {
    label, kind,
    precision: formatScore(c.precision, digits), recall: formatScore(c.recall, digits), f1: formatScore(c.f1, digits),
    support: Number.isFinite(c.support) ? String(Math.round(c.support)) : '–',
  };
}

/** The table rows; `classNames[k]` labels class k (default: its index), `averages` the average rows. */
export function reportRows(r: ClassificationReport, classNames?: readonly string[], digits = REPORT_DIGITS, averages: AverageLabels = AVERAGE_LABELS): ReportRow[] {
  return [
    ...r.classes.map((c, k) => row(classNames?.[k] ?? String(k), 'class', c, digits)),
    row(averages.micro, 'average', r.micro, digits),
    row(averages.macro, 'average', r.macro, digits),
    row(averages.weighted, 'average', r.weighted, digits),
  ];
}

/** Confusion-matrix cell shade: the share of the true class's row (the recall of the cell), 0 when the row is empty. */
export function rowShare(confusion: number[][], t: number, p: number): number {
  const total = confusion[t].reduce((s, v) => s + v, 0);
  return total > 0 ? confusion[t][p] / total : 0;
}
