#!/usr/bin/env node
// `npm test`: every check NormScope has, in order, stopping at the first failure.
//
//   1. typecheck    tsc --noEmit -p .
//   2. unit         vitest run                       (unit, gradient and property tests)
//   3. conformance  node ../shared/conformance/check.mjs   (calls `npm run -s conformance -- FILE...`)
//      conformance-ts   the same with NORMSCOPE_NO_SIMD=1: the pure TypeScript kernels
//      conformance-cnn, conformance-cnn-ts   the same two over ../shared/conformance/cases-cnn
//   4. e2e          Chromium at /usr/bin/chromium (apt-get installs it when running as root),
//                   vite build --mode test, vitest run -c e2e/vitest.config.ts
//
// Each stage prints a banner and its wall time; the run ends with a summary table and one line
// `N passed, M failed` (CI reads it). Exit code 0 only when every stage that ran passed.
//
// For local use (CI runs plain `npm test`):
//   --only e2e,unit    run only these stages        --skip conformance   skip these stages
//   --keep-going       run later stages after a failure               --list   list the stages
//   --shuffle          the unit stage runs its files and tests in random order (vitest --sequence.shuffle;
//                      the seed it used is printed, --shuffle=SEED repeats an order)

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const RESULTS = join(ROOT, 'test-results');
const CONFORMANCE_CHECK = resolve(ROOT, '..', 'shared', 'conformance', 'check.mjs');
const CONFORMANCE_CNN = resolve(ROOT, '..', 'shared', 'conformance', 'cases-cnn');

// ---------------------------------------------------------------- output helpers
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (s) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = paint('1');
const green = paint('32');
const red = paint('31');
const yellow = paint('33');
const dim = paint('2');
const RULE = '═'.repeat(72);
const out = (s = '') => process.stdout.write(s + '\n');
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

class StageError extends Error {}

/** Runs a command with its output passed through, and resolves with { code, output }. */
function run(cmd, args, { env = {} } = {}) {
  out(dim(`$ ${[cmd.startsWith(BIN) ? cmd.slice(BIN.length + 1) : cmd, ...args].join(' ')}`));
  return new Promise((done) => {
    let output = '';
    const child = spawn(cmd, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Children write to a pipe: keep their logs free of colour codes unless ours are coloured.
      env: { ...process.env, ...(useColor || process.env.FORCE_COLOR ? {} : { NO_COLOR: '1' }), ...env },
    });
    const keep = (chunk) => {
      output += chunk.toString();
      if (output.length > 4_000_000) output = output.slice(-2_000_000);
    };
    child.stdout.on('data', (c) => (process.stdout.write(c), keep(c)));
    child.stderr.on('data', (c) => (process.stderr.write(c), keep(c)));
    child.on('error', (err) => done({ code: 127, output: output + `\n${cmd}: ${err.message}` }));
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 128 : 1), output }));
  });
}

function localBin(name) {
  const path = join(BIN, name);
  if (!existsSync(path)) throw new StageError(`${path} is missing: run \`npm install\` (or \`npm ci\`) first.`);
  return path;
}

/** Counts from a Vitest JSON report (written by --reporter=json --outputFile.json=...). */
function vitestCounts(reportPath, exitCode, label) {
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch {
    return { passed: 0, failed: 1, skipped: 0, detail: `${label}: no report written (vitest exit code ${exitCode})` };
  }
  const passed = report.numPassedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that fails to load (import error, syntax error) has no test results of its own: count it.
  const files = report.testResults ?? [];
  const brokenFiles = files.filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  let failed = (report.numFailedTests ?? 0) + brokenFiles;
  let detail = `${passed} passed, ${report.numFailedTests ?? 0} failed${skipped ? `, ${skipped} skipped` : ''} in ${files.length} file(s)`;
  if (brokenFiles) detail += `; ${brokenFiles} file(s) failed to load or errored outside a test`;
  if (exitCode !== 0 && failed === 0) {
    failed = 1; // e.g. an unhandled error after the tests
    detail += `; vitest exited ${exitCode}`;
  }
  if (exitCode === 0 && passed === 0) {
    failed = 1;
    detail += '; no test ran';
  }
  return { passed, failed, skipped, detail };
}

