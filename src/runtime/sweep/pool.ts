// A pool of sweep workers taking jobs from one queue, in plan order. Worker-agnostic: the caller
// spawns the workers (Web Workers in the page, worker_threads in the CLI, in-process ones in tests)
// behind a SweepWorkerHandle. It reports the overall progress (work-weighted, see work.ts), the time
// left (eta.ts) and each result as it arrives. Cancel stops handing out jobs, cancels and terminates
// every worker, and resolves at once with the results finished so far; a late answer from a worker
// is ignored. A job that fails for another reason stops the sweep the same way, with the error.
// The pool runs any job with an id, steps and a batch (the sweep's jobs, and the multi-seed
// experiments' runs of ../seeds): the work estimate needs only those.
import { estimateRemaining } from './eta';
import type { SweepJob } from '../../session/sweep/protocol';
import type { SweepProgress, SweepResult } from './run-job';
import { jobWork, totalWork } from './work';

/** What the pool needs of a job. */
export interface PoolJob { id: number; steps: number; batch: number }

export interface SweepWorkerHandle<J extends PoolJob = SweepJob, R = SweepResult> {
  /** Trains the job; rejects if it fails or is cancelled. */
  run(job: J, onProgress: (p: SweepProgress) => void): Promise<R>;
  /** Asks the running job to stop (cooperative; the job rejects with SweepCancelled). */
  cancel(): void;
  /** Ends the worker; pending runs may never settle after this. */
  terminate(): void;
}

export interface RunningJob<J extends PoolJob = SweepJob> {
  job: J;
  phase: SweepProgress['phase'] | 'starting';
  /** Share of the job's steps done, 0 to 1. */
  fraction: number;
}

export interface SweepPoolSnapshot<J extends PoolJob = SweepJob> {
  workers: number;
  jobsTotal: number;
  jobsDone: number;
  running: RunningJob<J>[];
  /** Overall progress, 0 to 1, weighted by each job's work. */
  fraction: number;
  elapsedSeconds: number;
  /** Seconds left, or null while too little is measured. */
  etaSeconds: number | null;
}

export interface SweepOutcome<R = SweepResult> {
  /** In the order they finished. */
  results: R[];
  cancelled: boolean;
  /** Why the sweep stopped early, or null. */
  error: string | null;
  seconds: number;
}

export interface SweepPool<J extends PoolJob = SweepJob, R = SweepResult> {
  done: Promise<SweepOutcome<R>>;
  cancel(): void;
  snapshot(): SweepPoolSnapshot<J>;
}

export interface SweepPoolOptions<J extends PoolJob = SweepJob, R = SweepResult> {
  jobs: readonly J[];
  /** Workers wanted; the pool uses at most one per job and at least one. */
  size: number;
  spawn: (index: number) => SweepWorkerHandle<J, R>;
  onResult?: (r: R) => void;
  /** After every progress report and every finished job. */
  onUpdate?: (s: SweepPoolSnapshot<J>) => void;
  /** How a failed job is named in the error (default: a sweep job's id, norm and batch). */
  describe?: (job: J) => string;
  now?: () => number;
}

function describeJob(job: PoolJob): string {
  const j = job as Partial<SweepJob>;
  return j.norm !== undefined ? `run ${job.id} (${j.norm}, batch ${job.batch})` : `run ${job.id}`;
}

/** Workers for a machine with `cores` logical cores: all but one (for the page or the shell), at least one. */
export function poolSize(cores: number | undefined): number {
  return Math.max(1, Math.floor((cores ?? 2) - 1));
}

export function startSweepPool<J extends PoolJob = SweepJob, R = SweepResult>(options: SweepPoolOptions<J, R>): SweepPool<J, R> {
  const { jobs, spawn } = options;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const size = Math.max(1, Math.min(Math.floor(options.size) || 1, jobs.length));
  const total = totalWork(jobs);
  const describe = options.describe ?? describeJob;
  const running = new Map<number, RunningJob<J>>();
  const results: R[] = [];
  const handles: SweepWorkerHandle<J, R>[] = [];
  let next = 0;
  let doneWork = 0;
  let stopped = false;
  let cancelled = false;
  let error: string | null = null;
  let finish: (o: SweepOutcome<R>) => void = () => {};
  const done = new Promise<SweepOutcome<R>>((resolve) => { finish = resolve; });

  const snapshot = (): SweepPoolSnapshot<J> => {
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

  async function work(slot: number, handle: SweepWorkerHandle<J, R>): Promise<void> {
    while (!stopped && next < jobs.length) {
      const job = jobs[next++];
      const entry: RunningJob<J> = { job, phase: 'starting', fraction: 0 };
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
        if (!stopped) stop({ error: `${describe(job)}: ${e instanceof Error ? e.message : String(e)}` });
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
