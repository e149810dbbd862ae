// The one trainer runtime: a coordinator over N run groups (N = 1 included), answering the trainer API
// (trainer-api.ts) for the page, the benchmarks and the tests. It owns no weights: each run group
// (run-group.ts: a worker of its own, or the same thread, in-thread-trainer.ts) trains its runs, dealt
// round-robin over at most `groups` of them. The coordinator keeps the groups in step (run-groups.ts):
// a round of train(n) goes out only while issued - slowest < maxLead, so no run is more than maxLead
// steps ahead of the slowest; a frame or a live change sent to every group in one go lands at the same
// step in each. Frames are pulled (frame-waiter.ts); requests are served one at a time (serial-queue.ts).
import { proxy } from 'comlink';
import type { LoadProgress } from '../session/dataset-loader';
import { checkLimits, datasetShape } from '../session/limits';
import { runNorm } from '../session/run-kinds';
import { kindOfRunId, orderRunIds } from '../session/run-spec';
import { LIVE_KEYS, type DecisionGrid, type EvalMetrics } from '../session/session';
import { SETTINGS, type TrainSettings } from '../session/settings';
import type { ClassificationReport } from '../telemetry/classification-report';
import type { FoldReport } from '../session/fold-report';
import { FrameBuilder, type TelemetryFrame } from '../telemetry/frame';
import { FrameMerger } from '../telemetry/frame-merge';
import { addCoordinatorTestHooks } from './coordinator-hooks.test-support';
import { FrameWaiter } from './frame-waiter';
import { furthestProgress } from './furthest-progress';
import { transferGrid } from './grid-transfer';
import { Pacer } from './pacer';
import type { GroupProgress } from './run-group';
import { checkRunIds, checkSelection, checkStepCount, fail, stopNotice } from './run-checks';
import { dealRuns, RunGroups, type GroupHandle, type GroupLike, type Slot } from './run-groups';
import { SerialQueue } from './serial-queue';
import { StepRate } from './step-rate';
import { DEFAULT_FRAME_INTERVAL_MS, type ChangeResult, type Trainer, type TrainerStatus } from './trainer-api';

export { dealRuns, type GroupHandle, type GroupLike } from './run-groups';

export interface CoordinatorOptions {
  /** Starts a run group (a worker, or one in the same thread). */
  spawn: () => GroupHandle;
  /** Most groups to use (the cores); runs are dealt over min(groups, runs) of them. */
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

const RESTARTED = 'every run restarted from the same new weights';
const loaded = (dataset: string) => `loaded ${dataset}: every run starts from the same new weights`;

export class Coordinator implements Trainer {
  readonly groups = new RunGroups();
  readonly queue = new SerialQueue();
  readonly frames: FrameWaiter;
  private readonly now: () => number;
  private readonly roundMs: number;
  private readonly maxLead: number;
  private readonly maxGroups: number;
  private readonly pacer: Pacer;
  private readonly merger = new FrameMerger();
  private readonly rate = new StepRate();
  private settings: TrainSettings | null = null;
  /** The run ids (run-spec.ts), in their canonical order. */
  private runKinds: string[] = ['plain', 'batch'];
  private state: TrainerStatus = 'empty';
  private error: string | null = null;
  /** Said once, in the next frame (why training stopped). */
  private notice: string | null = null;
  private selected = { layer: 0, unit: 0 };
  private disposed = false;
  private pumpTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: CoordinatorOptions) {
    this.now = options.now ?? (() => performance.now());
    this.roundMs = options.roundMs ?? 8;
    this.maxLead = Math.max(1, options.maxLead ?? 64);
    this.maxGroups = Math.max(1, Math.floor(options.groups));
    this.pacer = new Pacer(this.now);
    this.frames = new FrameWaiter({
      build: (seq) => this.buildFrame(seq),
      empty: (seq) => FrameBuilder.empty(seq, this.state, null),
      onError: (e) => this.onError(e),
    }, options.frameIntervalMs ?? DEFAULT_FRAME_INTERVAL_MS, this.now);
  }

  /** The session's settings, or a refusal when none is loaded. */
  loadedSettings(): TrainSettings {
    if (!this.settings || this.groups.slots.length === 0) fail('no session is loaded');
    return this.settings!;
  }

  async load(next: TrainSettings, runs: string[] = this.runKinds, onLoad?: (p: LoadProgress) => void): Promise<ChangeResult> {
    checkRunIds(runs);
    return this.queue.run(async () => {
      const reloading = !this.settings || this.settings.dataset !== next.dataset;
      await this.rebuild(next, runs, onLoad);
      return { applied: 'reset', message: reloading ? loaded(next.dataset) : RESTARTED };
    });
  }

