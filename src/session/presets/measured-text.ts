// The "measured" part of each explanation, in English and 简体中文, written from the summaries over
// seeds (./measured.ts, built from docs/results): every number is quoted from there (median [min-max],
// k of N), and where the outcome decides the words (a claim that holds in every seed, in none, or only
// in some) the words follow the data too. explanations.test.ts checks that every summary is quoted.
import type { RunKind } from '../run-kinds';
import type { NormKind } from '../../engine/types';
import { SWEEP_EXAMPLES } from '../sweep/protocol';
import { count, quotes, type QuoteLang, type Quotes } from './quote';
import { cnnMeasuredTexts } from './explanations-cnn';
import type { PresetName } from './index';

type Text = Record<QuoteLang, string>;

/** Whether the runs' ranges are apart (every seed of `hi` above every seed of `lo`). */
function apart(q: Quotes, preset: string, check: string, lo: RunKind, hi: RunKind): boolean {
  const a = q.run(preset, check, lo).acc;
  const b = q.run(preset, check, hi).acc;
  return a !== null && b !== null && b.min > a.max;
}

/** "in every seed (8 of 8)" / "in no seed (0 of 8)" / "in 5 of 8 seeds only", and in Chinese. */
function share(lang: QuoteLang, k: number, n: number): string {
  const c = count(lang, k, n);
  if (lang === 'en') return k === n ? `in every seed (${c})` : k === 0 ? `in no seed (${c})` : `in ${c} seeds only`;
  return k === n ? `全部种子（${c}）` : k === 0 ? `没有一个种子（${c}）` : `只有${c}`;
}

/** A signed range in Chinese: "至" instead of "to". */
const zhRange = (text: string) => text.replace(/ to /g, ' 至 ');

function fig1(q: Quotes): Text {
  const P = 'bn-paper-fig1';
  const C = 'Figure 1, 5,000 steps';
  const n = q.seeds(P, C);
  const w = q.check(P, C).paired!.comparison;
  const holds = w.wins === w.n && apart(q, P, C, 'plain', 'batch');
  return {
    en: `Over ${n} seeds, 5,000 steps, whole test set (median [min-max]): batch norm ${q.acc(P, C, 'batch')}, plain ${q.acc(P, C, 'plain')}. `
      + `Batch norm was ahead ${share('en', w.wins, w.n)}, by ${q.diff(P, C)} (median paired difference [range]; the two runs of a seed share their initial weights and batches). `
      + (holds ? 'The ranges do not overlap: the claim holds at 5,000 steps. ' : 'The ranges overlap: at 5,000 steps the claim holds for most seeds, not all. ')
      + 'The figure itself comes from one 50,000-step run (seed 1): with batch norm 0.912, 0.956 and 0.980 after 1k, 5k and 50k steps; without it 0.459, 0.913 and 0.973. In that run the plain network\'s bands widen from [-0.53, 0.39] to [-1.34, 1.43]; with batch norm the median stays within 0.06 of 0, but the bands also widen slowly (±1.3 to ±2.0) as gamma learns: the distribution is stable in shape, not frozen.',
    zh: `${n} 个种子，5,000 步，完整测试集（中位数 [最小-最大]）：批归一化 ${q.acc(P, C, 'batch')}，无归一化 ${q.acc(P, C, 'plain')}。`
      + `批归一化领先：${share('zh', w.wins, w.n)}，领先 ${zhRange(q.diff(P, C))}（配对差的中位数 [范围]；同一种子的两次运行共享初始权重和批次）。`
      + (holds ? '两者的范围不重叠：5,000 步时结论成立。' : '两者的范围有重叠：5,000 步时结论对多数种子成立，但并非全部。')
      + '图本身来自一次 50,000 步的运行（种子 1）：有批归一化时 1k、5k、50k 步后分别为 0.912、0.956、0.980；没有时为 0.459、0.913、0.973。在这次运行中，无归一化网络的色带从 [-0.53, 0.39] 扩展到 [-1.34, 1.43]；有批归一化时中位数始终在 0 附近 0.06 以内，但随着 gamma 的学习，色带也会缓慢变宽（±1.3 到 ±2.0）：分布的形状稳定，但并非一成不变。',
  };
}

