// npm run -s sweep -- [flags]: the batch-size sweep of issue 5 on Node's worker threads. Prints one
// line per finished run (JSON with --json) and, at the end, the accuracy table (or a JSON summary).
// With --seeds, every run is repeated per seed and the table gives median [min-max] over the seeds.
// Bad flags or data: one line on stderr naming what is wrong, exit code 2. A failed run: exit 1.
// Ctrl-C cancels: the workers stop, the finished runs are kept and summarised, exit code 130.
import { availableParallelism } from 'node:os';
import { formatDuration } from '../src/runtime/index';
import { poolSize, startSweepPool, type SweepPoolSnapshot } from '../src/runtime/index';
import { CNN_SWEEP_PROTOCOL, SWEEP_PROTOCOL } from '../src/session/index';
import { parseSweepArgs, usage } from './sweep/args';
import { exitOnUsageError, failWith, parseOrExit } from './cli/start';
import { checkSweepData, planSweepOf } from './sweep/check-data';
import { spawnNodeSweepWorker } from './sweep/node-worker';
import { formatSweepSeedsTable, formatSweepTable, resultJson, resultLine } from './sweep/table';
import { exitQuietlyOnClosedPipe } from './cli/quiet-pipe';

function fail(message: string, code = 2): never {
  return failWith('sweep', message, code);
}

function progressLine(s: SweepPoolSnapshot): string {
  const width = 28;
  const filled = Math.round(width * s.fraction);
  const eta = s.etaSeconds === null ? 'estimating time left' : `about ${formatDuration(s.etaSeconds)} left`;
  const now = s.running.map((r) => `${r.job.norm}@${r.job.batch}/s${r.job.seed}`).join(' ');
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${(100 * s.fraction).toFixed(0).padStart(3)}%  ${s.jobsDone}/${s.jobsTotal} runs  ${eta}  ${now}`;
}

async function main(): Promise<void> {
  const args = parseOrExit('sweep', parseSweepArgs, usage);
  if (!args) return;
  const jobs = planSweepOf(args);
  const seedText = args.seeds ? `seeds ${args.seeds.join(',')}` : `seed ${args.seed}`;
  exitOnUsageError('sweep', () => checkSweepData(args, jobs));
  const workers = Math.min(args.workers ?? poolSize(availableParallelism()), jobs.length);
  const tty = !args.json && process.stderr.isTTY;
  let lastDraw = 0;
  const draw = (s: SweepPoolSnapshot, force = false) => {
    if (!tty || (!force && performance.now() - lastDraw < 200)) return;
    lastDraw = performance.now();
    process.stderr.write(`\r${progressLine(s)}\x1b[K`);
  };
  if (!args.json) {
    console.log(`sweep: ${jobs.length} runs of ${args.examples.toLocaleString('en-US')} examples on ${args.dataset}, ${seedText}, ${workers} worker thread${workers === 1 ? '' : 's'}`);
  }

  const started = performance.now();
  const pool = startSweepPool({
    jobs, size: workers, spawn: () => spawnNodeSweepWorker(args.dataDir),
    onUpdate: (s) => draw(s),
    onResult: (r) => {
      if (tty) process.stderr.write('\r\x1b[K');
      console.log(args.json ? JSON.stringify(resultJson(r)) : resultLine(r));
      draw(pool.snapshot(), true);
    },
  });
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    if (tty) process.stderr.write('\r\x1b[K');
    process.stderr.write('sweep: cancelling (Ctrl-C again to quit at once)\n');
    pool.cancel();
  });

  const out = await pool.done;
  if (tty) process.stderr.write('\r\x1b[K');
  const wallTime = (performance.now() - started) / 1000;
  if (args.json) {
    console.log(JSON.stringify({
      done: true, cancelled: out.cancelled, error: out.error, runs: out.results.length, planned: jobs.length,
      dataset: args.dataset, examples: args.examples, seed: args.seed, seeds: args.seeds ?? [args.seed], norms: args.norms, batches: args.batches,
      workers, arch: args.arch, protocol: args.arch === 'cnn' ? CNN_SWEEP_PROTOCOL : SWEEP_PROTOCOL, wallTime: Number(wallTime.toFixed(3)),
    }));
  } else {
    console.log('');
    console.log(`final test accuracy (${args.examples.toLocaleString('en-US')} examples per run; BN batch stats: test chunks of the run's batch size):`);
    console.log(args.seeds ? formatSweepSeedsTable(out.results, args.norms, args.batches) : formatSweepTable(out.results, args.norms, args.batches));
    console.log(`${out.results.length} of ${jobs.length} runs in ${formatDuration(wallTime)} of wall time${out.cancelled ? ' (cancelled)' : ''}`);
  }
  if (out.error) fail(out.error, 1);
  if (out.cancelled) process.exit(130);
}

exitQuietlyOnClosedPipe();
void main();
