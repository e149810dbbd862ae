// Time-sized trials: a warm-up that also calibrates the step rate, then `trials` timed runs of a fixed
// number of steps each (sized so one trial takes about `trialSeconds`), reported as the median rate.

export interface MeasureOptions {
  trials: number;
  /** Target duration of one trial. */
  trialSeconds: number;
  /** Calibration time after the untimed first steps. */
  warmupSeconds: number;
  /** Untimed steps before calibration (first-call compilation, buffer allocation); default 1. */
  untimedSteps?: number;
  /**
   * Upper bound on the time of all trials together: when `trials` trials would take longer (very slow
   * configurations, where a trial is a single multi-second step), fewer are run, but never fewer than
   * `minTrials`. Default: no bound.
   */
  maxTrialsSeconds?: number;
  /** Default 3. */
  minTrials?: number;
  /** Clock in milliseconds; performance.now by default. */
  now?: () => number;
  /** Process CPU time in milliseconds (all threads); process.cpuUsage by default. */
  cpuNow?: () => number;
  /** Busy CPU time of the whole machine in ms, or null where unknown (see sysload.ts). */
  systemCpuNow?: () => number | null;
  /** Called after every timed trial, outside the timing (e.g. a leak check). */
  afterTrial?: (trial: number) => void;
}

export interface Measurement {
  /** Median over the trials of steps / seconds. */
  stepsPerSec: number;
  trialRates: number[];
  stepsPerTrial: number;
  /**
   * Per trial, process CPU time / wall time. About 1 for single-threaded code running undisturbed;
   * clearly below 1 means the process was waiting for a core (another process competed for it).
   */
  cpuShares: number[];
  /**
   * Per trial, the CPU time other processes used, in cores (machine busy time minus ours, over wall
   * time); null where the machine's busy time is unknown.
   */
  otherCores: Array<number | null>;
  warmupSteps: number;
  /** Wall time of the whole measurement, warm-up included, in seconds. */
  seconds: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** (max - min) / median: how much the trials disagree. */
export function relativeSpread(values: readonly number[]): number {
  const med = median(values);
  if (!(med > 0)) return 0;
  return (Math.max(...values) - Math.min(...values)) / med;
}

/** Steps per trial for a calibrated rate: at least 1. */
export function stepsForTrial(stepsPerSec: number, trialSeconds: number): number {
  if (!Number.isFinite(stepsPerSec) || stepsPerSec <= 0) return 1;
  return Math.max(1, Math.round(stepsPerSec * trialSeconds));
}

/** `trials`, reduced (down to `minTrials`) so that trials * secondsPerTrial stays within `maxSeconds`. */
export function trialCount(trials: number, secondsPerTrial: number, maxSeconds: number | undefined, minTrials: number): number {
  if (maxSeconds === undefined || !(secondsPerTrial > 0)) return trials;
  const fit = Math.floor(maxSeconds / secondsPerTrial);
  return Math.max(Math.min(trials, minTrials), Math.min(trials, fit));
}

export function measure(step: () => void, opts: MeasureOptions): Measurement {
  const now = opts.now ?? (() => performance.now());
  const cpuNow = opts.cpuNow ?? (() => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  });
  const t0 = now();
  const untimed = opts.untimedSteps ?? 1;
  for (let i = 0; i < untimed; i++) step();

  // Calibrate: run until warmupSeconds have passed (at least one step).
  let warm = 0;
  const c0 = now();
  let elapsed = 0;
  do {
    step();
    warm++;
    elapsed = (now() - c0) / 1000;
  } while (elapsed < opts.warmupSeconds);
  const rate = warm / elapsed;
  const perTrial = stepsForTrial(rate, opts.trialSeconds);
  const trials = trialCount(opts.trials, perTrial / rate, opts.maxTrialsSeconds, opts.minTrials ?? 3);

  const rates: number[] = [];
  const cpuShares: number[] = [];
  const otherCores: Array<number | null> = [];
  const sysNow = opts.systemCpuNow ?? (() => null);
  for (let t = 0; t < trials; t++) {
    const sys0 = sysNow();
    const cpu0 = cpuNow();
    const s0 = now();
    for (let i = 0; i < perTrial; i++) step();
    const ms = now() - s0;
    const cpuMs = cpuNow() - cpu0;
    const sys1 = sysNow();
    rates.push(perTrial / (ms / 1000));
    cpuShares.push(ms > 0 ? cpuMs / ms : 1);
    otherCores.push(sys0 === null || sys1 === null || !(ms > 0) ? null : Math.max(0, (sys1 - sys0 - cpuMs) / ms));
    opts.afterTrial?.(t);
  }
  return {
    stepsPerSec: median(rates),
    trialRates: rates,
    stepsPerTrial: perTrial,
    cpuShares,
    otherCores,
    warmupSteps: untimed + warm,
    seconds: (now() - t0) / 1000,
  };
}