function highLr(q: Quotes): Text {
  const P = 'high-lr';
  const n = q.seeds(P, 'lr 30');
  const k = (lr: number, run: RunKind) => q.run(P, `lr ${lr}`, run).above;
  const all = (lr: number) => (['plain', 'batch'] as const).every((r) => k(lr, r) === q.run(P, `lr ${lr}`, r).seeds.length);
  const line = (lang: QuoteLang, lr: number) => {
    const C = `lr ${lr}`;
    if (all(lr)) {
      return lang === 'en'
        ? `lr ${lr}: plain ${q.acc(P, C, 'plain')}, batch norm ${q.acc(P, C, 'batch')}, both left chance in every seed; batch norm ahead in ${q.wins('en', P, C)} seeds by a median of ${q.diff(P, C)}.`
        : `学习率 ${lr}：无归一化 ${q.acc(P, C, 'plain')}，批归一化 ${q.acc(P, C, 'batch')}，两者在每个种子都脱离了随机水平；批归一化领先的是${q.wins('zh', P, C)}，配对差的中位数 ${zhRange(q.diff(P, C))}。`;
    }
    return lang === 'en'
      ? `lr ${lr}: plain ${q.acc(P, C, 'plain')}, above 0.3 in ${q.above('en', P, C, 'plain')}; batch norm ${q.acc(P, C, 'batch')}, above 0.3 in ${q.above('en', P, C, 'batch')}; batch norm ahead in ${q.wins('en', P, C)} seeds.`
      : `学习率 ${lr}：无归一化 ${q.acc(P, C, 'plain')}，高于 0.3 的是${q.above('zh', P, C, 'plain')}；批归一化 ${q.acc(P, C, 'batch')}，高于 0.3 的是${q.above('zh', P, C, 'batch')}；批归一化领先的是${q.wins('zh', P, C)}。`;
  };
  const p10 = k(10, 'plain');
  const n10 = q.run(P, 'lr 10', 'plain').seeds.length;
  const b10 = k(10, 'batch');
  const lr10 = {
    en: p10 > 0 && p10 < n10
      ? `At lr 10 the plain network is borderline: it left chance ${share('en', p10, n10)} and stayed at chance with the others, so neither "it still trains" nor "it stalls" holds in general. The independent PyTorch run behaves the same way (1 of 6 seeds left chance): one seed at chance there, or two seeds that trained here, is a seed effect, not a difference between implementations.${b10 === n10 ? ' Batch norm trained in every seed.' : ''}`
      : p10 === n10 ? `At lr 10 the plain network left chance ${share('en', p10, n10)}, more often than in the independent run (1 of 6).` : 'At lr 10 the plain network stayed at chance in every seed, as the independent run did in 5 of 6.',
    zh: p10 > 0 && p10 < n10
      ? `学习率 10 时无归一化网络处在临界状态：脱离随机水平的${share('zh', p10, n10)}，其余种子停在随机水平，所以“仍能训练”和“停止学习”都不能一概而论。独立的 PyTorch 实现也是如此（6 个种子中 1 个脱离随机水平）：那里一个种子停在随机水平，或这里两个种子都能训练，都是种子效应，而不是实现之间的差别。${b10 === n10 ? '批归一化在每个种子都能训练。' : ''}`
      : p10 === n10 ? `学习率 10 时无归一化网络脱离随机水平的是${share('zh', p10, n10)}，比独立实现（6 个中 1 个）更常见。` : '学习率 10 时无归一化网络在每个种子都停在随机水平，独立实现 6 个种子中也有 5 个如此。',
  };
  const p30 = k(30, 'plain');
  const b30 = k(30, 'batch');
  const lr30 = {
    en: p30 === 0 && b30 === n ? `At lr 30 the claim holds in every seed: plain stays at chance (${count('en', p30, n)} above 0.3), batch norm trains (${count('en', b30, n)}).`
      : `At lr 30 the claim holds only in part: plain left chance ${share('en', p30, n)}, batch norm trained ${share('en', b30, n)}.`,
    zh: p30 === 0 && b30 === n ? `学习率 30 时结论在每个种子都成立：无归一化停在随机水平（高于 0.3 的是${count('zh', p30, n)}），批归一化能训练（${count('zh', b30, n)}）。`
      : `学习率 30 时结论只部分成立：无归一化脱离随机水平的是${share('zh', p30, n)}，批归一化能训练的是${share('zh', b30, n)}。`,
  };
  return {
    en: `Test accuracy after 5,000 steps over ${n} seeds, median [min-max]; "above 0.3" means the run left chance (0.10). ${[1, 3, 10, 30].map((lr) => line('en', lr)).join(' ')} ${lr10.en} ${lr30.en}`,
    zh: `${n} 个种子 5,000 步后的测试准确率，中位数 [最小-最大]；“高于 0.3”表示脱离了随机水平（0.10）。${[1, 3, 10, 30].map((lr) => line('zh', lr)).join('')}${lr10.zh}${lr30.zh}`,
  };
}

