import { describe, expect, it, vi } from 'vitest';
import { make2d } from '../data/synthetic';
import { DEFAULT_SETTINGS, type TrainSettings } from '../session/settings';
import { createInThreadTrainer as createTrainer } from '../runtime/in-thread-trainer';
import { setLang, translate } from '../i18n';
import { changeLabel, describeChanges } from './setting-changes';
import { createAppStore } from './store';

const settings: TrainSettings = { ...DEFAULT_SETTINGS, dataset: 'xor', hidden: [8], act: 'tanh', batch: 16, steps: 1e9 };
const loadDataset = async (s: TrainSettings) => make2d(s.dataset, { seed: s.seed, trainCount: 400, testCount: 200, noise: s.noise });

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
    // a drag of 39 values reached the worker as a handful of changes, ending with the last value
    await vi.waitFor(() => expect(calls.reduce((a, c) => ({ ...a, ...c }), {}), 'the last values reached the worker').toMatchObject({ batch: 40, lr: 0.05 }), { timeout: 10_000, interval: 10 });
    expect(calls.length).toBeLessThanOrEqual(3);
    await store.getState().stepOnce();
    expect((await trainer.status()).step).toBe(1);
    store.getState().set('hidden', [4, 4]);
    await vi.waitFor(() => expect(store.getState().notice, 'the notice of the reset').toBe('Hidden layers changed: every run restarted from the same new weights.'), { timeout: 10_000, interval: 10 });
    expect((await trainer.status()).step).toBe(0);
    store.getState().set('eps', -1);
    await vi.waitFor(() => expect(store.getState().notice, 'the notice of the refused eps').toMatch(/^Not applied: .*eps/), { timeout: 10_000, interval: 10 });
    trainer.dispose();
  });

  it('Pause shows the step training stopped at, before any new frame arrives', async () => {
    const trainer = createTrainer({ loadDataset, frameIntervalMs: 0 });
    const store = createAppStore(trainer, { settings, runs: ['plain', 'batch'] });
    await store.getState().start(true);
    await vi.waitFor(async () => expect((await trainer.status()).step, 'some steps trained').toBeGreaterThan(3), { timeout: 10_000, interval: 5 });
    await store.getState().pause();
    const stopped = (await trainer.status()).step;
    expect(store.getState().status).toBe('paused');
    expect(store.getState().step).toBe(stopped); // no frame was pulled here: the step came from pause()
    trainer.dispose();
  });

  it('rewrites the notice on show when the language changes (a reset notice set in English reads Chinese after the switch)', async () => {
    const trainer = createTrainer({ loadDataset, frameIntervalMs: 0 });
    const store = createAppStore(trainer, { settings, runs: ['plain', 'batch'] });
    await store.getState().start(false);
    store.getState().set('hidden', [4, 4]);
    await vi.waitFor(() => expect(store.getState().notice, 'the notice of the reset').toBe('Hidden layers changed: every run restarted from the same new weights.'), { timeout: 10_000, interval: 10 });
    try {
      setLang('zh');
      expect(store.getState().notice).toBe(translate('zh', 'notice.resetBy', { what: translate('zh', 'ctl.hidden') }));
      store.getState().notify((l) => translate(l, 'notice.noData'));
      setLang('en');
      expect(store.getState().notice).toBe('Nothing to export yet.');
      store.setState({ notice: 'plain text' }); // not written by notify: left as it is
      setLang('zh');
      expect(store.getState().notice).toBe('plain text');
    } finally {
      setLang('en');
      trainer.dispose();
    }
  });

  it('logs live changes with the step they took effect at, labels them, and forgets them on a reset', async () => {
    const trainer = createTrainer({ loadDataset, frameIntervalMs: 0 });
    const store = createAppStore(trainer, { settings, runs: ['plain', 'batch'] });
    await store.getState().start(false);
    await store.getState().stepOnce();
    await store.getState().stepOnce();
    store.getState().set('batch', 2);
    store.getState().set('lr', 0.1); // unchanged value: no entry
    // steps 1 and 2 trained at batch 16: the change takes effect at step 3
    await vi.waitFor(() => expect(store.getState().changes, 'the logged change of batch').toEqual([{ step: 3, key: 'batch', from: 16, to: 2 }]), { timeout: 10_000, interval: 10 });
    expect(changeLabel(store.getState().changes[0], 'en')).toBe('batch 16→2');
    expect(changeLabel({ step: 3, key: 'eps', from: 1e-5, to: 1 }, 'en')).toBe('ε 1e-5→1');
    expect(changeLabel(store.getState().changes[0], 'zh')).toBe('批大小 16→2');
    expect(describeChanges(store.getState().changes, 'en')).toBe('Settings changed: batch 16→2 at step 3.');
    expect(describeChanges(store.getState().changes, 'en', 2)).toBe('');
    // a setting without a mark (evaluation interval) is not logged
    // (a marked change after it shows when both have been applied)
    store.getState().set('evalEvery', 7);
    store.getState().set('batch', 3);
    await vi.waitFor(() => expect(store.getState().changes.map((c) => c.key), 'the logged change of batch to 3').toEqual(['batch', 'batch']), { timeout: 10_000, interval: 10 });
    await store.getState().reset();
    expect(store.getState().changes).toEqual([]);
    expect(store.getState().notice).toBe('Every run restarted from the same new weights.');
    trainer.dispose();
  });
});

describe('experiments in the store', () => {
  it('runs a preset: its settings over the page defaults, its runs, playing, and its variants', async () => {
    // any data set will do for the store's part: the loader ignores the preset's MNIST
    const trainer = createTrainer({ loadDataset: async () => make2d('xor', { seed: 1, trainCount: 400, testCount: 200, noise: 0.1 }), frameIntervalMs: 0 });
    const store = createAppStore(trainer, { settings, runs: ['plain', 'batch'] });
    await store.getState().start(false);
    await store.getState().runExperiment('placement');
    let s = store.getState();
    expect(s.experiment).toEqual({ name: 'placement', variant: null });
    expect(s.runs).toEqual(['batch-pre', 'batch-post']);
    expect(s.settings).toMatchObject({ act: 'relu', init: 'he', hidden: [100, 100, 100], steps: 5000 });
    expect(s.status).toBe('running');
    const frame = await trainer.nextFrame(0);
    expect(frame.runs.map((r) => [r.id, r.placement])).toEqual([['batch-pre', 'pre'], ['batch-post', 'post']]);
    await store.getState().runExperiment('bad-init', 'large');
    s = store.getState();
    expect(s.settings.init).toBe('normal:1');
    expect(s.experiment).toEqual({ name: 'bad-init', variant: 'large' });
    store.getState().closeExperiment();
    expect(store.getState().experiment).toBeNull();
    expect(store.getState().settings.init).toBe('normal:1');
    await store.getState().runExperiment('no-such' as never);
    expect(store.getState().notice).toMatch(/^Not applied: unknown experiment/);
    trainer.dispose();
  });
});
