// Named experiments, each testing one claim about batch norm. A preset is a partial set of settings
// laid over the defaults (explicit flags or URL parameters override it), the runs the dashboard
// starts, the view to look at, and the measurements behind its explanation (`checks`, which
// `npm run -s experiments -- NAME` repeats). The explanations live in ./explanations.ts.
import type { RunKind } from '../run-kinds';
import type { TrainSettings } from '../settings';
import { CNN_PRESETS } from './cnn';

export const PRESET_NAMES = ['bn-paper-fig1', 'small-batches', 'high-lr', 'bad-init', 'placement', 'article', 'deep-sigmoid', 'cnn', 'cnn-small-batch'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** The dashboard view a preset points at. */
export type PresetFocus = 'fig1' | 'sweep' | 'loss' | 'saturation' | 'report' | 'gradients' | 'cnn';

export interface PresetVariant {
  id: string;
  label: { en: string; zh: string };
  settings: Partial<TrainSettings>;
}

/** One measurement behind an explanation: these settings, these runs, these seeds. */
export interface PresetCheck {
  label: string;
  settings: Partial<TrainSettings>;
  runs: RunKind[];
}

export interface Preset {
  name: PresetName;
  title: { en: string; zh: string };
  /** One line for --help and the menu. */
  summary: string;
  settings: Partial<TrainSettings>;
  runs: RunKind[];
  focus: PresetFocus;
  /** Alternatives one click away (the first is the preset itself). */
  variants?: PresetVariant[];
  checks: PresetCheck[];
  /** What to evaluate and measure beyond the defaults (used by the headless trainer). */
  evaluation?: { fullTestSet: boolean; percentileLayer: 'last'; percentileRows: number };
}

/** Ioffe & Szegedy's Figure 1 network: MNIST, 3 x 100 sigmoid, batch 60, plain SGD at 0.1, N(0, 0.1^2). */
const FIG1: Partial<TrainSettings> = {
  dataset: 'mnist', hidden: [100, 100, 100], act: 'sigmoid', norm: 'batch', placement: 'pre', eps: 1e-5,
  momentum: 0.1, batch: 60, optimizer: 'sgd', lr: 0.1, sgdMomentum: 0, weightDecay: 0, init: 'normal:0.1',
};

/** The claims' protocol: the Figure 1 network for 5,000 steps. */
const CLAIM = { ...FIG1, steps: 5000, evalEvery: 1000 };
const BOTH: RunKind[] = ['plain', 'batch'];

/** The seed article's model: 784-256-10 ReLU, batch norm after the activation, Adam with L2, batch 32, 10 epochs. */
const ARTICLE: Partial<TrainSettings> = {
  dataset: 'mnist', hidden: [256], act: 'relu', norm: 'batch', placement: 'post', eps: 1e-5, momentum: 0.1,
  batch: 32, optimizer: 'adam', lr: 0.001, sgdMomentum: 0, weightDecay: 0.001, init: 'xavier',
  steps: 18_750, evalEvery: 1875,
};

export const PRESETS: readonly Preset[] = [
  {
    name: 'bn-paper-fig1',
    title: { en: 'Ioffe & Szegedy (2015), Figure 1', zh: 'Ioffe 与 Szegedy（2015）图 1' },
    summary: 'MNIST, three sigmoid layers of 100, batch norm before each sigmoid, plain SGD at lr 0.1, '
      + 'batch 60, weights N(0, 0.1^2), 50,000 steps; use --norm none for the baseline.',
    settings: { ...FIG1, steps: 50_000, evalEvery: 1000 },
    runs: BOTH,
    focus: 'fig1',
    checks: [{ label: 'Figure 1, 5,000 steps', settings: CLAIM, runs: BOTH }],
    evaluation: { fullTestSet: true, percentileLayer: 'last', percentileRows: 1000 },
  },
  {
    name: 'small-batches',
    title: { en: 'Small batches: the batch-size sweep', zh: '小批量：批大小扫描' },
    summary: 'Batch sizes 2 to 128 for the same number of examples, plain vs batch norm vs layer norm '
      + '(npm run -s sweep); alone, trains the Figure 1 network at batch 2.',
    settings: { ...FIG1, init: 'xavier', batch: 2, lr: 0.5 * 2 / 60, steps: 120_000, evalEvery: 2000 },
    runs: ['plain', 'batch', 'layer'],
    focus: 'sweep',
    checks: [],
  },
  {
    name: 'high-lr',
    title: { en: 'A high learning rate', zh: '较大的学习率' },
    summary: 'The Figure 1 network at lr 30: the plain network stalls at chance, batch norm trains.',
    settings: { ...CLAIM, lr: 30 },
    runs: BOTH,
    focus: 'loss',
    variants: [30, 10, 3, 1].map((lr) => ({ id: `lr-${lr}`, label: { en: `lr ${lr}`, zh: `学习率 ${lr}` }, settings: { lr } })),
    checks: [1, 3, 10, 30].map((lr) => ({ label: `lr ${lr}`, settings: { ...CLAIM, lr }, runs: BOTH })),
  },
  {
    name: 'bad-init',
    title: { en: 'A bad initialisation', zh: '糟糕的初始化' },
    summary: 'The Figure 1 network with weights 10x too small, N(0, 0.01^2), or 10x too large, N(0, 1).',
    settings: { ...CLAIM, init: 'normal:0.01' },
    runs: BOTH,
    focus: 'saturation',
    variants: [
      { id: 'small', label: { en: '10x too small: N(0, 0.01²)', zh: '小 10 倍：N(0, 0.01²)' }, settings: { init: 'normal:0.01' } },
      { id: 'large', label: { en: '10x too large: N(0, 1)', zh: '大 10 倍：N(0, 1)' }, settings: { init: 'normal:1' } },
    ],
    checks: [
      { label: 'N(0, 0.01^2)', settings: { ...CLAIM, init: 'normal:0.01' }, runs: BOTH },
      { label: 'N(0, 1)', settings: { ...CLAIM, init: 'normal:1' }, runs: BOTH },
    ],
  },
  {
    name: 'placement',
    title: { en: 'Batch norm before or after the activation', zh: '批归一化放在激活之前还是之后' },
    summary: 'ReLU network, He init: batch norm before the ReLU (the paper) against after it (the seed article).',
    settings: { ...CLAIM, act: 'relu', init: 'he' },
    runs: ['batch-pre', 'batch-post'],
    focus: 'loss',
    checks: [{ label: 'relu, he', settings: { ...CLAIM, act: 'relu', init: 'he' }, runs: ['batch-pre', 'batch-post'] }],
  },
  {
    name: 'article',
    title: { en: 'The model of “Batch Normalization原理与代码实例讲解”', zh: '《Batch Normalization原理与代码实例讲解》的模型' },
    summary: 'MNIST, 784-256-10, ReLU, batch norm after the activation, Adam lr 0.001 with L2 weight decay 0.001 '
      + '(on every parameter, gamma and beta included), batch 32, 10 epochs (18,750 steps).',
    settings: ARTICLE,
    runs: BOTH,
    focus: 'report',
    checks: [{ label: "the article's model", settings: ARTICLE, runs: BOTH }],
  },
  {
    name: 'deep-sigmoid',
    title: { en: 'Ten sigmoid layers', zh: '十层 sigmoid' },
    summary: 'Ten sigmoid layers of 100, Xavier init: without batch norm the gradients vanish towards the input.',
    settings: { ...CLAIM, hidden: Array<number>(10).fill(100), init: 'xavier', evalEvery: 100 },
    runs: BOTH,
    focus: 'gradients',
    checks: [{ label: '10 x 100 sigmoid, xavier', settings: { ...CLAIM, hidden: Array<number>(10).fill(100), init: 'xavier', evalEvery: 100 }, runs: BOTH }],
  },
  ...CNN_PRESETS,
];

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** An experiment as the page runs it: a preset and one of its variants (null: the preset itself). */
export interface ExperimentChoice { name: PresetName; variant: string | null }

/** The variant `id` of `p`, or undefined when it has none of that name. */
export function findVariant(p: Preset, id: string | null): PresetVariant | undefined {
  return id === null ? undefined : p.variants?.find((v) => v.id === id);
}

/** `base` with the preset's settings and then the variant's laid over it. */
export function presetSettings(p: Preset, variant: string | null, base: Readonly<TrainSettings>): TrainSettings {
  return { ...structuredClone(base), ...structuredClone(p.settings), ...structuredClone(findVariant(p, variant)?.settings ?? {}) } as TrainSettings;
}
