// The CNN experiments' explanations (./cnn.ts), in English and 简体中文, in the form of ./explanations.ts:
// the measured part is written from the summaries over seeds (./measured.ts, from
// docs/results/experiments/cnn*.jsonl), every run's median [min-max] and the paired counts quoted.
import type { RunKind } from '../run-kinds';
import { CNN_CHECK_STEPS, cnnCheckLabel } from './cnn';
import type { Explanation } from './explanations';
import { quotes, type QuoteLang, type Quotes } from './quote';

type Text = Record<QuoteLang, string>;

/** The independent PyTorch run's numbers (issue 17; seeds 1 / 2): the spread NormScope's runs should land in. */
export const CNN_REFERENCE = {
  plain: { 1000: [0.973, 0.968], 3000: [0.980, 0.979] },
  batch: { 1000: [0.978, 0.978], 3000: [0.983, 0.984] },
  batch4: { plain: 0.961, batch: 0.964, group: 0.949 },
} as const;

const NAMES: Record<QuoteLang, Record<string, string>> = {
  en: { plain: 'plain', batch: 'batch norm', group: 'group norm' },
  zh: { plain: '无归一化', batch: '批归一化', group: '组归一化' },
};

function runsLine(q: Quotes, lang: QuoteLang, P: string, C: string, runs: RunKind[]): string {
  return runs.map((r) => `${NAMES[lang][r]} ${q.acc(P, C, r)}`).join(lang === 'en' ? ', ' : '，');
}

/** The seeds above 0.3 for each run, when not every seed of every run left chance. */
function aboveLine(q: Quotes, lang: QuoteLang, P: string, C: string, runs: RunKind[]): string {
  const all = runs.every((r) => q.run(P, C, r).above === q.run(P, C, r).seeds.length);
  if (all) return '';
  const parts = runs.map((r) => `${NAMES[lang][r]} ${q.above(lang, P, C, r)}`).join(lang === 'en' ? ', ' : '，');
  return lang === 'en' ? ` Above 0.3: ${parts}.` : `高于 0.3：${parts}。`;
}

const f3 = (v: number) => v.toFixed(3);

/** Whether every reference value of `run` lies within NormScope's seed range [min, max] of the check. */
function within(q: Quotes, P: string, C: string, run: RunKind, values: readonly number[]): boolean {
  const a = q.run(P, C, run).acc;
  return a !== null && values.every((v) => v >= a.min && v <= a.max);
}

/** "lies within" / "lies outside", in words that follow the data. */
function inSpread(lang: QuoteLang, inside: boolean): string {
  if (lang === 'en') return inside ? 'Every number of the independent run lies within NormScope\'s range over seeds.' : 'Not every number of the independent run lies within NormScope\'s range over seeds.';
  return inside ? '独立实现的每个数字都落在 NormScope 各种子的范围之内。' : '独立实现的数字并非都落在 NormScope 各种子的范围之内。';
}

