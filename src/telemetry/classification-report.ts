// Per-class precision, recall and F1 from a confusion matrix, with micro, macro and weighted averages
// (scikit-learn's classification_report). confusion[t * K + p] counts rows of true class t predicted p.
//   precision_k = TP_k / (TP_k + FP_k),  recall_k = TP_k / (TP_k + FN_k),  F1 = 2 P R / (P + R)
// A 0/0 ratio is reported as 0, as scikit-learn does (with a warning there).
//   micro: from the summed TP, FP, FN (for single-label data all three equal the accuracy)
//   macro: the unweighted mean over classes; weighted: the mean weighted by each class's support

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  classes: ClassScores[];
  micro: ClassScores;
  macro: ClassScores;
  weighted: ClassScores;
  accuracy: number;
  /** K x K, row = true class, column = predicted class. */
  confusion: number[][];
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1 = (p: number, r: number) => ratio(2 * p * r, p + r);

export function classificationReport(confusion: ArrayLike<number>, K: number): ClassificationReport {
  const classes: ClassScores[] = [];
  let tpSum = 0;
  let total = 0;
  for (let k = 0; k < K; k++) {
    let tp = 0;
    let predicted = 0;
    let actual = 0;
    for (let j = 0; j < K; j++) {
      predicted += confusion[j * K + k];
      actual += confusion[k * K + j];
    }
    tp = confusion[k * K + k];
    tpSum += tp;
    total += actual;
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, actual);
    classes.push({ precision, recall, f1: f1(precision, recall), support: actual });
  }
  const mean = (pick: (c: ClassScores) => number, w: (c: ClassScores) => number) => {
    const den = classes.reduce((s, c) => s + w(c), 0);
    return ratio(classes.reduce((s, c) => s + pick(c) * w(c), 0), den);
  };
  const acc = ratio(tpSum, total);
  const avg = (w: (c: ClassScores) => number): ClassScores => ({
    precision: mean((c) => c.precision, w), recall: mean((c) => c.recall, w), f1: mean((c) => c.f1, w), support: total,
  });
  return {
    classes,
    micro: { precision: acc, recall: acc, f1: acc, support: total },
    macro: avg(() => 1),
    weighted: avg((c) => c.support),
    accuracy: acc,
    confusion: Array.from({ length: K }, (_, t) => Array.from({ length: K }, (_, p) => confusion[t * K + p])),
  };
}
