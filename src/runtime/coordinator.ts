// The coordinator of a session split over workers: it owns no weights. Each run group (run-group.ts,
// one worker each, runs dealt round-robin over at most `groups` workers, so one run per worker when
// there are enough cores) trains its runs; the coordinator offers the page the same trainer API as
// trainer.ts and keeps the groups in step.
//
// Alignment by message order: the coordinator sends every active group the same train(n) rounds, so
// all are issued up to the same step `issued`. A round goes out only while issued - slowest < maxLead
// (the slowest group's confirmed step), so no run is more than maxLead steps ahead of the slowest.
// Whatever else is sent to every group in one go (a frame part, a live change, an evaluation) is
// queued behind the same rounds in each, so it happens at step `issued` in every group: frame parts
// of one frame are of the same step, and a live change applies at the same step everywhere, without
// ever stopping the groups. A group whose runs have all diverged stays at its step and is left out.
import { checkLimits, datasetShape } from '../session/limits';
import { proxy, transfer } from 'comlink';
import type { ClassificationReport } from '../telemetry/classification-report';
import type { FoldReport } from '../session/fold-report';
import { FrameBuilder, frameTransferables, type TelemetryFrame } from '../telemetry/frame';
import { FrameMerger } from '../telemetry/frame-merge';
import { Pacer } from './pacer';
import type { GroupProgress, RunGroup } from './run-group';
import { isRunKind, orderRuns, runNorm, RUN_KINDS, type RunKind } from '../session/run-kinds';
import { LIVE_KEYS, SessionError, type DecisionGrid, type EvalMetrics } from '../session/session';
import { SETTINGS, type TrainSettings } from '../session/settings';
import { DEFAULT_FRAME_INTERVAL_MS, type ChangeResult, type LoadProgress, type Trainer, type TrainerStatus } from './trainer';

/** A run group as the coordinator reaches it: over comlink (every answer a promise) or in the same thread. */
export type GroupLike = { [K in keyof RunGroup]: (...args: Parameters<RunGroup[K]>) => Promise<Awaited<ReturnType<RunGroup[K]>>> | ReturnType<RunGroup[K]> };

export interface GroupHandle {
  group: GroupLike;
  /** Ends the group's worker. */
  close(): void;
}

/** The trainer API with every answer a promise (the page reaches it over comlink either way). */
export type AsyncTrainer = { [K in keyof Trainer]: (...args: Parameters<Trainer[K]>) => Promise<Awaited<ReturnType<Trainer[K]>>> };

export interface CoordinatorOptions {
  /** Starts a run-group worker. */
  spawn: () => GroupHandle;
  /** Most workers to use (the cores); runs are dealt over min(groups, runs) of them. */
  groups: number;
  now?: () => number;
  /** Milliseconds of training a train() round aims at (default 8). */
  roundMs?: number;
  /** Most steps any group may be ahead of the slowest (default 64; besides, at most MAX_ROUNDS rounds). */
  maxLead?: number;
  frameIntervalMs?: number;
}

/**
 * Rounds in flight at most: one training, one or two queued behind it so that a group never waits
 * for the coordinator. A frame or a live change waits behind them: about MAX_ROUNDS x roundMs.
 */
const MAX_ROUNDS = 3;

interface Slot {
  handle: GroupHandle;
  runs: RunKind[];
  /** The step the group confirmed last. */
  step: number;
  active: number;
  diverged: Record<string, number | null>;
  /** Milliseconds per step, smoothed, from the group's own timing. */
  msPerStep: number;
}

/** Runs dealt round-robin over at most `groups` workers, in the canonical order. */
export function dealRuns(runs: readonly RunKind[], groups: number): RunKind[][] {
  const n = Math.max(1, Math.min(Math.floor(groups), runs.length));
  const out: RunKind[][] = Array.from({ length: n }, () => []);
  orderRuns(runs).forEach((r, i) => out[i % n].push(r));
  return out;
}

