// Results of a multi-seed experiment, summarised per setting (a preset's check) and run kind: the
// test accuracy's median, range and quartiles, how many seeds left chance (accuracy above a stated
// threshold), and, because the runs of a seed share their weights and batches, the paired comparison
// of the check's second run against its first (batch norm against plain).
import { orderRuns, type RunKind } from '../run-kinds';
import { countAbove, pairedComparison, summarize, type PairedComparison, type SeedSummary } from './stats';

/** What a finished run contributes (a SeedResult, or a line of docs/results/experiments/*.jsonl). */
export interface SeedRecord {
  preset: string;
  check: string;
  run: RunKind;
  seed: number;
  testAcc: number | null;
}

/** Test accuracy above this left chance (0.10 for ten balanced classes, 0.1135 for "always 1"). */
export const LEFT_CHANCE = 0.3;

export interface RunSummary {
  run: RunKind;
  /** Seeds with a result, ascending. */
  seeds: number[];
  /** Runs that diverged (no accuracy). */
  diverged: number;
  /** Over the runs that finished; null when none did. */
  acc: SeedSummary | null;
  /** Runs with test accuracy above the threshold. */
  above: number;
}

export interface CheckSummary {
  preset: string;
  check: string;
  threshold: number;
  runs: RunSummary[];
  /** The check's second run (b) against its first (a), seed by seed; null with one run kind. */
  paired: { a: RunKind; b: RunKind; comparison: PairedComparison } | null;
}

const key = (r: Pick<SeedRecord, 'preset' | 'check'>) => `${r.preset}\u0000${r.check}`;

/** One summary per (preset, check), in the order they first appear; run kinds in their canonical order. */
export function summarizeRecords(records: readonly SeedRecord[], threshold = LEFT_CHANCE): CheckSummary[] {
  const groups = new Map<string, SeedRecord[]>();
  for (const r of records) {
    const k = key(r);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  return [...groups.values()].map((rs) => {
    const kinds = orderRuns(rs.map((r) => r.run));
    const byRun = new Map(kinds.map((run) => [run, new Map(rs.filter((r) => r.run === run).map((r) => [r.seed, r.testAcc]))]));
    const runs = kinds.map((run): RunSummary => {
      const bySeed = byRun.get(run)!;
      const values = [...bySeed.values()];
      const finished = values.filter((v): v is number => v !== null);
      return {
        run, seeds: [...bySeed.keys()].sort((a, b) => a - b), diverged: values.length - finished.length,
        acc: finished.length ? summarize(finished) : null, above: countAbove(values, threshold),
      };
    });
    const paired = kinds.length >= 2
      ? { a: kinds[0], b: kinds[1], comparison: pairedComparison(byRun.get(kinds[0])!, byRun.get(kinds[1])!) }
      : null;
    return { preset: rs[0].preset, check: rs[0].check, threshold, runs, paired };
  });
}