function badInit(q: Quotes): Text {
  const P = 'bad-init';
  const S = 'N(0, 0.01^2)';
  const L = 'N(0, 1)';
  const n = q.seeds(P, S);
  const stall = q.run(P, S, 'plain').above === 0 && q.run(P, S, 'batch').above === q.run(P, S, 'batch').seeds.length;
  const wl = q.check(P, L).paired!.comparison;
  return {
    en: `Test accuracy after 5,000 steps over ${n} seeds, median [min-max]. N(0, 0.01²): plain ${q.acc(P, S, 'plain')}, above 0.3 in ${q.above('en', P, S, 'plain')} (chance: predicting one digit for every image scores at most 0.1135, the share of 1s in the test set); batch norm ${q.acc(P, S, 'batch')}, above 0.3 in ${q.above('en', P, S, 'batch')}. `
      + (stall ? 'The claim holds in every seed. ' : 'The claim does not hold in every seed. ')
      + `N(0, 1): plain ${q.acc(P, L, 'plain')}, batch norm ${q.acc(P, L, 'batch')}; batch norm ahead ${share('en', wl.wins, wl.n)}, by ${q.diff(P, L)} (median paired difference). The too-large case hurts both networks${wl.wins === wl.n ? ', batch norm less' : ''}.`,
    zh: `${n} 个种子 5,000 步后的测试准确率，中位数 [最小-最大]。N(0, 0.01²)：无归一化 ${q.acc(P, S, 'plain')}，高于 0.3 的是${q.above('zh', P, S, 'plain')}（随机水平：对每张图像都预测同一个数字最多得到 0.1135，即测试集中 1 的比例）；批归一化 ${q.acc(P, S, 'batch')}，高于 0.3 的是${q.above('zh', P, S, 'batch')}。`
      + (stall ? '结论在每个种子都成立。' : '结论并非在每个种子都成立。')
      + `N(0, 1)：无归一化 ${q.acc(P, L, 'plain')}，批归一化 ${q.acc(P, L, 'batch')}；批归一化领先：${share('zh', wl.wins, wl.n)}，配对差的中位数 ${zhRange(q.diff(P, L))}。过大的初始化对两个网络都有损害${wl.wins === wl.n ? '，对批归一化的损害较小' : ''}。`,
  };
}

/**
 * Two runs compared where the claim is "no real difference" (placement, article). The verdict follows
 * the paired counts: seeds that disagree (neither run ahead in all but at most one seed) mean no real
 * difference (`conclusion`); one run ahead in every seed, or all but one, is said as such, with the size.
 */
