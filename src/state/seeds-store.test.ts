// The page's multi-seed runs (seeds store) and the sweep over seeds (sweep store's seedCount), with
// in-process workers on the tiny 2-D data set standing in for the Web Workers and MNIST.
import { describe, expect, it } from 'vitest';
import type { SeedJob, SeedResult } from '../runtime/seeds/seed-job';
import type { SweepWorkerHandle } from '../runtime/sweep/pool';
import { createSweepWorker } from '../runtime/sweep/sweep-worker';
import { tinyDataset } from '../session/sweep/test-data.test-support';
import { createSeedsStore } from './seeds-store';
import { parseSeedsSteps } from './seeds-url';
import { configSeeds, createSweepStore, planInput, type LiveTraining } from './sweep-store';

function seedHandle(): SweepWorkerHandle<SeedJob, SeedResult> {
  const api = createSweepWorker({ loadDataset: async () => tinyDataset(), sliceMs: 1 });
  return { run: (job, p) => api.runSeed(job, p), cancel: () => api.cancel(), terminate: () => {} };
}

function live(running: boolean) {
  const calls: string[] = [];
  const l: LiveTraining = { isRunning: () => running, pause: () => { calls.push('pause'); }, play: () => { calls.push('play'); } };
  return { l, calls };
}

function settled<T>(store: { getState(): T; subscribe(f: (s: T) => void): () => void }, done: (s: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    if (done(store.getState())) { resolve(store.getState()); return; }
    const off = store.subscribe((s) => { if (done(s)) { off(); resolve(s); } });
  });
}

describe('seeds store', () => {
  it('runs the check behind the variant for seeds 1..8, pausing the live training, and offers to resume it', async () => {
    const { l, calls } = live(true);
    const s = createSeedsStore({ spawn: seedHandle, cores: 3, live: l, override: { steps: 20, dataset: 'xor' } });
    s.getState().start('high-lr', 'lr-10');
    expect(s.getState()).toMatchObject({ status: 'running', pausedLive: true, workers: 2, target: { name: 'high-lr', variant: 'lr-10', check: 'lr 10' } });
    expect(s.getState().jobs).toHaveLength(16);
    expect(s.getState().jobs.every((j) => j.settings.lr === 10 && j.settings.steps === 20)).toBe(true);
    const end = await settled(s, (x) => x.status !== 'running');
    expect(end.status).toBe('done');
    expect(end.results).toHaveLength(16);
    expect(new Set(end.results.map((r) => `${r.run}/${r.seed}`)).size).toBe(16);
    expect(end.progress?.fraction).toBe(1);
    expect(calls).toEqual(['pause']);
    s.getState().resumeLive();
    expect(calls).toEqual(['pause', 'play']);
  });

  it('cancel keeps the finished runs', async () => {
    // runs long enough (300 steps in 1 ms slices) that the cancel lands inside the next one
    const s = createSeedsStore({ spawn: seedHandle, cores: 2, live: live(false).l, override: { steps: 300, dataset: 'xor' } });
    s.getState().start('bad-init', 'large');
    await settled(s, (x) => x.results.length >= 1);
    s.getState().cancel();
    const end = await settled(s, (x) => x.status !== 'running');
    expect(end.status).toBe('cancelled');
    expect(end.results.length).toBeGreaterThanOrEqual(1);
    expect(end.results.length).toBeLessThan(16);
    expect(end.results.every((r) => r.check === 'N(0, 1)')).toBe(true);
  });

  it('reads seeds-steps from the address, ignoring anything malformed', () => {
    expect(parseSeedsSteps('?seeds-steps=150')).toBe(150);
    for (const bad of ['', '?seeds-steps=0', '?seeds-steps=-3', '?seeds-steps=1e3', '?seeds-steps=abc']) expect(parseSeedsSteps(bad)).toBeNull();
  });
});

describe('sweep store over seeds', () => {
  it('plans every norm and batch once per seed, from the seed up', async () => {
    const api = createSweepWorker({ loadDataset: async () => tinyDataset(), sliceMs: 1 });
    const s = createSweepStore({
      spawn: () => ({ run: (job, p) => api.run(job, p), cancel: () => api.cancel(), terminate: () => {} }),
      cores: 2, live: live(false).l, config: { norms: ['none', 'batch'], batches: [8], examples: 80, seed: 5, seedCount: 3 },
    });
    expect(configSeeds(s.getState().config)).toEqual([5, 6, 7]);
    expect(planInput(s.getState().config).seeds).toEqual([5, 6, 7]);
    s.getState().start();
    expect(s.getState().jobs.map((j) => `${j.seed}/${j.norm}`)).toEqual(['5/none', '5/batch', '6/none', '6/batch', '7/none', '7/batch']);
    const end = await settled(s, (x) => x.status !== 'running');
    expect(end.results.map((r) => r.seed).sort()).toEqual([5, 5, 6, 6, 7, 7]);
  });
});
