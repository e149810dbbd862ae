// What each experiment's explanation says, in English and 简体中文: a lead line (also the menu's),
// what to look for in the charts, what the literature reports, and what NormScope measured with the
// preset's protocol over seeds (`npm run -s experiments -- NAME --seeds 8`; docs/results/experiments/
// *.jsonl), including where a claim does not hold here, or holds only in some seeds. The measured part
// is written from the data (./measured-text.ts), so the text cannot drift from it.
import type { PresetName } from './index';
import { CNN_EXPLANATIONS } from './explanations-cnn';
import { measuredTexts } from './measured-text';

const MEASURED_TEXT = measuredTexts();

export interface Explanation {
  lead: string;
  look: string;
  literature: string;
  measured: string;
}

export const EXPLANATIONS: Record<PresetName, { en: Explanation; zh: Explanation }> = {
  'bn-paper-fig1': {
    en: {
      lead: 'The paper\'s MNIST experiment: three sigmoid layers of 100, with and without batch norm, 50,000 steps.',
      look: 'Panel (a): batch norm reaches a higher test accuracy sooner. Panels (b) and (c): the 15th, 50th and 85th percentiles of the input to one sigmoid of the last hidden layer. Without batch norm they drift over training, so the next layer keeps seeing a different distribution; with it they stay put around 0.',
      literature: 'Ioffe & Szegedy (2015), Figure 1: the batch-norm network trains faster and reaches higher accuracy, and its sigmoid inputs are much more stable; they called the drift "internal covariate shift". Later work (Santurkar et al., 2018) argued that the benefit comes from a smoother loss landscape, not from removing the shift.',
      measured: MEASURED_TEXT['bn-paper-fig1'].en,
    },
    zh: {
      lead: '论文中的 MNIST 实验：三层各 100 个 sigmoid 单元，有无批归一化，训练 50,000 步。',
      look: '图（a）：批归一化更快达到更高的测试准确率。图（b）（c）：最后一个隐藏层某个 sigmoid 输入的第 15、50、85 百分位数。没有批归一化时它们在训练中不断漂移，下一层看到的分布一直在变；有批归一化时它们稳定在 0 附近。',
      literature: 'Ioffe 与 Szegedy（2015）图 1：批归一化网络训练更快、准确率更高，sigmoid 的输入也稳定得多；他们把这种漂移称为“内部协变量偏移”。后来 Santurkar 等（2018）认为好处来自更平滑的损失曲面，而不是消除了这种偏移。',
      measured: MEASURED_TEXT['bn-paper-fig1'].zh,
    },
  },
  'small-batches': {
    en: {
      lead: 'Batch norm needs batches: sweep the batch size from 2 to 128 and compare with layer norm and no norm.',
      look: 'In the sweep chart, final test accuracy against batch size for each norm, after the same number of examples. Batch norm evaluated with its running statistics (solid) collapses at the smallest batches; evaluated with each test batch\'s own statistics (dotted) it is worse still, because two or four test images make a poor estimate of a mean and a variance. Layer norm does not depend on the batch at all. While the sweep waits, the dashboard trains the three networks live at batch 2: watch batch norm\'s test accuracy and the gap between running and batch statistics.',
      literature: 'Wu & He (2018), Group Normalization, Figure 1: ResNet-50 on ImageNet, batch norm\'s error rises from 23.6% at 32 images per GPU to 34.7% at 2, while group norm stays near 24% throughout. Ioffe (2017) traced the problem to the noisy batch statistics and the mismatch between training (batch statistics) and inference (running averages), and proposed batch renormalization.',
      measured: MEASURED_TEXT['small-batches'].en,
    },
    zh: {
      lead: '批归一化依赖批量：把批大小从 2 扫到 128，并与层归一化和无归一化比较。',
      look: '在扫描图中，每种归一化在看过相同数量样本后的最终测试准确率随批大小的变化。用滑动统计量评估的批归一化（实线）在最小的批量时崩溃；用每个测试批自身统计量评估（点线）时更差，因为两三张测试图像很难估计均值和方差。层归一化完全不依赖批量。扫描开始之前，仪表盘会以批大小 2 实时训练三个网络：观察批归一化的测试准确率，以及滑动统计量和批统计量之间的差距。',
      literature: 'Wu 与 He（2018）《Group Normalization》图 1：ImageNet 上的 ResNet-50，批归一化的错误率从每 GPU 32 张图像时的 23.6% 升到 2 张时的 34.7%，而组归一化始终在 24% 左右。Ioffe（2017）把问题归因于噪声很大的批统计量，以及训练（批统计量）与推理（滑动平均）之间的不一致，并提出了批再归一化。',
      measured: MEASURED_TEXT['small-batches'].zh,
    },
  },
  'high-lr': {
    en: {
      lead: 'Push the learning rate up: at lr 30 the plain sigmoid network stops learning, batch norm still trains.',
      look: 'The loss curves (tick "Log scale"): after the first steps the plain network\'s loss stays far above 2.3, the loss of guessing, at about 5 to 8 and jumping with every batch: each step overshoots, its sigmoids saturate and its test accuracy stays at chance. Batch norm\'s loss also jumps at first, then falls below 1 within about 500 steps and keeps falling. Try the variants: at lr 1 and 3 both train; at lr 10 the plain network trains with some seeds and not with others ("Run 8 seeds" shows which).',
      literature: 'Ioffe & Szegedy (2015) claimed batch norm allows much higher learning rates, because it makes a layer\'s output invariant to the scale of its weights (larger weights give smaller gradients). An independent implementation of this protocol found: lr 1 and 3 both about 0.97; lr 10 batch norm reaches 0.97 while the plain network stayed at chance (0.10) with its first seed; over six seeds of that PyTorch run the plain network left chance in 1 of 6 (0.57; one more reached 0.21); lr 30 batch norm still 0.94-0.95.',
      measured: MEASURED_TEXT['high-lr'].en,
    },
    zh: {
      lead: '提高学习率：在学习率 30 时，无归一化的 sigmoid 网络停止学习，批归一化仍在训练。',
      look: '看损失曲线（勾选“对数坐标”）：最初几步之后，无归一化网络的损失一直远高于随机猜测的 2.3，在 5 到 8 左右并随每个批次跳动：每一步都迈得太远，sigmoid 饱和，测试准确率停在随机水平。批归一化网络的损失起初也会跳高，随后在约 500 步内降到 1 以下并继续下降。试试各个变体：学习率 1 和 3 时两者都能训练；学习率 10 时无归一化网络有的种子能训练、有的不能（“运行 8 个种子”会显示是哪些）。',
      literature: 'Ioffe 与 Szegedy（2015）声称批归一化允许使用大得多的学习率，因为它让一层的输出与权重的尺度无关（权重越大，梯度越小）。对同一协议的独立实现发现：学习率 1 和 3 时两者都约为 0.97；学习率 10 时批归一化达到 0.97，而无归一化网络在第一个种子停在随机水平（0.10）；该 PyTorch 实现的 6 个种子中，无归一化网络只有 1 个脱离随机水平（0.57；另一个达到 0.21）；学习率 30 时批归一化仍有 0.94-0.95。',
      measured: MEASURED_TEXT['high-lr'].zh,
    },
  },
  'bad-init': {
    en: {
      lead: 'Initialise the weights 10x too small or 10x too large and see which network recovers.',
      look: 'The saturation view (the share of sigmoid outputs below 0.02 or above 0.98) and the loss. With weights N(0, 0.01²) the plain network\'s signals shrink layer by layer and its loss sits at 2.30 for a long time; batch norm rescales every layer\'s input to unit variance and trains at once. With N(0, 1) the plain network\'s sigmoids saturate from the start.',
      literature: 'Ioffe & Szegedy (2015) reported that batch norm makes training less sensitive to the initialisation. An independent implementation found: N(0, 0.01²) plain stuck at chance (0.10), batch norm 0.96; N(0, 1) plain 0.87, batch norm 0.90.',
      measured: MEASURED_TEXT['bad-init'].en,
    },
    zh: {
      lead: '把权重初始化得小 10 倍或大 10 倍，看哪个网络能恢复过来。',
      look: '看饱和度视图（sigmoid 输出低于 0.02 或高于 0.98 的比例）和损失。权重为 N(0, 0.01²) 时，无归一化网络的信号逐层缩小，损失长时间停在 2.30；批归一化把每一层的输入重新缩放到单位方差，立刻开始训练。权重为 N(0, 1) 时，无归一化网络的 sigmoid 从一开始就饱和。',
      literature: 'Ioffe 与 Szegedy（2015）报告批归一化让训练对初始化不那么敏感。独立实现发现：N(0, 0.01²) 时无归一化停在随机水平（0.10），批归一化 0.96；N(0, 1) 时无归一化 0.87，批归一化 0.90。',
      measured: MEASURED_TEXT['bad-init'].zh,
    },
  },
  placement: {
    en: {
      lead: 'Batch norm before the ReLU (as in the paper) or after it (as in the code of the tutorial “Batch Normalization原理与代码实例讲解”)?',
      look: 'The loss and accuracy curves of the two batch-norm networks, and in the layer moments the mean and variance of what each norm sees: before the activation it normalises W x + b; after it, the ReLU\'s non-negative outputs.',
      literature: 'Ioffe & Szegedy (2015) put batch norm before the nonlinearity, arguing that W x + b is more Gaussian than the nonlinearity\'s output. Many practitioners put it after the ReLU and report similar or slightly better results; there is no settled answer. An independent implementation (ReLU, He init) found: before 0.976-0.977, after 0.975-0.976.',
      measured: MEASURED_TEXT['placement'].en,
    },
    zh: {
      lead: '批归一化放在 ReLU 之前（如论文）还是之后（如《Batch Normalization原理与代码实例讲解》一文的代码）？',
      look: '看两个批归一化网络的损失和准确率曲线，以及层统计视图中每个归一化所见输入的均值和方差：放在激活之前时它归一化 W x + b；放在之后时它归一化 ReLU 的非负输出。',
      literature: 'Ioffe 与 Szegedy（2015）把批归一化放在非线性之前，理由是 W x + b 比非线性的输出更接近高斯分布。许多实践者把它放在 ReLU 之后，并报告结果相近或略好；这个问题没有定论。独立实现（ReLU，He 初始化）发现：之前 0.976-0.977，之后 0.975-0.976。',
      measured: MEASURED_TEXT['placement'].zh,
    },
  },
  article: {
    en: {
      lead: 'The model of the tutorial “Batch Normalization原理与代码实例讲解” (Batch Normalization: principles and a code walk-through): 784-256-10 with ReLU, batch norm after the activation, Adam, 10 epochs, ending with a classification report.',
      look: 'The accuracy curves of the two networks and, at the end, the classification report for the ten digits (precision, recall and F1 per digit) of each.',
      literature: 'The tutorial presents batch norm as an improvement for this model. An independent implementation found plain 0.973-0.976 and batch norm 0.972-0.974: for this small, shallow ReLU network trained with Adam, batch norm does not improve the result.',
      measured: MEASURED_TEXT['article'].en,
    },
    zh: {
      lead: '《Batch Normalization原理与代码实例讲解》一文的模型：784-256-10，ReLU，批归一化放在激活之后，Adam，10 个轮次，最后给出分类报告。',
      look: '看两个网络的准确率曲线，以及最后每个网络对十个数字的分类报告（每个数字的精确率、召回率和 F1）。',
      literature: '这篇文章把批归一化当作对这个模型的改进。独立实现发现无归一化 0.973-0.976，批归一化 0.972-0.974：对这个用 Adam 训练的小而浅的 ReLU 网络，批归一化并没有改善结果。',
      measured: MEASURED_TEXT['article'].zh,
    },
  },
  'deep-sigmoid': {
    en: {
      lead: 'Ten sigmoid layers: without batch norm the gradient vanishes on its way to the first layer.',
      look: 'The per-layer gradient view: the norm of each layer\'s weight gradient on a log scale. Without batch norm it falls by orders of magnitude from the last layer to the first, so the first layers barely move; with batch norm every layer\'s gradient is of the same order.',
      literature: 'The sigmoid\'s derivative is at most 1/4, so a gradient passing through many sigmoid layers shrinks geometrically (the vanishing-gradient problem; Glorot & Bengio, 2010). Batch norm keeps each layer\'s input in the sigmoid\'s steep region. An independent implementation found: plain stays at chance, its first-layer gradient norm about 1e-5 of the last layer\'s at step 100; batch norm 0.965, with gradient norms of the same order in every layer.',
      measured: MEASURED_TEXT['deep-sigmoid'].en,
    },
    zh: {
      lead: '十层 sigmoid：没有批归一化时，梯度在传到第一层的途中消失。',
      look: '看逐层梯度视图：每层权重梯度的范数（对数刻度）。没有批归一化时，它从最后一层到第一层下降好几个数量级，前几层几乎不动；有批归一化时每一层的梯度都在同一量级。',
      literature: 'sigmoid 的导数最大为 1/4，所以穿过许多 sigmoid 层的梯度会按几何级数缩小（梯度消失问题；Glorot 与 Bengio，2010）。批归一化让每一层的输入保持在 sigmoid 的陡峭区域。独立实现发现：无归一化停在随机水平，第 100 步时第一层的梯度范数约为最后一层的 1e-5；批归一化达到 0.965，每一层的梯度范数都在同一量级。',
      measured: MEASURED_TEXT['deep-sigmoid'].zh,
    },
  },
  ...CNN_EXPLANATIONS,
};
