// What the batch-size sweep (sweep-store.ts) and the multi-seed experiments (seeds-store.ts) share in
// the page: a plan of jobs run on the background pool (runtime/sweep/pool.ts), its progress and the
// results as they arrive, Cancel, and the dashboard's live training paused while the pool runs (both
// would compete for the same cores) and offered back afterwards. A late answer from an older run is
// dropped.
import { poolSize, startSweepPool, type PoolJob, type SweepPool, type SweepPoolSnapshot, type SweepWorkerHandle } from '../runtime/sweep/pool';

export type PoolRunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface PoolRunState<J extends PoolJob, R> {
  status: PoolRunStatus;
  /** Pool slots used (or to be used). */
  workers: number;
  jobs: J[];
  /** In the order they finished. */
  results: R[];
  progress: SweepPoolSnapshot<J> | null;
  error: string | null;
  /** Wall time of the last run, when it ended. */
  seconds: number | null;
  /** The live training was running when the pool started, and was paused for it. */
  pausedLive: boolean;
}

/** The dashboard's training, as a background run needs it. */
export interface LiveTraining {
  isRunning(): boolean;
  pause(): Promise<void> | void;
  play(): Promise<void> | void;
}

export interface PoolRunOptions<J extends PoolJob, R> {
  spawn: (index: number) => SweepWorkerHandle<J, R>;
  cores: number | undefined;
  live: LiveTraining;
  /** How an error names a job (the pool's default otherwise). */
  describe?: (job: J) => string;
}

/** The state before any run. */
export function idlePoolRun<J extends PoolJob, R>(cores: number | undefined): PoolRunState<J, R> {
  return { status: 'idle', workers: poolSize(cores), jobs: [], results: [], progress: null, error: null, seconds: null, pausedLive: false };
}

export interface PoolRunner<J extends PoolJob> {
  /** Pauses the live training and runs `jobs`; `extra` is set with the running state (what the jobs belong to). */
  start(jobs: J[], extra?: object): void;
  cancel(): void;
  resumeLive(): void;
}

/** The pool's life cycle over a zustand store's `set` and `get` (refusals are the caller's). */
export function poolRunner<J extends PoolJob, R>(
  options: PoolRunOptions<J, R>,
  set: (s: Partial<PoolRunState<J, R>>) => void,
  get: () => PoolRunState<J, R>,
): PoolRunner<J> {
  let pool: SweepPool<J, R> | null = null;
  /** Which run is current: a late answer from an older one is dropped. */
  let generation = 0;
  return {
    start(jobs, extra = {}) {
      const wasRunning = options.live.isRunning();
      if (wasRunning) void options.live.pause();
      const workers = Math.min(poolSize(options.cores), jobs.length);
      set({ ...extra, status: 'running', jobs, workers, results: [], progress: null, error: null, seconds: null, pausedLive: wasRunning || get().pausedLive });
      const gen = ++generation;
      const mine = startSweepPool<J, R>({
        jobs, size: workers, spawn: options.spawn, describe: options.describe,
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
  };
}
