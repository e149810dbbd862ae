// The batch-size sweep's state in the page (zustand, apart from the dashboard's store): what to run,
// the pool's progress, the results as they arrive. While a sweep runs the dashboard's live training is
// paused (the two would share the same cores); when it ends the page offers to resume it.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { NormKind } from '../engine/types';
import { poolSize, startSweepPool, type SweepPool, type SweepPoolSnapshot, type SweepWorkerHandle } from '../runtime/sweep/pool';
import { checkSweepPlan, planSweep, SWEEP_BATCHES, SWEEP_NORMS, type SweepJob } from '../session/sweep/protocol';
import type { SweepResult } from '../runtime/sweep/run-job';
import type { Arch } from '../session/settings';

export interface SweepConfig {
  norms: NormKind[];
  batches: number[];
  examples: number;
  seed: number;
  /** How many seeds, from `seed` up (1: a one-seed sweep; more: medians and ranges over them). */
  seedCount: number;
  /** The network swept: mlp (the default protocol) or cnn (batch norm against group norm on the CNN). */
  arch?: Arch;
}

/** The seeds a config runs: seed, seed + 1, ..., seedCount of them. */
export function configSeeds(c: SweepConfig): number[] {
  return Array.from({ length: Math.max(1, Math.floor(c.seedCount) || 1) }, (_, i) => c.seed + i);
}

/** The plan input of a config. */
export function planInput(c: SweepConfig) {
  return { norms: c.norms, batches: c.batches, examples: c.examples, seed: c.seed, seeds: configSeeds(c), arch: c.arch ?? 'mlp' };
}

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface SweepState {
  config: SweepConfig;
  status: SweepStatus;
  /** Pool slots used (or to be used) by a sweep. */
  workers: number;
  jobs: SweepJob[];
  /** In the order they finished. */
  results: SweepResult[];
  progress: SweepPoolSnapshot | null;
  error: string | null;
  /** Wall time of the last sweep, when it ended. */
  seconds: number | null;
  /** The live training was running when the sweep started, and was paused for it. */
  pausedLive: boolean;
}

export interface SweepActions {
  configure(change: Partial<SweepConfig>): void;
  /** Plans the jobs from the config and starts the pool; refused (with `error`) for a bad config. */
  start(): void;
  /** Stops the sweep, keeping the finished results. */
  cancel(): void;
  /** Plays the live training that the sweep paused. */
  resumeLive(): void;
}

export type SweepStore = StoreApi<SweepState & SweepActions>;

/** The dashboard's training, as the sweep needs it. */
export interface LiveTraining {
  isRunning(): boolean;
  pause(): Promise<void> | void;
  play(): Promise<void> | void;
}

export interface SweepStoreOptions {
  spawn: (index: number) => SweepWorkerHandle;
  cores: number | undefined;
  live: LiveTraining;
  config?: Partial<SweepConfig>;
}

export const DEFAULT_SWEEP_CONFIG: Readonly<SweepConfig> = { norms: [...SWEEP_NORMS], batches: [...SWEEP_BATCHES], examples: 30_000, seed: 1, seedCount: 1 };
/** Seed counts the page offers. */
export const SWEEP_SEED_CHOICES: readonly number[] = [1, 3, 8];

export function createSweepStore(options: SweepStoreOptions): SweepStore {
  let pool: SweepPool | null = null;
  /** Which sweep is current: a late answer from an older one is dropped. */
  let generation = 0;
  return createStore<SweepState & SweepActions>()((set, get) => ({
    config: { ...DEFAULT_SWEEP_CONFIG, ...options.config },
    status: 'idle',
    workers: poolSize(options.cores),
    jobs: [],
    results: [],
    progress: null,
    error: null,
    seconds: null,
    pausedLive: false,

    configure(change) {
      if (get().status === 'running') return;
      set({ config: { ...get().config, ...change } });
    },

    start() {
      if (get().status === 'running') return;
      const { config } = get();
      const problem = checkSweepPlan(planInput(config));
      if (problem) {
        set({ status: 'error', error: problem });
        return;
      }
      const jobs = planSweep(planInput(config));
      const wasRunning = options.live.isRunning();
      if (wasRunning) void options.live.pause();
      const workers = Math.min(poolSize(options.cores), jobs.length);
      set({ status: 'running', jobs, workers, results: [], progress: null, error: null, seconds: null, pausedLive: wasRunning || get().pausedLive });
      const gen = ++generation;
      const mine = startSweepPool({
        jobs, size: workers, spawn: options.spawn,
        onResult: (r) => { if (gen === generation) set({ results: [...get().results, r] }); },
        onUpdate: (s) => { if (gen === generation) set({ progress: s }); },
      });
      pool = mine;
      void mine.done.then((out) => {
        if (gen !== generation) return;
        pool = null;
        set({
          status: out.error ? 'error' : out.cancelled ? 'cancelled' : 'done',
          error: out.error, seconds: out.seconds, results: out.results, progress: { ...mine.snapshot(), running: [] },
        });
      });
    },

    cancel() {
      pool?.cancel();
    },

    resumeLive() {
      if (get().status === 'running') return;
      set({ pausedLive: false });
      void options.live.play();
    },
  }));
}
