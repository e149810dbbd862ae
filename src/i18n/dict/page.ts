// The page's words in English and Simplified Chinese: one typed dictionary (every key in both
// languages, checked by the compiler), `{name}` placeholders, the language remembered in localStorage,
// and a useT() hook that re-renders its component when the language changes.
import { useSyncExternalStore } from 'react';
import { chartsEn, chartsZh } from './i18n-charts';
import { landscapeEn, landscapeZh } from './i18n-landscape';
import { seedsEn, seedsZh } from './i18n-seeds';
import { sweepEn, sweepZh } from './i18n-sweep';
import type { Lang } from './url-codec';
import { RUN_NAMES_EN, RUN_NAMES_ZH } from './run-names';

export type { Lang } from './url-codec';

const en = {
  'app.tagline': 'Watch batch normalization train, live, in your browser.',
  'app.controls': 'Controls',
  'app.jumpControls': 'Controls ↓',
  'app.jumpViews': '↑ Back to the charts',
  'view.failed': 'The “{name}” view failed',
  'view.retry': 'Retry',
  'view.loadFailed': 'Its code could not be loaded (is the network down?). The rest of the page goes on; Retry when the connection is back.',
  'exp.menu': 'Experiments',
  'exp.kicker': 'Experiment',
  'exp.restart': 'Run again',
  'exp.close': 'Close',
  'exp.closeLabel': 'Close the explanation (the settings stay)',
  'exp.variants': 'Variants:',
  'exp.look': 'What to look for',
  'exp.literature': 'What the literature reports',
  'exp.measured': 'What NormScope measured',
  'exp.finding.every': '{b} beat {a} in every seed ({n} of {n}): median test accuracy {bm} against {am}.',
  'exp.finding.none': '{a} beat {b} in every seed ({n} of {n}): median test accuracy {am} against {bm}.',
  'exp.finding.most': '{w} was ahead in {k} of {n} seeds, by little: median test accuracy {wm} against {lm}.',
  'exp.finding.mixed': 'No clear winner: {b} was ahead in {k} of {n} seeds; median test accuracy {bm} against {am}.',
  'exp.finding.sweep': 'At batch {batch} batch norm falls to a median test accuracy of {bn} ({others}).',
  'exp.finding.sweepBest': 'From batch {from} up it is the best of the three in every seed.',
  'exp.table.caption': 'Final test accuracy over {n} seeds',
  'exp.table.sweepCaption': 'Final test accuracy over {n} seeds, by batch size',
  'exp.table.group': 'Setting',
  'exp.table.batch': 'Batch',
  'exp.table.run': 'Run',
  'exp.table.median': 'Median',
  'exp.table.range': 'Range (min–max)',
  'exp.protocol.differs': 'The page now differs from the measured protocol: {list}. The numbers above are for the protocol; press Run again to return to it.',
  'exp.protocol.item': '{name} {page} here, {protocol} measured',
  'exp.details': 'What the literature reports, and every measured number',
  'exp.view.percentiles': 'Show the percentile bands of every layer',
  'exp.view.loss': 'Show the loss curves',
  'exp.view.saturation': 'Show the saturation view',
  'exp.view.gradients': 'Show the per-layer gradient view',
  'exp.view.report': 'Show the classification report',
  'exp.view.cnn': 'Show the per-channel histograms',
  'app.views': 'Views',
  'lang.label': 'Language',
  'section.data': 'Data and network',
  'section.norm': 'Normalization',
  'section.optim': 'Optimization',
  'section.runs': 'Runs to compare',
  'section.session': 'Session',
  'ctl.dataset': 'Dataset',
  'ctl.arch': 'Architecture',
  'arch.mlp': 'Fully connected (MLP)',
  'arch.cnn': 'Convolutional (CNN)',
  'ctl.init.pytorch': 'PyTorch default',
  'runs.notForCnn': 'Not offered for the CNN: its conv layers take batch norm, group norm or none.',
  'ctl.hidden': 'Hidden layers',
  'ctl.hidden.help': 'Layer sizes, comma-separated, e.g. 100,100,100',
  'ctl.hidden.apply': 'Apply',
  'ctl.act': 'Activation',
  'ctl.placement': 'Norm placement',
  'ctl.placement.pre': 'Before the activation',
  'ctl.placement.post': 'After the activation',
  'ctl.batch': 'Batch size',
  'ctl.eps': 'Epsilon',
  'ctl.momentum': 'BN momentum',
  'ctl.optimizer': 'Optimizer',
  'ctl.lr': 'Learning rate',
  'ctl.sgdMomentum': 'SGD momentum',
  'ctl.weightDecay': 'Weight decay',
  'ctl.init': 'Init',
  'ctl.init.normal': 'Normal (scale below)',
  'ctl.initScale': 'Init scale',
  'ctl.initScale.unused': '{init} sets the scale from the layer sizes; this slider picks Normal init at the scale you choose.',
  'ctl.seed': 'Seed',
  // Settings without a control of their own (URL and CLI only), labelled for notices like the rest.
  'ctl.norm': 'Normalization',
  'ctl.groups': 'Groups',
  'ctl.steps': 'Steps',
  'ctl.evalEvery': 'Evaluate every N steps',
  'ctl.noise': 'Noise',
  'ctl.speed': 'Speed',
  'ctl.speed.max': 'max',
  'ctl.speed.unit': 'steps/s',
  'ctl.resets': 'resets',
  'ctl.resets.title': 'Changing this starts every run again from new weights',
  ...RUN_NAMES_EN,
  'runs.atLeastOne': 'Keep at least one run.',
  'btn.play': 'Play',
  'btn.pause': 'Pause',
  'btn.step': 'Step',
  'btn.reset': 'Reset',
  'btn.csv': 'Download CSV',
  'btn.json': 'Download JSON',
  'btn.dismiss': 'Dismiss',
  'fault.title': 'The training worker stopped.',
  'fault.body': 'The charts show the last data it sent. Restart starts a new worker with the same settings and runs.',
  'fault.restart': 'Restart',
  'btn.copyLink': 'Copy link',
  'btn.linkCopied': 'Link copied',
  'status.training': 'Training · step {step}',
  'status.paused': 'Paused · step {step}',
  'status.loading': 'Loading the data…',
  'status.empty': 'Starting…',
  'status.error': 'Error: training stopped',
  'status.diverged': '{run} diverged at step {at}',
  'status.rate': '{rate} steps/s',
  'load.label': 'Loading MNIST',
  'notice.heading': 'Notice',
  'notice.url': 'Some values in the address were repaired: {list}',
  'notice.url.clamped': '{key}={value} is out of range, using {used}',
  'notice.url.default': '{key}={value} is not valid, using the default {used}',
  'notice.url.repeated': '{key} is given more than once, using the first value',
  'notice.url.limit': '{key}={value} is past the size limits (5M parameters per run, 4M activations per step, to fit in a browser tab\'s memory), using {used}',
  'notice.hidden': 'Hidden layers: {accepted}. Nothing changed.',
  'notice.number': '{label}: {value} is not accepted ({accepted}). Nothing changed.',
  'notice.noData': 'Nothing to export yet.',
  'notice.integer': ' (integer)',
  'notice.exported': 'Saved {file}.',
  'notice.reset': 'Every run restarted from the same new weights.',
  'notice.resetBy': '{what} changed: every run restarted from the same new weights.',
  'notice.failed': 'Not applied: {message}',
  'notice.allDiverged': 'Every run diverged: Reset to start again.',
  'notice.reached': 'Reached {steps} steps.',
  'notice.worker': 'The training worker says: {message}',
  'changes.title': 'Settings changed while training',
  'changes.body': '{list}. The runs kept their weights, so their curves mix the old and the new settings (the charts mark where).',
  'changes.restart': 'Restart all runs with these settings',
  'btn.more': 'More',
  'btn.moreLabel': 'More: downloads and keyboard shortcuts',
  'shortcuts.open': 'Keyboard shortcuts',
  'shortcuts.title': 'Keyboard shortcuts',
  'shortcuts.play': 'Play or pause',
  'shortcuts.step': 'Train one step',
  'shortcuts.reset': 'Reset: every run starts again from new weights',
  'shortcuts.help': 'Show this list',
  'shortcuts.note': 'They do nothing while you type in a field or hold Ctrl, Alt or ⌘.',
  'shortcuts.close': 'Close',
  'shortcuts.space': 'Space',
  'sheet.label': 'Play, batch size and epsilon',
  'status.epoch': 'epoch {epoch}',
  'views.first': 'Activations and training',
  'png.settings': 'Settings not at their defaults',
  'png.defaults': 'none (the defaults)',
  'png.changes': 'Changed while training (at step)',
  'views.loss': 'Loss and accuracy',
  'views.inside': 'Inside the layers',
  'views.bn': 'Batch norm at work',
  'views.loadingView': 'Loading this view…',
  'ds.mnist': 'MNIST digits',
  'ds.spiral': 'Spiral (2-D)',
  'ds.circles': 'Circles (2-D)',
  'ds.xor': 'XOR (2-D)',
  'ds.gauss': 'Gaussians (2-D)',
  'act.sigmoid': 'Sigmoid',
  'act.tanh': 'Tanh',
  'act.relu': 'ReLU',
  'opt.sgd': 'SGD',
  'opt.adam': 'Adam',
  'footer.data': 'Data: MNIST by Yann LeCun and Corinna Cortes, CC BY-SA 3.0.',
  'footer.paper': 'Formulas follow Ioffe & Szegedy (2015),',
  'footer.paperTitle': 'Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift',
  'footer.license': 'NormScope is open source under the MIT license. Training runs in your browser; nothing is sent anywhere.',
  ...chartsEn,
  ...landscapeEn,
  ...sweepEn,
  ...seedsEn,
} as const;