  async play(): Promise<void> {
    if (!this.settings || this.groups.slots.length === 0 || this.state === 'loading') return;
    if (this.state !== 'running') this.pacer.restart();
    this.state = 'running';
    this.changed();
  }

  /**
   * Stops sending rounds and resolves, with the step every group reached, once the rounds already in
   * flight (up to MAX_ROUNDS) have trained: that step is where training stopped, and the next paused
   * frame shows it.
   */
  async pause(): Promise<number> {
    if (this.state === 'running') this.state = 'paused';
    this.frames.markDirty();
    await this.roundsLanded();
    return this.groups.slowest();
  }

  async stepOnce(n = 1): Promise<number> {
    return this.queue.run(async () => {
      if (!this.settings) return 0;
      checkStepCount(n);
      return this.held(async () => {
        if (this.groups.active().length > 0) await this.sendRound(n);
        this.frames.markDirty();
        return this.groups.slowest();
      });
    });
  }

  async reset(): Promise<ChangeResult> {
    return this.queue.run(async () => {
      if (!this.settings) fail('nothing to reset: no session is loaded');
      await this.rebuild(this.settings!, this.runKinds);
      return { applied: 'reset', message: RESTARTED };
    });
  }

  async setSpeed(stepsPerSecond: number | null): Promise<void> {
    try { this.pacer.setRate(stepsPerSecond); } catch (e) { fail(e); }
    this.changed();
  }

  async change(change: Partial<TrainSettings>): Promise<ChangeResult> {
    return this.queue.run(async () => {
      const settings = this.settings ?? fail('no session is loaded');
      const keys = Object.keys(change) as (keyof TrainSettings)[];
      for (const k of keys) if (!SETTINGS.some((s) => s.key === k)) fail(`unknown setting ${String(k)}`);
      const isLive = (k: keyof TrainSettings) => (LIVE_KEYS as string[]).includes(k);
      if (keys.every(isLive)) {
        // Every group checks first; then the change goes to all in one go, behind the same rounds.
        const slots = this.groups.slots;
        try { await Promise.all(slots.map((s) => s.handle.group.checkLive(change))); } catch (e) { fail(e); }
        const at = this.groups.issued + 1;
        await Promise.all(slots.map((s) => s.handle.group.applyLive(change)));
        Object.assign(settings, change);
        this.changed();
        return { applied: 'live', message: `${keys.join(', ')} applied at step ${at}; weights untouched`, step: at };
      }
      const reloading = settings.dataset !== (change.dataset ?? settings.dataset);
      await this.rebuild({ ...settings, ...change }, this.runKinds);
      const why = `${keys.filter((k) => !isLive(k)).join(', ')} needs new weights`;
      return { applied: 'reset', message: `${why}: ${reloading ? loaded(change.dataset!) : RESTARTED}` };
    });
  }

  async setRuns(runs: string[]): Promise<ChangeResult> {
    checkRunIds(runs);
    return this.queue.run(async () => {
      const ordered = orderRunIds(runs);
      if (!this.settings) { this.runKinds = ordered; return { applied: 'reset', message: 'runs set' }; }
      await this.rebuild(this.settings, ordered);
      return { applied: 'reset', message: `runs ${ordered.join(', ')}: ${RESTARTED}` };
    });
  }

  async select(layer: number, unit: number): Promise<void> {
    if (!this.settings) return;
    checkSelection(this.settings.hidden, layer, unit);
    this.selected = { layer, unit };
    this.frames.markDirty();
  }

  async evaluateFull(): Promise<Record<string, EvalMetrics>> {
    return this.everyGroup((g) => g.evaluateFull());
  }

  async status(): Promise<{ status: TrainerStatus; step: number; error: string | null }> {
    return { status: this.state, step: this.groups.slowest(), error: this.error };
  }

  async classificationReport(): Promise<Record<string, ClassificationReport>> {
    return this.everyGroup((g) => g.classificationReport());
  }

  async foldBatchNorm(runId?: string): Promise<FoldReport> {
    const settings = this.loadedSettings();
    const foldable = this.runKinds.filter((k) => settings.hidden.length > 0 && (runNorm(kindOfRunId(k)!) === 'batch' || runNorm(kindOfRunId(k)!) === 'renorm'));
    const id = runId ?? foldable[0];
    const slot = this.groups.slots.find((s) => (s.runs as string[]).includes(id));
    if (!slot) fail(runId ? `no run ${runId} in this session; runs: ${this.runKinds.join(', ')}` : 'no run with batch norm to fold: add a batch-norm or renorm run');
    return slot!.handle.group.foldBatchNorm(id);
  }

