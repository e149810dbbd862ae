import { describe, expect, it } from 'vitest';
import type { SweepWorkerHandle } from '../runtime/sweep/pool';
import { createSweepWorker } from '../runtime/sweep/sweep-worker';
import { tinyDataset } from '../session/sweep/test-data.test-support';
import { createSweepStore, type LiveTraining } from './sweep-store';
import { parseSweepQuery } from './sweep-url';

function handle(): SweepWorkerHandle {
  const api = createSweepWorker({ loadDataset: async () => tinyDataset(), sliceMs: 1 });
  return { run: (job, p) => api.run(job, p), cancel: () => api.cancel(), terminate: () => {} };
}

function live(running: boolean) {
  const calls: string[] = [];
  const l: LiveTraining = { isRunning: () => running, pause: () => { calls.push('pause'); }, play: () => { calls.push('play'); } };
  return { l, calls };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

describe('sweep store', () => {
  it('pauses the live training, collects results as they arrive, and offers to resume', async () => {
    const { l, calls } = live(true);
    // the tiny data set stands in for MNIST: the jobs' dataset name does not matter to this loader
    const s = createSweepStore({ spawn: handle, cores: 2, live: l, config: { norms: ['none', 'batch'], batches: [4, 8], examples: 160 } });
    s.getState().start();
    expect(s.getState()).toMatchObject({ status: 'running', pausedLive: true, workers: 1 });
    expect(s.getState().jobs).toHaveLength(4);
    expect(calls).toEqual(['pause']);
    await until(() => s.getState().status !== 'running');
    expect(s.getState().status).toBe('done');
    expect(s.getState().results).toHaveLength(4);
    expect(s.getState().progress?.fraction).toBe(1);
    expect(s.getState().seconds).toBeGreaterThan(0);
    s.getState().resumeLive();
    expect(calls).toEqual(['pause', 'play']);
    expect(s.getState().pausedLive).toBe(false);
  });

  it('does not touch a live training that was paused already', async () => {
    const { l, calls } = live(false);
    const s = createSweepStore({ spawn: handle, cores: 4, live: l, config: { norms: ['layer'], batches: [8], examples: 80 } });
    s.getState().start();
    await until(() => s.getState().status === 'done');
    expect(calls).toEqual([]);
    expect(s.getState().pausedLive).toBe(false);
  });

  it('cancel keeps the finished results', async () => {
    const { l } = live(false);
    const s = createSweepStore({ spawn: handle, cores: 2, live: l, config: { norms: ['none', 'batch'], batches: [8, 2], examples: 2 * 3000 } });
    s.getState().start();
    // the plan runs batch 2 first; wait for the first result, then cancel during the second
    await until(() => s.getState().results.length === 1);
    s.getState().cancel();
    await until(() => s.getState().status !== 'running');
    expect(s.getState().status).toBe('cancelled');
    expect(s.getState().results).toHaveLength(1);
    expect(s.getState().progress?.running).toEqual([]);
  });

  it('refuses a bad configuration with a message, and ignores changes while running', async () => {
    const { l } = live(false);
    const s = createSweepStore({ spawn: handle, cores: 2, live: l });
    s.getState().configure({ norms: [] });
    s.getState().start();
    expect(s.getState()).toMatchObject({ status: 'error', error: 'norms: choose at least one of none, batch, layer, renorm, group' });
    s.getState().configure({ norms: ['none'], batches: [8], examples: 80 });
    s.getState().start();
    s.getState().configure({ examples: 5 });
    expect(s.getState().config.examples).toBe(80);
    await until(() => s.getState().status === 'done');
  });
});

describe('sweep address keys', () => {
  it('opens the panel and takes a custom example count, ignoring garbage', () => {
    expect(parseSweepQuery('')).toEqual({ open: false, examples: null });
    expect(parseSweepQuery('?sweep=1')).toEqual({ open: true, examples: null });
    expect(parseSweepQuery('?batch=32&sweep-examples=1200')).toEqual({ open: true, examples: 1200 });
    expect(parseSweepQuery('?sweep-examples=-5')).toEqual({ open: false, examples: null });
    expect(parseSweepQuery('?sweep-examples=1e9')).toEqual({ open: false, examples: null });
    expect(parseSweepQuery('?sweep=yes')).toEqual({ open: false, examples: null });
  });
});
