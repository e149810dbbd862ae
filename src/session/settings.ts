// The settings of a training run, as one typed table. The same table parses and writes command-line
// flags (scripts/train.ts) and, later, the page's URL: each entry knows its flag, its default, what it
// accepts, and whether changing it needs new weights ('reset') or applies at the next step ('live').
import type { NormKind } from '../engine/types';

export type DatasetName = 'mnist' | 'spiral' | 'circles' | 'xor' | 'gauss';

export interface TrainSettings {
  dataset: DatasetName;
  hidden: number[];
  act: 'sigmoid' | 'tanh' | 'relu';
  norm: NormKind;
  placement: 'pre' | 'post';
  eps: number;
  momentum: number;
  batch: number;
  optimizer: 'sgd' | 'adam';
  lr: number;
  sgdMomentum: number;
  weightDecay: number;
  init: string;
  steps: number;
  evalEvery: number;
  seed: number;
  noise: number;
  /** Group norm's groups per layer; 0 = each layer's default (engine/groupnorm.ts defaultGroups). */
  groups: number;
  /** Measure the loss landscape along the gradient and ICS every N steps (0 = off). */
  landscapeEvery: number;
}

type Key = keyof TrainSettings;
export type Applies = 'live' | 'reset';

interface SettingBase<K extends Key> {
  key: K;
  flag: string;
  help: string;
  applies: Applies;
}

export type SettingDef = {
  [K in Key]: SettingBase<K> & {
    /** Parses a flag or URL value; returns the value or a message saying what is accepted. */
    parse(text: string): { ok: true; value: TrainSettings[K] } | { ok: false; accepted: string };
    format(value: TrainSettings[K]): string;
  };
}[Key];

type Result<T> = { ok: true; value: T } | { ok: false; accepted: string };

function choice<K extends Key>(key: K, flag: string, options: readonly string[], applies: Applies, help: string): SettingDef {
  const accepted = options.join('|');
  return {
    key, flag, help: `${help} (${accepted})`, applies,
    parse: (t: string) => (options.includes(t) ? { ok: true, value: t } : { ok: false, accepted }) as Result<TrainSettings[K]>,
    format: (v: TrainSettings[K]) => String(v),
  } as unknown as SettingDef;
}

function num<K extends Key>(
  key: K, flag: string, applies: Applies, help: string,
  { min, max, minExclusive = false, integer = false }: { min: number; max: number; minExclusive?: boolean; integer?: boolean },
): SettingDef {
  const lo = minExclusive ? `> ${min}` : `>= ${min}`;
  const accepted = `${integer ? 'an integer' : 'a number'} ${lo}${Number.isFinite(max) ? ` and <= ${max}` : ''}`;
  return {
    key, flag, help, applies,
    parse: (t: string): Result<number> => {
      const v = t.trim() === '' ? NaN : Number(t);
      const inRange = Number.isFinite(v) && (minExclusive ? v > min : v >= min) && v <= max && (!integer || Number.isInteger(v));
      return inRange ? { ok: true, value: v } : { ok: false, accepted };
    },
    format: (v: number) => String(v),
  } as unknown as SettingDef;
}

/** Largest layer we accept: beyond this the page would run out of memory long before it learned anything. */
export const MAX_UNITS = 4096;
/** Deep enough for the ten-layer sigmoid experiment with room to spare; deeper nets learn nothing here. */
export const MAX_LAYERS = 16;