  async decisionGrid(resolution: number): Promise<DecisionGrid> {
    if (this.groups.slots.length === 0) fail('no session is loaded');
    const grids = await Promise.all(this.groups.slots.map((s) => s.handle.group.decisionGrid(resolution)));
    const runs: DecisionGrid['runs'] = {};
    for (const id of this.runKinds) for (const g of grids) if (g.runs[id]) runs[id] = g.runs[id];
    return transferGrid({ ...grids[0], runs });
  }

  async nextFrame(afterSeq: number): Promise<TelemetryFrame> {
    return this.frames.next(afterSeq);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.state = 'paused';
    if (this.pumpTimer !== null) clearTimeout(this.pumpTimer);
    this.frames.dispose();
    this.groups.closeAll();
  }

  /** Runs `op` with no rounds going out (the groups finish what they were sent first, in order). */
  async held<T>(op: () => Promise<T>): Promise<T> {
    this.groups.holds++;
    try { return await op(); } finally { this.groups.holds--; this.pump(); }
  }

  /**
   * Resolves once no round is in flight while paused (at once while running: rounds never stop then).
   * A group in this thread answers a frame part at once, ahead of its rounds still queued
   * (in-thread-trainer.ts), so without this a paused frame could show a step the rounds then overtake.
   */
  private async roundsLanded(): Promise<void> {
    while (this.state === 'paused' && this.groups.rounds > 0 && !this.disposed) await this.groups.nextRoundEnd();
  }

  /** Records a group's answer; a frame is due and more rounds may go out. */
  onProgress(slot: Slot, generation: number, p: GroupProgress, n: number): void {
    if (!this.groups.record(slot, generation, p, n)) return;
    this.changed();
  }

  /** Something the page sees changed: a frame is due, and the pump may send more rounds. */
  private changed(): void {
    this.frames.markDirty();
    this.pump();
  }

  private onError(e: unknown): void {
    this.state = 'error';
    this.error = e instanceof Error ? e.message : String(e);
    this.frames.markDirty();
  }

  /** Sends one train(n) round to every active group; settles when all have trained it. */
  private sendRound(n: number): Promise<void> {
    const groups = this.groups;
    const gen = groups.generation;
    groups.roundSent(n);
    return Promise.all(groups.active().map(async (slot) => {
      this.onProgress(slot, gen, await slot.handle.group.train(n), n);
    })).then(() => {}).finally(() => {
      groups.roundEnded(gen);
      if (gen === groups.generation) this.pump();
    });
  }

  /** Keeps rounds going out while running, within the lead and the pacer. */
  private pump(): void {
    const { groups, settings } = this;
    if (this.state !== 'running' || this.disposed || groups.holds > 0 || !settings) return;
    const floor = groups.slowest();
    if (groups.active().length === 0 || floor >= settings.steps) {
      this.state = 'paused';
      this.notice = stopNotice(groups.active().length === 0, settings.steps);
      this.frames.markDirty();
      return;
    }
    const msPerStep = groups.msPerStep();
    const chunk = msPerStep > 0 ? Math.max(1, Math.min(Math.floor(this.maxLead / 2), Math.round(this.roundMs / msPerStep))) : 1;
    while (groups.rounds < MAX_ROUNDS && groups.issued - floor < this.maxLead && groups.issued < settings.steps) {
      const room = Math.min(chunk, this.maxLead - (groups.issued - floor), settings.steps - groups.issued);
      const allowed = Math.min(room, this.pacer.allowed());
      if (allowed <= 0) {
        this.pumpTimer ??= setTimeout(() => { this.pumpTimer = null; this.pump(); }, Math.max(1, this.pacer.waitMs()));
        return;
      }
      this.pacer.took(allowed);
      this.sendRound(allowed).catch((e) => this.onError(e));
    }
  }

