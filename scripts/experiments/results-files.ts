// The recorded results as the generator and the tests read them: docs/results/experiments/NAME.jsonl
// for every preset with checks, and the batch-size sweep's docs/results/sweep-*.jsonl (npm run -s sweep
// -- --json, one seed or --seeds per file).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRESETS } from '../../src/session/index';
import type { ExperimentLine, SweepLine } from '../../src/session/index';

export const RESULTS_DIR = new URL('../../docs/results/', import.meta.url).pathname;

const jsonl = <T>(file: string): T[] => readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);

/** Presets with checks whose docs/results/experiments/NAME.jsonl is not there yet. */
export function missingExperimentFiles(dir = join(RESULTS_DIR, 'experiments')): string[] {
  return PRESETS.filter((p) => p.checks.length > 0 && !existsSync(join(dir, `${p.name}.jsonl`))).map((p) => p.name);
}

/** Every recorded preset's lines, in PRESETS order (a preset without its file has none: the
 * explanations' test names it, as not backed by 8 seeds). */
export function readExperimentLines(dir = join(RESULTS_DIR, 'experiments')): ExperimentLine[] {
  return PRESETS.filter((p) => p.checks.length > 0 && existsSync(join(dir, `${p.name}.jsonl`)))
    .flatMap((p) => jsonl<ExperimentLine>(join(dir, `${p.name}.jsonl`)));
}

/** The sweep's lines of every docs/results/sweep-*.jsonl (one seed or several per file), without the summary lines. */
export function readSweepLines(dir = RESULTS_DIR): SweepLine[] {
  return readdirSync(dir).filter((f) => /^sweep-[\w-]+\.jsonl$/.test(f)).sort()
    .flatMap((f) => jsonl<SweepLine & { done?: boolean }>(join(dir, f))).filter((l) => !l.done);
}