export function createCoordinator(options: CoordinatorOptions): AsyncTrainer {
  const now = options.now ?? (() => performance.now());
  const roundMs = options.roundMs ?? 8;
  const maxLead = Math.max(1, options.maxLead ?? 64);
  const maxGroups = Math.max(1, Math.floor(options.groups));
  const frameIntervalMs = options.frameIntervalMs ?? DEFAULT_FRAME_INTERVAL_MS;
  const pacer = new Pacer(now);
  const merger = new FrameMerger();

  let slots: Slot[] = [];
  const idle: GroupHandle[] = [];
  let runKinds: RunKind[] = ['plain', 'batch'];
  let settings: TrainSettings | null = null;
  let status: TrainerStatus = 'empty';
  let error: string | null = null;
  let notice: string | null = null;
  let selected = { layer: 0, unit: 0 };
  /** Steps every active group has been sent (they reach it in order). */
  let issued = 0;
  /** train() rounds not yet answered by every group. */
  let rounds = 0;
  /** Bumped by every rebuild: answers of an older session are ignored. */
  let generation = 0;
  /** While a rebuild or a barrier is in progress, no rounds go out. */
  let holds = 0;
  let disposed = false;
  let seq = 0;
  let lastFrameAt = -Infinity;
  let dirty = false;
  let gathering = false;
  let waiter: { afterSeq: number; resolve: (f: TelemetryFrame) => void } | null = null;
  let rateMark: { t: number; step: number } | null = null;
  let rate = 0;
  let pumpTimer: ReturnType<typeof setTimeout> | null = null;
  let deliverTimer: ReturnType<typeof setTimeout> | null = null;
  /** One operation at a time (load, change, reset, ...): they must reach every group in the same order. */
  let queue: Promise<unknown> = Promise.resolve();

  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const next = queue.then(op, op);
    queue = next.catch(() => {});
    return next;
  };
  const fail = (e: unknown): never => { throw new SessionError(e instanceof Error ? e.message : String(e)); };
  const active = () => slots.filter((s) => s.active > 0);
  /** The step every active group has confirmed: what the charts show. */
  const slowest = () => { const a = active(); return a.length === 0 ? Math.max(0, ...slots.map((s) => s.step)) : Math.min(...a.map((s) => s.step)); };
  const markDirty = () => { dirty = true; maybeDeliver(); };

  function onProgress(slot: Slot, gen: number, p: GroupProgress, n: number): void {
    if (gen !== generation) return;
    slot.step = p.step;
    slot.active = p.active;
    slot.diverged = p.diverged;
    if (n > 0 && p.ms > 0) {
      const each = p.ms / n;
      slot.msPerStep = Number.isFinite(slot.msPerStep) ? 0.7 * slot.msPerStep + 0.3 * each : each;
    }
    markDirty();
    pump();
  }

  function onError(e: unknown): void {
    status = 'error';
    error = e instanceof Error ? e.message : String(e);
    markDirty();
  }

  /** Sends one train(n) round to every active group; settles when all have trained it. */
  function sendRound(n: number): Promise<void> {
    const gen = generation;
    issued += n;
    rounds++;
    return Promise.all(active().map(async (slot) => {
      const p = await slot.handle.group.train(n);
      onProgress(slot, gen, p, n);
    })).then(() => {}).finally(() => {
      if (gen !== generation) return;
      rounds--;
      pump();
    });
  }

  /** Keeps rounds going out while running, within the lead and the pacer. */
  function pump(): void {
    if (status !== 'running' || disposed || holds > 0 || !settings) return;
    const floor = slowest();
    if (active().length === 0 || floor >= settings.steps) {
      status = 'paused';
      notice = active().length === 0 ? 'every run diverged: reset to start again' : `reached ${settings.steps} steps`;
      markDirty();
      return;
    }
    const msPerStep = Math.max(...active().map((s) => s.msPerStep).filter(Number.isFinite), 0);
    const chunk = msPerStep > 0 ? Math.max(1, Math.min(Math.floor(maxLead / 2), Math.round(roundMs / msPerStep))) : 1;
    while (rounds < MAX_ROUNDS && issued - floor < maxLead && issued < settings.steps) {
      const room = Math.min(chunk, maxLead - (issued - floor), settings.steps - issued);
      const allowed = Math.min(room, pacer.allowed());
      if (allowed <= 0) {
        if (pumpTimer === null) pumpTimer = setTimeout(() => { pumpTimer = null; pump(); }, Math.max(1, pacer.waitMs()));
        return;
      }
      pacer.took(allowed);
      sendRound(allowed).catch(onError);
    }
  }

  function maybeDeliver(): void {
    if (!waiter || !dirty || gathering || deliverTimer !== null) return;
    const wait = lastFrameAt + frameIntervalMs - now();
    if (wait > 0) {
      deliverTimer = setTimeout(() => { deliverTimer = null; maybeDeliver(); }, wait);
      return;
    }
    void deliver();
  }

  async function deliver(): Promise<void> {
    gathering = true;
    dirty = false;
    lastFrameAt = now();
    const gen = generation;
    try {
      const frame = await buildFrame();
      if (gen !== generation) { dirty = true; return; }
      const w = waiter;
      waiter = null;
      notice = null;
      w?.resolve(transfer(frame, frameTransferables(frame)));
    } catch (e) {
      onError(e);
    } finally {
      gathering = false;
      maybeDeliver();
    }
  }

  async function buildFrame(): Promise<TelemetryFrame> {
    seq++;
    if (!settings || slots.length === 0 || status === 'loading') return FrameBuilder.empty(seq, status, error ?? notice);
    const frameSeq = seq;
    const frameStatus = status;
    const sel = { ...selected };
    const parts = await Promise.all(slots.map((s) => s.handle.group.framePart(frameSeq, frameStatus, sel)));
    const step = Math.max(...parts.map((p) => p.step));
    const t = now();
    if (!rateMark || t - rateMark.t > 1000 || step < rateMark.step) {
      if (rateMark && t > rateMark.t && step >= rateMark.step) rate = ((step - rateMark.step) * 1000) / (t - rateMark.t);
      rateMark = { t, step };
    }
    const running = frameStatus === 'running';
    return merger.merge(parts, runKinds, {
      seq: frameSeq, status: frameStatus, notice,
      stepsPerSec: running ? rate : 0, examplesPerSec: running ? rate * settings.batch : 0,
    });
  }

  /** Runs `op` with no rounds going out (the groups finish what they were sent first, in order). */
  async function held<T>(op: () => Promise<T>): Promise<T> {
    holds++;
    try { return await op(); } finally { holds--; pump(); }
  }

  /** (Re)builds every group from `next`: workers started or ended to fit the runs, every run at step 0. */
  async function build(next: TrainSettings, runs: RunKind[], onLoad?: (p: LoadProgress) => void): Promise<void> {
    const dealt = dealRuns(runs, maxGroups);
    generation++;
    const handles = slots.map((s) => s.handle);
    while (handles.length < dealt.length) handles.push(idle.pop() ?? options.spawn());
    const surplus = handles.splice(dealt.length);
    // Every group loads the data; one of them downloads it while the others wait for the cache
    // (mnist-browser.ts), so the page is shown the progress of whichever group is furthest.
    const furthest = furthestProgress(handles.length, onLoad);
    let progress: GroupProgress[];
    try {
      progress = await Promise.all(handles.map((h, i) => h.group.load(next, dealt[i], furthest && proxy((p: LoadProgress) => furthest(i, p)))));
    } catch (e) {
      idle.push(...handles.slice(slots.length));
      throw e;
    }
    // Workers beyond what the runs need end (their copy of the data set goes with them).
    for (const h of surplus) h.close();
    generation++;
    slots = handles.map((handle, i) => ({
      handle, runs: dealt[i], step: progress[i].step, active: progress[i].active, diverged: progress[i].diverged, msPerStep: NaN,
    }));
    settings = structuredClone(next);
    runKinds = orderRuns(runs);
    issued = 0;
    rounds = 0;
    selected = { layer: 0, unit: 0 };
    merger.reset();
    rateMark = null;
    pacer.restart();
  }

  async function rebuild(next: TrainSettings, runs: RunKind[], onLoad?: (p: LoadProgress) => void): Promise<void> {
    // Past the size limits: refused before any group hears of it, so the current session keeps training.
    const shape = datasetShape(next.dataset);
    const limit = checkLimits(next, shape.inputSize, shape.outputSize);
    if (limit) fail(limit.message);
    const wasRunning = status === 'running';
    status = 'loading';
    error = null;
    markDirty();
    try {
      await held(() => build(next, runs, onLoad));
      status = wasRunning ? 'running' : 'paused';
    } catch (e) {
      status = settings ? 'paused' : 'error';
      error = e instanceof Error ? e.message : String(e);
      // A half-built set of groups must not train: rebuild the previous session if there was one.
      if (settings) await held(() => build(settings!, runKinds)).catch(() => { status = 'error'; });
      markDirty();
      fail(e);
    }
    markDirty();
    pump();
  }

  function checkRunKinds(runs: unknown): asserts runs is RunKind[] {
    if (!Array.isArray(runs) || runs.length === 0 || !runs.every((r) => typeof r === 'string' && isRunKind(r))) {
      fail(`runs must be a non-empty list of ${RUN_KINDS.join(', ')}; got ${JSON.stringify(runs)}`);
    }
  }

  /** Asks every group the same thing at the same step; the answers are merged into one record. */
  async function everyGroup<T>(ask: (g: GroupLike) => Promise<Record<string, T>> | Record<string, T>): Promise<Record<string, T>> {
    if (slots.length === 0) fail('no session is loaded');
    const answers = await Promise.all(slots.map((s) => ask(s.handle.group)));
    const merged: Record<string, T> = {};
    for (const id of runKinds) for (const a of answers) if (id in a) merged[id] = a[id];
    return merged;
  }

  const trainer: AsyncTrainer = {
    async load(next, runs = runKinds, onLoad) {
      checkRunKinds(runs);
      return serial(async () => {
        const reloading = !settings || settings.dataset !== next.dataset;
        await rebuild(next, runs, onLoad);
        const result: ChangeResult = { applied: 'reset', message: reloading ? `loaded ${next.dataset}: every run starts from the same new weights` : 'every run restarted from the same new weights' };
        return result;
      });
    },
    async play() {
      if (!settings || slots.length === 0 || status === 'loading') return;
      if (status !== 'running') pacer.restart();
      status = 'running';
      markDirty();
      pump();
    },
    async pause() {
      if (status === 'running') status = 'paused';
      markDirty();
    },
    async stepOnce(n = 1) {
      return serial(async () => {
        if (!settings) return 0;
        if (!(Number.isInteger(n) && n >= 1 && n <= 100_000)) fail(`steps must be an integer from 1 to 100000, got ${n}`);
        return held(async () => {
          if (active().length > 0) await sendRound(n);
          markDirty();
          return slowest();
        });
      });
    },
    async reset() {
      return serial(async () => {
        if (!settings) fail('nothing to reset: no session is loaded');
        await rebuild(settings!, runKinds);
        const result: ChangeResult = { applied: 'reset', message: 'every run restarted from the same new weights' };
        return result;
      });
    },
    async setSpeed(stepsPerSecond) {
      try { pacer.setRate(stepsPerSecond); } catch (e) { fail(e); }
      markDirty();
      pump();
    },
    async change(change) {
      return serial(async () => {
        if (!settings) fail('no session is loaded');
        const keys = Object.keys(change) as (keyof TrainSettings)[];
        for (const k of keys) if (!SETTINGS.some((s) => s.key === k)) fail(`unknown setting ${String(k)}`);
        const live = keys.every((k) => (LIVE_KEYS as string[]).includes(k));
        if (live) {
          // Every group checks first; then the change goes to all in one go, behind the same rounds.
          try { await Promise.all(slots.map((s) => s.handle.group.checkLive(change))); } catch (e) { fail(e); }
          const at = issued + 1;
          await Promise.all(slots.map((s) => s.handle.group.applyLive(change)));
          Object.assign(settings!, change);
          markDirty();
          pump();
          const result: ChangeResult = { applied: 'live', message: `${keys.join(', ')} applied at step ${at}; weights untouched`, step: at };
          return result;
        }
        const resetKeys = keys.filter((k) => !(LIVE_KEYS as string[]).includes(k));
        const reloading = settings!.dataset !== (change.dataset ?? settings!.dataset);
        await rebuild({ ...settings!, ...change }, runKinds);
        const result: ChangeResult = { applied: 'reset', message: `${resetKeys.join(', ')} needs new weights: ${reloading ? `loaded ${change.dataset}: every run starts from the same new weights` : 'every run restarted from the same new weights'}` };
        return result;
      });
    },
    async setRuns(runs) {
      checkRunKinds(runs);
      return serial(async () => {
        const ordered = orderRuns(runs);
        if (!settings) { runKinds = ordered; const r: ChangeResult = { applied: 'reset', message: 'runs set' }; return r; }
        await rebuild(settings, ordered);
        const result: ChangeResult = { applied: 'reset', message: `runs ${ordered.join(', ')}: every run restarted from the same new weights` };
        return result;
      });
    },
    async select(layer, unit) {
      if (!settings) return;
      const hidden = settings.hidden;
      if (!(Number.isInteger(layer) && layer >= 0 && layer < hidden.length)) fail(`layer must be 0 to ${hidden.length - 1}, got ${layer}`);
      if (!(Number.isInteger(unit) && unit >= 0 && unit < hidden[layer])) fail(`unit must be 0 to ${hidden[layer] - 1}, got ${unit}`);
      selected = { layer, unit };
      markDirty();
    },
    async evaluateFull() {
      return everyGroup((g) => g.evaluateFull()) as Promise<Record<string, EvalMetrics>>;
    },
    async status() {
      return { status, step: slowest(), error };
    },
    async classificationReport() {
      return everyGroup((g) => g.classificationReport()) as Promise<Record<string, ClassificationReport>>;
    },
    async foldBatchNorm(runId) {
      if (!settings || slots.length === 0) fail('no session is loaded');
      const foldable = runKinds.filter((k) => settings!.hidden.length > 0 && (runNorm(k) === 'batch' || runNorm(k) === 'renorm'));
      const id = runId ?? foldable[0];
      const slot = slots.find((s) => (s.runs as string[]).includes(id));
      if (!slot) fail(runId ? `no run ${runId} in this session; runs: ${runKinds.join(', ')}` : 'no run with batch norm to fold: add a batch-norm or renorm run');
      return slot!.handle.group.foldBatchNorm(id) as Promise<FoldReport>;
    },
    async decisionGrid(resolution) {
      if (slots.length === 0) fail('no session is loaded');
      const grids = await Promise.all(slots.map((s) => s.handle.group.decisionGrid(resolution))) as DecisionGrid[];
      const runs: DecisionGrid['runs'] = {};
      for (const id of runKinds) for (const g of grids) if (g.runs[id]) runs[id] = g.runs[id];
      const grid = { ...grids[0], runs };
      const buffers = [grid.points.buffer, grid.labels.buffer, ...Object.values(runs).flatMap((r) => [r.predicted.buffer, r.confidence.buffer])];
      return transfer(grid, buffers as ArrayBuffer[]);
    },
    nextFrame(afterSeq) {
      return new Promise<TelemetryFrame>((resolve) => {
        const old = waiter;
        waiter = { afterSeq, resolve };
        if (old) old.resolve(FrameBuilder.empty(seq, status, null));
        if (afterSeq < seq) dirty = true;
        maybeDeliver();
      });
    },
    async dispose() {
      disposed = true;
      status = 'paused';
      if (pumpTimer !== null) clearTimeout(pumpTimer);
      if (deliverTimer !== null) clearTimeout(deliverTimer);
      for (const s of slots) s.handle.close();
      for (const h of idle) h.close();
      slots = [];
    },
    async crashForTest(kind) {
      // The fault of a run worker, which the coordinating worker must pass on to the page.
      if (slots.length === 0) fail('no session is loaded');
      await slots[0].handle.group.crashForTest(kind);
    },
    async fastForwardForTest(steps) {
      return serial(async () => {
        if (!settings || slots.length === 0) fail('no session is loaded');
        return held(async () => {
          // Behind the rounds already sent, every active group jumps by the same steps: they stay in step.
          const gen = generation;
          await Promise.all(active().map(async (slot) => onProgress(slot, gen, await slot.handle.group.fastForwardForTest(steps), 0)));
          issued += steps;
          markDirty();
          return slowest();
        });
      });
    },
  };
  return trainer;
}

/**
 * Reports from `groups` loaders combined into one monotone progress: a report goes on to `onLoad`
 * only when its group is at least as far (loaded / total) as any other. Undefined without `onLoad`.
 */
export function furthestProgress(groups: number, onLoad?: (p: LoadProgress) => void): ((group: number, p: LoadProgress) => void) | undefined {
  if (!onLoad) return undefined;
  const share = new Array<number>(groups).fill(0);
  return (group, p) => {
    share[group] = p.total > 0 ? p.loaded / p.total : 0;
    if (share[group] >= Math.max(...share)) onLoad(p);
  };
}
