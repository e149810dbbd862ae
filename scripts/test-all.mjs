#!/usr/bin/env node
// `npm test`: every check NormScope has, in order, stopping at the first failure. The test suites are
// Vitest projects (vitest.config.ts: `unit` and `browser`); this script does only what Vitest cannot:
//
//   typecheck            tsc --noEmit -p .
//   unit                 vitest run --project unit
//   conformance          node ../shared/conformance/check.mjs (it calls `npm run -s conformance -- FILE...`)
//   conformance-ts       the same with the pure TypeScript kernels (NORMSCOPE_NO_SIMD=1)
//   conformance-cnn, conformance-cnn-ts   the same two over ../shared/conformance/cases-cnn
//   e2e                  Chromium (scripts/ensure-chromium.mjs: apt-get installs it when missing and
//                        running as root, as in CI), vite build --mode test, vitest run --project browser
//
// It ends with each stage's wall time and one line `N passed, M failed` (CI reads it); the exit code
// is 0 only when every stage that ran passed. For local use (CI runs plain `npm test`):
//   --list   --only a,b   --skip a,b   --keep-going (run later stages after a failure)
//   --shuffle[=SEED]     the unit stage in random file and test order (vitest --sequence.shuffle); the
//                        seed is printed, and --shuffle=SEED repeats an order
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureChromium } from './ensure-chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const CONFORMANCE = resolve(ROOT, '..', 'shared', 'conformance');
const say = (line = '') => process.stdout.write(`${line}\n`);
const fail = (detail) => ({ passed: 0, failed: 1, detail });
const USAGE = 'usage: node scripts/test-all.mjs [--only a,b] [--skip a,b] [--keep-going] [--shuffle[=SEED]] [--list]';

/** Runs a command with its output passed through; resolves with its exit code and stdout. */
function run(cmd, args, env = {}) {
  say(`$ ${[cmd.replace(`${BIN}/`, ''), ...args].join(' ')}`);
  return new Promise((done) => {
    let stdout = '';
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    child.stdout.on('data', (chunk) => { process.stdout.write(chunk); stdout = (stdout + chunk).slice(-1_000_000); });
    child.on('error', (err) => done({ code: 127, stdout: `${cmd}: ${err.message}` }));
    child.on('close', (code) => done({ code: code ?? 1, stdout }));
  });
}

