// The settings of a training run, as one typed table: the only place that says, for each key, its
// flag (CLI and URL), its default, what it accepts (the CLI's range, and the narrower one the page
// offers), how the page's control shows it (slider scale, list of options), its label and one-line
// hint, and whether changing it needs new weights ('reset') or applies at the next step ('live').
// scripts/train.ts, the page's URL codec, its controls and its store all read it (through setting()).
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
export type SettingKey = Key;
export type Applies = 'live' | 'reset';
/** The keys whose value is a number, and the keys whose value is one of a list of names. */
export type NumberKey = { [K in Key]: TrainSettings[K] extends number ? K : never }[Key];
export type ChoiceKey = { [K in Key]: TrainSettings[K] extends string ? (string extends TrainSettings[K] ? never : K) : never }[Key];

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

/** What a number setting accepts. */
export interface NumberRange {
  min: number;
  max: number;
  /** min itself is refused (eps, lr). */
  minExclusive?: boolean;
  integer?: boolean;
}

/**
 * The page's slider of a number setting: its scale over the page's range (linear; log; log with a
 * zero at the left end, `lowest` the first value after it) and its positions; `max` when the slider
 * stops short of the range (the number field beside it takes the rest).
 */
export interface SliderSpec {
  scale: 'linear' | 'log' | 'log0';
  positions: number;
  max?: number;
  lowest?: number;
  /** Decimals of a linear slider's values. */
  decimals?: number;
}

interface SettingBase<K extends Key> {
  key: K;
  /** The CLI flag and the URL key (kebab case of the key). */
  flag: string;
  /** The message key of the control's label (src/i18n has it in every language). */
  label: `ctl.${K}`;
  default: TrainSettings[K];
  applies: Applies;
  /**
   * A run may carry its own value (`?runs=batch,batch:eps=1`, session/run-spec.ts): the setting keeps
   * the weights (same shapes, same initial values), so a run with its own value starts from the same
   * weights as the others.
   */
  perRun?: true;
  /** The CLI's help (English, terse). */
  help: string;
  /** The page's one-line explanation under the control. */
  hint: SettingHint;
  /** Parses a flag or URL value; returns the value or a message saying what is accepted. */
  parse(text: string): Result<TrainSettings[K]>;
  format(value: TrainSettings[K]): string;
}

export interface NumberSetting<K extends NumberKey = NumberKey> extends SettingBase<K> {
  kind: 'number';
  /** What the table (and so the CLI) accepts. */
  range: NumberRange;
  /** What the page accepts (URL values are clamped into it, the controls refuse values outside it). */
  page: { min: number; max: number };
  slider?: SliderSpec;
}

export interface ChoiceSetting<K extends ChoiceKey = ChoiceKey> extends SettingBase<K> {
  kind: 'choice';
  /** The names accepted, in the order the page's list shows them. */
  options: readonly TrainSettings[K][];
}

/** Layer sizes and init: parsed by their own rules. */
export interface TextSetting<K extends Exclude<Key, NumberKey | ChoiceKey> = Exclude<Key, NumberKey | ChoiceKey>> extends SettingBase<K> {
  kind: 'text';
}

export type SettingOf<K extends Key> = K extends NumberKey ? NumberSetting<K> : K extends ChoiceKey ? ChoiceSetting<K> : TextSetting<Exclude<K, NumberKey | ChoiceKey>>;
export type SettingDef = { [K in Key]: SettingOf<K> }[Key];

type Result<T> = { ok: true; value: T } | { ok: false; accepted: string };

type Common<K extends Key> = Pick<SettingBase<K>, 'default' | 'applies' | 'help' | 'hint' | 'perRun'>;

const flagOf = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function choice<K extends ChoiceKey>(key: K, options: readonly TrainSettings[K][], c: Common<K>): ChoiceSetting<K> {
  const accepted = options.join('|');
  return {
    kind: 'choice', key, flag: flagOf(key), label: `ctl.${key}`, options, ...c, help: `${c.help} (${accepted})`,
    parse: (t) => ((options as readonly string[]).includes(t) ? { ok: true, value: t as TrainSettings[K] } : { ok: false, accepted }),
    format: (v) => String(v),
  };
}

