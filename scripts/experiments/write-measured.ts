// npx tsx scripts/experiments/write-measured.ts: after a re-measurement (npm run -s experiments --
// --out docs/results/experiments), writes what the explanations quote into
// src/session/presets/measured.ts and the README's table of claims, both from docs/results. The
// explanations' test and scripts/experiments/measured.test.ts fail while either is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildMeasured, type Measured } from '../../src/session/index';
import { claimsTable, TABLE_END, TABLE_START } from './claims-table';
import { missingExperimentFiles, readExperimentLines, readSweepLines } from './results-files';

export const MEASURED_FILE = new URL('../../src/session/presets/measured.ts', import.meta.url).pathname;
export const README_FILE = new URL('../../README.md', import.meta.url).pathname;

export function measuredSource(m: Measured): string {
  return [
    '// What NormScope measured, summarised over seeds: written by scripts/experiments/write-measured.ts from',
    '// docs/results/experiments/*.jsonl and docs/results/sweep-*.jsonl. Do not edit by hand; the',
    '// explanations (./explanations.ts) quote it and their test rebuilds it from the results.',
    "import type { Measured } from '../seeds/measured-build';",
    '',
    `export const MEASURED: Measured = ${compactJson(m)};`,
    '',
  ].join('\n');
}

/** Indented JSON with every array of plain values on one line. */
function compactJson(v: unknown): string {
  return JSON.stringify(v, null, 2).replace(/\[\n\s+([^[\]{}]*?)\n\s+\]/g, (_all, inner: string) => `[${inner.replace(/,\n\s+/g, ', ')}]`);
}

/** `readme` with its claims table replaced (or an error naming the missing markers). */
export function withClaimsTable(readme: string, m: Measured): string {
  const a = readme.indexOf(TABLE_START);
  const b = readme.indexOf(TABLE_END);
  if (a < 0 || b < a) throw new Error(`README.md has no claims table between "${TABLE_START}" and "${TABLE_END}"`);
  return readme.slice(0, a) + claimsTable(m) + readme.slice(b + TABLE_END.length);
}

export function currentMeasured(): Measured {
  return buildMeasured(readExperimentLines(), readSweepLines());
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const m = currentMeasured();
  writeFileSync(MEASURED_FILE, measuredSource(m));
  writeFileSync(README_FILE, withClaimsTable(readFileSync(README_FILE, 'utf8'), m));
  process.stdout.write(`wrote ${MEASURED_FILE} and the claims table of ${README_FILE}\n`);
  const missing = missingExperimentFiles();
  if (missing.length) process.stderr.write(`write-measured: no results yet for ${missing.join(', ')}: npm run -s experiments -- ${missing.join(' ')} --out docs/results/experiments\n`);
}
