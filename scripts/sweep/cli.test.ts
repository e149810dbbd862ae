// The sweep as a user runs it: worker threads, JSON lines, the table, exit codes and one-line errors.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectUsageErrors, expectUsageMessages, runCli, type CliResult } from '../cli/run-cli';
import { parseSweepArgs } from './args';
import { checkSweepData, planSweepOf } from './check-data';

const sweep = (args: string[]) => runCli('sweep', args);
/** What sweep.ts does with its arguments before any worker starts: parse them, plan the jobs, check the data. */
const prepare = (argv: string[]) => {
  const args = parseSweepArgs(argv);
  checkSweepData(args, planSweepOf(args));
};

/** Six runs on two worker threads, as JSON lines: run once, read by the first two tests (a spawn costs 2-4 s of CPU). */
const SIX_RUNS = ['--dataset', 'xor', '--norms', 'none,batch,layer', '--batches', '8,16', '--examples', '320', '--seed', '3', '--json'];
let onTwoWorkers: CliResult | undefined;
const sixRunsOnTwoWorkers = () => (onTwoWorkers ??= sweep([...SIX_RUNS, '--workers', '2']));

describe('npm run sweep', () => {
  it('runs every job on worker threads and prints one JSON line per run, then a summary', () => {
    const r = sixRunsOnTwoWorkers();
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const runs = lines.slice(0, -1);
    expect(runs).toHaveLength(6);
    expect(runs.map((l) => `${l.norm}@${l.batch}`).sort()).toEqual(['batch@16', 'batch@8', 'layer@16', 'layer@8', 'none@16', 'none@8']);
    for (const l of runs) {
      expect(l).toMatchObject({ seed: 3, examples: 320, steps: 320 / l.batch, lr: 0.5 * l.batch / 60, diverged: false });
      expect(l.testAcc).toBeGreaterThanOrEqual(0);
      expect(l.testAcc).toBeLessThanOrEqual(1);
      expect('testAccBatchStats' in l).toBe(l.norm === 'batch');
    }
    expect(lines.at(-1)).toMatchObject({ done: true, cancelled: false, error: null, runs: 6, planned: 6, workers: 2 });
  });

  it('gives the same numbers on one worker as on two (each run is seeded on its own)', () => {
    const pick = (out: string) => out.trim().split('\n').slice(0, -1).map((l) => JSON.parse(l))
      .map(({ seconds: _s, ...rest }) => rest).sort((a, b) => a.batch - b.batch || a.norm.localeCompare(b.norm));
    const one = sweep([...SIX_RUNS, '--workers', '1']);
    expect(one.code, one.stderr).toBe(0);
    expect(pick(one.stdout)).toHaveLength(6);
    expect(pick(one.stdout)).toEqual(pick(sixRunsOnTwoWorkers().stdout));
  });

  it('prints a table by batch size and norm without --json', () => {
    const r = sweep(['--dataset', 'xor', '--norms', 'none,batch', '--batches', '4,8', '--examples', '80', '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/batch\s+plain\s+batch norm\s+BN batch stats/);
    expect(r.stdout).toMatch(/^\s+4\s+\d\.\d{4}\s+\d\.\d{4}\s+\d\.\d{4}$/m);
    expect(r.stdout).toMatch(/4 of 4 runs in/);
  });

  it('repeats every run per seed with --seeds and tables the median [min-max] over them', () => {
    const r = sweep(['--dataset', 'xor', '--norms', 'none,batch', '--batches', '4,8', '--examples', '80', '--seeds', '3', '--workers', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/seeds 1,2,3, 2 worker threads/);
    expect(r.stdout).toMatch(/median \[min-max\] over 3 seeds/);
    expect(r.stdout).toMatch(/^\s+4\s+\d\.\d{4} \[\d\.\d{4}-\d\.\d{4}\]\s+\d\.\d{4} \[\d\.\d{4}-\d\.\d{4}\]\s+\d\.\d{4} \[/m);
    expect(r.stdout).toMatch(/12 of 12 runs in/);
    const json = sweep(['--dataset', 'xor', '--norms', 'batch', '--batches', '8', '--examples', '80', '--seeds', '5,2', '--json']);
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.slice(0, -1).map((l) => l.seed).sort()).toEqual([2, 5]);
    expect(lines.at(-1)).toMatchObject({ done: true, runs: 2, seeds: [5, 2] });
  });

  it('exits 2 with one line and no stack trace on bad input', () => {
    const empty = mkdtempSync(join(tmpdir(), 'mnist-'));
    // one real run: exit code 2, one line, no stack trace; the other messages in-process, the same path to stderr
    expectUsageErrors(sweep, [[['--dataset', 'xor', '--batches', '5000'], /^sweep: --batches: batch 5000 is larger than the 4000 training examples/]]);
    const cases: [string[], RegExp][] = [
      [['--batches', '0'], /--batches/],
      [['--norms', 'instance'], /--norms/],
      [['--workers', '0'], /--workers/],
      [['--nope'], /unknown flag --nope/],
      [['--dataset', 'xor', '--batches', '5000'], /--batches: batch 5000 is larger than the 4000 training examples/],
      [['--data', join(empty, 'missing')], /--data: MNIST folder not found/],
    ];
    expectUsageMessages(prepare, cases);
  });
});
