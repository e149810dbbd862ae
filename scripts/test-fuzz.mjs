#!/usr/bin/env node
// `npm run test:fuzz`: the hunt for counterexamples. Runs the unit test files that hold property tests
// (test.prop from src/testing/property.ts, or fc.assert) with NORMSCOPE_FUZZ=1: fresh seeds every
// round and NORMSCOPE_FUZZ_RUNS (default 20) times as many runs as `npm test`. A failure prints the
// property's seed, its path and the shrunk counterexample; replay it with NORMSCOPE_PROP_SEED=<seed>,
// then add the input as a named regression case beside the property.
//
//   node scripts/test-fuzz.mjs [--rounds N | --minutes M] [--runs FACTOR] [vitest file filters...]
//
// Stops at the first failing round (exit code 1). Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : testFiles(path);
    return e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const args = process.argv.slice(2);
let rounds = 1;
let minutes = 0;
let runs = process.env.NORMSCOPE_FUZZ_RUNS ?? '20';
const filters = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const num = (name) => {
    const v = Number(args[++i]);
    if (!Number.isFinite(v) || v <= 0) { console.error(`${name} needs a positive number`); process.exit(2); }
    return v;
  };
  if (a === '--rounds') rounds = num(a);
  else if (a === '--minutes') { minutes = num(a); rounds = Infinity; }
  else if (a === '--runs') runs = String(num(a));
  else if (a === '--help' || a === '-h') {
    console.log('usage: node scripts/test-fuzz.mjs [--rounds N | --minutes M] [--runs FACTOR] [file filters...]');
    process.exit(0);
  } else filters.push(a);
}

const files = ['src', 'scripts']
  .flatMap((d) => testFiles(join(ROOT, d)))
  .filter((f) => /from '[./]*testing\/property'|fc\.assert\(/.test(readFileSync(f, 'utf8')))
  .map((f) => relative(ROOT, f))
  .filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)))
  .sort();
if (files.length === 0) { console.error('no property test file matches'); process.exit(2); }

const start = Date.now();
const deadline = minutes > 0 ? start + minutes * 60_000 : Infinity;
console.log(`fuzz: ${files.length} file(s), ${runs}x the runs of npm test, ${minutes > 0 ? `${minutes} min` : `${rounds} round(s)`}`);
for (let round = 1; round <= rounds && Date.now() < deadline; round++) {
  const t0 = Date.now();
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'vitest'), ['run', '--project', 'unit', ...files], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NORMSCOPE_FUZZ: '1', NORMSCOPE_FUZZ_RUNS: runs },
  });
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.log(`fuzz: round ${round} FAILED after ${s} s: the seed and counterexample are printed above`);
    process.exit(1);
  }
  console.log(`fuzz: round ${round} passed in ${s} s`);
}
console.log(`fuzz: done in ${((Date.now() - start) / 1000).toFixed(1)} s, no counterexample`);
