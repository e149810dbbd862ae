// The coordinator and its run groups over MessageChannels, as in Web Workers: a run trained in a group
// of its own ends with exactly the weights it has in the one-worker session; the groups stay within
// the lead of each other; live changes land at the same step in every group; divergence and reset.
import { expose, wrap } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { make2d } from '../data/synthetic';
import { createCoordinator, dealRuns, type GroupLike } from './coordinator';
import type { RunFrame, TelemetryFrame } from '../telemetry/frame';
import { FrameBuilder } from '../telemetry/frame';
import { createRunGroup, type GroupProgress, type RunGroup } from './run-group';
import type { RunKind } from '../session/run-kinds';
import { TrainingSession } from '../session/session';
import { DEFAULT_SETTINGS, type TrainSettings } from '../session/settings';
import { createInThreadTrainer as createTrainer } from './in-thread-trainer';
import type { Trainer } from './trainer-api';

const settings = (over: Partial<TrainSettings> = {}): TrainSettings => ({
  ...DEFAULT_SETTINGS, dataset: 'spiral', hidden: [16, 12], act: 'tanh', batch: 16, lr: 0.1, init: 'xavier', evalEvery: 50, steps: 1e8, ...over,
});
const loadDataset = async (s: TrainSettings) => make2d(s.dataset, { seed: s.seed, trainCount: 800, testCount: 400, noise: s.noise });

const closers: (() => void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) c();
});

interface Harness {
  t: Trainer;
  /** The groups started so far, in order, and every step each reported. */
  groups: { remote: GroupLike; steps: number[]; closed: boolean }[];
  /** Per train() answer: the largest minus the smallest step the groups had confirmed then. */
  leads: number[];
}

function coordinator(groups: number, over: { maxLead?: number; frameIntervalMs?: number } = {}): Harness {
  const h: Harness = { t: null as never, groups: [], leads: [] };
  const spawn = () => {
    const { port1, port2 } = new MessageChannel();
    const group = createRunGroup({ loadDataset });
    expose(group, port1);
    const remote = wrap<RunGroup>(port2) as unknown as GroupLike;
    const entry = { remote, steps: [] as number[], closed: false };
    h.groups.push(entry);
    const close = () => { entry.closed = true; group.dispose(); port1.close(); port2.close(); };
    closers.push(close);
    // Watch every train() answer: the lead is measured over the groups still in use.
    const watched: GroupLike = new Proxy(remote, {
      get(target, key) {
        if (key !== 'train') return Reflect.get(target, key);
        return async (n: number) => {
          const p = await target.train(n);
          entry.steps.push(p.step);
          const live = h.groups.filter((g) => !g.closed && g.steps.length > 0);
          const last = live.map((g) => g.steps[g.steps.length - 1]);
          h.leads.push(Math.max(...last) - Math.min(...last));
          return p;
        };
      },
    });
    return { group: watched, close };
  };
  h.t = createCoordinator({ spawn, groups, frameIntervalMs: over.frameIntervalMs ?? 0, maxLead: over.maxLead });
  closers.push(() => { void h.t.dispose(); });
  return h;
}

function reference(s: TrainSettings, runs: RunKind[]): TrainingSession {
  return new TrainingSession(make2d(s.dataset, { seed: s.seed, trainCount: 800, testCount: 400, noise: s.noise }), s, runs);
}

async function paramsOf(h: Harness): Promise<Record<string, Float32Array[]>> {
  const all = await Promise.all(h.groups.filter((g) => !g.closed).map((g) => g.remote.parameters()));
  return Object.assign({}, ...all);
}

function expectSameParams(groups: Record<string, Float32Array[]>, session: TrainingSession): void {
  expect(Object.keys(groups).sort()).toEqual(session.runs.map((r) => r.id).sort());
  for (const run of session.runs) {
    const mine = groups[run.id];
    expect(mine).toHaveLength(run.model.params.length);
    // Bit for bit: toEqual on Float32Arrays compares every element exactly.
    run.model.params.forEach((p, i) => expect(mine[i]).toEqual(p.value));
  }
}

/** A run's telemetry without the histogram counts and overflow, which depend on the bins the frame shares. */
function withoutHist(r: RunFrame) {
  return { ...r, layers: r.layers.map((l) => ({ ...l, stages: l.stages.map((s) => s && { ...s, hist: null, under: null, over: null, overflowEdges: null }) })) };
}

