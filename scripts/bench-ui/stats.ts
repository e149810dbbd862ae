// Summaries of one measuring window of the UI benchmark, and the targets.
import type { PageSample } from './in-page';

export interface WindowStats {
  frameP50: number; frameP95: number; frameMax: number;
  /** Long tasks over 50 ms in the window, and the longest (0 when none). */
  longTasks: number; longTaskMax: number;
  workMedian: number; workP95: number; telemetryFrames: number;
  seconds: number;
}

/** The p-th quantile (0..1) of `values`, nearest rank on a sorted copy; NaN when empty. */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

export function summarize(s: PageSample, seconds: number): WindowStats {
  const long = s.longTasks.filter((d) => d > 50);
  return {
    frameP50: quantile(s.gaps, 0.5), frameP95: quantile(s.gaps, 0.95), frameMax: s.gaps.length ? Math.max(...s.gaps) : NaN,
    longTasks: long.length, longTaskMax: long.length ? Math.max(...long) : 0,
    workMedian: quantile(s.work, 0.5), workP95: quantile(s.work, 0.95), telemetryFrames: s.frames,
    seconds,
  };
}

/** The targets for one point: default page p95 <= 17 ms and no long task over 50 ms; seven runs p95 <= 33 ms. */
export function targetsMet(scenario: string, m: WindowStats): boolean {
  return scenario === 'seven' ? m.frameP95 <= 33 : m.frameP95 <= 17 && m.longTasks === 0;
}
