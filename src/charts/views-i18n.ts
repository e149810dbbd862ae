// Texts of the loss, accuracy, percentiles, layer-moments and gradients charts and of the shared
// chart frame, in English and 简体中文, following the page language (state/i18n's useLang).
// `{name}` placeholders are filled by vt(). The English captions are the charts' names.
import { getLang, useLang } from '../state/i18n';
import { isRunKind } from '../session/run-kinds';

const en = {
  save: 'Save PNG',
  empty: 'Waiting for the first steps…',
  legend: 'Legend',
  step: 'step',
  'run.plain': 'Plain',
  'run.batch': 'Batch norm',
  'run.layer': 'Layer norm',
  'run.batch-pre': 'Batch norm before the activation',
  'run.batch-post': 'Batch norm after the activation',
  divergedAt: '{run} diverged (step {step})',
  divergedShort: 'diverged (step {step})',
  diverged: 'diverged',
  divergedNote: '{run} diverged at step {step}',
  'loss.title': 'Loss',
  'loss.sub': '— training (per step) and test',
  'loss.smoothing': 'Smoothing',
  'loss.log': 'Log scale',
  'loss.outliers': 'Ignore outliers',
  'loss.test': 'test',
  'loss.raw': 'raw (faint)',
  'loss.rawValue': '(raw {v})',
  'loss.runTest': '{run} test',
  'loss.axis': 'loss',
  'loss.aria': 'Training and test loss against the step',
  'acc.title': 'Test accuracy',
  'acc.sub': '— evaluation mode',
  'acc.group': 'Batch norm statistics at evaluation',
  'acc.running': 'Running statistics',
  'acc.batch': 'Batch statistics',
  'acc.otherRunning': 'batch norm, running statistics',
  'acc.otherBatch': 'batch norm, batch statistics',
  'acc.tipRunning': '{run} (running stats)',
  'acc.tipBatch': '{run} (batch stats)',
  'acc.note': 'Running statistics: batch norm normalizes with the averages it collected during training, as at inference. Batch statistics: each test batch is normalized with its own mean and variance. A large gap means the running estimates lag behind the weights (momentum too high, learning rate large) or the batches are small.',
  'acc.aria': 'Test accuracy against the step',
  'pct.title': 'Percentiles',
  'pct.sub': "— 15th, 50th and 85th percentile of the activation's input",
  'pct.layer': 'Layer',
  'pct.note': 'As in Ioffe & Szegedy (2015), Figure 1 (b, c): the band spans the 15th to 85th percentile of the inputs to the nonlinearity, the line is the median. Below: the current step\'s distribution per stage (shades: min-max, 7-93%, 16-84%, 31-69%; bar: median).',
  'pct.now': 'Distribution now, layer {layer}',
  'pct.aria': 'Percentiles of layer {layer}, {run}',
  'pct.distAria': 'Distribution of {stage} per run',
  'stage.z': 'z (before the norm)',
  'stage.norm': 'norm output',
  'stage.act': 'activation',
  'mom.title': 'Layer mean and variance',
  'mom.sub': '— batch statistics per layer, averaged over units',
  'mom.layer': 'Layer (per unit)',
  'mom.z': 'before the norm (z)',
  'mom.norm': 'after the norm',
  'mom.running': 'running estimate (BN)',
  'mom.mean': 'mean',
  'mom.variance': 'variance',
  'mom.panel': 'Layer {layer} — {what}',
  'mom.units': '{run}, layer {layer}, per unit now: running estimate vs batch statistic ({units} units)',
  'mom.batchAxis': 'batch →',
  'mom.runningAxis': '↑ running',
  'mom.note': 'Whatever z does, the batch-norm output has mean β and variance γ² (learned; 0 and 1 at the start); its running estimates of the mean and variance of z (used at inference) follow the batch statistics with a lag. Per unit: points on the diagonal mean the running estimate matches the current batch.',
  'mom.aria': 'Mean and variance per layer against the step',
  'mom.unitsAria': 'Running vs batch mean and variance per unit',
  'grad.title': 'Gradients',
  'grad.sub': '— per layer, now',
  'grad.norm': 'Gradient norm ‖∂L/∂W‖',
  'grad.ratio': 'Update / weight ratio',
  'grad.saturation': 'Saturation',
  'grad.guide': 'usual update ratio ≈ 1e-3',
  'grad.layer': 'layer {layer}',
  'grad.noteRatio': 'Update ratio: ‖ΔW‖ / ‖W‖ of a step; around 1e-3 is the usual healthy value, much higher means a too large learning rate.',
  'grad.satRelu': 'Saturation: units dead for the whole batch.',
  'grad.satTanh': 'Saturation: share of |a| > 0.98.',
  'grad.satSigmoid': 'Saturation: share of outputs < 0.02 or > 0.98.',
  'grad.aria': 'Gradient norm, update ratio and saturation per layer and run',
} as const;

export type ViewKey = keyof typeof en;