async function frameAfter(t: Trainer, seq: number, step: number): Promise<TelemetryFrame> {
  for (;;) {
    const f = await t.nextFrame(seq);
    if (f.step === step && f.runs.length > 0) return f;
    seq = f.seq;
  }
}

describe('runs dealt over workers', () => {
  it('deals runs round-robin in the canonical order, never more groups than runs', () => {
    expect(dealRuns(['batch', 'plain'], 2)).toEqual([['plain'], ['batch']]);
    expect(dealRuns(['plain', 'batch', 'layer'], 2)).toEqual([['plain', 'layer'], ['batch']]);
    expect(dealRuns(['plain'], 4)).toEqual([['plain']]);
    expect(dealRuns(['plain', 'batch'], 1)).toEqual([['plain', 'batch']]);
    // runs with their own settings are ordered by kind, a kind's variants in the order given
    expect(dealRuns(['batch:eps=1', 'plain', 'batch'], 2)).toEqual([['plain', 'batch'], ['batch:eps=1']]);
  });
});

/**
 * A group held by hand: each train(n) waits until the test lets it through (`land`); a frame part is
 * answered at once with the step reached so far, as a group in the coordinator's own thread does
 * (in-thread-trainer.ts: its rounds first yield to queued messages, so a frame request can overtake them).
 */
function heldGroup(run: string) {
  let step = 0;
  const queued: (() => void)[] = [];
  const progress = (): GroupProgress => ({ step, epoch: 0, active: 1, diverged: { [run]: null }, ms: 1 });
  const group = {
    load: async () => { step = 0; return progress(); },
    train: (n: number) => new Promise<GroupProgress>((resolve) => { queued.push(() => { step += n; resolve(progress()); }); }),
    framePart: (seq: number, status: string) => ({ ...FrameBuilder.empty(seq, status, null), step }),
    dispose: () => {},
  } as unknown as GroupLike;
  return {
    group,
    /** Rounds sent and not yet trained. */
    get pending() { return queued.length; },
    /** Trains the rounds sent so far, in order, each answered on its own turn. */
    async land() { while (queued.length > 0) { queued.shift()!(); await new Promise((r) => setTimeout(r, 0)); } },
  };
}