async function runVitest(label, extraArgs, reportName) {
  const report = join(RESULTS, `${reportName}.json`);
  mkdirSync(RESULTS, { recursive: true });
  rmSync(report, { force: true });
  const { code } = await run(localBin('vitest'), [
    'run',
    ...extraArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  return vitestCounts(report, code, label);
}

// ---------------------------------------------------------------- the stages
/** Vitest's flags for --shuffle: random file and test order, with the seed printed so that an order repeats. */
function shuffleArgs(shuffle) {
  if (shuffle === undefined) return [];
  const seed = shuffle === true ? Math.floor(Math.random() * 2 ** 31) : shuffle;
  out(yellow(`unit tests in shuffled order, seed ${seed} (again: --shuffle=${seed})`));
  return ['--sequence.shuffle', `--sequence.seed=${seed}`];
}

/**
 * The conformance check (check.mjs calls `npm run -s conformance -- FILE...`), with extra environment:
 * it runs once with the WebAssembly SIMD kernels the app uses and once with the TypeScript ones.
 */
function conformanceStage(name, title, env, args = []) {
  return {
    name,
    title,
    async run() {
      if (!existsSync(CONFORMANCE_CHECK)) {
        throw new StageError(
          `${CONFORMANCE_CHECK} is missing. The conformance fixtures live in shared/ beside this ` +
            'checkout (../shared/conformance); CI lays a copy there. Put it there and run again.',
        );
      }
      const { code, output } = await run(process.execPath, [CONFORMANCE_CHECK, ...args], { env });
      const lines = [...output.matchAll(/^(\d+) passed, (\d+) failed/gm)];
      const last = lines.at(-1);
      if (!last) return { passed: 0, failed: 1, skipped: 0, detail: `check.mjs printed no summary (exit code ${code})` };
      const passed = Number(last[1]);
      let failed = Number(last[2]);
      let detail = `${passed} passed, ${failed} failed`;
      if (code !== 0 && failed === 0) {
        failed = 1;
        detail += `; check.mjs exited ${code}`;
      }
      return { passed, failed, skipped: 0, detail };
    },
  };
}

const STAGES = [
  {
    name: 'typecheck',
    title: 'Type check (tsc --noEmit -p .)',
    async run() {
      const { code, output } = await run(localBin('tsc'), ['--noEmit', '-p', '.']);
      const errors = (output.match(/error TS\d+/g) || []).length;
      if (code === 0) return { passed: 1, failed: 0, skipped: 0, detail: 'no type errors' };
      return { passed: 0, failed: 1, skipped: 0, detail: `${errors || 'some'} type error(s); tsc exited ${code}` };
    },
  },
  {
    name: 'unit',
    title: 'Unit, gradient and property tests (vitest run)',
    run: (opts) => runVitest('vitest', shuffleArgs(opts.shuffle), 'vitest-unit'),
  },
  conformanceStage('conformance', 'Conformance against the PyTorch fixtures (../shared/conformance/check.mjs)', {}),
  conformanceStage('conformance-ts', 'Conformance again with the pure TypeScript kernels (NORMSCOPE_NO_SIMD=1)', { NORMSCOPE_NO_SIMD: '1' }),
  conformanceStage('conformance-cnn', 'Conformance of the convolutional fixtures (check.mjs cases-cnn)', {}, [CONFORMANCE_CNN]),
  conformanceStage('conformance-cnn-ts', 'Convolutional fixtures with the pure TypeScript kernels (NORMSCOPE_NO_SIMD=1)', { NORMSCOPE_NO_SIMD: '1' }, [CONFORMANCE_CNN]),
  {
    name: 'e2e',
    title: 'Browser tests (Chromium + vite build --mode test + vitest -c e2e/vitest.config.ts)',
    async run() {
      const steps = [];
      let t = Date.now();
      out(bold('· Chromium'));
      let chromium;
      try {
        chromium = await ensureChromium({ log: (text) => process.stdout.write(text) });
      } catch (err) {
        throw new StageError(err instanceof Error ? err.message : String(err));
      }
      out(`${chromium.installed ? 'Installed' : 'Found'} ${chromium.version} at ${chromium.path}`);
      steps.push(`chromium ${seconds(Date.now() - t)}`);

      t = Date.now();
      out(bold('· Build (vite build --mode test: with the test hooks)'));
      const build = await run(localBin('vite'), ['build', '--mode', 'test']);
      if (build.code !== 0) throw new StageError(`vite build failed with exit code ${build.code}; see its output above.`);
      steps.push(`build ${seconds(Date.now() - t)}`);

      t = Date.now();
      out(bold('· Browser tests'));
      const counts = await runVitest('browser tests', ['--config', 'e2e/vitest.config.ts'], 'vitest-e2e');
      steps.push(`tests ${seconds(Date.now() - t)}`);
      return { ...counts, detail: `${counts.detail} (${steps.join(', ')})` };
    },
  },
];

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const names = STAGES.map((s) => s.name);
  const opts = { only: undefined, skip: new Set(), keepGoing: false, list: false, shuffle: undefined };
  const listArg = (flag, value) => {
    if (!value) throw new Error(`${flag} needs a comma-separated list of stages: ${names.join(', ')}`);
    const picked = value.split(',').map((s) => s.trim()).filter(Boolean);
    for (const p of picked) if (!names.includes(p)) throw new Error(`unknown stage "${p}"; stages: ${names.join(', ')}`);
    return picked;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--only') opts.only = new Set(listArg(flag, value()));
    else if (flag === '--skip') for (const s of listArg(flag, value())) opts.skip.add(s);
    else if (flag === '--keep-going') opts.keepGoing = true;
    else if (flag === '--list') opts.list = true;
    else if (flag === '--shuffle') {
      if (inline === undefined) opts.shuffle = true;
      else if (/^\d+$/.test(inline)) opts.shuffle = Number(inline);
      else throw new Error(`--shuffle=SEED needs a whole number, not "${inline}"`);
    }
    else if (flag === '--help' || flag === '-h') {
      out('usage: node scripts/test-all.mjs [--only a,b] [--skip a,b] [--keep-going] [--shuffle[=SEED]] [--list]');
      out(`stages, in order: ${names.join(', ')}`);
      process.exit(0);
    } else throw new Error(`unknown argument "${argv[i]}" (try --help)`);
  }
  return opts;
}

// ---------------------------------------------------------------- main
async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
  if (opts.list) {
    STAGES.forEach((s, i) => out(`${i + 1}. ${s.name.padEnd(14)} ${s.title}`));
    return;
  }

  const selected = STAGES.filter((s) => (!opts.only || opts.only.has(s.name)) && !opts.skip.has(s.name));
  const results = new Map(); // name -> { status, ms, passed, failed, skipped, detail }
  const start = Date.now();
  let stopped = false;

  for (const [i, stage] of selected.entries()) {
    if (stopped) {
      results.set(stage.name, { status: 'not run' });
      continue;
    }
    out('');
    out(bold(RULE));
    out(bold(`▶ [${i + 1}/${selected.length}] ${stage.name}: ${stage.title}`));
    out(bold(RULE));
    const t0 = Date.now();
    let r;
    try {
      r = await stage.run(opts);
    } catch (err) {
      const message = err instanceof StageError ? err.message : err instanceof Error ? err.stack || err.message : String(err);
      r = { passed: 0, failed: 1, skipped: 0, detail: message };
    }
    const ms = Date.now() - t0;
    const ok = r.failed === 0;
    results.set(stage.name, { ...r, status: ok ? 'passed' : 'FAILED', ms });
    out('');
    if (ok) out(green(bold(`✔ ${stage.name} passed in ${seconds(ms)}: ${r.detail}`)));
    else {
      if (r.detail.includes('\n')) {
        out(red(bold(`✘ ${stage.name} FAILED in ${seconds(ms)}:`)));
        out(red(r.detail));
      } else out(red(bold(`✘ ${stage.name} FAILED in ${seconds(ms)}: ${r.detail}`)));
      if (!opts.keepGoing) {
        const rest = selected.slice(i + 1).map((s) => s.name);
        if (rest.length) out(yellow(`Stopping at the first failure: ${rest.join(', ')} not run (--keep-going runs them).`));
        stopped = true;
      }
    }
  }

  // Summary
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  out('');
  out(bold(RULE));
  out(bold('Summary'));
  out(bold(RULE));
  for (const stage of STAGES) {
    const r = results.get(stage.name);
    const name = stage.name.padEnd(14);
    if (!r) {
      out(dim(`  ${name} skipped (--only/--skip)`));
      continue;
    }
    if (r.status === 'not run') {
      out(yellow(`  ${name} not run`));
      continue;
    }
    passed += r.passed;
    failed += r.failed;
    skipped += r.skipped;
    const status = r.status === 'passed' ? green('passed') : red('FAILED');
    const counts = `${r.passed} ok / ${r.failed} bad${r.skipped ? ` / ${r.skipped} skipped` : ''}`;
    out(`  ${name} ${status}  ${seconds(r.ms).padStart(8)}   ${counts}`);
  }
  out(`  ${'total'.padEnd(14)}         ${seconds(Date.now() - start).padStart(8)}`);
  out('');
  out(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exitCode = failed === 0 && selected.length > 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  out('0 passed, 1 failed');
  process.exit(1);
});