function num<K extends NumberKey>(key: K, range: NumberRange, c: Common<K> & { page?: { min: number; max: number }; slider?: SliderSpec }): NumberSetting<K> {
  const { min, max, minExclusive = false, integer = false } = range;
  const lo = minExclusive ? `> ${min}` : `>= ${min}`;
  const accepted = `${integer ? 'an integer' : 'a number'} ${lo}${Number.isFinite(max) ? ` and <= ${max}` : ''}`;
  return {
    kind: 'number', key, flag: flagOf(key), label: `ctl.${key}`, range, page: c.page ?? { min, max }, ...c,
    parse: (t) => {
      const v = t.trim() === '' ? NaN : Number(t);
      const inRange = Number.isFinite(v) && (minExclusive ? v > min : v >= min) && v <= max && (!integer || Number.isInteger(v));
      return inRange ? { ok: true, value: v as TrainSettings[K] } : { ok: false, accepted };
    },
    format: (v) => String(v),
  };
}

/** Largest layer we accept: beyond this the page would run out of memory long before it learned anything. */
export const MAX_UNITS = 4096;
/** Deep enough for the ten-layer sigmoid experiment with room to spare; deeper nets learn nothing here. */
export const MAX_LAYERS = 16;

/** The table, keyed by setting, in the order the CLI's help and the URL list them. */
const TABLE: { readonly [K in Key]: SettingOf<K> } = {
  dataset: choice('dataset', ['mnist', 'spiral', 'circles', 'xor', 'gauss'], {
    default: 'mnist', applies: 'reset', help: 'data set',
    hint: { en: 'What the networks learn: MNIST digits, or a 2-D set small enough to see whole.', zh: '网络要学习的数据：MNIST 手写数字，或小到能整体看见的二维数据集。' },
  }),
  arch: choice('arch', ['mlp', 'cnn'], {
    default: 'mlp', applies: 'reset',
    help: 'network: mlp (fully connected, --hidden) or cnn (conv 3x3 1->8 pad 1, norm, act, max pool 2, conv 3x3 8->16 pad 1, norm, act, max pool 2, linear 784->10; MNIST; runs plain, batch, group, batch-pre, batch-post)',
    hint: { en: 'Fully connected layers, or a small convolutional network (two 3×3 conv layers with max pooling) where batch norm normalises each channel over the batch and every position.', zh: '全连接层，或一个小型卷积网络（两个 3×3 卷积层加最大池化）：批归一化对每个通道在整批和所有位置上归一化。' },
  }),
  hidden: {
    kind: 'text', key: 'hidden', flag: 'hidden', label: 'ctl.hidden', default: [100, 100], applies: 'reset',
    help: 'hidden layer sizes, comma-separated (e.g. 100,100,100; arch mlp only)',
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
  act: choice('act', ['sigmoid', 'tanh', 'relu'], {
    default: 'relu', applies: 'reset', help: 'activation of the hidden layers',
    hint: { en: 'Sigmoid saturates when its input drifts off centre; batch norm keeps that input centred.', zh: '输入偏离中心时 Sigmoid 会饱和；批归一化让这个输入保持居中。' },
  }),
  norm: choice('norm', ['none', 'batch', 'layer', 'renorm', 'group'], {
    default: 'batch', applies: 'reset', help: 'normalization of the hidden layers',
    hint: { en: 'The normalization of a run\'s hidden layers.', zh: '网络隐藏层使用的归一化方法。' },
  }),
  placement: choice('placement', ['pre', 'post'], {
    default: 'pre', perRun: true, applies: 'reset', help: 'norm before (pre) or after (post) the activation',
    hint: { en: 'Normalize z = Wx + b before the activation (as in the paper), or the activation\'s output.', zh: '在激活之前归一化 z = Wx + b（论文的做法），或归一化激活函数的输出。' },
  }),
  groups: num('groups', { min: 0, max: MAX_UNITS, integer: true }, {
    default: 0, applies: 'reset', help: 'group norm: groups per layer, dividing every layer size (0 = the largest divisor up to 32 leaving 8+ units a group)',
    hint: { en: 'Group norm: the units of a group share one mean and variance.', zh: '组归一化：同一组的单元共用一个均值和方差。' },
  }),
  eps: num('eps', { min: 0, max: 10, minExclusive: true }, {
    default: 1e-5, perRun: true, applies: 'live', help: 'epsilon added to the variance',
    page: { min: 1e-8, max: 1 }, slider: { scale: 'log', positions: 80 },
    hint: { en: 'Added to the variance: x̂ = (x − μ) / √(σ² + ε). It matters only when σ² is near ε; then x̂ spreads less than 1.', zh: '加在方差上：x̂ = (x − μ) / √(σ² + ε)。只有 σ² 接近 ε 时才起作用，此时 x̂ 的标准差小于 1。', mark: { en: 'ε', zh: 'ε' } },
  }),
  momentum: num('momentum', { min: 0, max: 1 }, {
    default: 0.1, perRun: true, applies: 'live', help: 'running-statistics momentum (PyTorch convention: weight of the new batch)',
    slider: { scale: 'linear', positions: 100, decimals: 2 },
    hint: { en: 'How fast the running mean and variance (used at test time) follow the batches: 0.1 = 10% per step.', zh: '测试时使用的滑动均值与方差跟随批次的速度：0.1 即每步 10%。', mark: { en: 'BN momentum', zh: 'BN 动量' } },
  }),
  batch: num('batch', { min: 1, max: 60000, integer: true }, {
    default: 60, perRun: true, applies: 'live', help: 'mini-batch size',
    page: { min: 2, max: 1024 }, slider: { scale: 'log', positions: 90 },
    hint: { en: 'Examples per step. Batch norm\'s mean and variance come from them: small batches make both noisy.', zh: '每步的样本数。批归一化的均值与方差由它们算出：批越小，两者越嘈杂。', mark: { en: 'batch', zh: '批大小' } },
  }),
  optimizer: choice('optimizer', ['sgd', 'adam'], {
    default: 'sgd', applies: 'reset', help: 'optimizer',
    hint: { en: 'SGD steps along the gradient; Adam scales each weight\'s step by its gradient history.', zh: 'SGD 沿梯度前进；Adam 按每个权重的梯度历史调整步长。' },
  }),
  lr: num('lr', { min: 0, max: 100, minExclusive: true }, {
    default: 0.1, perRun: true, applies: 'live', help: 'learning rate',
    page: { min: 1e-4, max: 100 }, slider: { scale: 'log', positions: 121 },
    hint: { en: 'Size of each update. Batch norm tolerates larger rates than a plain network.', zh: '每次更新的步长。批归一化网络能承受比普通网络更大的学习率。', mark: { en: 'lr', zh: '学习率' } },
  }),
  sgdMomentum: num('sgdMomentum', { min: 0, max: 0.9999 }, {
    default: 0, perRun: true, applies: 'live', help: 'SGD momentum (0 = plain SGD)',
    slider: { scale: 'linear', positions: 99, max: 0.99, decimals: 2 },
    hint: { en: 'Carries this share of the previous update into the next one (0 = plain SGD).', zh: '把上一次更新的这一比例带入下一次（0 = 普通 SGD）。', mark: { en: 'SGD momentum', zh: 'SGD 动量' } },
  }),
  weightDecay: num('weightDecay', { min: 0, max: 1 }, {
    default: 0, perRun: true, applies: 'live', help: 'L2 weight decay, on every parameter',
    page: { min: 0, max: 0.1 }, slider: { scale: 'log0', positions: 41, lowest: 1e-5 },
    hint: { en: 'Pulls every weight a little towards 0 at each step (L2).', zh: '每一步把所有权重向 0 拉回一点（L2）。', mark: { en: 'weight decay', zh: '权重衰减' } },
  }),
  init: {
    kind: 'text', key: 'init', flag: 'init', label: 'ctl.init', default: 'he', applies: 'reset',
    help: 'weight init (normal:STD|xavier|he|pytorch; pytorch: weights and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in)))',
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
  steps: num('steps', { min: 1, max: 1e8, integer: true }, {
    default: 2000, applies: 'live', help: 'training steps',
    hint: { en: 'Training steps before the runs stop.', zh: '训练停止前的步数。' },
  }),
  evalEvery: num('evalEvery', { min: 1, max: 1e8, integer: true }, {
    default: 500, applies: 'live', help: 'evaluate every N steps',
    hint: { en: 'Steps between two evaluations on the test set.', zh: '两次在测试集上评估之间的步数。' },
  }),
  seed: num('seed', { min: 0, max: 2 ** 32 - 1, integer: true }, {
    default: 1, applies: 'reset', help: 'seed of the weights and the batch order',
    hint: { en: 'The same seed gives the same first weights and batch order: every run starts alike.', zh: '相同的种子给出相同的初始权重和批次顺序：所有网络起点相同。' },
  }),
  noise: num('noise', { min: 0, max: 2 }, {
    default: 0.1, applies: 'reset', help: 'noise of the 2-D data sets (standard deviation)',
    hint: { en: 'Spread of the 2-D points around their class\'s shape.', zh: '二维数据点围绕其类别形状的离散程度。' },
  }),
  landscapeEvery: num('landscapeEvery', { min: 0, max: 100_000, integer: true }, {
    default: 0, applies: 'live',
    help: 'measure the loss landscape along the gradient and ICS (Santurkar et al. 2018) every N steps, 0 = off; '
      + 'each measurement costs 9 + L forward-backward passes per run (L hidden layers)',
    hint: { en: 'Measures how smooth the loss is along the gradient (Santurkar et al. 2018) every N steps; 0 = off. Costs 9 + L passes per run (L hidden layers).', zh: '每 N 步测量损失沿梯度方向的平滑程度（Santurkar 等，2018）；0 = 关闭。每次每个网络需 9 + L 次前向-反向传播（L 为隐藏层数）。' },
  }),
};

/** Every setting, in the table's order. */
export const SETTINGS: readonly SettingDef[] = Object.values(TABLE);

/** The entry of `key` in the table, typed by its kind (a number's range, a choice's options). */
export function setting<K extends Key>(key: K): SettingOf<K> {
  return TABLE[key];
}

export function isSettingKey(key: string): key is Key {
  return Object.hasOwn(TABLE, key);
}

/** The settings that apply at the next step; every other one needs new weights. */
export const LIVE_SETTING_KEYS: readonly Key[] = SETTINGS.filter((s) => s.applies === 'live').map((s) => s.key);

export function isLive(key: Key): boolean {
  return TABLE[key].applies === 'live';
}

/**
 * The page's Init scale control sets the STD of normal:STD (part of the init key): the range it
 * offers (URL values of normal:STD are clamped into it), its slider and its one line.
 */
export const INIT_SCALE: { page: { min: number; max: number }; slider: SliderSpec; hint: SettingHint } = {
  page: { min: 1e-3, max: 100 },
  slider: { scale: 'log', positions: 101 },
  hint: {
    en: 'Spread of Normal init. Large values saturate sigmoid units from the first step.',
    zh: '正态分布初始化的尺度。取值过大时，Sigmoid 单元从第一步起就会饱和。',
  },
};

export const SETTING_BY_FLAG: ReadonlyMap<string, SettingDef> = new Map(SETTINGS.map((s) => [s.flag, s]));

/** The session every run starts from unless told otherwise: each entry's default. */
export const DEFAULT_SETTINGS: Readonly<TrainSettings> = Object.fromEntries(SETTINGS.map((s) => [s.key, s.default])) as unknown as TrainSettings;
