// npm run -s experiments -- [NAME...] [--seeds 1,2] [--out DIR]: repeats the measurements behind the
// presets' explanations (each preset's `checks`) headless, one JSON line per finished run, then a
// table. With --out, each preset's lines also go to DIR/NAME.jsonl (docs/results/experiments holds ours).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMnistFromDir } from '../src/data/mnist-node';
import type { Dataset } from '../src/data/dataset';
import { headlessRun } from '../src/session/headless-run';
import { findPreset, PRESETS, type Preset } from '../src/session/presets';
import { runSettings } from '../src/session/run-kinds';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/session/settings';
import { exitQuietlyOnClosedPipe, printLine } from './cli/quiet-pipe';
import { failWith } from './cli/start';

interface Args { names: string[]; seeds: number[]; out: string | null }

function fail(message: string): never {
  return failWith('experiments', message);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { names: [], seeds: [1, 2], out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seeds') {
      const v = argv[++i] ?? '';
      const seeds = v.split(',').map(Number);
      if (!v || !seeds.every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 32)) fail(`--seeds "${v}": accepted: comma-separated integers from 0 to 2^32-1`);
      args.seeds = seeds;
    } else if (a === '--out') {
      args.out = argv[++i] ?? fail('--out needs a folder');
    } else if (a.startsWith('--')) {
      fail(`unknown flag ${a}; accepted: --seeds, --out`);
    } else if (!findPreset(a)) {
      fail(`unknown experiment "${a}"; accepted: ${PRESETS.filter((p) => p.checks.length).map((p) => p.name).join(', ')}`);
    } else args.names.push(a);
  }
  return args;
}

const fmt = (v: number | null) => (v === null ? '  -   ' : v.toFixed(4));

function runPreset(p: Preset, seeds: number[], ds: Dataset): string[] {
  const lines: string[] = [];
  for (const check of p.checks) {
    const rows: string[] = [];
    for (const run of check.runs) {
      const accs: (number | null)[] = [];
      for (const seed of seeds) {
        const s: TrainSettings = runSettings(run, { ...structuredClone(DEFAULT_SETTINGS), ...structuredClone(check.settings), seed } as TrainSettings);
        const t0 = performance.now();
        const out = headlessRun(s, ds);
        const last = out.points[out.points.length - 1];
        const at100 = out.points.find((q) => q.step === 100);
        const line = JSON.stringify({
          preset: p.name, check: check.label, run, seed, steps: last.step,
          testAcc: out.divergedAt === null ? last.testAcc : null, testLoss: out.divergedAt === null ? last.testLoss : null,
          diverged: out.divergedAt !== null, divergedAt: out.divergedAt,
          gradNorms100: at100?.gradNorms ?? null, gradNormsLast: last.gradNorms,
          seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
        });
        printLine(line);
        lines.push(line);
        accs.push(out.divergedAt === null ? last.testAcc : null);
      }
      rows.push(`  ${run.padEnd(11)} ${accs.map(fmt).join('  ')}`);
    }
    process.stderr.write(`${p.name} / ${check.label} (test accuracy, seeds ${seeds.join(', ')}):\n${rows.join('\n')}\n`);
  }
  return lines;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const presets = (args.names.length ? args.names.map((n) => findPreset(n)!) : PRESETS).filter((p) => p.checks.length > 0);
  if (presets.length === 0) fail('none of these experiments has checks to run (small-batches: use npm run -s sweep)');
  const ds = loadMnistFromDir();
  if (args.out) mkdirSync(args.out, { recursive: true });
  for (const p of presets) {
    const lines = runPreset(p, args.seeds, ds);
    if (args.out) writeFileSync(join(args.out, `${p.name}.jsonl`), lines.join('\n') + '\n');
  }
}

exitQuietlyOnClosedPipe();
main();