describe('coordinator: pause and step', () => {
  it('pauses after the rounds in flight: pause() answers with their step, no paused frame shows less, and a step goes exactly one past it', async () => {
    const groups = [heldGroup('plain'), heldGroup('batch')];
    let spawned = 0;
    const t = createCoordinator({ spawn: () => ({ group: groups[spawned++].group, close: () => {} }), groups: 2, frameIntervalMs: 0 });
    closers.push(() => { void t.dispose(); });
    await t.load(settings(), ['plain', 'batch']);
    await t.play();
    expect(groups.map((g) => g.pending)).toEqual([3, 3]); // three rounds in flight in each group
    let done: number | null = null;
    const paused = t.pause().then((step) => { done = step; });
    // a frame asked for now is built after the rounds in flight: a paused frame at step 0 would be overtaken
    const frame = t.nextFrame(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(done, 'pause() answered while rounds were still in flight').toBeNull();
    await Promise.all(groups.map((g) => g.land()));
    await paused;
    expect(done).toBe(3);
    const f = await frame;
    expect({ status: f.status, step: f.step }).toEqual({ status: 'paused', step: 3 });
    expect(groups.map((g) => g.pending), 'no round went out after the pause').toEqual([0, 0]);
    // a frame asked for while the step's round is in flight shows the step after it
    const stepped = t.stepOnce(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(groups.map((g) => g.pending)).toEqual([1, 1]);
    const next = t.nextFrame(f.seq);
    await new Promise((r) => setTimeout(r, 0));
    await Promise.all(groups.map((g) => g.land()));
    expect(await stepped).toBe(4);
    expect(await next).toMatchObject({ status: 'paused', step: 4 });
    expect(await t.status()).toMatchObject({ status: 'paused', step: 4 });
  });
});

describe('coordinator over MessageChannels', () => {
  it('trains each run in its own group to exactly the weights of the one-worker session', async () => {
    const h = coordinator(2);
    const s = settings({ seed: 7 });
    await h.t.load(s, ['plain', 'batch']);
    expect(h.groups).toHaveLength(2);
    const ref = reference(s, ['plain', 'batch']);
    expectSameParams(await paramsOf(h), ref); // the same initial weights
    expect(await h.t.stepOnce(37)).toBe(37);
    for (let i = 0; i < 37; i++) ref.trainStep();
    expectSameParams(await paramsOf(h), ref);
    // the frame shows the runs' telemetry as the one worker does, histogram counts aside
    const single = createTrainer({ loadDataset, frameIntervalMs: 0 });
    closers.push(() => single.dispose());
    await single.load(s, ['plain', 'batch']);
    await single.stepOnce(37);
    const a = await frameAfter(h.t, 0, 37);
    const b = await frameAfter(single, 0, 37);
    expect(a.runs.map(withoutHist)).toEqual(b.runs.map(withoutHist));
    expect(a.bnDetail).toEqual(b.bnDetail);
    expect(a.epoch).toBe(b.epoch);
    expect(a.settings).toEqual(b.settings);
    expect(await h.t.evaluateFull()).toEqual(await single.evaluateFull());
  });

  it('keeps the groups within the lead while playing, and a live change lands at the same step in every group', async () => {
    const h = coordinator(2, { maxLead: 8, frameIntervalMs: 20 });
    const s = settings({ seed: 3 });
    await h.t.load(s, ['plain', 'batch', 'layer']);
    await h.t.play();
    let f = await h.t.nextFrame(0);
    while (f.step < 60) f = await h.t.nextFrame(f.seq);
    const live = await h.t.change({ lr: 0.3, batch: 24 });
    expect(live.applied).toBe('live');
    const at = Number(/applied at step (\d+)/.exec(live.message)![1]);
    expect(at).toBeGreaterThan(60);
    while (f.step < at + 40) f = await h.t.nextFrame(f.seq);
    await h.t.pause();
    // (a step asked for by hand may go one past the lead: it is measured up to here)
    const leads = [...h.leads];
    const end = await h.t.stepOnce(1); // after everything in flight: every group at the same step
    expect(leads.length).toBeGreaterThan(10);
    expect(Math.max(...leads)).toBeLessThanOrEqual(8);
    // the frame's runs all show the common step
    f = await frameAfter(h.t, f.seq, end);
    for (const r of f.runs) expect(r.loss.x[r.loss.x.length - 1]).toBe(end);
    expect(f.settings).toMatchObject({ lr: 0.3, batch: 24 });
    const ref = reference(s, ['plain', 'batch', 'layer']);
    for (let i = 1; i < at; i++) ref.trainStep();
    ref.applyLive({ lr: 0.3, batch: 24 });
    for (let i = at; i <= end; i++) ref.trainStep();
    expectSameParams(await paramsOf(h), ref);
  });

  it('merges the parts: runs in order, histograms on the union of the groups\' bins, the BN detail', async () => {
    const h = coordinator(2);
    await h.t.load(settings(), ['batch-post', 'plain', 'batch']);
    await h.t.stepOnce(25);
    const f = await frameAfter(h.t, 0, 25);
    expect(f.runs.map((r) => r.id)).toEqual(['plain', 'batch', 'batch-post']);
    for (const r of f.runs) {
      r.layers.forEach((l, j) => l.stages.forEach((sf, s) => {
        if (!sf) return;
        const bins = f.bins[j][s]!;
        expect(sf.hist).toHaveLength(bins.count);
        expect(bins.version).toBeGreaterThan(0);
        // re-expressed counts keep their total (16 rows x units), up to float rounding
        expect(sf.hist.reduce((a, v) => a + v, 0)).toBeCloseTo(16 * l.units, 2);
      }));
    }
    expect(f.bnDetail!.run).toBe('batch');
    expect(f.bnDetail!.x).toHaveLength(16);
  });

  it('lets a diverged run sit out while the others train on, and a reset clears it', async () => {
    const s = settings({ act: 'relu', hidden: [32, 32, 32], init: 'normal:10', lr: 30, sgdMomentum: 0 });
    const h = coordinator(2);
    await h.t.load(s, ['plain', 'batch']);
    const ref = reference(s, ['plain', 'batch']);
    for (let i = 0; i < 50; i++) ref.trainStep();
    expect(ref.runs[0].divergedAt).not.toBeNull();
    expect(ref.runs[1].divergedAt).toBeNull();
    await h.t.play();
    let f = await h.t.nextFrame(0);
    while (f.step < 50) f = await h.t.nextFrame(f.seq);
    await h.t.pause();
    expect(f.runs[0].divergedAt).toBe(ref.runs[0].divergedAt);
    expect(f.runs[1].divergedAt).toBeNull();
    const end = await h.t.stepOnce(1);
    for (let i = 50; i < end; i++) ref.trainStep();
    expectSameParams(await paramsOf(h), ref);
    await h.t.reset();
    expect((await h.t.status()).step).toBe(0);
    f = await frameAfter(h.t, f.seq, 0);
    expect(f.runs.map((r) => r.divergedAt)).toEqual([null, null]);
    expectSameParams(await paramsOf(h), reference(s, ['plain', 'batch']));
  });

  it('resets on other settings and run sets, starting and ending workers to fit, and refuses bad input', async () => {
    const h = coordinator(2);
    await h.t.load(settings(), ['plain', 'batch']);
    await h.t.stepOnce(10);
    await expect(h.t.change({ eps: -1 })).rejects.toThrow(/eps/);
    await expect(h.t.change({ batch: 1 })).rejects.toThrow(/batch 1 with batch norm/);
    const reset = await h.t.change({ hidden: [8] });
    expect(reset).toMatchObject({ applied: 'reset' });
    expect(reset.message).toMatch(/hidden needs new weights/);
    expect((await h.t.status()).step).toBe(0);
    await h.t.setRuns(['plain']);
    expect(h.groups.filter((g) => !g.closed)).toHaveLength(1);
    await h.t.setRuns(['plain', 'batch', 'layer']);
    expect(h.groups.filter((g) => !g.closed)).toHaveLength(2);
    await h.t.stepOnce(12);
    const ref = reference(settings({ hidden: [8] }), ['plain', 'batch', 'layer']);
    for (let i = 0; i < 12; i++) ref.trainStep();
    expectSameParams(await paramsOf(h), ref);
    await expect(h.t.setRuns(['plain', 'nonsense'] as never)).rejects.toThrow(/runs must be/);
    await expect(h.t.setRuns(['batch', 'batch:eps=1.0'])).rejects.toThrow(/runs must be/); // not canonical
    await expect(h.t.setRuns(['batch', 'batch'])).rejects.toThrow(/runs must be/);
    await expect(h.t.load(settings({ batch: 1 }), ['plain', 'batch'])).rejects.toThrow(/batch 1 with batch norm/);
    expect((await h.t.status()).status).toBe('paused');
    await expect(h.t.select(5, 0)).rejects.toThrow(/layer/);
    await expect(h.t.foldBatchNorm('group')).rejects.toThrow(/no run group/);
    const fold = await h.t.foldBatchNorm();
    expect(fold.run).toBe('batch');
    expect(fold.maxAbsDiff).toBeLessThan(1e-3);
  });

  it('gives the classification report and the decision grid of every run', async () => {
    const h = coordinator(2);
    await h.t.load(settings({ dataset: 'circles' }), ['plain', 'batch']);
    await h.t.stepOnce(300);
    const report = await h.t.classificationReport();
    expect(Object.keys(report)).toEqual(['plain', 'batch']);
    expect(report.batch.confusion.flat().reduce((a, v) => a + v, 0)).toBe(400);
    const grid = await h.t.decisionGrid(32);
    expect(Object.keys(grid.runs)).toEqual(['plain', 'batch']);
    expect(grid.runs.plain.predicted).toHaveLength(32 * 32);
    await expect(h.t.decisionGrid(1)).rejects.toThrow(/resolution/);
  });

  it('keeps a steady pace when a speed is set', async () => {
    const h = coordinator(2, { frameIntervalMs: 50 });
    await h.t.load(settings(), ['plain', 'batch']);
    await h.t.setSpeed(50);
    const t0 = performance.now();
    await h.t.play();
    await vi.waitFor(async () => expect((await h.t.status()).step, 'training past step 10').toBeGreaterThan(10), { timeout: 30_000, interval: 20 });
    const ms = performance.now() - t0;
    await h.t.pause();
    const { step } = await h.t.status();
    // the pace is an upper bound a loaded machine cannot break: 50 steps/s, counted with slack up to 80
    console.log(`[coordinator] speed 50: ${step} steps in ${ms.toFixed(0)} ms`);
    expect(step, `${step} steps in ${ms.toFixed(0)} ms at speed 50`).toBeLessThan(((ms + 100) / 1000) * 80);
  });
});