/** A Vitest project, counted from its JSON report (a file that fails to load counts as a failure). */
async function vitest(project, extraArgs = []) {
  const report = join(ROOT, 'test-results', `vitest-${project}.json`);
  mkdirSync(dirname(report), { recursive: true });
  rmSync(report, { force: true });
  const { code } = await run(join(BIN, 'vitest'), ['run', '--project', project, ...extraArgs,
    '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (!existsSync(report)) return fail(`vitest wrote no report (exit code ${code})`);
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const broken = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
  const failed = r.numFailedTests + broken || (code === 0 && r.numPassedTests > 0 ? 0 : 1);
  return { passed: r.numPassedTests, failed, detail: `vitest exit code ${code}${broken ? `, ${broken} file(s) failed outside a test` : ''}` };
}

/** The conformance check over `cases` (a folder of ../shared/conformance), counted from its last summary line. */
function conformance(cases, env = {}) {
  return async () => {
    const check = join(CONFORMANCE, 'check.mjs');
    if (!existsSync(check)) return fail(`${check} is missing: the PyTorch fixtures live in shared/ beside this checkout (CI lays a copy there)`);
    const { code, stdout } = await run(process.execPath, [check, join(CONFORMANCE, cases)], env);
    const last = [...stdout.matchAll(/^(\d+) passed, (\d+) failed/gm)].at(-1);
    if (!last) return fail(`check.mjs printed no summary (exit code ${code})`);
    return { passed: Number(last[1]), failed: Number(last[2]) || (code === 0 ? 0 : 1), detail: `check.mjs exit code ${code}` };
  };
}

async function browserStage() {
  const chromium = await ensureChromium({ log: (text) => process.stdout.write(text) });
  say(`${chromium.installed ? 'Installed' : 'Found'} ${chromium.version} at ${chromium.path}`);
  // the test mode keeps the page's test hooks (window.normscope.debug), which the tests drive
  const build = await run(join(BIN, 'vite'), ['build', '--mode', 'test']);
  if (build.code !== 0) return fail(`vite build failed with exit code ${build.code}`);
  return vitest('browser');
}

const SIMD_OFF = { NORMSCOPE_NO_SIMD: '1' };
const STAGES = {
  typecheck: async () => ((await run(join(BIN, 'tsc'), ['--noEmit', '-p', '.'])).code === 0 ? { passed: 1, failed: 0 } : fail('type errors')),
  unit: (opts) => vitest('unit', opts.shuffle === undefined ? [] : ['--sequence.shuffle', `--sequence.seed=${opts.shuffle}`]),
  conformance: conformance('cases'),
  'conformance-ts': conformance('cases', SIMD_OFF),
  'conformance-cnn': conformance('cases-cnn'),
  'conformance-cnn-ts': conformance('cases-cnn', SIMD_OFF),
  e2e: browserStage,
};
const NAMES = Object.keys(STAGES);

function options(argv) {
  // a bare --shuffle picks a seed (parseArgs has no options with an optional value)
  const args = argv.map((a) => (a === '--shuffle' ? `--shuffle=${Math.floor(Math.random() * 2 ** 31)}` : a));
  const { values } = parseArgs({ args, options: {
    only: { type: 'string' }, skip: { type: 'string' }, 'keep-going': { type: 'boolean' },
    list: { type: 'boolean' }, shuffle: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  } });
  const stages = (flag) => {
    const names = values[flag]?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
    const unknown = names.filter((n) => !NAMES.includes(n));
    if (unknown.length) throw new Error(`--${flag}: unknown stage "${unknown[0]}"; stages: ${NAMES.join(', ')}`);
    return names;
  };
  if (values.shuffle !== undefined && !/^\d+$/.test(values.shuffle)) throw new Error(`--shuffle=SEED needs a whole number, not "${values.shuffle}"`);
  const only = stages('only');
  const skip = stages('skip');
  return { ...values, selected: NAMES.filter((n) => (only.length === 0 || only.includes(n)) && !skip.includes(n)) };
}

async function main() {
  let opts;
  try {
    opts = options(process.argv.slice(2));
  } catch (err) {
    console.error(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help || opts.list) {
    if (opts.help) say(USAGE);
    say(`stages, in order: ${NAMES.join(', ')}`);
    return;
  }
  if (opts.shuffle !== undefined) say(`unit tests in shuffled order, seed ${opts.shuffle} (again: --shuffle=${opts.shuffle})`);

  const start = Date.now();
  const results = [];
  for (const name of opts.selected) {
    if (results.some((r) => r.failed > 0) && !opts['keep-going']) {
      results.push({ name, status: 'not run', passed: 0, failed: 0, seconds: 0 });
      continue;
    }
    say(`\n${'═'.repeat(72)}\n▶ ${name}\n${'═'.repeat(72)}`);
    const t0 = Date.now();
    let r;
    try {
      r = await STAGES[name](opts);
    } catch (err) {
      r = fail(err instanceof Error ? err.message : String(err));
    }
    const seconds = (Date.now() - t0) / 1000;
    results.push({ name, status: r.failed ? 'FAILED' : 'passed', ...r, seconds });
    const counts = `${r.passed} passed, ${r.failed} failed`;
    say(r.failed ? `✘ ${name} FAILED in ${seconds.toFixed(1)} s: ${counts}${r.detail ? ` (${r.detail})` : ''}` : `✔ ${name} passed in ${seconds.toFixed(1)} s: ${counts}`);
  }

  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const times = results.map((r) => (r.status === 'not run' ? `${r.name} not run` : `${r.name} ${r.seconds.toFixed(1)} s${r.failed ? ' FAILED' : ''}`));
  say(`\n${passed} passed, ${failed} failed (${times.join(', ')}; total ${((Date.now() - start) / 1000).toFixed(1)} s)`);
  process.exitCode = failed === 0 && results.length > 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  say('0 passed, 1 failed');
  process.exit(1);
});
