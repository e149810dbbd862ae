// Command-line options of `npm run bench`. Pure: a mistake is a UsageError (cli/start.ts prints it).
import { positiveFlag, readFlags, UsageError } from '../cli/flags';
import { ALL_IMPLS, type ImplId } from './types';
import { DEFAULT_WORKLOADS, type BenchNorm, type WorkloadId } from './workloads';

export interface BenchArgs {
  json: boolean;
  impls: ImplId[];
  workloads: Array<[WorkloadId, BenchNorm]>;
  trials: number;
  trialSeconds: number;
  warmupSeconds: number;
  /** Cap on the trials of one configuration together (fewer trials, at least 3, when exceeded). */
  maxTrialsSeconds: number;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [options]
  --json                 print exactly one JSON object (progress goes to stderr); npm adds its own
                         "> normscope bench" banner to stdout, so use npm run -s bench -- --json
  --only LIST            implementations to run, comma-separated: normscope (or ours: the SIMD
                         kernels where available), normscope-ts (or ts: the pure TypeScript kernels),
                         tfjs-cpu, tfjs-wasm, tfjs (= both TF.js backends). Default: all four.
  --workloads LIST       e.g. W1 or W1:batch,W2:none (default W1:batch,W1:none,W2:batch,W2:none,W3:batch,W3:none)
  --trials N             timed trials per configuration, median reported (default 5)
  --trial-seconds S      target duration of one trial (default 1.5)
  --warmup-seconds S     calibration time after 2 untimed steps (default 0.75)
  --max-trials-seconds S cap on all trials of one configuration: slower ones run fewer trials,
                         at least 3 (default 12; only TF.js-cpu on W2 is that slow)
  --help`;

function parseImpls(list: string): ImplId[] {
  const out = new Set<ImplId>();
  for (const raw of list.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    if (raw === 'ours' || raw === 'normscope') out.add('normscope');
    else if (raw === 'ts' || raw === 'normscope-ts') out.add('normscope-ts');
    else if (raw === 'tfjs') { out.add('tfjs-cpu'); out.add('tfjs-wasm'); }
    else if (raw === 'cpu' || raw === 'tfjs-cpu') out.add('tfjs-cpu');
    else if (raw === 'wasm' || raw === 'tfjs-wasm') out.add('tfjs-wasm');
    else throw new UsageError(`unknown implementation "${raw}" (normscope, normscope-ts, tfjs-cpu, tfjs-wasm, tfjs)`);
  }
  if (out.size === 0) throw new UsageError('--only needs at least one implementation');
  return ALL_IMPLS.filter((i) => out.has(i));
}

function parseWorkloads(list: string): Array<[WorkloadId, BenchNorm]> {
  const out: Array<[WorkloadId, BenchNorm]> = [];
  const add = (id: WorkloadId, norm: BenchNorm) => {
    if (!out.some(([a, b]) => a === id && b === norm)) out.push([id, norm]);
  };
  for (const raw of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [idRaw, normRaw] = raw.split(':');
    const id = idRaw.toUpperCase();
    if (id !== 'W1' && id !== 'W2' && id !== 'W3') throw new UsageError(`unknown workload "${raw}" (W1, W2, W3, W1:batch, W3:none, ...)`);
    if (normRaw === undefined) {
      add(id, 'batch');
      add(id, 'none');
    } else if (normRaw === 'batch' || normRaw === 'none') {
      add(id, normRaw);
    } else {
      throw new UsageError(`unknown norm "${normRaw}" in "${raw}" (batch or none)`);
    }
  }
  if (out.length === 0) throw new UsageError('--workloads needs at least one workload');
  return out;
}

const VALUE_FLAGS = ['only', 'workloads', 'trials', 'trial-seconds', 'warmup-seconds', 'max-trials-seconds'] as const;

export function parseArgs(argv: readonly string[]): BenchArgs {
  const flags = readFlags(argv, { values: VALUE_FLAGS, switches: ['json', 'help'], short: { h: 'help' } });
  const args: BenchArgs = {
    json: flags.switches.has('json'),
    impls: [...ALL_IMPLS],
    workloads: DEFAULT_WORKLOADS.map(([a, b]) => [a, b]),
    trials: 5,
    trialSeconds: 1.5,
    warmupSeconds: 0.75,
    maxTrialsSeconds: 12,
    help: flags.switches.has('help'),
  };
  for (const [flag, text] of flags.values) {
    switch (flag) {
      case 'only': args.impls = parseImpls(text); break;
      case 'workloads': args.workloads = parseWorkloads(text); break;
      case 'trials': args.trials = positiveFlag(flag, text, true); break;
      case 'trial-seconds': args.trialSeconds = positiveFlag(flag, text); break;
      case 'warmup-seconds': args.warmupSeconds = positiveFlag(flag, text); break;
      case 'max-trials-seconds': args.maxTrialsSeconds = positiveFlag(flag, text); break;
    }
  }
  return args;
}