export type MessageKey = keyof typeof en;
type Dictionary = Record<MessageKey, string>;

const zh: Dictionary = {
  'app.tagline': '在浏览器中实时观察批归一化如何训练。',
  'app.controls': '控制',
  'app.jumpControls': '控制 ↓',
  'app.jumpViews': '↑ 回到图表',
  'view.failed': '“{name}”视图出错了',
  'view.retry': '重试',
  'view.loadFailed': '无法加载此视图的代码（网络是否中断？）。页面其余部分照常运行；连接恢复后请重试。',
  'exp.menu': '实验',
  'exp.kicker': '实验',
  'exp.restart': '重新运行',
  'exp.close': '关闭',
  'exp.closeLabel': '关闭说明（设置保持不变）',
  'exp.variants': '变体：',
  'exp.look': '观察什么',
  'exp.literature': '文献中的结论',
  'exp.measured': 'NormScope 的测量结果',
  'exp.finding.every': '{b}在每个种子都胜过{a}（{n} 个种子中的 {n} 个）：测试准确率中位数 {bm}，对比 {am}。',
  'exp.finding.none': '{a}在每个种子都胜过{b}（{n} 个种子中的 {n} 个）：测试准确率中位数 {am}，对比 {bm}。',
  'exp.finding.most': '{w}在 {n} 个种子中的 {k} 个领先，差距很小：测试准确率中位数 {wm}，对比 {lm}。',
  'exp.finding.mixed': '没有明确的胜者：{b}领先的是 {n} 个种子中的 {k} 个；测试准确率中位数 {bm}，对比 {am}。',
  'exp.finding.sweep': '批大小 {batch} 时，批归一化的测试准确率中位数跌到 {bn}（{others}）。',
  'exp.finding.sweepBest': '从批大小 {from} 起，它在每个种子都是三者中最好的。',
  'exp.table.caption': '{n} 个种子的最终测试准确率',
  'exp.table.sweepCaption': '{n} 个种子的最终测试准确率，按批大小',
  'exp.table.group': '设置',
  'exp.table.batch': '批大小',
  'exp.table.run': '网络',
  'exp.table.median': '中位数',
  'exp.table.range': '范围（最小–最大）',
  'exp.protocol.differs': '页面当前的设置与测量协议不同：{list}。上面的数字属于测量协议；点击“重新运行”即可恢复。',
  'exp.protocol.item': '{name}此处为 {page}，测量时为 {protocol}',
  'exp.details': '文献报告的结果，以及全部测量数字',
  'exp.view.percentiles': '查看每一层的百分位数色带',
  'exp.view.loss': '查看损失曲线',
  'exp.view.saturation': '查看饱和度视图',
  'exp.view.gradients': '查看逐层梯度视图',
  'exp.view.report': '查看分类报告',
  'exp.view.cnn': '查看逐通道直方图',
  'app.views': '视图',
  'lang.label': '语言',
  'section.data': '数据与网络',
  'section.norm': '归一化',
  'section.optim': '优化',
  'section.runs': '对比的网络',
  'section.session': '会话',
  'ctl.dataset': '数据集',
  'ctl.arch': '网络架构',
  'arch.mlp': '全连接（MLP）',
  'arch.cnn': '卷积网络（CNN）',
  'ctl.init.pytorch': 'PyTorch 默认',
  'runs.notForCnn': '卷积网络不提供此项：其卷积层可用批归一化、组归一化或不归一化。',
  'ctl.hidden': '隐藏层',
  'ctl.hidden.help': '各层大小，用逗号分隔，例如 100,100,100',
  'ctl.hidden.apply': '应用',
  'ctl.act': '激活函数',
  'ctl.placement': '归一化位置',
  'ctl.placement.pre': '激活之前',
  'ctl.placement.post': '激活之后',
  'ctl.batch': '批大小',
  'ctl.eps': 'Epsilon (ε)',
  'ctl.momentum': 'BN 动量',
  'ctl.optimizer': '优化器',
  'ctl.lr': '学习率',
  'ctl.sgdMomentum': 'SGD 动量',
  'ctl.weightDecay': '权重衰减',
  'ctl.init': '初始化',
  'ctl.init.normal': '正态分布（下方尺度）',
  'ctl.initScale': '初始化尺度',
  'ctl.initScale.unused': '{init} 按层的大小确定尺度；拖动此滑块会改用所选尺度的正态分布初始化。',
  'ctl.seed': '随机种子',
  'ctl.norm': '归一化',
  'ctl.groups': '分组数',
  'ctl.steps': '步数',
  'ctl.evalEvery': '每 N 步评估一次',
  'ctl.noise': '噪声',
  'ctl.speed': '速度',
  'ctl.speed.max': '最快',
  'ctl.speed.unit': '步/秒',
  'ctl.resets': '重置',
  'ctl.resets.title': '修改此项会让所有网络从新的权重重新开始',
  ...RUN_NAMES_ZH,
  'runs.atLeastOne': '至少保留一个网络。',
  'btn.play': '播放',
  'btn.pause': '暂停',
  'btn.step': '单步',
  'btn.reset': '重置',
  'btn.csv': '下载 CSV',
  'btn.json': '下载 JSON',
  'btn.dismiss': '关闭',
  'fault.title': '训练线程已停止。',
  'fault.body': '图表显示的是它最后发送的数据。“重新启动”会用相同的设置和运行启动一个新的线程。',
  'fault.restart': '重新启动',
  'btn.copyLink': '复制链接',
  'btn.linkCopied': '已复制链接',
  'status.training': '训练中 · 第 {step} 步',
  'status.paused': '已暂停 · 第 {step} 步',
  'status.loading': '正在加载数据…',
  'status.empty': '正在启动…',
  'status.error': '错误：训练已停止',
  'status.diverged': '{run}在第 {at} 步发散',
  'status.rate': '{rate} 步/秒',
  'load.label': '正在加载 MNIST',
  'notice.heading': '提示',
  'notice.url': '地址中的部分取值已修正：{list}',
  'notice.url.clamped': '{key}={value} 超出范围，改用 {used}',
  'notice.url.default': '{key}={value} 无效，改用默认值 {used}',
  'notice.url.repeated': '{key} 出现了不止一次，使用第一个值',
  'notice.url.limit': '{key}={value} 超出规模上限（每个运行 500 万个参数、每步 400 万个激活值，以免耗尽浏览器标签页的内存），改用 {used}',
  'notice.hidden': '隐藏层：{accepted}。未作更改。',
  'notice.number': '{label}：不接受 {value}（{accepted}）。未作更改。',
  'notice.noData': '还没有可导出的数据。',
  'notice.integer': '（整数）',
  'notice.exported': '已保存 {file}。',
  'notice.reset': '所有网络已从相同的新权重重新开始。',
  'notice.resetBy': '{what}已更改：所有网络已从相同的新权重重新开始。',
  'notice.failed': '未能应用：{message}',
  'notice.allDiverged': '所有网络都已发散：点击“重置”重新开始。',
  'notice.reached': '已达到 {steps} 步。',
  'notice.worker': '训练线程报告：{message}',
  'changes.title': '训练中改动了设置',
  'changes.body': '{list}。各网络保留了原有权重，因此曲线混合了新旧两种设置（图表中标出了改动的位置）。',
  'changes.restart': '用这些设置重新开始所有网络',
  'btn.more': '更多',
  'btn.moreLabel': '更多：下载与键盘快捷键',
  'shortcuts.open': '键盘快捷键',
  'shortcuts.title': '键盘快捷键',
  'shortcuts.play': '播放或暂停',
  'shortcuts.step': '训练一步',
  'shortcuts.reset': '重置：所有网络从新的权重重新开始',
  'shortcuts.help': '显示此列表',
  'shortcuts.note': '在输入框中输入或按住 Ctrl、Alt、⌘ 时，快捷键不起作用。',
  'shortcuts.close': '关闭',
  'shortcuts.space': '空格',
  'sheet.label': '播放、批大小与 epsilon',
  'status.epoch': '第 {epoch} 轮',
  'views.first': '激活分布与训练',
  'png.settings': '与默认值不同的设置',
  'png.defaults': '无（均为默认值）',
  'png.changes': '训练中的改动（所在步数）',
  'views.loss': '损失与准确率',
  'views.inside': '网络内部',
  'views.bn': '批归一化的工作过程',
  'views.loadingView': '正在加载此视图…',
  'ds.mnist': 'MNIST 手写数字',
  'ds.spiral': '螺旋（二维）',
  'ds.circles': '同心圆（二维）',
  'ds.xor': '异或（二维）',
  'ds.gauss': '高斯簇（二维）',
  'act.sigmoid': 'Sigmoid',
  'act.tanh': 'Tanh',
  'act.relu': 'ReLU',
  'opt.sgd': 'SGD',
  'opt.adam': 'Adam',
  'footer.data': '数据：MNIST，作者 Yann LeCun 与 Corinna Cortes，CC BY-SA 3.0 许可。',
  'footer.paper': '公式依据 Ioffe & Szegedy (2015)，',
  'footer.paperTitle': 'Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift',
  'footer.license': 'NormScope 以 MIT 许可开源。训练在你的浏览器中进行，不会上传任何数据。',
  ...chartsZh,
  ...landscapeZh,
  ...sweepZh,
  ...seedsZh,
};