function cnnMeasured(q: Quotes): Text {
  const P = 'cnn';
  const runs: RunKind[] = ['plain', 'batch', 'group'];
  const n = q.seeds(P, cnnCheckLabel(60, 3000));
  const en = CNN_CHECK_STEPS.map((steps) => {
    const C = cnnCheckLabel(60, steps);
    return `${steps.toLocaleString('en-US')} steps: ${runsLine(q, 'en', P, C, runs)}; batch norm ahead of plain in ${q.wins('en', P, C)} seeds.${aboveLine(q, 'en', P, C, runs)}`;
  }).join(' ');
  const zh = CNN_CHECK_STEPS.map((steps) => {
    const C = cnnCheckLabel(60, steps);
    return `${steps.toLocaleString('en-US')} 步：${runsLine(q, 'zh', P, C, runs)}；批归一化领先无归一化的是${q.wins('zh', P, C)}。${aboveLine(q, 'zh', P, C, runs)}`;
  }).join('');
  const ref = CNN_REFERENCE;
  const j = (a: readonly number[]) => a.map(f3).join(' / ');
  const inside = ([1000, 3000] as const).every((steps) => within(q, P, cnnCheckLabel(60, steps), 'plain', ref.plain[steps])
    && within(q, P, cnnCheckLabel(60, steps), 'batch', ref.batch[steps]));
  return {
    en: `Over ${n} seeds, batch 60, whole test set (median [min-max]): ${en} `
      + `The independent PyTorch run (seeds 1 / 2): plain ${j(ref.plain[1000])} at 1,000 steps and ${j(ref.plain[3000])} at 3,000; batch norm ${j(ref.batch[1000])} and ${j(ref.batch[3000])}. ${inSpread('en', inside)}`,
    zh: `${n} 个种子，批大小 60，完整测试集（中位数 [最小-最大]）：${zh}`
      + `独立的 PyTorch 实现（种子 1 / 2）：无归一化 1,000 步 ${j(ref.plain[1000])}、3,000 步 ${j(ref.plain[3000])}；批归一化 ${j(ref.batch[1000])} 和 ${j(ref.batch[3000])}。${inSpread('zh', inside)}`,
  };
}

function smallBatchMeasured(q: Quotes): Text {
  const P = 'cnn-small-batch';
  const C4 = cnnCheckLabel(4, 3000);
  const C2 = cnnCheckLabel(2, 3000);
  const n = q.seeds(P, C4);
  const r = CNN_REFERENCE.batch4;
  const inside = (['plain', 'batch', 'group'] as const).every((run) => within(q, P, C4, run, [r[run]]));
  return {
    en: `Over ${n} seeds, 3,000 steps at lr 0.1, whole test set (median [min-max]). `
      + `Batch 4: ${runsLine(q, 'en', P, C4, ['plain', 'batch', 'group'])}; batch norm ahead of plain in ${q.wins('en', P, C4)} seeds.${aboveLine(q, 'en', P, C4, ['plain', 'batch', 'group'])} `
      + `Batch 2: ${runsLine(q, 'en', P, C2, ['batch', 'group'])}; group norm ahead of batch norm in ${q.wins('en', P, C2)} seeds.${aboveLine(q, 'en', P, C2, ['batch', 'group'])} `
      + `The independent PyTorch run at batch 4 (seed 1): plain ${f3(r.plain)}, batch norm ${f3(r.batch)}, group norm ${f3(r.group)}. ${inSpread('en', inside)}`,
    zh: `${n} 个种子，学习率 0.1 训练 3,000 步，完整测试集（中位数 [最小-最大]）。`
      + `批大小 4：${runsLine(q, 'zh', P, C4, ['plain', 'batch', 'group'])}；批归一化领先无归一化的是${q.wins('zh', P, C4)}。${aboveLine(q, 'zh', P, C4, ['plain', 'batch', 'group'])}`
      + `批大小 2：${runsLine(q, 'zh', P, C2, ['batch', 'group'])}；组归一化领先批归一化的是${q.wins('zh', P, C2)}。${aboveLine(q, 'zh', P, C2, ['batch', 'group'])}`
      + `独立的 PyTorch 实现在批大小 4（种子 1）：无归一化 ${f3(r.plain)}，批归一化 ${f3(r.batch)}，组归一化 ${f3(r.group)}。${inSpread('zh', inside)}`,
  };
}

export function cnnMeasuredTexts(q: Quotes = quotes()): Record<'cnn' | 'cnn-small-batch', Text> {
  return { cnn: cnnMeasured(q), 'cnn-small-batch': smallBatchMeasured(q) };
}

const MEASURED = cnnMeasuredTexts();

