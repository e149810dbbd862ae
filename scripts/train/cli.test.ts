// The trainer as a user runs it: exit codes, one-line errors, JSON lines.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectUsageErrors, expectUsageMessages, runCli } from '../cli/run-cli';
import { parseTrainArgs } from './args';
import { loadTrainData } from './data';

const train = (args: string[]) => runCli('train', args);
/** What train.ts does with its arguments before training: parse them, then load and check the data. */
const prepare = (args: string[]) => loadTrainData(parseTrainArgs(args));

describe('npm run train', () => {
  it('ends quietly, with success, when its reader goes away in the middle of training (like `| head -2`)', async () => {
    // a run of a million steps: without the check inside the training loop it would train on for minutes
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/train.ts', '--dataset', 'xor', '--hidden', '8', '--steps', '1000000', '--eval-every', '10', '--json']);
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const lines: string[] = [];
    await new Promise<void>((resolve) => {
      let buffered = '';
      child.stdout.on('data', (d: Buffer) => {
        buffered += d.toString();
        const parts = buffered.split('\n');
        buffered = parts.pop()!;
        lines.push(...parts);
        if (lines.length >= 2) { child.stdout.destroy(); resolve(); }
      });
    });
    // ended by the test's timeout if it never exits by itself
    const timer = setTimeout(() => child.kill(), 55_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearTimeout(timer);
    expect(JSON.parse(lines[0])).toMatchObject({ step: 0 });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  }, 60_000);

  it('prints JSON lines and a final done line', () => {
    const r = train(['--dataset', 'xor', '--hidden', '16', '--steps', '300', '--eval-every', '100', '--batch', '32', '--lr', '0.5', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.step).slice(0, 4)).toEqual([0, 100, 200, 300]);
    for (const l of lines.slice(1, 4)) {
      expect(Object.keys(l)).toEqual(expect.arrayContaining(['step', 'loss', 'testLoss', 'testAcc', 'pct']));
      expect(l.pct).toHaveLength(3);
      expect(l.pct[0]).toBeLessThanOrEqual(l.pct[1]);
      expect(l.pct[1]).toBeLessThanOrEqual(l.pct[2]);
    }
    const done = lines[lines.length - 1];
    expect(done).toMatchObject({ done: true, steps: 300, settings: { dataset: 'xor', hidden: [16] } });
    expect(done.wallTime).toBeGreaterThan(0);
    expect(done.testAcc).toBeGreaterThan(0.8);
  });

  it('prints landscape lines on schedule with --landscape-every, and trains exactly as without it', () => {
    const base = ['--dataset', 'xor', '--hidden', '16,16', '--steps', '250', '--eval-every', '50', '--batch', '32', '--lr', '0.5', '--json'];
    const on = train([...base, '--landscape-every', '100']);
    const off = train(base);
    expect(on.code, on.stderr).toBe(0);
    const lines = on.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const land = lines.filter((l) => l.landscape && !l.done).map((l) => l.landscape);
    expect(land.map((p) => p.step)).toEqual([0, 100, 200]);
    for (const p of land) {
      expect(p.lossMin).toBeLessThanOrEqual(p.lossMax);
      expect(p.gradPredMin).toBeLessThanOrEqual(p.gradPredMax);
      expect(p.betaSmooth).toBeGreaterThan(0);
      expect(p.icsDist).toHaveLength(3);
      expect(p.icsCos[0]).toBe(1);
      expect(p.ms).toBeGreaterThan(0);
    }
    const evals = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => 'testLoss' in l && !l.done);
    expect(evals(on.stdout)).toEqual(evals(off.stdout));
    const done = lines[lines.length - 1];
    expect(done.landscape).toMatchObject({ every: 100, measurements: 3 });
    expect(done.landscape.fraction).toBeGreaterThan(0);
    expect(JSON.parse(off.stdout.trim().split('\n').pop()!).landscape).toBeNull();
    expectUsageMessages(prepare, [[['--landscape-every', '-1'], /--landscape-every "-1" is not accepted; accepted: an integer >= 0 and <= 100000/]]);
  });

  it('exits 2 with one line and no stack trace on bad input', () => {
    const empty = mkdtempSync(join(tmpdir(), 'mnist-'));
    const corrupt = mkdtempSync(join(tmpdir(), 'mnist-'));
    for (const f of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
      writeFileSync(join(corrupt, f), Uint8Array.of(0, 0, 8, 3, 0, 0));
    }
    // one real run: exit code 2, one line, no stack trace; the other messages in-process, the same path to stderr
    expectUsageErrors(train, [[['--dataset', 'xor', '--batch', '5000'], /^train: --batch: batch 5000 is larger than the 4000 training examples/]]);
    const cases: [string[], RegExp][] = [
      [['--batch', '0'], /--batch/],
      [['--dataset', 'xor', '--batch', '5000'], /--batch: batch 5000 is larger than the 4000 training examples/],
      [['--dataset', 'xor', '--batch', '1'], /--batch: batch 1 with batch norm/],
      [['--eps', '0'], /--eps/],
      [['--hidden', '10,0'], /--hidden/],
      [['--dataset', 'imagenet'], /--dataset/],
      [['--nope'], /unknown flag --nope/],
      [['--data', join(empty, 'missing')], /--data: MNIST folder not found/],
      [['--data', empty], /--data: .*train-images-idx3-ubyte/],
      [['--data', corrupt], /--data: .*(t10k|train)-.*idx/],
    ];
    expectUsageMessages(prepare, cases);
  });
});
