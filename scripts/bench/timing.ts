// Time-sized trials: a warm-up that also calibrates the step rate, then `trials` timed runs of a fixed
// number of steps each (sized so one trial takes about `trialSeconds`), reported as the median rate.
//
// Several implementations are measured interleaved (measureInterleaved): trial 1 of each, then trial
// 2 of each, and so on, so that a burst of load from another process hits all of them alike and the
// ratios between them stay meaningful on a shared machine.

export interface MeasureOptions {
  trials: number;
  /** Target duration of one trial. */
  trialSeconds: number;
  /** Calibration time after the untimed first steps. */
  warmupSeconds: number;
  /** Untimed steps before calibration (first-call compilation, buffer allocation); default 1. */
  untimedSteps?: number;
  /**
   * Upper bound on the time of all trials of one implementation together: when `trials` trials would
   * take longer (very slow configurations, where a trial is a single multi-second step), fewer are
   * run, but never fewer than `minTrials`. Default: no bound.
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
  /** Wall time spent in this implementation's warm-up and trials, in seconds. */
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

interface Clocks {
  now: () => number;
  cpuNow: () => number;
  sysNow: () => number | null;
}

function clocksOf(opts: MeasureOptions): Clocks {
  return {
    now: opts.now ?? (() => performance.now()),
    cpuNow: opts.cpuNow ?? (() => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }),
    sysNow: opts.systemCpuNow ?? (() => null),
  };
}

/** Untimed steps, then calibration; returns how many steps a trial takes and how many trials to run. */
function warmUp(step: () => void, opts: MeasureOptions, c: Clocks): { perTrial: number; trials: number; warmupSteps: number } {
  const untimed = opts.untimedSteps ?? 1;
  for (let i = 0; i < untimed; i++) step();
  let warm = 0;
  const c0 = c.now();
  let elapsed = 0;
  do {
    step();
    warm++;
    elapsed = (c.now() - c0) / 1000;
  } while (elapsed < opts.warmupSeconds);
  const rate = warm / elapsed;
  const perTrial = stepsForTrial(rate, opts.trialSeconds);
  const trials = trialCount(opts.trials, perTrial / rate, opts.maxTrialsSeconds, opts.minTrials ?? 3);
  return { perTrial, trials, warmupSteps: untimed + warm };
}

function runTrial(step: () => void, perTrial: number, c: Clocks): { rate: number; cpuShare: number; others: number | null } {
  const sys0 = c.sysNow();
  const cpu0 = c.cpuNow();
  const s0 = c.now();
  for (let i = 0; i < perTrial; i++) step();
  const ms = c.now() - s0;
  const cpuMs = c.cpuNow() - cpu0;
  const sys1 = c.sysNow();
  return {
    rate: perTrial / (ms / 1000),
    cpuShare: ms > 0 ? cpuMs / ms : 1,
    others: sys0 === null || sys1 === null || !(ms > 0) ? null : Math.max(0, (sys1 - sys0 - cpuMs) / ms),
  };
}

export interface InterleavedEntry {
  step: () => void;
  /** Called before this entry's warm-up and before each of its trials (e.g. switch the TF.js backend). */
  activate?: () => void | Promise<void>;
  afterTrial?: (trial: number) => void;
}

/** Warms every entry up in turn, then runs their trials round-robin. Results in the entries' order. */
export async function measureInterleaved(entries: readonly InterleavedEntry[], opts: MeasureOptions): Promise<Measurement[]> {
  const c = clocksOf(opts);
  const state = [];
  for (const e of entries) {
    await e.activate?.();
    const t0 = c.now();
    const w = warmUp(e.step, opts, c);
    state.push({ ...w, seconds: (c.now() - t0) / 1000, rates: [] as number[], shares: [] as number[], others: [] as Array<number | null> });
  }
  const rounds = Math.max(0, ...state.map((s) => s.trials));
  for (let t = 0; t < rounds; t++) {
    for (let i = 0; i < entries.length; i++) {
      const s = state[i];
      if (t >= s.trials) continue;
      await entries[i].activate?.();
      const t0 = c.now();
      const r = runTrial(entries[i].step, s.perTrial, c);
      s.seconds += (c.now() - t0) / 1000;
      s.rates.push(r.rate);
      s.shares.push(r.cpuShare);
      s.others.push(r.others);
      entries[i].afterTrial?.(t);
    }
  }
  return state.map((s) => ({
    stepsPerSec: median(s.rates),
    trialRates: s.rates,
    stepsPerTrial: s.perTrial,
    cpuShares: s.shares,
    otherCores: s.others,
    warmupSteps: s.warmupSteps,
    seconds: s.seconds,
  }));
}

/** One implementation on its own. */
export function measure(step: () => void, opts: MeasureOptions): Measurement {
  const c = clocksOf(opts);
  const t0 = c.now();
  const w = warmUp(step, opts, c);
  const rates: number[] = [];
  const cpuShares: number[] = [];
  const otherCores: Array<number | null> = [];
  for (let t = 0; t < w.trials; t++) {
    const r = runTrial(step, w.perTrial, c);
    rates.push(r.rate);
    cpuShares.push(r.cpuShare);
    otherCores.push(r.others);
    opts.afterTrial?.(t);
  }
  return {
    stepsPerSec: median(rates),
    trialRates: rates,
    stepsPerTrial: w.perTrial,
    cpuShares,
    otherCores,
    warmupSteps: w.warmupSteps,
    seconds: (c.now() - t0) / 1000,
  };
}