export const DICTIONARIES: Readonly<Record<Lang, Dictionary>> = { en, zh };
export const LANG_NAMES: Readonly<Record<Lang, string>> = { en: 'English', zh: '简体中文' };
export const HTML_LANG: Readonly<Record<Lang, string>> = { en: 'en', zh: 'zh-CN' };
export const STORAGE_KEY = 'normscope.lang';

export type Params = Record<string, string | number>;
export type T = (key: MessageKey, params?: Params) => string;

/** The text of `key` in `lang` with `{name}` placeholders filled (an unknown placeholder stays as is). */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = DICTIONARIES[lang][key] ?? en[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

export function isLang(v: unknown): v is Lang {
  return v === 'en' || v === 'zh';
}

/** The starting language: the URL's, else the remembered one, else the browser's (zh* gives Chinese). */
export function initialLang(fromUrl: Lang | undefined, storage: Pick<Storage, 'getItem'> | null, navigatorLanguages: readonly string[] = []): Lang {
  if (fromUrl) return fromUrl;
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch { /* storage may be unavailable (privacy mode) */ }
  return navigatorLanguages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

// ---------------------------------------------------------------- the page's current language
let current: Lang = 'en';
const listeners = new Set<() => void>();
let storageRef: Pick<Storage, 'setItem'> | null = null;

export function getLang(): Lang {
  return current;
}

/** Sets the language (remembered in `storage` when given to initLang), updating <html lang>. */
export function setLang(lang: Lang): void {
  if (!isLang(lang) || lang === current) return;
  current = lang;
  try { storageRef?.setItem(STORAGE_KEY, lang); } catch { /* not remembered, still switched */ }
  if (typeof document !== 'undefined') document.documentElement.lang = HTML_LANG[lang];
  for (const l of listeners) l();
}

export function initLang(lang: Lang, storage: Pick<Storage, 'setItem'> | null): void {
  storageRef = storage;
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = HTML_LANG[lang];
}

export function subscribeLang(listener: () => void): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

/** The current language, re-rendering on change. */
export function useLang(): Lang {
  return useSyncExternalStore(subscribeLang, getLang, getLang);
}

/** A translate function for the current language (the component re-renders when it changes). */
export function useT(): T {
  const lang = useLang();
  return (key, params) => translate(lang, key, params);
}
