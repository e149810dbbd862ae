// The size limits: counted as the engine allocates, enforced where settings are checked, and a refused
// load leaves the session that was training as it was.
import { describe, expect, it, vi } from 'vitest';
import { make2d } from '../data/synthetic';
import { checkLimits, datasetShape, MAX_PARAMETERS, MAX_WORKSPACE, parameterCount, workspaceFloats } from './limits';
import { SessionError, TrainingSession } from './session';
import { DEFAULT_SETTINGS, type TrainSettings } from './settings';
import { createInThreadTrainer as createTrainer } from '../runtime/in-thread-trainer';
import type { GroupLike } from '../runtime/coordinator';

const spiral = (s: TrainSettings) => make2d(s.dataset, { seed: s.seed, trainCount: 400, testCount: 200, noise: s.noise });
const small = (over: Partial<TrainSettings> = {}): TrainSettings => ({
  ...DEFAULT_SETTINGS, dataset: 'spiral', hidden: [16, 12], act: 'tanh', batch: 16, init: 'xavier', steps: 1e8, ...over,
});

describe('size limits', () => {
  it('counts parameters and workspace as the network is built', () => {
    // 784 -> 100 -> 10 with a norm layer: (784 + 1) * 100 + 2 * 100 + (100 + 1) * 10.
    expect(parameterCount([100], 784, 10)).toBe(78_500 + 200 + 1010);
    expect(workspaceFloats(60, [100, 100], 784, 10)).toBe(60 * 994);
  });

  it('accepts the usual models and refuses 16 layers of 4096 units and a full MNIST batch, saying the bound and why', () => {
    const mnist = datasetShape('mnist');
    expect(checkLimits({ hidden: [100, 100], batch: 60 }, mnist.inputSize, mnist.outputSize)).toBeNull();
    expect(checkLimits({ hidden: [4096], batch: 60 }, mnist.inputSize, mnist.outputSize)).toBeNull();
    expect(checkLimits({ hidden: Array(10).fill(100), batch: 1024 }, mnist.inputSize, mnist.outputSize)).toBeNull();
    const deep = checkLimits({ hidden: Array(16).fill(4096), batch: 60 }, mnist.inputSize, mnist.outputSize);
    expect(deep?.setting).toBe('hidden');
    expect(deep?.message).toMatch(/5\.0M/);
    expect(deep?.message).toMatch(/bytes/);
    const full = checkLimits({ hidden: [100, 100], batch: 60000 }, mnist.inputSize, mnist.outputSize);
    expect(full?.setting).toBe('batch');
    expect(full?.message).toMatch(/4\.0M/);
    // The suggested batch fits, one more does not.
    const suggested = Number(/use batch (\d+)/.exec(full!.message)![1]);
    expect(workspaceFloats(suggested, [100, 100], 784, 10)).toBeLessThanOrEqual(MAX_WORKSPACE);
    expect(workspaceFloats(suggested + 1, [100, 100], 784, 10)).toBeGreaterThan(MAX_WORKSPACE);
    expect(parameterCount(Array(16).fill(4096), 784, 10)).toBeGreaterThan(50 * MAX_PARAMETERS);
  });

  it('the session refuses a model past the limits with a SessionError', () => {
    const ds = spiral(small());
    expect(() => new TrainingSession(ds, small({ hidden: [4096, 4096] }), ['plain'])).toThrow(SessionError);
    expect(() => new TrainingSession(ds, small({ hidden: [4096, 4096] }), ['plain'])).toThrow(/parameters per run/);
  });

  it('a refused load or live change keeps the running session running, at its settings', async () => {
    const t = createTrainer({ loadDataset: async (s) => spiral(s) });
    try {
      await t.load(small(), ['plain']);
      t.play();
      await expect(t.load(small({ hidden: [4096, 4096, 4096, 4096] }), ['plain'])).rejects.toThrow(/limit is 5\.0M/);
      expect((await t.status()).status).toBe('running');
      await expect(t.change({ hidden: [4096, 4096] })).rejects.toThrow(/parameters per run/);
      await expect(t.change({ batch: 400 })).resolves.toMatchObject({ applied: 'live' });
      const before = (await t.status()).step;
      await vi.waitFor(async () => expect((await t.status()).step, 'a step after the refused changes').toBeGreaterThan(before), { timeout: 30_000, interval: 10 });
      expect(await t.status()).toMatchObject({ status: 'running', error: null });
    } finally {
      t.dispose();
    }
  });
});

describe('size limits with one worker per run', () => {
  it('the coordinator refuses a load or change past the limits and keeps training', async () => {
    const { createCoordinator } = await import('../runtime/coordinator');
    const { createRunGroup } = await import('../runtime/run-group');
    const { expose, wrap } = await import('comlink');
    const c = createCoordinator({
      groups: 2, frameIntervalMs: 0,
      spawn: () => {
        // Each group behind a MessageChannel, as in its worker.
        const { port1, port2 } = new MessageChannel();
        const g = createRunGroup({ loadDataset: async (s) => spiral(s) });
        expose(g, port1);
        return { group: wrap(port2) as unknown as GroupLike, close: () => { g.dispose(); port1.close(); port2.close(); } };
      },
    });
    try {
      await c.load(small(), ['plain', 'batch']);
      await c.play();
      await expect(c.change({ hidden: Array(16).fill(4096) })).rejects.toThrow(/parameters per run/);
      await expect(c.load(small({ hidden: [4096, 4096] }), ['plain'])).rejects.toThrow(/limit is 5\.0M/);
      const before = (await c.status()).step;
      await vi.waitFor(async () => expect((await c.status()).step, 'a step after the refused changes').toBeGreaterThan(before), { timeout: 30_000, interval: 10 });
      expect(await c.status()).toMatchObject({ status: 'running', error: null });
    } finally {
      await c.dispose();
    }
  });
});
