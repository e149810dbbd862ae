// The experiments CLI as a user runs it: several seeds on worker threads, one JSON line per run, a
// summary per setting and run kind, --out files, one-line errors.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectUsageErrors, expectUsageMessages, runCli } from '../cli/run-cli';
import { parseExperimentsArgs } from './args';

const experiments = (args: string[]) => runCli('experiments', args);
const parse = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l));

describe('npm run experiments', () => {
  it('runs a tiny multi-seed experiment on two worker threads: run lines, summaries, a table and the files', () => {
    const out = mkdtempSync(join(tmpdir(), 'experiments-'));
    const r = experiments(['bad-init', '--seeds', '3', '--steps', '30', '--dataset', 'xor', '--workers', '2', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const lines = parse(r.stdout);
    const runs = lines.filter((l) => !l.summary);
    const summaries = lines.filter((l) => l.summary).map((l) => l.summary);
    expect(runs).toHaveLength(2 * 3 * 2); // 2 checks x 3 seeds x 2 runs
    for (const l of runs) {
      expect(l).toMatchObject({ preset: 'bad-init', steps: 30, diverged: false, divergedAt: null, gradNorms100: null });
      expect(l.testAcc).toBeGreaterThanOrEqual(0);
      expect(l.testAcc).toBeLessThanOrEqual(1);
    }
    expect(summaries.map((s) => s.check)).toEqual(['N(0, 0.01^2)', 'N(0, 1)']);
    for (const s of summaries) {
      expect(s.runs.map((x: { run: string }) => x.run)).toEqual(['plain', 'batch']);
      for (const x of s.runs) {
        const accs = runs.filter((l) => l.check === s.check && l.run === x.run).map((l) => l.testAcc).sort((a: number, b: number) => a - b);
        expect(x).toMatchObject({ seeds: [1, 2, 3], n: 3, diverged: 0, median: accs[1], min: accs[0], max: accs[2], above: accs.filter((a: number) => a > 0.3).length });
      }
      expect(s.paired).toMatchObject({ a: 'plain', b: 'batch', n: 3 });
      expect(s.paired.wins + s.paired.losses + s.paired.ties).toBe(3);
    }
    expect(r.stderr).toMatch(/bad-init \/ N\(0, 1\), test accuracy over 3 seeds:\n\s+plain\s+\d\.\d{3} \[\d\.\d{3}-\d\.\d{3}\]\s+IQR \d\.\d{3}\s+above 0\.3: \d of 3/);
    expect(r.stderr).toMatch(/batch beat plain in \d of 3 seeds/);
    expect(r.stderr).toMatch(/12 of 12 runs in .* over 2 worker threads/);
    // the file holds the run lines in plan order: check, seed, run
    const file = parse(readFileSync(join(out, 'bad-init.jsonl'), 'utf8'));
    expect(file.map((l) => `${l.check}|${l.seed}|${l.run}`)).toEqual(
      ['N(0, 0.01^2)', 'N(0, 1)'].flatMap((c) => [1, 2, 3].flatMap((s) => ['plain', 'batch'].map((k) => `${c}|${s}|${k}`))),
    );
  });

  it('names seeds with a comma list, and gives the same numbers on one worker as on two', () => {
    const args = ['placement', '--seeds', '7,3', '--steps', '20', '--dataset', 'xor', '--threshold', '0.99'];
    const pick = (stdout: string) => parse(stdout).filter((l) => !l.summary).map(({ seconds: _s, ...rest }) => rest)
      .sort((a, b) => a.seed - b.seed || a.run.localeCompare(b.run));
    const one = experiments([...args, '--workers', '1']);
    const two = experiments([...args, '--workers', '2']);
    expect(one.code, one.stderr).toBe(0);
    expect(pick(one.stdout).map((l) => l.seed)).toEqual([3, 3, 7, 7]);
    expect(pick(one.stdout)).toEqual(pick(two.stdout));
    // no run of 20 steps reaches 0.99: the summary counts none above the stated threshold
    const summary = parse(one.stdout).find((l) => l.summary).summary;
    expect(summary.threshold).toBe(0.99);
    expect(summary.runs.map((r: { above: number }) => r.above)).toEqual([0, 0]);
  });

  it('exits 2 with one line and no stack trace on bad input', () => {
    // one real run: exit code 2, one line, no stack trace; the other messages in-process, the same path to stderr
    expectUsageErrors(experiments, [[['nope'], /^experiments: unknown experiment "nope"; accepted: bn-paper-fig1, high-lr/]]);
    expectUsageMessages(parseExperimentsArgs, [
      [['nope'], /unknown experiment "nope"; accepted: bn-paper-fig1, high-lr/],
      [['small-batches'], /small-batches has no checks to repeat here; it is the batch-size sweep/],
      [['--seeds', '0'], /--seeds "0" is not accepted; accepted: an integer from 1 to 64/],
      [['--seeds', '3,3'], /each seed at most once/],
      [['--seeds', 'x'], /--seeds "x" is not accepted/],
      [['--workers', '0'], /--workers/],
      [['--steps', '-3'], /--steps/],
      [['--dataset', 'cifar'], /--dataset "cifar" is not accepted/],
      [['--bogus'], /unknown flag --bogus/],
      [['high-lr', 'high-lr'], /given twice/],
      [['--threshold', '2'], /--threshold "2" is not accepted; accepted: a number from 0 to 1/],
    ]);
  });
});
