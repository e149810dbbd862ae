// Runs that keep their own settings (session/run-spec.ts) in the sidebar: the variants' list and
// "Compare a change" (state/compare-change.ts).
export const compareEn = {
  'compare.button': 'Compare a change',
  'compare.hint': 'Adds a copy of the batch-norm run that keeps the value you last changed (ε, BN momentum, batch size, learning rate, SGD momentum or weight decay), puts that setting back where the runs started, and starts every run again from the same weights on the same batches: the pair differs only in that setting. Later changes apply to every run that does not keep its own value.',
  'compare.refused.no-change': 'Change ε, BN momentum, batch size, learning rate, SGD momentum or weight decay first: Compare a change puts the new value beside the old one.',
  'compare.refused.same': 'That setting is back at the value the runs started with: nothing to compare.',
  'compare.refused.full': 'At most 8 runs side by side: remove one first.',
  'compare.refused.exists': 'That run is already training.',
  'compare.added': 'Added {run}; the other runs are back at {value}. Every run started again from the same weights.',
  'runs.own': 'Runs with their own settings',
  'runs.remove': 'Remove {run}',
} as const;

export const compareZh: Record<keyof typeof compareEn, string> = {
  'compare.button': '对比一次改动',
  'compare.hint': '复制批归一化网络，让它保留你最后改动的值（ε、BN 动量、批大小、学习率、SGD 动量或权重衰减），把该设置恢复为训练开始时的值，并让所有网络从相同权重、相同批次重新开始：两者只差这一项设置。之后的改动作用于所有未保留自己取值的网络。',
  'compare.refused.no-change': '请先改动 ε、BN 动量、批大小、学习率、SGD 动量或权重衰减：“对比一次改动”会把新值放在旧值旁边。',
  'compare.refused.same': '该设置已回到训练开始时的值：没有可对比的改动。',
  'compare.refused.full': '最多同时训练 8 个网络：请先移除一个。',
  'compare.refused.exists': '这个网络已在训练。',
  'compare.added': '已添加 {run}；其余网络恢复为 {value}。所有网络从相同权重重新开始。',
  'runs.own': '保留自己设置的网络',
  'runs.remove': '移除 {run}',
};