  /** Frame `seq`: every group's part, gathered at the same step, merged; null if a rebuild intervened. */
  private async buildFrame(seq: number): Promise<TelemetryFrame | null> {
    await this.roundsLanded(); // a paused frame shows the step training stopped at
    const settings = this.settings;
    const status = this.state;
    if (!settings || this.groups.slots.length === 0 || status === 'loading') {
      const notice = this.takeNotice();
      return FrameBuilder.empty(seq, status, this.error ?? notice);
    }
    const gen = this.groups.generation;
    const sel = { ...this.selected };
    const parts = await Promise.all(this.groups.slots.map((s) => s.handle.group.framePart(seq, status, sel)));
    if (gen !== this.groups.generation) return null;
    const step = Math.max(...parts.map((p) => p.step));
    const measured = this.rate.sample(this.now(), step);
    const rate = status === 'running' ? measured : 0;
    return this.merger.merge(parts, this.runKinds, {
      seq, status, notice: this.takeNotice(), stepsPerSec: rate, examplesPerSec: rate * settings.batch,
    });
  }

  private takeNotice(): string | null {
    const n = this.notice;
    this.notice = null;
    return n;
  }

  /** (Re)builds every group from `next`, refused before any group hears of it past the size limits. */
  private async rebuild(next: TrainSettings, runs: string[], onLoad?: (p: LoadProgress) => void): Promise<void> {
    const shape = datasetShape(next.dataset);
    const limit = checkLimits(next, shape.inputSize, shape.outputSize);
    if (limit) fail(limit.message);
    const wasRunning = this.state === 'running';
    this.state = 'loading';
    this.error = null;
    this.frames.markDirty();
    try {
      await this.held(() => this.build(next, runs, onLoad));
      this.state = wasRunning ? 'running' : 'paused';
    } catch (e) {
      this.state = this.settings ? 'paused' : 'error';
      this.error = e instanceof Error ? e.message : String(e);
      // A half-built set of groups must not train: rebuild the previous session if there was one.
      if (this.settings) await this.held(() => this.build(this.settings!, this.runKinds)).catch(() => { this.state = 'error'; });
      this.frames.markDirty();
      fail(e);
    }
    this.changed();
  }

  /** Workers started or ended to fit the runs, every run at step 0. */
  private async build(next: TrainSettings, runs: string[], onLoad?: (p: LoadProgress) => void): Promise<void> {
    const groups = this.groups;
    const dealt = dealRuns(runs, this.maxGroups);
    groups.supersede();
    const handles = groups.slots.map((s) => s.handle);
    while (handles.length < dealt.length) handles.push(groups.idle.pop() ?? this.options.spawn());
    const surplus = handles.splice(dealt.length);
    const furthest = furthestProgress(handles.length, onLoad);
    let progress: GroupProgress[];
    try {
      progress = await Promise.all(handles.map((h, i) => h.group.load(next, dealt[i], furthest && proxy((p: LoadProgress) => furthest(i, p)))));
    } catch (e) {
      groups.idle.push(...handles.slice(groups.slots.length));
      throw e;
    }
    // Workers beyond what the runs need end (their copy of the data set goes with them).
    for (const h of surplus) h.close();
    groups.start(handles, dealt, progress);
    this.settings = structuredClone(next);
    this.runKinds = orderRunIds(runs);
    this.selected = { layer: 0, unit: 0 };
    this.merger.reset();
    this.rate.reset();
    this.pacer.restart();
  }

  /** Asks every group the same thing at the same step; the answers are merged into one record. */
  private async everyGroup<T>(ask: (g: GroupLike) => Promise<Record<string, T>> | Record<string, T>): Promise<Record<string, T>> {
    if (this.groups.slots.length === 0) fail('no session is loaded');
    const answers = await Promise.all(this.groups.slots.map((s) => ask(s.handle.group)));
    const merged: Record<string, T> = {};
    for (const id of this.runKinds) for (const a of answers) if (id in a) merged[id] = a[id];
    return merged;
  }
}

/** The trainer API's methods, bound: a plain object that comlink can expose and callers may spread. */
const METHODS = [
  'load', 'play', 'pause', 'stepOnce', 'reset', 'setSpeed', 'change', 'setRuns', 'select', 'evaluateFull', 'status',
  'classificationReport', 'foldBatchNorm', 'decisionGrid', 'nextFrame', 'dispose',
] as const satisfies readonly (keyof Trainer)[];

export function createCoordinator(options: CoordinatorOptions): Trainer {
  const c = new Coordinator(options);
  const api: Record<string, unknown> = {};
  for (const k of METHODS) api[k] = (c[k] as (...a: unknown[]) => unknown).bind(c);
  // Test and development builds only (a production build drops the branch and the hooks with it).
  if (typeof __TEST_HOOKS__ === 'undefined' || __TEST_HOOKS__) addCoordinatorTestHooks(c, api as unknown as Trainer);
  return api as unknown as Trainer;
}
