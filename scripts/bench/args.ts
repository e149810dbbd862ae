// Command-line options of `npm run bench`. Pure.

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
    else throw new Error(`unknown implementation "${raw}" (normscope, normscope-ts, tfjs-cpu, tfjs-wasm, tfjs)`);
  }
  if (out.size === 0) throw new Error('--only needs at least one implementation');
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
    if (id !== 'W1' && id !== 'W2' && id !== 'W3') throw new Error(`unknown workload "${raw}" (W1, W2, W3, W1:batch, W3:none, ...)`);
    if (normRaw === undefined) {
      add(id, 'batch');
      add(id, 'none');
    } else if (normRaw === 'batch' || normRaw === 'none') {
      add(id, normRaw);
    } else {
      throw new Error(`unknown norm "${normRaw}" in "${raw}" (batch or none)`);
    }
  }
  if (out.length === 0) throw new Error('--workloads needs at least one workload');
  return out;
}

function positive(name: string, v: string | undefined, integer: boolean): number {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`${name} needs a positive ${integer ? 'integer' : 'number'}, got ${v ?? 'nothing'}`);
  }
  return n;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = {
    json: false,
    impls: [...ALL_IMPLS],
    workloads: DEFAULT_WORKLOADS.map(([a, b]) => [a, b]),
    trials: 5,
    trialSeconds: 1.5,
    warmupSeconds: 0.75,
    maxTrialsSeconds: 12,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--json': args.json = true; break;
      case '--only': args.impls = parseImpls(value() ?? ''); break;
      case '--workloads': args.workloads = parseWorkloads(value() ?? ''); break;
      case '--trials': args.trials = positive('--trials', value(), true); break;
      case '--trial-seconds': args.trialSeconds = positive('--trial-seconds', value(), false); break;
      case '--warmup-seconds': args.warmupSeconds = positive('--warmup-seconds', value(), false); break;
      case '--max-trials-seconds': args.maxTrialsSeconds = positive('--max-trials-seconds', value(), false); break;
      case '--help': case '-h': args.help = true; break;
      default: throw new Error(`unknown option "${argv[i]}"\n${USAGE}`);
    }
  }
  return args;
}
