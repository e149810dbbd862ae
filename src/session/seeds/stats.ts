// Summary statistics of a measurement repeated over seeds: the median, the range, the interquartile
// range, how many seeds cleared a threshold, and the paired comparison of two runs that share a seed
// (same initial weights, same batches), so that a claim is a statement over seeds, not one number.
//
// Quartiles interpolate linearly between order statistics (the "type 7" definition of R's quantile and
// numpy's percentile): with the n values sorted, x(p) = v[h] interpolated at h = (n - 1) p.

export interface SeedSummary {
  /** Values summarised (finished runs). */
  n: number;
  median: number;
  min: number;
  max: number;
  q1: number;
  q3: number;
  /** q3 - q1. */
  iqr: number;
}

export class StatsError extends Error {}

function sortedFinite(values: readonly number[], what: string): number[] {
  if (values.length === 0) throw new StatsError(`${what}: no values`);
  const bad = values.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new StatsError(`${what}: ${bad} is not a finite number`);
  return [...values].sort((a, b) => a - b);
}

/** The p-quantile (0 <= p <= 1) of values already sorted ascending, by linear interpolation (type 7). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function median(values: readonly number[]): number {
  return quantileSorted(sortedFinite(values, 'median'), 0.5);
}

export function summarize(values: readonly number[]): SeedSummary {
  const v = sortedFinite(values, 'summary');
  const q1 = quantileSorted(v, 0.25);
  const q3 = quantileSorted(v, 0.75);
  return { n: v.length, median: quantileSorted(v, 0.5), min: v[0], max: v[v.length - 1], q1, q3, iqr: q3 - q1 };
}

/** How many of the values are strictly above `threshold` (a "trains" vs "stalls" claim: k of N). */
export function countAbove(values: readonly (number | null)[], threshold: number): number {
  return values.filter((v) => v !== null && v > threshold).length;
}

export interface PairedComparison {
  /** Seeds with both runs. */
  n: number;
  /** Seeds where `b` beat `a` (a finished run beats a diverged one), where `a` beat `b`, and ties. */
  wins: number;
  losses: number;
  ties: number;
  /** Over seeds where both finished: the median, least and largest b - a; null when there are none. */
  medianDiff: number | null;
  minDiff: number | null;
  maxDiff: number | null;
}

/**
 * Compares run b against run a seed by seed: `a` and `b` map a seed to its value (null: the run
 * diverged). Seeds present in only one of them are left out.
 */
export function pairedComparison(a: ReadonlyMap<number, number | null>, b: ReadonlyMap<number, number | null>): PairedComparison {
  let wins = 0;
  let losses = 0;
  let ties = 0;
  let n = 0;
  const diffs: number[] = [];
  for (const [seed, va] of a) {
    if (!b.has(seed)) continue;
    const vb = b.get(seed)!;
    n++;
    if (va === null && vb === null) ties++;
    else if (va === null) wins++;
    else if (vb === null) losses++;
    else {
      // rounded to 1e-9: accuracies carry 4 decimals, and 0.9781 - 0.9756 = 0.00249999... would print
      // as 0.002 where the difference is 0.0025
      const d = Math.round((vb - va) * 1e9) / 1e9;
      diffs.push(d);
      if (d > 0) wins++; else if (d < 0) losses++; else ties++;
    }
  }
  const s = diffs.length ? summarize(diffs) : null;
  return { n, wins, losses, ties, medianDiff: s?.median ?? null, minDiff: s?.min ?? null, maxDiff: s?.max ?? null };
}
