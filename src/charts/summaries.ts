// Text alternatives of the charts: one short sentence per chart saying what it shows now (e.g. Loss:
// "Step 1,200: Plain 0.421, Batch norm 0.183"), in English and 简体中文. Pure functions of a telemetry
// frame; ./live-summary.tsx announces them politely, at most once per throttle interval.
import type { ClassificationReport } from '../telemetry/classification-report';
import type { FoldReport } from '../session/fold-report';
import type { BnDetail, RunFrame, TelemetryFrame } from '../telemetry/frame';
import type { DecisionGrid } from '../session/session';
import type { SweepSeries } from '../runtime/sweep/results';
import type { SeriesColumns } from '../telemetry/bounded-series';
import { runName, type T, translate } from '../i18n';

const en = {
  loss: 'Step {step}, training loss: {runs}',
  acc: 'Step {step}, test accuracy: {runs}',
  moments: 'Step {step}, layer {layer}, batch mean and variance before the norm: {runs}',
  momentsRun: '{run} mean {mean}, variance {variance}',
  grad: 'Step {step}, gradient norm per layer: {runs}',
  pct: "Step {step}, layer {layer}, median of the activation's input (15th to 85th percentile): {runs}",
  pctRun: '{run} {p50} ({p15} to {p85})',
  hist: 'Step {step}, layer {layer} activations: {runs}',
  histRun: '{run} from {min} to {max}, median {p50}, saturated {sat}',
  renorm: 'Step {step}: rmax {rmax}, dmax {dmax}; units at the r limit {r}, at the d limit {d}',
  bn: 'Step {step}, {run}, layer {layer} unit {unit}: batch mean {mean}, variance {variance}; running mean {runningMean}, variance {runningVar}',
  report: 'Step {step}, whole test set in evaluation mode: {runs}',
  reportRun: '{run} accuracy {acc}, macro F1 {f1}',
  boundary: 'Step {step}, share of the plane per predicted class and mean confidence: {runs}',
  boundaryRun: '{run} {shares}, confidence {conf}',
  landscape: 'Step {step}, loss along the gradient and beta-smoothness: {runs}',
  landscapeRun: '{run} from {min} to {max}, smoothness {beta}',
  fold: '{run} folded at step {step}: largest logit difference {diff}, accuracy {acc}, folded {folded}',
  sweep: 'Final test accuracy per batch size: {runs}',
  sweepPoint: 'batch {batch} {acc}',
  noData: 'No data yet',
  diverged: 'diverged',
  none: 'none yet',
  sep: ', ',
  runSep: '; ',
};

const zh: Record<keyof typeof en, string> = {
  loss: '第 {step} 步，训练损失：{runs}',
  acc: '第 {step} 步，测试准确率：{runs}',
  moments: '第 {step} 步，第 {layer} 层，归一化前的批均值与方差：{runs}',
  momentsRun: '{run} 均值 {mean}，方差 {variance}',
  grad: '第 {step} 步，各层梯度范数：{runs}',
  pct: '第 {step} 步，第 {layer} 层，激活函数输入的中位数（第 15 至 85 百分位）：{runs}',
  pctRun: '{run} {p50}（{p15} 至 {p85}）',
  hist: '第 {step} 步，第 {layer} 层激活值：{runs}',
  histRun: '{run} 从 {min} 到 {max}，中位数 {p50}，饱和 {sat}',
  renorm: '第 {step} 步：rmax {rmax}，dmax {dmax}；r 达到上限的单元 {r}，d 达到上限的单元 {d}',
  bn: '第 {step} 步，{run}，第 {layer} 层第 {unit} 个单元：批均值 {mean}，方差 {variance}；滑动均值 {runningMean}，方差 {runningVar}',
  report: '第 {step} 步，整个测试集，评估模式：{runs}',
  reportRun: '{run} 准确率 {acc}，宏平均 F1 {f1}',
  boundary: '第 {step} 步，各预测类别所占平面比例与平均置信度：{runs}',
  boundaryRun: '{run} {shares}，置信度 {conf}',
  landscape: '第 {step} 步，沿梯度方向的损失与 beta 平滑度：{runs}',
  landscapeRun: '{run} 从 {min} 到 {max}，平滑度 {beta}',
  fold: '{run} 在第 {step} 步折叠：最大 logit 差 {diff}，准确率 {acc}，折叠后 {folded}',
  sweep: '各批大小的最终测试准确率：{runs}',
  sweepPoint: '批大小 {batch} {acc}',
  noData: '尚无数据',
  diverged: '已发散',
  none: '暂无',
  sep: '，',
  runSep: '；',
};

export type SummaryKey = keyof typeof en;
export const SUMMARY_TEXTS = { en, zh } as const;

