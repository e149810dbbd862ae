// The runs' names, one table for every dictionary that shows them (the page's and the charts').
// Keys are `run.<run kind>` (see session/run-kinds), and `run.own.<setting>`: the short name of a
// setting a run keeps its own value of, as the legend shows it ("Batch norm · ε 1", session/run-spec.ts).
import type { NormKind } from '../../engine/types';

export const RUN_NAMES_EN = {
  'run.plain': 'Plain',
  'run.batch': 'Batch norm',
  'run.layer': 'Layer norm',
  'run.renorm': 'Batch renorm',
  'run.group': 'Group norm',
  'run.batch-pre': 'BN before activation',
  'run.batch-post': 'BN after activation',
  'run.own.placement': 'placement',
  'run.own.eps': 'ε',
  'run.own.momentum': 'BN momentum',
  'run.own.batch': 'batch',
  'run.own.lr': 'lr',
  'run.own.sgdMomentum': 'SGD momentum',
  'run.own.weightDecay': 'weight decay',
} as const;

export type RunNameKey = keyof typeof RUN_NAMES_EN;

export const RUN_NAMES_ZH: Record<RunNameKey, string> = {
  'run.plain': '无归一化',
  'run.batch': '批归一化',
  'run.layer': '层归一化',
  'run.renorm': '批再归一化',
  'run.group': '组归一化',
  'run.batch-pre': '批归一化（激活前）',
  'run.batch-post': '批归一化（激活后）',
  'run.own.placement': '位置',
  'run.own.eps': 'ε',
  'run.own.momentum': 'BN 动量',
  'run.own.batch': '批大小',
  'run.own.lr': '学习率',
  'run.own.sgdMomentum': 'SGD 动量',
  'run.own.weightDecay': '权重衰减',
};

/** The name of a sweep's norm (`none` is the plain network). */
export const NORM_NAME_KEY: Readonly<Record<NormKind, RunNameKey>> = {
  none: 'run.plain', batch: 'run.batch', layer: 'run.layer', renorm: 'run.renorm', group: 'run.group',
};
