// The page's side of worker faults, in Node: the watchdog that notices a trainer gone silent, the
// listener on worker events, and the store's crash and restart with the same settings and runs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { make2d } from '../data/synthetic';
import { FrameBuilder, type TelemetryFrame } from '../telemetry/frame';
import { DEFAULT_SETTINGS, type TrainSettings } from '../session/settings';
import { createInThreadTrainer as createTrainer } from '../runtime/in-thread-trainer';
import type { Trainer } from '../runtime/trainer-api';
import { startFramePump } from './frame-pump';
import { createAppStore } from './store';
import { watchWorker } from './worker-watch';

const settings: TrainSettings = { ...DEFAULT_SETTINGS, dataset: 'xor', hidden: [8], act: 'tanh', batch: 16, steps: 1e9 };
const loadDataset = async (s: TrainSettings) => make2d(s.dataset, { seed: s.seed, trainCount: 400, testCount: 200, noise: s.noise });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => { vi.useRealTimers(); });

describe('frame pump watchdog', () => {
  /** A source that answers frames until `silent` is set, then never again (a dead worker). */
  function source() {
    let seq = 0;
    const state = { silent: false };
    const src = {
      nextFrame: () => (state.silent ? new Promise<TelemetryFrame>(() => {}) : Promise.resolve(FrameBuilder.empty(++seq, 'running', null))),
    };
    return { src, state };
  }

  it('reports a stall once when no frame comes while training, and not while paused', async () => {
    vi.useFakeTimers();
    const { src, state } = source();
    let expecting = false;
    const stalls: number[] = [];
    let frames = 0;
    const stop = startFramePump(src, () => { frames++; }, (cb) => setTimeout(cb, 16), undefined, {
      stallMs: 1000, expecting: () => expecting, onStall: (ms) => stalls.push(ms), now: () => Date.now(),
    });
    await vi.advanceTimersByTimeAsync(500);
    expect(frames).toBeGreaterThan(5);
    state.silent = true;
    // Paused: silence is normal, however long.
    await vi.advanceTimersByTimeAsync(5000);
    expect(stalls).toEqual([]);
    // Training again: the silence counts from now, and one stall is reported after stallMs.
    expecting = true;
    await vi.advanceTimersByTimeAsync(900);
    expect(stalls).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    expect(stalls).toHaveLength(1);
    expect(stalls[0]).toBeGreaterThan(1000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(stalls).toHaveLength(1);
    stop();
  });

  it('stays quiet while frames keep coming', async () => {
    vi.useFakeTimers();
    const { src } = source();
    const stalls: number[] = [];
    const stop = startFramePump(src, () => {}, (cb) => setTimeout(cb, 16), undefined, {
      stallMs: 200, expecting: () => true, onStall: (ms) => stalls.push(ms), now: () => Date.now(),
    });
    await vi.advanceTimersByTimeAsync(3000);
    expect(stalls).toEqual([]);
    stop();
  });
});

describe('worker watch', () => {
  it('turns error and messageerror events into a fault message, until stopped', () => {
    const target = new EventTarget();
    const faults: string[] = [];
    const stop = watchWorker(target, (m) => faults.push(m));
    const error = new Event('error', { cancelable: true });
    Object.defineProperty(error, 'message', { value: 'Uncaught Error: fault triggered for a test: the worker threw' });
    target.dispatchEvent(error);
    expect(error.defaultPrevented).toBe(true);
    target.dispatchEvent(new Event('messageerror'));
    expect(faults).toEqual(['fault triggered for a test: the worker threw', 'the worker sent a message that could not be read']);
    stop();
    target.dispatchEvent(new Event('error'));
    expect(faults).toHaveLength(2);
  });
});

describe('store crash and restart', () => {
  it('keeps the settings through a crash and restarts a new trainer with them, playing', async () => {
    const trainers: Trainer[] = [];
    const make = () => { const t = createTrainer({ loadDataset, frameIntervalMs: 0 }); trainers.push(t); return t; };
    const store = createAppStore(make(), { settings, runs: ['plain', 'batch'] }, undefined, make);
    try {
      await store.getState().start(true);
      store.getState().set('hidden', [6, 5]);
      await vi.waitFor(() => expect(store.getState().notice, 'the reset for the new hidden layers').toMatch(/^Hidden layers changed/), { timeout: 10_000, interval: 10 });
      expect(store.getState().status).toBe('running');
      store.getState().crash('the worker threw');
      store.getState().crash('a second report of the same fault');
      expect(store.getState()).toMatchObject({ status: 'error', fault: { message: 'the worker threw', wasPlaying: true } });
      // A late frame from the failed worker changes nothing.
      store.getState().sync({ status: 'running', step: 5, epoch: 0, notice: null });
      expect(store.getState().status).toBe('error');
      trainers[0].dispose();
      await store.getState().restart();
      expect(trainers).toHaveLength(2);
      expect(store.getState()).toMatchObject({ fault: null, status: 'running' });
      await vi.waitFor(async () => expect(await trainers[1].status(), 'the new trainer training').toMatchObject({ status: 'running', step: expect.any(Number) }), { timeout: 10_000, interval: 10 });
      await vi.waitFor(async () => expect((await trainers[1].status()).step, 'a step of the new trainer').toBeGreaterThan(0), { timeout: 10_000, interval: 10 });
      // The new trainer has the settings the page had, including the change made before the crash.
      const frame = await trainers[1].nextFrame(0);
      expect(frame.runs.map((r) => r.id)).toEqual(['plain', 'batch']);
      expect(store.getState().settings.hidden).toEqual([6, 5]);
      store.getState().select(1, 4); // unit 4 of a 5-unit layer exists only in the new settings
      await sleep(10);
      expect(store.getState().notice).toBeNull();
    } finally {
      for (const t of trainers) t.dispose();
    }
  });

  it('restarts paused when the session was paused', async () => {
    const trainers: Trainer[] = [];
    const make = () => { const t = createTrainer({ loadDataset, frameIntervalMs: 0 }); trainers.push(t); return t; };
    const store = createAppStore(make(), { settings, runs: ['batch'] }, undefined, make);
    try {
      await store.getState().start(false);
      store.getState().crash('no answer');
      await store.getState().restart();
      expect(store.getState().status).toBe('paused');
      expect(await trainers[1].status()).toMatchObject({ status: 'paused', step: 0 });
    } finally {
      for (const t of trainers) t.dispose();
    }
  });
});
