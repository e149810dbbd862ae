// The run groups a coordinator drives and how far each has come. Alignment by message order: every
// active group is sent the same train(n) rounds, so all are issued up to the same step `issued`; what
// is sent to every group in one go afterwards (a frame part, a live change) is queued behind the same
// rounds in each, so it happens at step `issued` everywhere.
import { orderRunIds } from '../session/run-spec';
import type { GroupProgress, RunGroup } from './run-group';
import type { Reachable } from './trainer-api';

/** A run group as the coordinator reaches it: over comlink (every answer a promise) or in the same thread. */
export type GroupLike = Reachable<RunGroup>;

export interface GroupHandle {
  group: GroupLike;
  /** Ends the group's worker. */
  close(): void;
}

export interface Slot {
  handle: GroupHandle;
  /** Run ids (run-spec.ts). */
  runs: string[];
  /** The step the group confirmed last. */
  step: number;
  active: number;
  diverged: Record<string, number | null>;
  /** Milliseconds per step, smoothed, from the group's own timing. */
  msPerStep: number;
}

/** Runs dealt round-robin over at most `groups` workers, in the canonical order. */
export function dealRuns(runs: readonly string[], groups: number): string[][] {
  const n = Math.max(1, Math.min(Math.floor(groups), runs.length));
  const out: string[][] = Array.from({ length: n }, () => []);
  orderRunIds(runs).forEach((r, i) => out[i % n].push(r));
  return out;
}

export class RunGroups {
  slots: Slot[] = [];
  /** Workers kept for a later session with more runs. */
  readonly idle: GroupHandle[] = [];
  /** Steps every active group has been sent (they reach it in order). */
  issued = 0;
  /** train() rounds of this session not yet answered by every group. */
  rounds = 0;
  /** Bumped by every rebuild: answers of an older session are ignored. */
  generation = 0;
  /** While a rebuild or a barrier is in progress, no rounds go out. */
  holds = 0;
  private roundWaiters: (() => void)[] = [];

  /** Groups with a run that has not diverged. */
  active(): Slot[] {
    return this.slots.filter((s) => s.active > 0);
  }

  /** The step every active group has confirmed: what the charts show. */
  slowest(): number {
    const a = this.active();
    return a.length === 0 ? Math.max(0, ...this.slots.map((s) => s.step)) : Math.min(...a.map((s) => s.step));
  }

  /** The slowest active group's milliseconds per step (0 before any was measured). */
  msPerStep(): number {
    return Math.max(...this.active().map((s) => s.msPerStep).filter(Number.isFinite), 0);
  }

  /** A round of this session went out: every active group has been sent it. */
  roundSent(n: number): void {
    this.issued += n;
    this.rounds++;
  }

  /** A round sent in session `generation` has been answered (or failed) by every group it went to. */
  roundEnded(generation: number): void {
    if (generation === this.generation) this.rounds--;
    this.wake();
  }

  /** Resolves when a round ends or a new session starts (callers check `rounds` again). */
  nextRoundEnd(): Promise<void> {
    return new Promise((resolve) => this.roundWaiters.push(resolve));
  }

  /** Records a group's answer to a round of `n` steps; false if it belongs to an older session. */
  record(slot: Slot, generation: number, p: GroupProgress, n: number): boolean {
    if (generation !== this.generation) return false;
    slot.step = p.step;
    slot.active = p.active;
    slot.diverged = p.diverged;
    if (n > 0 && p.ms > 0) {
      const each = p.ms / n;
      slot.msPerStep = Number.isFinite(slot.msPerStep) ? 0.7 * slot.msPerStep + 0.3 * each : each;
    }
    return true;
  }

  /** The session is being replaced: its answers are ignored from now on, and its rounds in flight no longer count. */
  supersede(): void {
    this.generation++;
    this.rounds = 0;
    this.wake();
  }

  /** A new session: these handles with these runs and progress, nothing issued yet. */
  start(handles: GroupHandle[], dealt: string[][], progress: GroupProgress[]): void {
    this.supersede();
    this.slots = handles.map((handle, i) => ({
      handle, runs: dealt[i], step: progress[i].step, active: progress[i].active, diverged: progress[i].diverged, msPerStep: NaN,
    }));
    this.issued = 0;
  }

  closeAll(): void {
    for (const s of this.slots) s.handle.close();
    for (const h of this.idle) h.close();
    this.slots = [];
    this.rounds = 0; // a closed group never answers: nothing is in flight any more
    this.wake();
  }

  private wake(): void {
    const waiters = this.roundWaiters;
    this.roundWaiters = [];
    for (const w of waiters) w();
  }
}
