import { describe, expect, it } from 'vitest';
import { poolSize, startSweepPool, type SweepPool, type SweepPoolSnapshot, type SweepWorkerHandle } from './pool';
import { SweepCancelled, type SweepResult } from './run-job';
import { createSweepWorker } from './sweep-worker';
import { tinyDataset, tinyJobs } from '../../session/sweep/test-data.test-support';

/** In-process workers over the tiny data set, counting what the pool asks of them. */
function inProcess(calls: { spawned: number; cancelled: number; terminated: number }, fail?: (id: number) => boolean) {
  return (): SweepWorkerHandle => {
    calls.spawned++;
    const api = createSweepWorker({ loadDataset: async () => tinyDataset(), sliceMs: 1 });
    return {
      run: (job, onProgress) => (fail?.(job.id) ? Promise.reject(new Error('worker crashed')) : api.run(job, onProgress)),
      cancel: () => { calls.cancelled++; api.cancel(); },
      terminate: () => { calls.terminated++; },
    };
  };
}

describe('sweep pool', () => {
  it('uses all cores but one, at least one', () => {
    expect(poolSize(8)).toBe(7);
    expect(poolSize(2)).toBe(1);
    expect(poolSize(1)).toBe(1);
    expect(poolSize(undefined)).toBe(1);
  });

  it('runs every job once over the workers, reports progress up to 1 and each result as it arrives', async () => {
    const jobs = tinyJobs(['none', 'batch', 'layer'], [4, 16], 320);
    const calls = { spawned: 0, cancelled: 0, terminated: 0 };
    const seen: SweepResult[] = [];
    const updates: SweepPoolSnapshot[] = [];
    const pool = startSweepPool({ jobs, size: 2, spawn: inProcess(calls), onResult: (r) => seen.push(r), onUpdate: (s) => updates.push(s) });
    const out = await pool.done;
    expect(out.cancelled).toBe(false);
    expect(out.error).toBeNull();
    expect(out.results.map((r) => r.id).sort((a, b) => a - b)).toEqual(jobs.map((j) => j.id));
    expect(seen).toEqual(out.results);
    expect(calls).toEqual({ spawned: 2, cancelled: 0, terminated: 2 });
    const fractions = updates.map((u) => u.fraction);
    expect(fractions.at(-1)).toBe(1);
    expect(updates.at(-1)).toMatchObject({ jobsDone: 6, jobsTotal: 6, workers: 2, running: [] });
    expect(Math.max(...updates.map((u) => u.running.length))).toBe(2);
    expect(pool.snapshot().etaSeconds).toBe(0);
  });

  it('never starts more workers than jobs', async () => {
    const calls = { spawned: 0, cancelled: 0, terminated: 0 };
    const out = await startSweepPool({ jobs: tinyJobs(['none'], [8], 80), size: 7, spawn: inProcess(calls) }).done;
    expect(calls.spawned).toBe(1);
    expect(out.results).toHaveLength(1);
  });

  it('cancel stops the sweep, keeps the finished results, and cancels and terminates every worker', async () => {
    const jobs = tinyJobs(['none', 'batch'], [2, 4, 8], 2 * 4000);
    const calls = { spawned: 0, cancelled: 0, terminated: 0 };
    let pool: SweepPool | null = null;
    const late: number[] = [];
    pool = startSweepPool({
      jobs, size: 1, spawn: inProcess(calls),
      onResult: (r) => late.push(r.id),
      onUpdate: (s) => { if (s.jobsDone === 1 && s.running.length === 1 && s.running[0].fraction > 0.05) pool!.cancel(); },
    });
    const out = await pool.done;
    expect(out.cancelled).toBe(true);
    expect(out.error).toBeNull();
    expect(out.results.map((r) => r.id)).toEqual([0]);
    expect(calls.cancelled).toBe(1);
    expect(calls.terminated).toBe(1);
    // nothing arrives after the cancel
    await new Promise((r) => setTimeout(r, 50));
    expect(late).toEqual([0]);
  });

  it('a failing job stops the sweep with its error, naming the run', async () => {
    const jobs = tinyJobs(['none', 'batch'], [8], 80);
    const calls = { spawned: 0, cancelled: 0, terminated: 0 };
    const out = await startSweepPool({ jobs, size: 1, spawn: inProcess(calls, (id) => id === 1) }).done;
    expect(out.cancelled).toBe(false);
    expect(out.error).toBe('run 1 (batch, batch 8): worker crashed');
    expect(out.results.map((r) => r.id)).toEqual([0]);
    expect(calls.terminated).toBe(1);
  });

  it('reports a worker that cannot start', async () => {
    const out = await startSweepPool({ jobs: tinyJobs(['none'], [8], 80), size: 1, spawn: () => { throw new Error('no workers here'); } }).done;
    expect(out.error).toBe('could not start the workers: no workers here');
    expect(out.results).toEqual([]);
  });
});

describe('sweep worker', () => {
  it('loads the data once, refuses a second job at the same time, and cancels only the running job', async () => {
    let loads = 0;
    const api = createSweepWorker({ loadDataset: async () => { loads++; return tinyDataset(); }, sliceMs: 1 });
    api.cancel(); // idle: nothing to cancel, the next job runs
    const [a, b] = tinyJobs(['none', 'layer'], [8], 80);
    expect((await api.run(a)).id).toBe(a.id);
    const long = tinyJobs(['none'], [2], 2 * 5000)[0];
    const running = api.run(long, () => api.cancel());
    await expect(api.run(b)).rejects.toThrow(/already running/);
    await expect(running).rejects.toBeInstanceOf(SweepCancelled);
    expect((await api.run(b)).id).toBe(b.id);
    expect(loads).toBe(1);
  });

  it('says which data set failed to load, and tries again next time', async () => {
    let attempt = 0;
    const api = createSweepWorker({ loadDataset: async () => { if (attempt++ === 0) throw new Error('HTTP 404'); return tinyDataset(); } });
    const [job] = tinyJobs(['none'], [8], 80);
    await expect(api.run(job)).rejects.toThrow('could not load xor: HTTP 404');
    expect((await api.run(job)).id).toBe(job.id);
  });
});
