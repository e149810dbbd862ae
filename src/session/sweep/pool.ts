// A pool of sweep workers taking jobs from one queue, in plan order. Worker-agnostic: the caller
// spawns the workers (Web Workers in the page, worker_threads in the CLI, in-process ones in tests)
// behind a SweepWorkerHandle. It reports the overall progress (work-weighted, see work.ts), the time
// left (eta.ts) and each result as it arrives. Cancel stops handing out jobs, cancels and terminates
// every worker, and resolves at once with the results finished so far; a late answer from a worker
// is ignored. A job that fails for another reason stops the sweep the same way, with the error.
import { estimateRemaining } from './eta';
import type { SweepJob } from './protocol';
import type { SweepProgress, SweepResult } from './run-job';
import { jobWork, totalWork } from './work';

export interface SweepWorkerHandle {
  /** Trains the job; rejects if it fails or is cancelled. */
  run(job: SweepJob, onProgress: (p: SweepProgress) => void): Promise<SweepResult>;
  /** Asks the running job to stop (cooperative; the job rejects with SweepCancelled). */
  cancel(): void;
  /** Ends the worker; pending runs may never settle after this. */
  terminate(): void;
}

export interface RunningJob {
  job: SweepJob;
  phase: SweepProgress['phase'] | 'starting';
  /** Share of the job's steps done, 0 to 1. */
  fraction: number;
}

export interface SweepPoolSnapshot {
  workers: number;
  jobsTotal: number;
  jobsDone: number;
  running: RunningJob[];
  /** Overall progress, 0 to 1, weighted by each job's work. */
  fraction: number;
  elapsedSeconds: number;
  /** Seconds left, or null while too little is measured. */
  etaSeconds: number | null;
}

export interface SweepOutcome {
  /** In the order they finished. */
  results: SweepResult[];
  cancelled: boolean;
  /** Why the sweep stopped early, or null. */
  error: string | null;
  seconds: number;
}

export interface SweepPool {
  done: Promise<SweepOutcome>;
  cancel(): void;
  snapshot(): SweepPoolSnapshot;
}

export interface SweepPoolOptions {
  jobs: readonly SweepJob[];
  /** Workers wanted; the pool uses at most one per job and at least one. */
  size: number;
  spawn: (index: number) => SweepWorkerHandle;
  onResult?: (r: SweepResult) => void;
  /** After every progress report and every finished job. */
  onUpdate?: (s: SweepPoolSnapshot) => void;
  now?: () => number;
}

/** Workers for a machine with `cores` logical cores: all but one (for the page or the shell), at least one. */
export function poolSize(cores: number | undefined): number {
  return Math.max(1, Math.floor((cores ?? 2) - 1));
}

export function startSweepPool(options: SweepPoolOptions): SweepPool {
  const { jobs, spawn } = options;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const size = Math.max(1, Math.min(Math.floor(options.size) || 1, jobs.length));
  const total = totalWork(jobs);
  const running = new Map<number, RunningJob>();
  const results: SweepResult[] = [];
  const handles: SweepWorkerHandle[] = [];
  let next = 0;
  let doneWork = 0;
  let stopped = false;
  let cancelled = false;
  let error: string | null = null;
  let finish: (o: SweepOutcome) => void = () => {};
  const done = new Promise<SweepOutcome>((resolve) => { finish = resolve; });

  const snapshot = (): SweepPoolSnapshot => {
    let work = doneWork;
    for (const r of running.values()) work += r.fraction * jobWork(r.job);
    const elapsedSeconds = (now() - started) / 1000;
    return {
      workers: size, jobsTotal: jobs.length, jobsDone: results.length, running: [...running.values()].map((r) => ({ ...r })),
      fraction: total > 0 ? Math.min(1, work / total) : 1, elapsedSeconds,
      etaSeconds: estimateRemaining({ totalWork: total, doneWork: work, elapsedSeconds }),
    };
  };
  const update = () => { if (!stopped) options.onUpdate?.(snapshot()); };

  const end = () => {
    for (const h of handles) {
      try { h.terminate(); } catch { /* already gone */ }
    }
    finish({ results: [...results], cancelled, error, seconds: (now() - started) / 1000 });
  };

  const stop = (why: { cancel: true } | { error: string }) => {
    if (stopped) return;
    stopped = true;
    if ('cancel' in why) cancelled = true; else error = why.error;
    for (const h of handles) {
      try { h.cancel(); } catch { /* a dead worker needs no cancel */ }
    }
    end();
  };

  async function work(slot: number, handle: SweepWorkerHandle): Promise<void> {
    while (!stopped && next < jobs.length) {
      const job = jobs[next++];
      const entry: RunningJob = { job, phase: 'starting', fraction: 0 };
      running.set(slot, entry);
      update();
      try {
        const result = await handle.run(job, (p) => {
          if (stopped) return;
          entry.phase = p.phase;
          entry.fraction = p.steps > 0 ? Math.min(1, p.step / p.steps) : 0;
          update();
        });
        if (stopped) return;
        running.delete(slot);
        results.push(result);
        doneWork += jobWork(job);
        options.onResult?.(result);
        update();
      } catch (e) {
        running.delete(slot);
        if (!stopped) stop({ error: `run ${job.id} (${job.norm}, batch ${job.batch}): ${e instanceof Error ? e.message : String(e)}` });
        return;
      }
    }
  }

  try {
    for (let i = 0; i < size; i++) handles.push(spawn(i));
  } catch (e) {
    stop({ error: `could not start the workers: ${e instanceof Error ? e.message : String(e)}` });
    return { done, cancel: () => {}, snapshot };
  }
  if (jobs.length === 0) {
    stopped = true;
    end();
  } else {
    void Promise.all(handles.map((h, i) => work(i, h))).then(() => {
      if (!stopped) {
        stopped = true;
        end();
      }
    });
  }
  return { done, cancel: () => stop({ cancel: true }), snapshot };
}
