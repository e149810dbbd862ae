// The CNN views' words in English and 简体中文 (their own table, beside views-i18n.ts).
import { useLang } from '../state/i18n';

const en = {
  'hist.title': 'Per-channel activations',
  'hist.sub': '— {layer}, each channel over N × H × W = {count} values, before (filled) and after (outline) the norm',
  'hist.aria': 'Histograms of each channel of {layer} of the {run} run, before and after the norm',
  'hist.note': 'BatchNorm2d normalises each channel over the whole batch and every position: one mean and one variance per panel, not one per pixel. After it, every channel spreads about N(0, 1) before γ and β; group norm does that per sample and group of channels.',
  'hist.outside': '{n} values outside',
  'stats.title': 'Channel statistics over time',
  'stats.sub': '— {layer}, {run}: each channel\'s batch {what} (line) against the running estimate (dots) that evaluation uses',
  'stats.aria': 'Batch {what} of each channel of {layer} over the steps against its running estimate',
  'stats.note': 'The running estimates follow the batches with momentum {momentum}; the running variance counts N × H × W values per channel (unbiased), so even batch 2 gives 1,568 values in the first conv layer.',
  'stats.none': 'Only a batch-norm run keeps running estimates: add the Batch norm run.',
  'stats.batchLine': 'batch {what} of each sampled step',
  'stats.runningLine': 'running estimate',
  'stats.mean': 'mean',
  'stats.var': 'variance',
  'maps.title': 'Feature maps of one test digit',
  'maps.sub': '— test image {index} (a {label}) through each run, evaluation mode: each conv layer\'s channels after the activation',
  'maps.aria': 'Feature maps of test digit {index} in each run: the input, then {c1} maps of conv 1 and {c2} maps of conv 2',
  'maps.note': 'Brighter is larger; each map is scaled to its own range. The runs start from the same weights: what differs is what the norm did to training.',
  'maps.input': 'input',
  'step.title': 'Step by step: one conv channel',
  'step.sub': '— {layer}, channel {channel} of the {run} run: which values form its mean and variance',
  'step.aria': 'Grid of the batch\'s samples by channels of {layer}; the highlighted cells are the values that form one mean and one variance',
  'step.batch': 'Batch norm (BatchNorm2d): channel {channel} of every sample, every position: N × H × W = {N} × {H} × {W} = {count} values form one mean μ = {mean} and one variance σ² = {variance}; the running variance uses the unbiased σ² × {count}/{countm1}.',
  'step.group': 'Group norm ({groups} groups): sample by sample, channels {first}–{last} (channel {channel}\'s group) at every position: {per} × {H} × {W} = {count} values form one mean and one variance; for sample 1: μ = {mean}, σ² = {variance}. The batch plays no part.',
  'step.none': 'This view shows a batch-norm or group-norm run: add one.',
  'step.maps': 'Maps of the highlighted values (before the norm, then after it):',
  'step.samples': 'samples n →',
  'step.channels': 'channels c ↓',
  'ctl.layer': 'Layer',
  'ctl.run': 'Run',
  'ctl.channel': 'Channel',
  'ctl.what': 'Statistic',
  'layer.0': 'conv 1 (8 channels, 28 × 28)',
  'layer.1': 'conv 2 (16 channels, 14 × 14)',
  'cnnOnly': 'This view is for the CNN (Architecture: CNN).',
  'landscape.cnn': 'The loss landscape is measured for the fully connected network only; with the CNN this view stays empty.',
} as const;

export type CnnKey = keyof typeof en;

const zh: Record<CnnKey, string> = {
  'hist.title': '逐通道激活',
  'hist.sub': '—— {layer}，每个通道取 N × H × W = {count} 个值，归一化之前（填充）与之后（轮廓）',
  'hist.aria': '{run} 网络 {layer} 每个通道在归一化前后的直方图',
  'hist.note': 'BatchNorm2d 对每个通道在整批和所有位置上归一化：每个小图一个均值和一个方差，而不是每个像素一个。归一化之后（γ 和 β 之前），每个通道都约为 N(0, 1)；组归一化则按样本、按通道组来做。',
  'hist.outside': '{n} 个值超出范围',
  'stats.title': '通道统计量随时间的变化',
  'stats.sub': '—— {layer}，{run}：每个通道的批{what}（实线）对比评估时使用的滑动估计（点）',
  'stats.aria': '{layer} 每个通道的批{what}随训练步数的变化，对比其滑动估计',
  'stats.note': '滑动估计以动量 {momentum} 跟随各批；滑动方差按每通道 N × H × W 个值计算（无偏），因此即使批大小为 2，第一个卷积层每通道也有 1,568 个值。',
  'stats.none': '只有批归一化网络保留滑动估计：请加入“批归一化”网络。',
  'stats.batchLine': '每个采样步的批{what}',
  'stats.runningLine': '滑动估计',
  'stats.mean': '均值',
  'stats.var': '方差',
  'maps.title': '一个测试数字的特征图',
  'maps.sub': '—— 测试图像 {index}（数字 {label}）经过每个网络（评估模式）：每个卷积层激活之后的各通道',
  'maps.aria': '测试数字 {index} 在每个网络中的特征图：输入，然后是卷积层 1 的 {c1} 个图和卷积层 2 的 {c2} 个图',
  'maps.note': '越亮表示越大；每个图按自身范围缩放。各网络从相同的权重开始：差别来自归一化对训练的影响。',
  'maps.input': '输入',
  'step.title': '逐步计算：一个卷积通道',
  'step.sub': '—— {layer}，{run} 网络的通道 {channel}：哪些值构成它的均值和方差',
  'step.aria': '批中样本 × {layer} 通道的网格；高亮的格子是构成一个均值和一个方差的值',
  'step.batch': '批归一化（BatchNorm2d）：每个样本的通道 {channel}、所有位置：N × H × W = {N} × {H} × {W} = {count} 个值构成一个均值 μ = {mean} 和一个方差 σ² = {variance}；滑动方差使用无偏的 σ² × {count}/{countm1}。',
  'step.group': '组归一化（{groups} 组）：逐个样本，通道 {first}–{last}（通道 {channel} 所在的组）的所有位置：{per} × {H} × {W} = {count} 个值构成一个均值和一个方差；样本 1：μ = {mean}，σ² = {variance}。与批无关。',
  'step.none': '此视图显示批归一化或组归一化网络：请加入一个。',
  'step.maps': '高亮值的特征图（归一化之前，然后之后）：',
  'step.samples': '样本 n →',
  'step.channels': '通道 c ↓',
  'ctl.layer': '层',
  'ctl.run': '网络',
  'ctl.channel': '通道',
  'ctl.what': '统计量',
  'layer.0': '卷积层 1（8 个通道，28 × 28）',
  'layer.1': '卷积层 2（16 个通道，14 × 14）',
  'cnnOnly': '此视图用于卷积网络（架构：CNN）。',
  'landscape.cnn': '损失曲面只针对全连接网络测量；使用卷积网络时此视图为空。',
};

export const CNN_TEXTS = { en, zh } as const;
type Params = Record<string, string | number>;
export type CnnT = (key: CnnKey, params?: Params) => string;

export function cnnText(lang: string, key: CnnKey, params?: Params): string {
  const text = (lang === 'zh' ? zh : en)[key] ?? en[key];
  return params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text;
}

export function useCnnT(): CnnT {
  const lang = useLang();
  return (key, params) => cnnText(lang, key, params);
}
