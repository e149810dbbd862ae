// The loss-landscape view's and its control's words in English and Simplified Chinese, spread into
// i18n.ts's dictionaries like i18n-charts.ts (same rules: every key in both languages, `{name}`
// placeholders, math notation left as is). The English figure title is what the browser test finds.

export const landscapeEn = {
  'section.measure': 'Measurements',
  'ctl.landscapeEvery': 'Landscape every N steps',
  'ctl.landscapeEvery.help': '0 = off. Each measurement costs 9 + L forward-backward passes per run (L hidden layers).',

  'land.title': 'Loss landscape',
  'land.sub': '— along the gradient, and internal covariate shift (Santurkar et al., 2018)',
  'land.panel.loss': 'Loss L(w − ηg): range over η',
  'land.panel.gradPred': 'Gradient predictiveness ‖∇L(w − ηg) − g‖',
  'land.panel.beta': 'Effective β-smoothness',
  'land.panel.icsDist': 'ICS ‖G − G′‖, {layer}',
  'land.panel.icsCos': 'ICS cos(G, G′), {layer}',
  'land.layer': 'ICS layer',
  'land.layerN': 'layer {layer}',
  'land.output': 'output layer',
  'land.range': 'range over η',
  'land.atW': 'loss at w',
  'land.tipRange': 'range {lo} – {hi}',
  'land.off': 'The loss landscape is not being measured (it costs training time).',
  'land.turnOn': 'Measure every {n} steps',
  'land.turnOff': 'Stop measuring',
  'land.waiting': 'Waiting for the first measurement (every {n} steps)…',
  'land.cost': 'Measuring takes {percent}% of training time, {ms} ms each (every {n} steps).',
  'land.costOff': 'Not measuring now: the curves stop where it was turned off.',
  'land.note': 'Every N steps, before the update and on the batch that step trains on: g is the mini-batch gradient at the weights w, and for 8 step sizes η from 0.5 to 4 times the learning rate the loss and its gradient are taken at w − ηg. Bands: the range over η; β-smoothness: the largest ‖∇L(w − ηg) − g‖ / ‖ηg‖. Santurkar et al. found both smaller with batch norm: a smoother landscape. ICS (their Definition 2.1): a layer\'s gradient G at w against G′, its gradient once the layers below it took their SGD step w − lr·g (whatever the optimizer). Layer 1 has no layers below it: 0 and 1.',
  'land.aria': 'Loss range, gradient predictiveness, β-smoothness and ICS against the step',
} as const;

export const landscapeZh: Record<keyof typeof landscapeEn, string> = {
  'section.measure': '测量',
  'ctl.landscapeEvery': '损失曲面：每 N 步测量一次',
  'ctl.landscapeEvery.help': '0 = 关闭。每次测量每个网络需要 9 + L 次前向-反向传播（L 为隐藏层数）。',

  'land.title': '损失曲面',
  'land.sub': '— 沿梯度方向，以及内部协变量偏移（Santurkar 等，2018）',
  'land.panel.loss': '损失 L(w − ηg)：在 η 上的范围',
  'land.panel.gradPred': '梯度可预测性 ‖∇L(w − ηg) − g‖',
  'land.panel.beta': '有效 β-光滑度',
  'land.panel.icsDist': 'ICS ‖G − G′‖，{layer}',
  'land.panel.icsCos': 'ICS cos(G, G′)，{layer}',
  'land.layer': 'ICS 所在层',
  'land.layerN': '第 {layer} 层',
  'land.output': '输出层',
  'land.range': '在 η 上的范围',
  'land.atW': 'w 处的损失',
  'land.tipRange': '范围 {lo} – {hi}',
  'land.off': '当前未测量损失曲面（测量会占用训练时间）。',
  'land.turnOn': '每 {n} 步测量一次',
  'land.turnOff': '停止测量',
  'land.waiting': '等待第一次测量（每 {n} 步一次）…',
  'land.cost': '测量占训练时间的 {percent}%，每次 {ms} 毫秒（每 {n} 步一次）。',
  'land.costOff': '当前未测量：曲线停在关闭测量的位置。',
  'land.note': '每 N 步，在参数更新之前，用该步将要训练的批次：g 是权重 w 处的小批量梯度；对从学习率的 0.5 倍到 4 倍的 8 个步长 η，计算 w − ηg 处的损失及其梯度。色带：在各 η 上的范围；β-光滑度：‖∇L(w − ηg) − g‖ / ‖ηg‖ 的最大值。Santurkar 等人发现批归一化使两者都更小：损失曲面更光滑。ICS（其定义 2.1）：某层在 w 处的梯度 G，与其下方各层走完 SGD 一步 w − lr·g 之后（无论使用哪种优化器）该层的梯度 G′ 相比较。第 1 层下方没有层：距离为 0，余弦为 1。',
  'land.aria': '损失范围、梯度可预测性、β-光滑度与 ICS 随训练步的变化',
};
