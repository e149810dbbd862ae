import { describe, expect, it } from 'vitest';
import { make2d } from '../data/synthetic';
import { DEFAULT_SETTINGS, type TrainSettings } from '../session/settings';
import { createTrainer } from '../session/trainer';
import { createAppStore, LIVE_THROTTLE_MS } from './store';

const settings: TrainSettings = { ...DEFAULT_SETTINGS, dataset: 'xor', hidden: [8], act: 'tanh', batch: 16, steps: 1e9 };
const loadDataset = async (s: TrainSettings) => make2d(s.dataset, { seed: s.seed, trainCount: 400, testCount: 200, noise: s.noise });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('app store', () => {
  it('starts, throttles live changes without losing the last, and resets for weight-changing settings', async () => {
    const trainer = createTrainer({ loadDataset, frameIntervalMs: 0 });
    const calls: Partial<TrainSettings>[] = [];
    const spy = { ...trainer, change: (c: Partial<TrainSettings>) => { calls.push(c); return trainer.change(c); } };
    const store = createAppStore(spy, { settings, runs: ['plain', 'batch'] });
    await store.getState().start(false);
    expect(store.getState().status).toBe('paused');
    for (let i = 2; i <= 40; i++) store.getState().set('batch', i);
    store.getState().set('lr', 0.05);
    await sleep(LIVE_THROTTLE_MS * 2 + 50);
    // a drag of 39 values reached the worker as a handful of changes, ending with the last value
    expect(calls.length).toBeLessThanOrEqual(3);
    expect(calls.reduce((a, c) => ({ ...a, ...c }), {})).toMatchObject({ batch: 40, lr: 0.05 });
    await store.getState().stepOnce();
    expect(trainer.status().step).toBe(1);
    store.getState().set('hidden', [4, 4]);
    await sleep(20);
    expect(store.getState().notice).toMatch(/hidden needs new weights/);
    expect(trainer.status().step).toBe(0);
    store.getState().set('eps', -1);
    await sleep(LIVE_THROTTLE_MS + 50);
    expect(store.getState().notice).toMatch(/eps/);
    trainer.dispose();
  });
});