export const CNN_EXPLANATIONS: Record<'cnn' | 'cnn-small-batch', { en: Explanation; zh: Explanation }> = {
  cnn: {
    en: {
      lead: 'Batch norm where it is mostly used: a small convolutional network, plain, BatchNorm2d and group norm side by side, from the same weights on the same batches.',
      look: 'Per-channel activations: BatchNorm2d normalises each channel over the batch and every position, N × H × W values (47,040 per channel of the first conv layer at batch 60), not each pixel on its own; after it every channel spreads about N(0, 1) before γ and β. The step-by-step panel highlights the values that form one mean and one variance; for group norm, one sample\'s group of channels. Channel statistics over time: each channel\'s batch mean and variance against the running estimates. Feature maps: one test digit through each run.',
      literature: 'Ioffe & Szegedy (2015), section 3.2: for convolutional layers the statistics are per feature map, over the mini-batch and all locations (an effective mini-batch of m × p × q values), so that different locations of a map are normalised the same way. Wu & He (2018) normalise groups of channels per sample instead.',
      measured: MEASURED.cnn.en,
    },
    zh: {
      lead: '批归一化最常用的地方：一个小型卷积网络，无归一化、BatchNorm2d 和组归一化并排训练，起点权重和批次都相同。',
      look: '逐通道激活：BatchNorm2d 对每个通道在整批和所有位置上归一化，共 N × H × W 个值（批大小 60 时第一个卷积层每通道 47,040 个），而不是每个像素单独归一化；归一化之后（γ 和 β 之前）每个通道都约为 N(0, 1)。逐步计算面板高亮构成一个均值和一个方差的那些值；组归一化则是一个样本内的一组通道。通道统计量随时间：每个通道的批均值和方差对比滑动估计。特征图：一个测试数字经过每个网络。',
      literature: 'Ioffe 与 Szegedy（2015）第 3.2 节：对卷积层，统计量按特征图计算，覆盖小批量和所有位置（等效小批量为 m × p × q 个值），使同一特征图的不同位置以相同方式归一化。Wu 与 He（2018）则按样本对通道组归一化。',
      measured: MEASURED.cnn.zh,
    },
  },
  'cnn-small-batch': {
    en: {
      lead: 'BatchNorm2d against group norm at batch 4 and 2 in the CNN, the setting of Wu & He (2018), Fig. 1.',
      look: 'Accuracy curves at batch 4; the sweep panel trains batch 2 to 64 for the same number of examples and plots batch norm (running statistics, and each test batch\'s own) against group norm. Channel statistics over time: at small batches each channel\'s batch mean and variance jump from step to step around the running estimates.',
      literature: 'Wu & He (2018), Figure 1: ResNet-50 on ImageNet, batch norm\'s error rises from 23.6% at 32 images per GPU to 34.7% at 2; group norm stays near 24%. BatchNorm2d keeps N × H × W values per channel, so small batches hurt it far less than BatchNorm1d: at batch 4 the first conv layer still has 3,136 values per mean. The independent PyTorch run at batch 4, 3,000 steps (seed 1): plain 0.961, batch norm 0.964, group norm (4 groups) 0.949.',
      measured: MEASURED['cnn-small-batch'].en,
    },
    zh: {
      lead: '卷积网络中的小批量：批大小 4 和 2 时 BatchNorm2d 对比组归一化，即组归一化论文图 1 的设置。',
      look: '批大小 4 时的准确率曲线；扫描面板在相同样本数下训练批大小 2 到 64，比较批归一化（滑动统计量，以及每个测试批自身的统计量）与组归一化。通道统计量随时间：小批量时每个通道的批均值和方差围绕滑动估计逐步跳动。',
      literature: 'Wu 与 He（2018）图 1：ImageNet 上的 ResNet-50，批归一化的错误率从每 GPU 32 张图像时的 23.6% 升到 2 张时的 34.7%；组归一化始终在 24% 左右。BatchNorm2d 每通道保留 N × H × W 个值，因此小批量对它的影响远小于 BatchNorm1d：批大小 4 时第一个卷积层每个均值仍有 3,136 个值。独立的 PyTorch 实现在批大小 4、3,000 步（种子 1）：无归一化 0.961，批归一化 0.964，组归一化（4 组）0.949。',
      measured: MEASURED['cnn-small-batch'].zh,
    },
  },
};