const zh: Record<ViewKey, string> = {
  save: '保存 PNG',
  empty: '等待最初的训练步…',
  legend: '图例',
  step: '步',
  'run.plain': '无归一化',
  'run.batch': '批归一化',
  'run.layer': '层归一化',
  'run.batch-pre': '批归一化（激活之前）',
  'run.batch-post': '批归一化（激活之后）',
  divergedAt: '{run} 已发散（第 {step} 步）',
  divergedShort: '已发散（第 {step} 步）',
  diverged: '已发散',
  divergedNote: '{run} 在第 {step} 步发散',
  'loss.title': '损失',
  'loss.sub': '— 训练（每步）与测试',
  'loss.smoothing': '平滑',
  'loss.log': '对数坐标',
  'loss.outliers': '忽略离群值',
  'loss.test': '测试',
  'loss.raw': '原始值（浅色）',
  'loss.rawValue': '（原始 {v}）',
  'loss.runTest': '{run} 测试',
  'loss.axis': '损失',
  'loss.aria': '训练与测试损失随训练步的变化',
  'acc.title': '测试准确率',
  'acc.sub': '— 评估模式',
  'acc.group': '评估时批归一化使用的统计量',
  'acc.running': '滑动统计量',
  'acc.batch': '批统计量',
  'acc.otherRunning': '批归一化，滑动统计量',
  'acc.otherBatch': '批归一化，批统计量',
  'acc.tipRunning': '{run}（滑动统计量）',
  'acc.tipBatch': '{run}（批统计量）',
  'acc.note': '滑动统计量：批归一化使用训练中累计的平均值进行归一化，与推理时相同。批统计量：每个测试批次用它自己的均值和方差归一化。两者差距大说明滑动估计落后于权重的变化（动量过高、学习率过大）或批次太小。',
  'acc.aria': '测试准确率随训练步的变化',
  'pct.title': '百分位数',
  'pct.sub': '— 激活函数输入的第 15、50、85 百分位数',
  'pct.layer': '层',
  'pct.note': '如 Ioffe 与 Szegedy（2015）图 1（b、c）：色带覆盖非线性函数输入的第 15 至 85 百分位数，线为中位数。下方：当前步每个阶段的分布（色阶：最小-最大、7-93%、16-84%、31-69%；横条：中位数）。',
  'pct.now': '当前分布，第 {layer} 层',
  'pct.aria': '第 {layer} 层的百分位数，{run}',
  'pct.distAria': '各运行的 {stage} 分布',
  'stage.z': 'z（归一化之前）',
  'stage.norm': '归一化输出',
  'stage.act': '激活值',
  'mom.title': '层均值与方差',
  'mom.sub': '— 每层的批统计量，对单元取平均',
  'mom.layer': '层（逐单元）',
  'mom.z': '归一化之前（z）',
  'mom.norm': '归一化之后',
  'mom.running': '滑动估计（批归一化）',
  'mom.mean': '均值',
  'mom.variance': '方差',
  'mom.panel': '第 {layer} 层 — {what}',
  'mom.units': '{run}，第 {layer} 层，当前逐单元：滑动估计与批统计量（{units} 个单元）',
  'mom.batchAxis': '批 →',
  'mom.runningAxis': '↑ 滑动',
  'mom.note': '无论 z 如何变化，批归一化的输出均值为 β、方差为 γ²（可学习；初始为 0 和 1）；它对 z 的均值和方差的滑动估计（推理时使用）滞后地跟随批统计量。逐单元：点落在对角线上表示滑动估计与当前批次一致。',
  'mom.aria': '各层均值与方差随训练步的变化',
  'mom.unitsAria': '逐单元的滑动与批均值、方差',
  'grad.title': '梯度',
  'grad.sub': '— 每层，当前',
  'grad.norm': '梯度范数 ‖∂L/∂W‖',
  'grad.ratio': '更新 / 权重比',
  'grad.saturation': '饱和度',
  'grad.guide': '常见更新比 ≈ 1e-3',
  'grad.layer': '第 {layer} 层',
  'grad.noteRatio': '更新比：一步的 ‖ΔW‖ / ‖W‖；1e-3 左右是常见的健康值，高得多说明学习率过大。',
  'grad.satRelu': '饱和度：在整个批次中都不激活的单元。',
  'grad.satTanh': '饱和度：|a| > 0.98 的比例。',
  'grad.satSigmoid': '饱和度：输出 < 0.02 或 > 0.98 的比例。',
  'grad.aria': '各层各运行的梯度范数、更新比与饱和度',
};

export const VIEW_TEXTS = { en, zh } as const;

type Params = Record<string, string | number>;
export type ViewT = (key: ViewKey, params?: Params) => string;

/** The text of key in `lang` (English for an unknown language) with placeholders filled. */
export function viewText(lang: string, key: ViewKey, params?: Params): string {
  const dict: Record<ViewKey, string> = lang === 'zh' ? zh : en;
  const text = dict[key] ?? en[key];
  return params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text;
}

/** A translator for the current language, re-rendering the component when it changes. */
export function useViewT(): ViewT {
  const lang = useLang();
  return (key, params) => viewText(lang, key, params);
}

/** The translator of the moment (for code outside render, e.g. canvas labels). */
export const currentViewT: ViewT = (key, params) => viewText(getLang(), key, params);

/** A run's name in the current language (a run kind; anything else as it is). */
export const runName = (t: ViewT, id: string): string => (isRunKind(id) ? t(`run.${id}`) : id);