function noGain(q: Quotes, P: string, C: string, names: { en: [string, string]; zh: [string, string] }, conclusion: Text, steps: Text): Text {
  const [a, b] = q.check(P, C).runs.map((r) => r.run);
  const w = q.check(P, C).paired!.comparison;
  const n = q.seeds(P, C);
  const B = { en: names.en[1][0].toUpperCase() + names.en[1].slice(1), zh: names.zh[1] };
  const lead = w.n < 4 ? null : w.wins >= w.n - 1 ? 'b' : w.wins <= 1 ? 'a' : null;
  const sep = lead === 'b' ? apart(q, P, C, a, b) : lead === 'a' ? apart(q, P, C, b, a) : false;
  const who = lead === 'a' ? { en: names.en[0], zh: names.zh[0] } : B;
  const verdict = lead === null ? {
    en: `The seeds disagree on which is better, and the difference is within the spread between seeds: ${conclusion.en}`,
    zh: `各种子对哪个更好意见不一，差别在种子之间的波动范围内：${conclusion.zh}`,
  } : {
    en: `${who.en[0].toUpperCase()}${who.en.slice(1)} was ahead in all seeds but at most one, by little: a small, consistent difference${sep ? ' (the ranges do not overlap)' : ', inside the spread between seeds'}.`,
    zh: `${who.zh}在几乎每个种子都领先，但差距很小：一个微小而一致的差别${sep ? '（两者的范围不重叠）' : '，在种子之间的波动范围之内'}。`,
  };
  return {
    en: `Test accuracy ${steps.en} over ${n} seeds, median [min-max]: ${names.en[0]} ${q.acc(P, C, a)}, ${names.en[1]} ${q.acc(P, C, b)}. ${B.en} was ahead in ${q.wins('en', P, C)} seeds; median paired difference ${q.diff(P, C)}. ${verdict.en}`,
    zh: `${steps.zh}的测试准确率，${n} 个种子，中位数 [最小-最大]：${names.zh[0]} ${q.acc(P, C, a)}，${names.zh[1]} ${q.acc(P, C, b)}。${B.zh}领先的是${q.wins('zh', P, C)}；配对差的中位数 ${zhRange(q.diff(P, C))}。${verdict.zh}`,
  };
}

function deepSigmoid(q: Quotes): Text {
  const P = 'deep-sigmoid';
  const C = '10 x 100 sigmoid, xavier';
  const n = q.seeds(P, C);
  const g = q.gradient(P, 'plain');
  const gb = q.gradient(P, 'batch');
  const e = (v: number) => v.toExponential(1);
  return {
    en: `Test accuracy after 5,000 steps over ${n} seeds, median [min-max]: plain ${q.acc(P, C, 'plain')} (chance), above 0.3 in ${q.above('en', P, C, 'plain')}; batch norm ${q.acc(P, C, 'batch')}, above 0.3 in ${q.above('en', P, C, 'batch')}. `
      + `At step 100 the plain network's weight-gradient norm falls from ${e(g.last.median)} at the last hidden layer to ${e(g.first.median)} at the first (medians): the first layer's is ${q.ratio(P, 'plain')} of the last's. With batch norm every hidden layer's norm lies between ${gb.hiddenMin.toFixed(2)} and ${gb.hiddenMax.toFixed(2)} in every seed. The claim holds.`,
    zh: `${n} 个种子 5,000 步后的测试准确率，中位数 [最小-最大]：无归一化 ${q.acc(P, C, 'plain')}（随机水平），高于 0.3 的是${q.above('zh', P, C, 'plain')}；批归一化 ${q.acc(P, C, 'batch')}，高于 0.3 的是${q.above('zh', P, C, 'batch')}。`
      + `第 100 步时，无归一化网络的权重梯度范数从最后一个隐藏层的 ${e(g.last.median)} 降到第一层的 ${e(g.first.median)}（中位数）：第一层是最后一层的 ${zhRange(q.ratio(P, 'plain'))}。有批归一化时，每个种子每个隐藏层的梯度范数都在 ${gb.hiddenMin.toFixed(2)} 到 ${gb.hiddenMax.toFixed(2)} 之间。结论成立。`,
  };
}