function say(lang: string, key: SummaryKey, params: Record<string, string | number> = {}): string {
  const text = (lang === 'zh' ? zh : en)[key];
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

const viewT = (lang: string): T => (key, params) => translate(lang, key, params);

/** Three significant digits, no exponent for ordinary magnitudes. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return Number(v.toPrecision(3)).toString();
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
const stepText = (lang: string, step: number) => step.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
const lastOf = (c: SeriesColumns | null | undefined): number | null => (c && c.y.length > 0 ? c.y[c.y.length - 1] : null);

function joinRuns(lang: string, frame: TelemetryFrame, one: (run: RunFrame, name: string) => string | null, sep: SummaryKey = 'sep'): string | null {
  const t = viewT(lang);
  const parts = frame.runs.map((r) => one(r, runName(t, r.id))).filter((s): s is string => s !== null);
  return parts.length ? parts.join(say(lang, sep)) : null;
}

/** Loss: the latest training loss of every run. */
export function summarizeLoss(frame: TelemetryFrame | null, lang: string): string {
  if (!frame || frame.step === 0 || !frame.runs.some((r) => r.loss.y.length > 0)) return say(lang, 'noData');
  const runs = joinRuns(lang, frame, (r, name) =>
    `${name} ${r.divergedAt !== null ? say(lang, 'diverged') : formatNumber(r.lastLoss)}`);
  return say(lang, 'loss', { step: stepText(lang, frame.step), runs: runs ?? '' });
}

/** Test accuracy: the latest evaluation of every run. */
export function summarizeAccuracy(frame: TelemetryFrame | null, lang: string): string {
  if (!frame || !frame.runs.some((r) => r.testAcc.y.length > 0)) return say(lang, 'noData');
  const runs = joinRuns(lang, frame, (r, name) => {
    const v = lastOf(r.testAcc);
    return v === null ? null : `${name} ${percent(v)}`;
  });
  return say(lang, 'acc', { step: stepText(lang, frame.step), runs: runs ?? '' });
}

/** Layer mean and variance: the latest batch mean and variance of z in `layer` (0-based), per run. */
export function summarizeMoments(frame: TelemetryFrame | null, layer: number, lang: string): string {
  const runs = frame && joinRuns(lang, frame, (r, name) => {
    const m = r.layers[layer]?.moments;
    const mean = lastOf(m?.zMean);
    const variance = lastOf(m?.zVar);
    return mean === null || variance === null ? null : say(lang, 'momentsRun', { run: name, mean: formatNumber(mean), variance: formatNumber(variance) });
  }, 'runSep');
  return runs ? say(lang, 'moments', { step: stepText(lang, frame!.step), layer: layer + 1, runs }) : say(lang, 'noData');
}

/** Gradients: the gradient norm of every layer, first to last, per run. */
export function summarizeGradients(frame: TelemetryFrame | null, lang: string): string {
  if (!frame || frame.step === 0) return say(lang, 'noData');
  const runs = joinRuns(lang, frame, (r, name) =>
    (r.layers.length ? `${name} ${r.layers.map((l) => formatNumber(l.gradNorm)).join(' / ')}` : null), 'runSep');
  return runs ? say(lang, 'grad', { step: stepText(lang, frame.step), runs }) : say(lang, 'noData');
}

/** Percentiles (and Figure 1): the latest 15th, 50th and 85th percentile of z in `layer`, per run. */
export function summarizePercentiles(frame: TelemetryFrame | null, layer: number, lang: string): string {
  const runs = frame && joinRuns(lang, frame, (r, name) => {
    const b = r.layers[layer]?.bands;
    const [p15, p50, p85] = [lastOf(b?.p15), lastOf(b?.p50), lastOf(b?.p85)];
    return p15 === null || p50 === null || p85 === null ? null
      : say(lang, 'pctRun', { run: name, p15: formatNumber(p15), p50: formatNumber(p50), p85: formatNumber(p85) });
  }, 'runSep');
  return runs ? say(lang, 'pct', { step: stepText(lang, frame!.step), layer: layer + 1, runs }) : say(lang, 'noData');
}

/** Activation histograms: range, median and saturation of the activations of `layer`, per run. */
export function summarizeHistograms(frame: TelemetryFrame | null, layer: number, lang: string): string {
  const runs = frame && joinRuns(lang, frame, (r, name) => {
    const l = r.layers[layer];
    const act = l?.stages[2];
    if (!l || !act) return null;
    // stats: meanOfMeans, meanOfVars, stdOfMeans, stdOfVars, min, max, p15, p50, p85
    return say(lang, 'histRun', { run: name, min: formatNumber(act.stats[4]), max: formatNumber(act.stats[5]), p50: formatNumber(act.stats[7]), sat: percent(l.saturation) });
  }, 'runSep');
  return runs ? say(lang, 'hist', { step: stepText(lang, frame!.step), layer: layer + 1, runs }) : say(lang, 'noData');
}

/** Batch renorm: the current limits and the share of units clipped at them. */
export function summarizeRenorm(frame: TelemetryFrame | null, lang: string): string {
  const rn = frame?.runs.find((r) => r.renorm)?.renorm;
  const [rmax, dmax, r, d] = [lastOf(rn?.rmax), lastOf(rn?.dmax), lastOf(rn?.clippedR), lastOf(rn?.clippedD)];
  if (!frame || rmax === null || dmax === null) return say(lang, 'noData');
  return say(lang, 'renorm', {
    step: stepText(lang, frame.step), rmax: formatNumber(rmax), dmax: formatNumber(dmax),
    r: r === null ? say(lang, 'none') : percent(r), d: d === null ? say(lang, 'none') : percent(d),
  });
}

const nameOf = (lang: string, id: string) => runName(viewT(lang), id);

/** Batch norm step by step: the batch's and the running mean and variance of the shown unit. */
export function summarizeBnStep(detail: BnDetail | null, step: number, lang: string): string {
  if (!detail || detail.x.length === 0) return say(lang, 'noData');
  return say(lang, 'bn', {
    step: stepText(lang, step), run: nameOf(lang, detail.run), layer: detail.layer + 1, unit: detail.unit + 1,
    mean: formatNumber(detail.mean), variance: formatNumber(detail.variance),
    runningMean: formatNumber(detail.runningMean), runningVar: formatNumber(detail.runningVar),
  });
}

/** Classification report: accuracy and macro F1 per run. */
export function summarizeReport(reports: Record<string, ClassificationReport> | null, step: number, lang: string): string {
  const ids = reports ? Object.keys(reports) : [];
  if (!reports || ids.length === 0) return say(lang, 'noData');
  const runs = ids.map((id) => say(lang, 'reportRun', { run: nameOf(lang, id), acc: percent(reports[id].accuracy), f1: formatNumber(reports[id].macro.f1) }));
  return say(lang, 'report', { step: stepText(lang, step), runs: runs.join(say(lang, 'runSep')) });
}

/** Decision boundary: per run, the share of grid cells given to each class and the mean confidence. */
export function summarizeDecisionGrid(grid: DecisionGrid | null, step: number, lang: string): string {
  const ids = grid ? Object.keys(grid.runs) : [];
  if (!grid || ids.length === 0) return say(lang, 'noData');
  const runs = ids.map((id) => {
    const { predicted, confidence } = grid.runs[id];
    const counts = new Array<number>(grid.classes).fill(0);
    let conf = 0;
    for (let i = 0; i < predicted.length; i++) { counts[predicted[i]]++; conf += confidence[i]; }
    const n = Math.max(1, predicted.length);
    return say(lang, 'boundaryRun', { run: nameOf(lang, id), shares: counts.map((c) => `${Math.round((100 * c) / n)}%`).join(' / '), conf: percent(conf / n) });
  });
  return say(lang, 'boundary', { step: stepText(lang, step), runs: runs.join(say(lang, 'runSep')) });
}

/** Loss landscape: the latest range of the loss along the gradient and the beta-smoothness, per run. */
export function summarizeLandscape(frame: TelemetryFrame | null, lang: string): string {
  const runs = (frame?.landscape?.runs ?? []).map((r) => {
    const [min, max, beta] = [lastOf(r.lossMin), lastOf(r.lossMax), lastOf(r.betaSmooth)];
    return min === null || max === null ? null
      : say(lang, 'landscapeRun', { run: nameOf(lang, r.id), min: formatNumber(min), max: formatNumber(max), beta: beta === null ? say(lang, 'none') : formatNumber(beta) });
  }).filter((s): s is string => s !== null);
  return frame && runs.length ? say(lang, 'landscape', { step: stepText(lang, frame.step), runs: runs.join(say(lang, 'runSep')) }) : say(lang, 'noData');
}

/** Fold batch norm: the outcome of the last fold. */
export function summarizeFold(report: FoldReport | null, lang: string): string {
  if (!report) return say(lang, 'noData');
  return say(lang, 'fold', {
    run: nameOf(lang, report.run), step: stepText(lang, report.step), diff: formatNumber(report.maxAbsDiff),
    acc: percent(report.accuracy), folded: percent(report.foldedAccuracy),
  });
}

/** Batch-size sweep: each series' final accuracy at every batch size finished so far. */
export function summarizeSweep(series: readonly SweepSeries[], lang: string): string {
  const t = viewT(lang);
  const runs = series.filter((s) => s.points.length > 0).map((s) => {
    const name = s.id === 'batch-stats' ? t('acc.otherBatch') : runName(t, s.id);
    const points = s.points.map((p) => say(lang, 'sweepPoint', { batch: p.batch, acc: p.diverged ? say(lang, 'diverged') : percent(p.acc) }));
    return `${name} ${points.join(say(lang, 'sep'))}`;
  });
  return runs.length ? say(lang, 'sweep', { runs: runs.join(say(lang, 'runSep')) }) : say(lang, 'noData');
}
