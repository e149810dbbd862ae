// The settings of a training run, as one typed table. The same table parses and writes command-line
// flags (scripts/train.ts) and, later, the page's URL: each entry knows its flag, its default, what it
// accepts, and whether changing it needs new weights ('reset') or applies at the next step ('live').
import type { NormKind } from '../engine/types';

export type DatasetName = 'mnist' | 'spiral' | 'circles' | 'xor' | 'gauss';

export type Arch = 'mlp' | 'cnn';

export interface TrainSettings {
  dataset: DatasetName;
  /**
   * mlp: fully connected hidden layers (`hidden`); cnn: the small convolutional network of
   * cnn-spec.ts (conv 3x3 1->8 pad 1, norm, act, max pool 2, conv 3x3 8->16 pad 1, norm, act, max pool 2,
   * linear 784->10), MNIST only, norms on its conv layers.
   */
  arch: Arch;
  hidden: number[];
  act: 'sigmoid' | 'tanh' | 'relu';
  norm: NormKind;
  placement: 'pre' | 'post';
  eps: number;
  momentum: number;
  batch: number;
  optimizer: 'sgd' | 'adam';
  lr: number;
  sgdMomentum: number;
  weightDecay: number;
  init: string;
  steps: number;
  evalEvery: number;
  seed: number;
  noise: number;
  /** Group norm's groups per layer; 0 = each layer's default (engine/groupnorm.ts defaultGroups). */
  groups: number;
  /** Measure the loss landscape along the gradient and ICS every N steps (0 = off). */
  landscapeEvery: number;
}

type Key = keyof TrainSettings;
export type Applies = 'live' | 'reset';

/** One line saying what a setting does, for the page (under its control), in every page language. */
export interface SettingHint {
  en: string;
  zh: string;
  /**
   * Live settings that change training: the short name a chart's change marker uses ("batch 60→2").
   * Live settings without it (steps, evaluation and measurement intervals) leave no mark.
   */
  mark?: { en: string; zh: string };
}

interface SettingBase<K extends Key> {
  key: K;
  flag: string;
  /** The CLI's help (English, terse). */
  help: string;
  /** The page's one-line explanation under the control. */
  hint: SettingHint;
  applies: Applies;
}

export type SettingDef = {
  [K in Key]: SettingBase<K> & {
    /** Parses a flag or URL value; returns the value or a message saying what is accepted. */
    parse(text: string): { ok: true; value: TrainSettings[K] } | { ok: false; accepted: string };
    format(value: TrainSettings[K]): string;
  };
}[Key];

type Result<T> = { ok: true; value: T } | { ok: false; accepted: string };

function choice<K extends Key>(key: K, flag: string, options: readonly string[], applies: Applies, help: string, hint: SettingHint): SettingDef {
  const accepted = options.join('|');
  return {
    key, flag, help: `${help} (${accepted})`, hint, applies,
    parse: (t: string) => (options.includes(t) ? { ok: true, value: t } : { ok: false, accepted }) as Result<TrainSettings[K]>,
    format: (v: TrainSettings[K]) => String(v),
  } as unknown as SettingDef;
}

function num<K extends Key>(
  key: K, flag: string, applies: Applies, help: string,
  { min, max, minExclusive = false, integer = false }: { min: number; max: number; minExclusive?: boolean; integer?: boolean },
  hint: SettingHint,
): SettingDef {
  const lo = minExclusive ? `> ${min}` : `>= ${min}`;
  const accepted = `${integer ? 'an integer' : 'a number'} ${lo}${Number.isFinite(max) ? ` and <= ${max}` : ''}`;
  return {
    key, flag, help, hint, applies,
    parse: (t: string): Result<number> => {
      const v = t.trim() === '' ? NaN : Number(t);
      const inRange = Number.isFinite(v) && (minExclusive ? v > min : v >= min) && v <= max && (!integer || Number.isInteger(v));
      return inRange ? { ok: true, value: v } : { ok: false, accepted };
    },
    format: (v: number) => String(v),
  } as unknown as SettingDef;
}

/** Largest layer we accept: beyond this the page would run out of memory long before it learned anything. */
export const MAX_UNITS = 4096;
/** Deep enough for the ten-layer sigmoid experiment with room to spare; deeper nets learn nothing here. */
export const MAX_LAYERS = 16;