function smallBatches(q: Quotes): Text {
  const seeds = q.sweepSeeds();
  const n = seeds.length;
  const best = (batch: number, norm: NormKind) => q.best(batch).wins[norm] ?? 0;
  const from16 = [16, 32, 64, 128].filter((b) => best(b, 'batch') === q.best(b).n);
  const bn8 = best(8, 'batch');
  const ln8 = best(8, 'layer');
  const few = n < 8;
  return {
    en: `The sweep at ${SWEEP_EXAMPLES.toLocaleString('en-US')} examples per run, ${n} seeds (${seeds.join(', ')}), final test accuracy, median [min-max]. `
      + `Batch 2: plain ${q.sweepAcc('none', 2)}, layer norm ${q.sweepAcc('layer', 2)}, batch norm ${q.sweepAcc('batch', 2)} with running statistics (${q.sweepAcc('batch', 2, true)} with batch statistics): the collapse. `
      + `Batch 4: batch norm ${q.sweepAcc('batch', 4)} against plain ${q.sweepAcc('none', 4)} and layer norm ${q.sweepAcc('layer', 4)}. `
      + `Batch 8: batch norm ${q.sweepAcc('batch', 8)}, layer norm ${q.sweepAcc('layer', 8)}; batch norm was the best of the three in ${count('en', bn8, q.best(8).n)} seeds, layer norm in ${count('en', ln8, q.best(8).n)}, so "best from batch 8" ${bn8 === q.best(8).n ? 'holds' : 'does not hold'} here. `
      + `Batch norm was the best in every seed at batch ${from16.length ? from16.join(', ') : '(none)'} (at 16: ${q.sweepAcc('batch', 16)}; at 128: ${q.sweepAcc('batch', 128)}, plain ${q.sweepAcc('none', 128)}, layer norm ${q.sweepAcc('layer', 128)}).`
      + (few ? ` Only ${n} seeds so far (a sweep takes about 20 minutes per seed here): a tendency, to be confirmed with more seeds.` : ''),
    zh: `扫描每次运行 ${SWEEP_EXAMPLES.toLocaleString('en-US')} 个样本，${n} 个种子（${seeds.join('、')}），最终测试准确率，中位数 [最小-最大]。`
      + `批大小 2：无归一化 ${q.sweepAcc('none', 2)}，层归一化 ${q.sweepAcc('layer', 2)}，批归一化用滑动统计量 ${q.sweepAcc('batch', 2)}（用批统计量 ${q.sweepAcc('batch', 2, true)}）：崩溃。`
      + `批大小 4：批归一化 ${q.sweepAcc('batch', 4)}，对比无归一化 ${q.sweepAcc('none', 4)} 和层归一化 ${q.sweepAcc('layer', 4)}。`
      + `批大小 8：批归一化 ${q.sweepAcc('batch', 8)}，层归一化 ${q.sweepAcc('layer', 8)}；三者中批归一化最好的是${count('zh', bn8, q.best(8).n)}，层归一化最好的是${count('zh', ln8, q.best(8).n)}，所以“从批大小 8 起最好”在这里${bn8 === q.best(8).n ? '成立' : '不成立'}。`
      + `在批大小 ${from16.length ? from16.join('、') : '（无）'} 时，每个种子下批归一化都是最好的（16：${q.sweepAcc('batch', 16)}；128：${q.sweepAcc('batch', 128)}，无归一化 ${q.sweepAcc('none', 128)}，层归一化 ${q.sweepAcc('layer', 128)}）。`
      + (few ? `目前只有 ${n} 个种子（这里每个种子的扫描约需 20 分钟）：只是一个趋势，有待更多种子确认。` : ''),
  };
}

/** The presets whose "measured" text is written here (a preset added later may write its own). */
export type MeasuredPreset = Extract<PresetName, 'bn-paper-fig1' | 'small-batches' | 'high-lr' | 'bad-init' | 'placement' | 'article' | 'deep-sigmoid'>;

/** The "measured" text of those presets, from the measured summaries. */
export function measuredTexts(q: Quotes = quotes()): Record<MeasuredPreset, Text> {
  return {
    'bn-paper-fig1': fig1(q),
    'small-batches': smallBatches(q),
    'high-lr': highLr(q),
    'bad-init': badInit(q),
    placement: noGain(q, 'placement', 'relu, he',
      { en: ['before the ReLU', 'after it'], zh: ['放在 ReLU 之前', '放在之后'] },
      { en: 'no real difference, as the independent run found.', zh: '与独立实现一致，没有实质差别。' },
      { en: 'after 5,000 steps', zh: '5,000 步后' }),
    article: noGain(q, 'article', "the article's model",
      { en: ['plain', 'batch norm'], zh: ['无归一化', '批归一化'] },
      { en: 'batch norm does not clearly improve this model, whatever the article says.', zh: '无论文章怎么说，批归一化都没有明显改善这个模型。' },
      { en: 'after 10 epochs (18,750 steps)', zh: '10 个轮次（18,750 步）后' }),
    'deep-sigmoid': deepSigmoid(q),
    ...cnnMeasuredTexts(q),
  };
}
