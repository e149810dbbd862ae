// What each experiment's explanation says, in English and 简体中文: a lead line (also the menu's),
// what to look for in the charts, what the literature reports, and what NormScope measured with the
// preset's protocol (`npm run -s experiments -- NAME`, two seeds; docs/results/experiments/*.jsonl),
// including where a claim does not hold here.
import type { PresetName } from './index';

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
      measured: 'Seed 1, whole test set: with batch norm 0.912, 0.956 and 0.980 after 1k, 5k and 50k steps; without it 0.459, 0.913 and 0.973. Seed 2 at 5k steps: 0.949 with, 0.913 without. The plain network\'s bands widen from [-0.53, 0.39] to [-1.34, 1.43]; with batch norm the median stays within 0.06 of 0, but the bands also widen slowly (±1.3 to ±2.0) as gamma learns: the distribution is stable in shape, not frozen.',
    },
    zh: {
      lead: '论文中的 MNIST 实验：三层各 100 个 sigmoid 单元，有无批归一化，训练 50,000 步。',
      look: '图（a）：批归一化更快达到更高的测试准确率。图（b）（c）：最后一个隐藏层某个 sigmoid 输入的第 15、50、85 百分位数。没有批归一化时它们在训练中不断漂移，下一层看到的分布一直在变；有批归一化时它们稳定在 0 附近。',
      literature: 'Ioffe 与 Szegedy（2015）图 1：批归一化网络训练更快、准确率更高，sigmoid 的输入也稳定得多；他们把这种漂移称为“内部协变量偏移”。后来 Santurkar 等（2018）认为好处来自更平滑的损失曲面，而不是消除了这种偏移。',
      measured: '种子 1，完整测试集：有批归一化时 1k、5k、50k 步后分别为 0.912、0.956、0.980；没有时为 0.459、0.913、0.973。种子 2 在 5k 步：有 0.949，无 0.913。无归一化网络的色带从 [-0.53, 0.39] 扩展到 [-1.34, 1.43]；有批归一化时中位数始终在 0 附近 0.06 以内，但随着 gamma 的学习，色带也会缓慢变宽（±1.3 到 ±2.0）：分布的形状稳定，但并非一成不变。',
    },
  },
  'small-batches': {
    en: {
      lead: 'Batch norm needs batches: sweep the batch size from 2 to 128 and compare with layer norm and no norm.',
      look: 'In the sweep chart, final test accuracy against batch size for each norm, after the same number of examples. Batch norm evaluated with its running statistics (solid) collapses at the smallest batches; evaluated with each test batch\'s own statistics (dotted) it is worse still, because two or four test images make a poor estimate of a mean and a variance. Layer norm does not depend on the batch at all. While the sweep waits, the dashboard trains the three networks live at batch 2: watch batch norm\'s test accuracy and the gap between running and batch statistics.',
      literature: 'Wu & He (2018), Group Normalization, Figure 1: ResNet-50 on ImageNet, batch norm\'s error rises from 23.6% at 32 images per GPU to 34.7% at 2, while group norm stays near 24% throughout. Ioffe (2017) traced the problem to the noisy batch statistics and the mismatch between training (batch statistics) and inference (running averages), and proposed batch renormalization.',
      measured: 'npm run -s sweep, 240,000 examples per run, seeds 1 / 2 (docs/results/sweep-seed*.jsonl). Batch 2: plain 0.959 / 0.958, layer norm 0.960 / 0.960, batch norm 0.640 / 0.644 with running statistics (0.407 / 0.416 with batch statistics): the collapse. Batch 4: batch norm 0.938 / 0.937 against plain 0.958 and layer norm 0.962 / 0.959. Batch 8: layer norm 0.964 / 0.959 is ahead of batch norm 0.963 / 0.957 with both seeds, so "best from batch 8" does not hold here. From batch 16 to 128 batch norm is the best of the three with both seeds (0.961-0.968; plain 0.938-0.959, layer norm 0.934-0.963).',
    },
    zh: {
      lead: '批归一化依赖批量：把批大小从 2 扫到 128，并与层归一化和无归一化比较。',
      look: '在扫描图中，每种归一化在看过相同数量样本后的最终测试准确率随批大小的变化。用滑动统计量评估的批归一化（实线）在最小的批量时崩溃；用每个测试批自身统计量评估（点线）时更差，因为两三张测试图像很难估计均值和方差。层归一化完全不依赖批量。扫描开始之前，仪表盘会以批大小 2 实时训练三个网络：观察批归一化的测试准确率，以及滑动统计量和批统计量之间的差距。',
      literature: 'Wu 与 He（2018）《Group Normalization》图 1：ImageNet 上的 ResNet-50，批归一化的错误率从每 GPU 32 张图像时的 23.6% 升到 2 张时的 34.7%，而组归一化始终在 24% 左右。Ioffe（2017）把问题归因于噪声很大的批统计量，以及训练（批统计量）与推理（滑动平均）之间的不一致，并提出了批再归一化。',
      measured: 'npm run -s sweep，每次运行 240,000 个样本，种子 1 / 2（docs/results/sweep-seed*.jsonl）。批大小 2：无归一化 0.959 / 0.958，层归一化 0.960 / 0.960，批归一化用滑动统计量 0.640 / 0.644（用批统计量 0.407 / 0.416）：崩溃。批大小 4：批归一化 0.938 / 0.937，对比无归一化 0.958 和层归一化 0.962 / 0.959。批大小 8：两个种子下层归一化 0.964 / 0.959 都领先于批归一化 0.963 / 0.957，所以“从批大小 8 起最好”在这里不成立。批大小 16 到 128 时，两个种子下批归一化都是三者中最好的（0.961-0.968；无归一化 0.938-0.959，层归一化 0.934-0.963）。',
    },
  },
  'high-lr': {
    en: {
      lead: 'Push the learning rate up: at lr 30 the plain sigmoid network stops learning, batch norm still trains.',
      look: 'The loss curves (tick "Log scale"): after the first steps the plain network\'s loss stays far above 2.3, the loss of guessing, at about 5 to 8 and jumping with every batch: each step overshoots, its sigmoids saturate and its test accuracy stays at chance. Batch norm\'s loss also jumps at first, then falls below 1 within about 500 steps and keeps falling. Try the variants: at lr 1 and 3 both train; at lr 10 both still train here.',
      literature: 'Ioffe & Szegedy (2015) claimed batch norm allows much higher learning rates, because it makes a layer\'s output invariant to the scale of its weights (larger weights give smaller gradients). An independent implementation of this protocol found: lr 1 and 3 both about 0.97; lr 10 plain stays at chance (0.10) while batch norm reaches 0.97; lr 30 batch norm still 0.94-0.95.',
      measured: 'Test accuracy after 5,000 steps, seeds 1 and 2. lr 1: plain 0.971 / 0.958, batch norm 0.973 / 0.967. lr 3: 0.970 / 0.962 against 0.973 / 0.970. lr 10: plain 0.930 / 0.949, batch norm 0.969 / 0.963: here the plain network still trains at lr 10, unlike the independent run; the claim holds from lr 30: plain 0.101 / 0.101 (chance), batch norm 0.951 / 0.944.',
    },
    zh: {
      lead: '提高学习率：在学习率 30 时，无归一化的 sigmoid 网络停止学习，批归一化仍在训练。',
      look: '看损失曲线（勾选“对数坐标”）：最初几步之后，无归一化网络的损失一直远高于随机猜测的 2.3，在 5 到 8 左右并随每个批次跳动：每一步都迈得太远，sigmoid 饱和，测试准确率停在随机水平。批归一化网络的损失起初也会跳高，随后在约 500 步内降到 1 以下并继续下降。试试各个变体：学习率 1 和 3 时两者都能训练；在这里学习率 10 时两者也都还能训练。',
      literature: 'Ioffe 与 Szegedy（2015）声称批归一化允许使用大得多的学习率，因为它让一层的输出与权重的尺度无关（权重越大，梯度越小）。对同一协议的独立实现发现：学习率 1 和 3 时两者都约为 0.97；学习率 10 时无归一化停在随机水平（0.10），批归一化达到 0.97；学习率 30 时批归一化仍有 0.94-0.95。',
      measured: '5,000 步后的测试准确率，种子 1 和 2。学习率 1：无归一化 0.971 / 0.958，批归一化 0.973 / 0.967。学习率 3：0.970 / 0.962 对 0.973 / 0.970。学习率 10：无归一化 0.930 / 0.949，批归一化 0.969 / 0.963：与独立实现不同，这里无归一化网络在学习率 10 时仍能训练；从学习率 30 起结论成立：无归一化 0.101 / 0.101（随机水平），批归一化 0.951 / 0.944。',
    },
  },
  'bad-init': {
    en: {
      lead: 'Initialise the weights 10x too small or 10x too large and see which network recovers.',
      look: 'The saturation view (the share of sigmoid outputs below 0.02 or above 0.98) and the loss. With weights N(0, 0.01²) the plain network\'s signals shrink layer by layer and its loss sits at 2.30 for a long time; batch norm rescales every layer\'s input to unit variance and trains at once. With N(0, 1) the plain network\'s sigmoids saturate from the start.',
      literature: 'Ioffe & Szegedy (2015) reported that batch norm makes training less sensitive to the initialisation. An independent implementation found: N(0, 0.01²) plain stuck at chance (0.10), batch norm 0.96; N(0, 1) plain 0.87, batch norm 0.90.',
      measured: 'Test accuracy after 5,000 steps, seeds 1 and 2. N(0, 0.01²): plain 0.114 / 0.114 (it predicts one digit for every image: 11.35% of the test set is a 1), batch norm 0.962 / 0.955. N(0, 1): plain 0.879 / 0.870, batch norm 0.901 / 0.902. Both claims hold here; the too-large case hurts both networks, batch norm less.',
    },
    zh: {
      lead: '把权重初始化得小 10 倍或大 10 倍，看哪个网络能恢复过来。',
      look: '看饱和度视图（sigmoid 输出低于 0.02 或高于 0.98 的比例）和损失。权重为 N(0, 0.01²) 时，无归一化网络的信号逐层缩小，损失长时间停在 2.30；批归一化把每一层的输入重新缩放到单位方差，立刻开始训练。权重为 N(0, 1) 时，无归一化网络的 sigmoid 从一开始就饱和。',
      literature: 'Ioffe 与 Szegedy（2015）报告批归一化让训练对初始化不那么敏感。独立实现发现：N(0, 0.01²) 时无归一化停在随机水平（0.10），批归一化 0.96；N(0, 1) 时无归一化 0.87，批归一化 0.90。',
      measured: '5,000 步后的测试准确率，种子 1 和 2。N(0, 0.01²)：无归一化 0.114 / 0.114（它对每张图像都预测同一个数字：测试集中 11.35% 是 1），批归一化 0.962 / 0.955。N(0, 1)：无归一化 0.879 / 0.870，批归一化 0.901 / 0.902。两个结论在这里都成立；过大的初始化对两个网络都有损害，对批归一化的损害较小。',
    },
  },
  placement: {
    en: {
      lead: 'Batch norm before the ReLU (as in the paper) or after it (as in the seed article\'s code)?',
      look: 'The loss and accuracy curves of the two batch-norm networks, and in the layer moments the mean and variance of what each norm sees: before the activation it normalises W x + b; after it, the ReLU\'s non-negative outputs.',
      literature: 'Ioffe & Szegedy (2015) put batch norm before the nonlinearity, arguing that W x + b is more Gaussian than the nonlinearity\'s output. Many practitioners put it after the ReLU and report similar or slightly better results; there is no settled answer. An independent implementation (ReLU, He init) found: before 0.976-0.977, after 0.975-0.976.',
      measured: 'Test accuracy after 5,000 steps, seeds 1 and 2: before the ReLU 0.979 / 0.976, after it 0.974 / 0.977. The seeds disagree on which is better; the difference (at most 0.5 points) is within the spread between seeds. No real difference, as the independent run found.',
    },
    zh: {
      lead: '批归一化放在 ReLU 之前（如论文）还是之后（如种子文章的代码）？',
      look: '看两个批归一化网络的损失和准确率曲线，以及层统计视图中每个归一化所见输入的均值和方差：放在激活之前时它归一化 W x + b；放在之后时它归一化 ReLU 的非负输出。',
      literature: 'Ioffe 与 Szegedy（2015）把批归一化放在非线性之前，理由是 W x + b 比非线性的输出更接近高斯分布。许多实践者把它放在 ReLU 之后，并报告结果相近或略好；这个问题没有定论。独立实现（ReLU，He 初始化）发现：之前 0.976-0.977，之后 0.975-0.976。',
      measured: '5,000 步后的测试准确率，种子 1 和 2：放在 ReLU 之前 0.979 / 0.976，之后 0.974 / 0.977。两个种子对哪个更好意见不一；差别（最多 0.5 个百分点）在种子之间的波动范围内。与独立实现一致：没有实质差别。',
    },
  },
  article: {
    en: {
      lead: 'The seed article\'s model: 784-256-10 with ReLU, batch norm after the activation, Adam, 10 epochs, ending with a classification report.',
      look: 'The accuracy curves of the two networks and, at the end, the classification report for the ten digits (precision, recall and F1 per digit) of each.',
      literature: 'The seed article presents batch norm as an improvement for this model. An independent implementation found plain 0.973-0.976 and batch norm 0.972-0.974: for this small, shallow ReLU network trained with Adam, batch norm does not improve the result.',
      measured: 'Test accuracy after 10 epochs (18,750 steps), seeds 1 and 2: plain 0.973 / 0.971, batch norm 0.972 / 0.976. One seed favours each network; the means (0.972 against 0.974) are within the seeds\' spread. Batch norm does not clearly improve this model, whatever the article says.',
    },
    zh: {
      lead: '种子文章的模型：784-256-10，ReLU，批归一化放在激活之后，Adam，10 个轮次，最后给出分类报告。',
      look: '看两个网络的准确率曲线，以及最后每个网络对十个数字的分类报告（每个数字的精确率、召回率和 F1）。',
      literature: '种子文章把批归一化当作对这个模型的改进。独立实现发现无归一化 0.973-0.976，批归一化 0.972-0.974：对这个用 Adam 训练的小而浅的 ReLU 网络，批归一化并没有改善结果。',
      measured: '10 个轮次（18,750 步）后的测试准确率，种子 1 和 2：无归一化 0.973 / 0.971，批归一化 0.972 / 0.976。两个种子各偏向一个网络；平均值（0.972 对 0.974）在种子间的波动范围内。无论文章怎么说，批归一化都没有明显改善这个模型。',
    },
  },
  'deep-sigmoid': {
    en: {
      lead: 'Ten sigmoid layers: without batch norm the gradient vanishes on its way to the first layer.',
      look: 'The per-layer gradient view: the norm of each layer\'s weight gradient on a log scale. Without batch norm it falls by orders of magnitude from the last layer to the first, so the first layers barely move; with batch norm every layer\'s gradient is of the same order.',
      literature: 'The sigmoid\'s derivative is at most 1/4, so a gradient passing through many sigmoid layers shrinks geometrically (the vanishing-gradient problem; Glorot & Bengio, 2010). Batch norm keeps each layer\'s input in the sigmoid\'s steep region. An independent implementation found: plain stays at chance, its first-layer gradient norm about 1e-5 of the last layer\'s at step 100; batch norm 0.965, with gradient norms of the same order in every layer.',
      measured: 'Test accuracy after 5,000 steps, seeds 1 and 2: plain 0.114 / 0.114 (one digit for every image), batch norm 0.966 / 0.957. At step 100 the plain network\'s weight-gradient norm falls about fourfold per layer, from 0.17 / 0.23 at the last hidden layer to 9.6e-7 / 9.5e-7 at the first: 5.8e-6 / 4.2e-6 of the last. With batch norm every hidden layer\'s norm lies between 0.29 and 1.03. The claim holds.',
    },
    zh: {
      lead: '十层 sigmoid：没有批归一化时，梯度在传到第一层的途中消失。',
      look: '看逐层梯度视图：每层权重梯度的范数（对数刻度）。没有批归一化时，它从最后一层到第一层下降好几个数量级，前几层几乎不动；有批归一化时每一层的梯度都在同一量级。',
      literature: 'sigmoid 的导数最大为 1/4，所以穿过许多 sigmoid 层的梯度会按几何级数缩小（梯度消失问题；Glorot 与 Bengio，2010）。批归一化让每一层的输入保持在 sigmoid 的陡峭区域。独立实现发现：无归一化停在随机水平，第 100 步时第一层的梯度范数约为最后一层的 1e-5；批归一化达到 0.965，每一层的梯度范数都在同一量级。',
      measured: '5,000 步后的测试准确率，种子 1 和 2：无归一化 0.114 / 0.114（对每张图像都预测同一个数字），批归一化 0.966 / 0.957。第 100 步时，无归一化网络的权重梯度范数每层约缩小四倍，从最后一个隐藏层的 0.17 / 0.23 降到第一层的 9.6e-7 / 9.5e-7：是最后一层的 5.8e-6 / 4.2e-6。有批归一化时，每个隐藏层的梯度范数都在 0.29 到 1.03 之间。结论成立。',
    },
  },
};
