// The runs' names, one table for every dictionary that shows them (the page's and the charts').
// Keys are `run.<run kind>` (see session/run-kinds).
import type { NormKind } from '../../engine/types';

export const RUN_NAMES_EN = {
  'run.plain': 'Plain',
  'run.batch': 'Batch norm',
  'run.layer': 'Layer norm',
  'run.renorm': 'Batch renorm',
  'run.group': 'Group norm',
  'run.batch-pre': 'BN before activation',
  'run.batch-post': 'BN after activation',
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
};

/** The name of a sweep's norm (`none` is the plain network). */
export const NORM_NAME_KEY: Readonly<Record<NormKind, RunNameKey>> = {
  none: 'run.plain', batch: 'run.batch', layer: 'run.layer', renorm: 'run.renorm', group: 'run.group',
};