export const SETTINGS: readonly SettingDef[] = [
  choice('dataset', 'dataset', ['mnist', 'spiral', 'circles', 'xor', 'gauss'], 'reset', 'data set'),
  {
    key: 'hidden', flag: 'hidden', applies: 'reset', help: 'hidden layer sizes, comma-separated (e.g. 100,100,100)',
    parse: (t: string): Result<number[]> => {
      const accepted = `comma-separated layer sizes, 1 to ${MAX_LAYERS} integers from 1 to ${MAX_UNITS} (e.g. 100,100,100)`;
      const parts = t.split(',').map((s) => s.trim());
      const values = parts.map(Number);
      const ok = parts.length >= 1 && parts.length <= MAX_LAYERS && parts.every((s) => /^\d+$/.test(s))
        && values.every((v) => v >= 1 && v <= MAX_UNITS);
      return ok ? { ok: true, value: values } : { ok: false, accepted };
    },
    format: (v: number[]) => v.join(','),
  },
  choice('act', 'act', ['sigmoid', 'tanh', 'relu'], 'reset', 'activation of the hidden layers'),
  choice('norm', 'norm', ['none', 'batch', 'layer', 'renorm', 'group'], 'reset', 'normalization of the hidden layers'),
  choice('placement', 'placement', ['pre', 'post'], 'reset', 'norm before (pre) or after (post) the activation'),
  num('groups', 'groups', 'reset', 'group norm: groups per layer, dividing every layer size (0 = the largest divisor up to 32 leaving 8+ units a group)', { min: 0, max: MAX_UNITS, integer: true }),
  num('eps', 'eps', 'live', 'epsilon added to the variance', { min: 0, max: 10, minExclusive: true }),
  num('momentum', 'momentum', 'live', 'running-statistics momentum (PyTorch convention: weight of the new batch)', { min: 0, max: 1 }),
  num('batch', 'batch', 'live', 'mini-batch size', { min: 1, max: 60000, integer: true }),
  choice('optimizer', 'optimizer', ['sgd', 'adam'], 'reset', 'optimizer'),
  num('lr', 'lr', 'live', 'learning rate', { min: 0, max: 100, minExclusive: true }),
  num('sgdMomentum', 'sgd-momentum', 'live', 'SGD momentum (0 = plain SGD)', { min: 0, max: 0.9999 }),
  num('weightDecay', 'weight-decay', 'live', 'L2 weight decay, on every parameter', { min: 0, max: 1 }),
  {
    key: 'init', flag: 'init', applies: 'reset', help: 'weight init (normal:STD|xavier|he)',
    parse: (t: string): Result<string> => {
      const accepted = 'normal:STD with 0 < STD <= 100, xavier or he';
      if (t === 'xavier' || t === 'he') return { ok: true, value: t };
      const m = /^normal:(.+)$/.exec(t);
      const std = m ? Number(m[1]) : NaN;
      return Number.isFinite(std) && std > 0 && std <= 100 ? { ok: true, value: t } : { ok: false, accepted };
    },
    format: (v: string) => v,
  },
  num('steps', 'steps', 'live', 'training steps', { min: 1, max: 1e8, integer: true }),
  num('evalEvery', 'eval-every', 'live', 'evaluate every N steps', { min: 1, max: 1e8, integer: true }),
  num('seed', 'seed', 'reset', 'seed of the weights and the batch order', { min: 0, max: 2 ** 32 - 1, integer: true }),
  num('noise', 'noise', 'reset', 'noise of the 2-D data sets (standard deviation)', { min: 0, max: 2 }),
  num('landscapeEvery', 'landscape-every', 'live',
    'measure the loss landscape along the gradient and ICS (Santurkar et al. 2018) every N steps, 0 = off; '
    + 'each measurement costs 9 + L forward-backward passes per run (L hidden layers)',
    { min: 0, max: 100_000, integer: true }),
];

export const SETTING_BY_FLAG: ReadonlyMap<string, SettingDef> = new Map(SETTINGS.map((s) => [s.flag, s]));

export const DEFAULT_SETTINGS: Readonly<TrainSettings> = {
  dataset: 'mnist', hidden: [100, 100], act: 'relu', norm: 'batch', placement: 'pre', eps: 1e-5, momentum: 0.1,
  batch: 60, optimizer: 'sgd', lr: 0.1, sgdMomentum: 0, weightDecay: 0, init: 'he', steps: 2000, evalEvery: 500,
  seed: 1, noise: 0.1, groups: 0, landscapeEvery: 0,
};