export const SETTINGS: readonly SettingDef[] = [
  choice('dataset', 'dataset', ['mnist', 'spiral', 'circles', 'xor', 'gauss'], 'reset', 'data set',
    { en: 'What the networks learn: MNIST digits, or a 2-D set small enough to see whole.', zh: '网络要学习的数据：MNIST 手写数字，或小到能整体看见的二维数据集。' }),
  choice('arch', 'arch', ['mlp', 'cnn'], 'reset',
    'network: mlp (fully connected, --hidden) or cnn (conv 3x3 1->8 pad 1, norm, act, max pool 2, conv 3x3 8->16 pad 1, norm, act, max pool 2, linear 784->10; MNIST; runs plain, batch, group, batch-pre, batch-post)',
    { en: 'Fully connected layers, or a small convolutional network (two 3×3 conv layers with max pooling) where batch norm normalises each channel over the batch and every position.', zh: '全连接层，或一个小型卷积网络（两个 3×3 卷积层加最大池化）：批归一化对每个通道在整批和所有位置上归一化。' }),
  {
    key: 'hidden', flag: 'hidden', applies: 'reset', help: 'hidden layer sizes, comma-separated (e.g. 100,100,100; arch mlp only)',
    hint: { en: 'Units per hidden layer of the fully connected network; the deeper the network, the more batch norm matters.', zh: '全连接网络每个隐藏层的单元数；网络越深，批归一化的作用越大。' },
    parse: (t: string): Result<number[]> => {
      const accepted = `comma-separated layer sizes, 1 to ${MAX_LAYERS} integers from 1 to ${MAX_UNITS} (e.g. 100,100,100)`;
      const parts = t.split(',').map((s) => s.trim());
      const values = parts.map(Number);
      const ok = parts.length >= 1 && parts.length <= MAX_LAYERS && parts.every((s) => /^\d+$/.test(s))
        && values.every((v) => v >= 1 && v <= MAX_UNITS);
      return ok ? { ok: true, value: values } : { ok: false, accepted };
    },
    format: (v: number[]) => v.join(','),
  },
  choice('act', 'act', ['sigmoid', 'tanh', 'relu'], 'reset', 'activation of the hidden layers',
    { en: 'Sigmoid saturates when its input drifts off centre; batch norm keeps that input centred.', zh: '输入偏离中心时 Sigmoid 会饱和；批归一化让这个输入保持居中。' }),
  choice('norm', 'norm', ['none', 'batch', 'layer', 'renorm', 'group'], 'reset', 'normalization of the hidden layers',
    { en: 'The normalization of a run\'s hidden layers.', zh: '网络隐藏层使用的归一化方法。' }),
  choice('placement', 'placement', ['pre', 'post'], 'reset', 'norm before (pre) or after (post) the activation',
    { en: 'Normalize z = Wx + b before the activation (as in the paper), or the activation\'s output.', zh: '在激活之前归一化 z = Wx + b（论文的做法），或归一化激活函数的输出。' }),
  num('groups', 'groups', 'reset', 'group norm: groups per layer, dividing every layer size (0 = the largest divisor up to 32 leaving 8+ units a group)', { min: 0, max: MAX_UNITS, integer: true }, { en: 'Group norm: the units of a group share one mean and variance.', zh: '组归一化：同一组的单元共用一个均值和方差。' }),
  num('eps', 'eps', 'live', 'epsilon added to the variance', { min: 0, max: 10, minExclusive: true }, { en: 'Added to the variance: x̂ = (x − μ) / √(σ² + ε). It matters only when σ² is near ε; then x̂ spreads less than 1.', zh: '加在方差上：x̂ = (x − μ) / √(σ² + ε)。只有 σ² 接近 ε 时才起作用，此时 x̂ 的标准差小于 1。', mark: { en: 'ε', zh: 'ε' } }),
  num('momentum', 'momentum', 'live', 'running-statistics momentum (PyTorch convention: weight of the new batch)', { min: 0, max: 1 }, { en: 'How fast the running mean and variance (used at test time) follow the batches: 0.1 = 10% per step.', zh: '测试时使用的滑动均值与方差跟随批次的速度：0.1 即每步 10%。', mark: { en: 'BN momentum', zh: 'BN 动量' } }),
  num('batch', 'batch', 'live', 'mini-batch size', { min: 1, max: 60000, integer: true }, { en: 'Examples per step. Batch norm\'s mean and variance come from them: small batches make both noisy.', zh: '每步的样本数。批归一化的均值与方差由它们算出：批越小，两者越嘈杂。', mark: { en: 'batch', zh: '批大小' } }),
  choice('optimizer', 'optimizer', ['sgd', 'adam'], 'reset', 'optimizer',
    { en: 'SGD steps along the gradient; Adam scales each weight\'s step by its gradient history.', zh: 'SGD 沿梯度前进；Adam 按每个权重的梯度历史调整步长。' }),
  num('lr', 'lr', 'live', 'learning rate', { min: 0, max: 100, minExclusive: true }, { en: 'Size of each update. Batch norm tolerates larger rates than a plain network.', zh: '每次更新的步长。批归一化网络能承受比普通网络更大的学习率。', mark: { en: 'lr', zh: '学习率' } }),
  num('sgdMomentum', 'sgd-momentum', 'live', 'SGD momentum (0 = plain SGD)', { min: 0, max: 0.9999 }, { en: 'Carries this share of the previous update into the next one (0 = plain SGD).', zh: '把上一次更新的这一比例带入下一次（0 = 普通 SGD）。', mark: { en: 'SGD momentum', zh: 'SGD 动量' } }),
  num('weightDecay', 'weight-decay', 'live', 'L2 weight decay, on every parameter', { min: 0, max: 1 }, { en: 'Pulls every weight a little towards 0 at each step (L2).', zh: '每一步把所有权重向 0 拉回一点（L2）。', mark: { en: 'weight decay', zh: '权重衰减' } }),
  {
    key: 'init', flag: 'init', applies: 'reset', help: 'weight init (normal:STD|xavier|he|pytorch; pytorch: weights and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in)))',
    hint: { en: 'How the first weights are drawn: He and Xavier scale them to the layer sizes; PyTorch\'s default draws weights and biases uniformly in ±1/√fan-in.', zh: '初始权重的抽取方式：He 与 Xavier 按层的大小设定尺度；PyTorch 默认方式在 ±1/√fan-in 内均匀抽取权重和偏置。' },
    parse: (t: string): Result<string> => {
      const accepted = 'normal:STD with 0 < STD <= 100, xavier, he or pytorch';
      if (t === 'xavier' || t === 'he' || t === 'pytorch') return { ok: true, value: t };
      const m = /^normal:(.+)$/.exec(t);
      const std = m ? Number(m[1]) : NaN;
      return Number.isFinite(std) && std > 0 && std <= 100 ? { ok: true, value: t } : { ok: false, accepted };
    },
    format: (v: string) => v,
  },
  num('steps', 'steps', 'live', 'training steps', { min: 1, max: 1e8, integer: true }, { en: 'Training steps before the runs stop.', zh: '训练停止前的步数。' }),
  num('evalEvery', 'eval-every', 'live', 'evaluate every N steps', { min: 1, max: 1e8, integer: true }, { en: 'Steps between two evaluations on the test set.', zh: '两次在测试集上评估之间的步数。' }),
  num('seed', 'seed', 'reset', 'seed of the weights and the batch order', { min: 0, max: 2 ** 32 - 1, integer: true }, { en: 'The same seed gives the same first weights and batch order: every run starts alike.', zh: '相同的种子给出相同的初始权重和批次顺序：所有网络起点相同。' }),
  num('noise', 'noise', 'reset', 'noise of the 2-D data sets (standard deviation)', { min: 0, max: 2 }, { en: 'Spread of the 2-D points around their class\'s shape.', zh: '二维数据点围绕其类别形状的离散程度。' }),
  num('landscapeEvery', 'landscape-every', 'live',
    'measure the loss landscape along the gradient and ICS (Santurkar et al. 2018) every N steps, 0 = off; '
    + 'each measurement costs 9 + L forward-backward passes per run (L hidden layers)',
    { min: 0, max: 100_000, integer: true }, { en: 'Measures how smooth the loss is along the gradient (Santurkar et al. 2018) every N steps; 0 = off. Costs 9 + L passes per run (L hidden layers).', zh: '每 N 步测量损失沿梯度方向的平滑程度（Santurkar 等，2018）；0 = 关闭。每次每个网络需 9 + L 次前向-反向传播（L 为隐藏层数）。' }),
];

/** The page's Init scale slider sets the STD of normal:STD (part of the init key): its one line. */
export const INIT_SCALE_HINT: SettingHint = {
  en: 'Spread of Normal init. Large values saturate sigmoid units from the first step.',
  zh: '正态分布初始化的尺度。取值过大时，Sigmoid 单元从第一步起就会饱和。',
};

/** The entry of `key` in the table. */
export function settingDef(key: keyof TrainSettings): SettingDef {
  const def = SETTINGS.find((s) => s.key === key);
  if (!def) throw new Error(`no setting ${String(key)} in the settings table`);
  return def;
}

export const SETTING_BY_FLAG: ReadonlyMap<string, SettingDef> = new Map(SETTINGS.map((s) => [s.flag, s]));

export const DEFAULT_SETTINGS: Readonly<TrainSettings> = {
  dataset: 'mnist', arch: 'mlp', hidden: [100, 100], act: 'relu', norm: 'batch', placement: 'pre', eps: 1e-5, momentum: 0.1,
  batch: 60, optimizer: 'sgd', lr: 0.1, sgdMomentum: 0, weightDecay: 0, init: 'he', steps: 2000, evalEvery: 500,
  seed: 1, noise: 0.1, groups: 0, landscapeEvery: 0,
};
