// npm run -s experiments -- [NAME...] [--seeds N|LIST] [--workers N] [--out DIR]: repeats the
// measurements behind the presets' explanations (each preset's `checks`) for several seeds on worker
// threads (the sweep's pool and workers), one JSON line per finished run, then one summary line per
// setting and a table on stderr. With --out, each preset's run lines also go to DIR/NAME.jsonl once
// all its runs finished (docs/results/experiments holds ours; src/session/presets/measured.ts is
// generated from there). Bad flags: one line on stderr, exit code 2. A failed run: exit 1.
// Ctrl-C cancels: the finished runs are summarised (no file of an unfinished experiment is written), exit 130.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { loadMnistFromDir } from '../src/data/mnist-node';
import { checkAgainstData } from '../src/session/index';
import { SYNTHETIC_TRAIN } from '../src/session/index';
import { planSeedJobs } from '../src/runtime/index';
import type { SeedJob, SeedResult } from '../src/runtime/index';
import { summarizeRecords } from '../src/session/index';
import { formatDuration } from '../src/runtime/index';
import { startSweepPool, type SweepPoolSnapshot } from '../src/runtime/index';
import { parseExperimentsArgs, usage, type ExperimentsArgs } from './experiments/args';
import { runJson, summaryJson, summaryTable } from './experiments/report';
import { exitQuietlyOnClosedPipe, printLine } from './cli/quiet-pipe';
import { failWith, parseOrExit } from './cli/start';
import { spawnNodeSeedWorker } from './sweep/node-worker';

function fail(message: string, code = 2): never {
  return failWith('experiments', message, code);
}

/** Checks the data once here, so that a bad folder or setting is one line before any worker starts. */
function checkData(args: ExperimentsArgs, jobs: readonly SeedJob[]): void {
  let mnist: { trainCount: number; name: string; inputSize: number; numClasses: number } | null = null;
  for (const job of jobs) {
    let ds;
    if (job.settings.dataset === 'mnist') {
      try {
        mnist ??= args.dataDir ? loadMnistFromDir(args.dataDir) : loadMnistFromDir();
      } catch (e) {
        fail(`--data: ${(e as Error).message}`);
      }
      ds = mnist;
    } else {
      ds = { name: job.settings.dataset, trainCount: SYNTHETIC_TRAIN, inputSize: 2, numClasses: 2 };
    }
    const problem = checkAgainstData(job.settings, ds as Parameters<typeof checkAgainstData>[1]);
    if (problem) fail(`${job.preset} / ${job.check}: ${problem.message}`);
  }
}

const describe = (j: SeedJob) => `${j.preset} / ${j.check} / ${j.run} / seed ${j.seed}`;

function progressLine(s: SweepPoolSnapshot<SeedJob>): string {
  const width = 28;
  const filled = Math.round(width * s.fraction);
  const eta = s.etaSeconds === null ? 'estimating time left' : `about ${formatDuration(s.etaSeconds)} left`;
  const now = s.running.map((r) => `${r.job.check} ${r.job.run} s${r.job.seed}`).join(', ');
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${(100 * s.fraction).toFixed(0).padStart(3)}%  ${s.jobsDone}/${s.jobsTotal} runs  ${eta}  ${now}`;
}

/** A preset's run lines in plan order (check, seed, run: the job ids), whatever order they finished in. */
function presetLines(results: readonly SeedResult[], preset: string): string {
  return results.filter((r) => r.preset === preset).sort((a, b) => a.id - b.id)
    .map((r) => JSON.stringify(runJson(r))).join('\n') + '\n';
}

async function main(): Promise<void> {
  const args = parseOrExit('experiments', parseExperimentsArgs, usage);
  if (!args) return;
  const jobs = planSeedJobs(args.presets.map((p) => ({ preset: p, checks: p.checks })), args.seeds, {
    ...(args.steps !== null ? { steps: args.steps } : {}), ...(args.dataset !== null ? { dataset: args.dataset } : {}),
  });
  checkData(args, jobs);
  const workers = Math.min(args.workers ?? Math.max(1, availableParallelism()), jobs.length);
  if (args.out) mkdirSync(args.out, { recursive: true });
  const tty = process.stderr.isTTY;
  let lastDraw = 0;
  const draw = (s: SweepPoolSnapshot<SeedJob>, force = false) => {
    if (!tty || (!force && performance.now() - lastDraw < 200)) return;
    lastDraw = performance.now();
    process.stderr.write(`\r${progressLine(s)}\x1b[K`);
  };
  process.stderr.write(`experiments: ${jobs.length} runs (${args.presets.map((p) => p.name).join(', ')}; seeds ${args.seeds.join(',')}) on ${workers} worker thread${workers === 1 ? '' : 's'}\n`);

  const remaining = new Map<string, number>();
  for (const j of jobs) remaining.set(j.preset, (remaining.get(j.preset) ?? 0) + 1);
  const results: SeedResult[] = [];
  const started = performance.now();
  const pool = startSweepPool<SeedJob, SeedResult>({
    jobs, size: workers, spawn: () => spawnNodeSeedWorker(args.dataDir), describe,
    onUpdate: (s) => draw(s),
    onResult: (r) => {
      if (tty) process.stderr.write('\r\x1b[K');
      results.push(r);
      printLine(JSON.stringify(runJson(r)));
      const left = remaining.get(r.preset)! - 1;
      remaining.set(r.preset, left);
      if (left === 0 && args.out) {
        const file = join(args.out, `${r.preset}.jsonl`);
        writeFileSync(file, presetLines(results, r.preset));
        process.stderr.write(`experiments: wrote ${file}\n`);
      }
      draw(pool.snapshot(), true);
    },
  });
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    if (tty) process.stderr.write('\r\x1b[K');
    process.stderr.write('experiments: cancelling (Ctrl-C again to quit at once)\n');
    pool.cancel();
  });

  const out = await pool.done;
  if (tty) process.stderr.write('\r\x1b[K');
  const wall = (performance.now() - started) / 1000;
  const summaries = summarizeRecords(out.results, args.threshold);
  for (const c of summaries) printLine(JSON.stringify(summaryJson(c)));
  process.stderr.write(`${summaries.map(summaryTable).join('\n')}\n`);
  const busy = out.results.reduce((s, r) => s + r.seconds, 0);
  process.stderr.write(`${out.results.length} of ${jobs.length} runs in ${formatDuration(wall)} of wall time (${formatDuration(busy)} of run time over ${workers} worker thread${workers === 1 ? '' : 's'})${out.cancelled ? ', cancelled' : ''}\n`);
  if (out.error) fail(out.error, 1);
  if (out.cancelled) process.exit(130);
}

exitQuietlyOnClosedPipe();
void main();
