// The page's chart drawing, spread over animation frames. When a telemetry frame arrives every visible
// chart wants to redraw; drawn all in one animation frame, with the canvas rasterised when that frame
// commits, that is one long frame per telemetry frame (on two busy cores, 50-300 ms). The queue instead
// draws charts in the order they asked, in each animation frame only while its JavaScript has taken
// under `budgetMs` (always at least one chart), and goes on in the next frames. Each frame's work after
// its paint is measured (a message posted from the frame arrives after style, layout, paint and the
// canvases' commit), and settle() hands the frame pump the total once everything asked for is drawn,
// so the pump asks the trainer for the next telemetry frame only then (./state/frame-pump.ts).
// The JavaScript budget alone let one frame draw many charts whose native cost (rasterising and
// committing each changed canvas) came after it: 30-80 ms frames. So the queue also keeps, per task, an
// estimate of what it costs a frame: its JavaScript and its share of the native time (the time from the
// end of a frame's draws to its paint, shared among the frame's tasks by their JavaScript time, which
// follows what they drew). The estimate rises at once and comes down slowly, because one chart's cost
// swings (an append draws a few segments, a full redraw every curve): a chart that redrew in full
// lately is planned as if it will again. A frame takes the next task only while its JavaScript so far,
// the native estimates of the tasks it ran and the next task's whole estimate stay under `frameBudgetMs`
// (one task always runs). A heavy chart so gets a frame of its own instead of joining three others:
// with two workers on two cores a frame's wall time is 2-3 times its CPU time, and 20 ms of work in one
// frame was a 50-60 ms long task.
export interface DrawQueueOptions {
  /** JavaScript milliseconds per animation frame after which the rest waits for the next frame. */
  budgetMs: number;
  /** Milliseconds per animation frame for the draws and their estimated native cost (default: no limit). */
  frameBudgetMs?: number;
  now: () => number;
  requestFrame: (cb: (frameStart: number) => void) => void;
  /** Resolves after the current animation frame has been rendered. */
  afterPaint: () => Promise<void>;
}

export class DrawQueue {
  private readonly tasks: (() => void)[] = [];
  private scheduled = false;
  private painting = false;
  private work = 0;
  private waiters: ((ms: number) => void)[] = [];
  /** Moving estimate of the native milliseconds (paint, canvas commit) one drawn task adds to its frame, for tasks not seen yet. */
  private nativePerTask = 0;
  /** Per task: estimated JavaScript and native milliseconds it adds to a frame (see the top of the file). */
  private readonly cost = new WeakMap<() => void, { js: number; native: number }>();

  constructor(private readonly o: DrawQueueOptions) {}

  /** Asks for `task` to run in a coming animation frame (once, however often it is asked before it runs). */
  request(task: () => void): void {
    if (!this.tasks.includes(task)) this.tasks.push(task);
    this.schedule();
  }

  /** Forgets a task that has not run (a chart that unmounted). */
  cancel(task: () => void): void {
    const i = this.tasks.indexOf(task);
    if (i >= 0) this.tasks.splice(i, 1);
    this.maybeSettle();
  }

  /** Tasks waiting. */
  get pending(): number {
    return this.tasks.length;
  }

  /**
   * Resolves once every task asked for so far has run and its frame is painted, with the main thread's
   * milliseconds of those frames since the last settle() (0 when nothing was drawn).
   */
  settle(): Promise<number> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.maybeSettle();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.tasks.length === 0) return;
    this.scheduled = true;
    this.o.requestFrame((frameStart) => this.frame(frameStart));
  }

  private frame(frameStart: number): void {
    this.scheduled = false;
    const start = this.o.now();
    const frameBudget = this.o.frameBudgetMs ?? Infinity;
    // The frame's tasks and their JavaScript milliseconds (its own arrays: learn() reads them after the paint).
    const ranTasks: (() => void)[] = [];
    const ranJs: number[] = [];
    let planned = 0; // native estimates of the tasks run in this frame
    while (this.tasks.length > 0 && (ranTasks.length === 0 || this.fits(this.o.now() - start, planned, this.tasks[0], frameBudget))) {
      const task = this.tasks.shift()!;
      const t0 = this.o.now();
      try { task(); } catch (e) { setTimeout(() => { throw e; }); } // one chart's fault is its own
      ranTasks.push(task);
      ranJs.push(this.o.now() - t0);
      planned += this.cost.get(task)?.native ?? this.nativePerTask;
    }
    const ran = ranTasks.length;
    if (ran === 0) { this.maybeSettle(); return; }
    this.painting = true;
    const drawn = this.o.now();
    void this.o.afterPaint().then(() => {
      this.painting = false;
      const native = this.o.now() - drawn;
      const perTask = native / ran;
      this.nativePerTask = this.nativePerTask === 0 ? perTask : 0.7 * this.nativePerTask + 0.3 * perTask;
      this.learn(ranTasks, ranJs, native);
      this.work += this.o.now() - Math.min(frameStart, start);
      this.schedule();
      this.maybeSettle();
    });
  }

  /** Updates the tasks' estimates from a frame: each its JavaScript and the native time shared by it. */
  private learn(tasks: readonly (() => void)[], js: readonly number[], native: number): void {
    let total = 0;
    for (const ms of js) total += ms;
    for (let i = 0; i < tasks.length; i++) {
      const share = total > 0 ? js[i] / total : 1 / tasks.length;
      const ms = js[i];
      const nat = native * share;
      const c = this.cost.get(tasks[i]);
      if (!c) { this.cost.set(tasks[i], { js: ms, native: nat }); continue; }
      c.js = ms > c.js ? ms : 0.8 * c.js + 0.2 * ms;
      c.native = nat > c.native ? nat : 0.8 * c.native + 0.2 * nat;
    }
  }

  /** Whether a frame whose draws took `jsMs` so far, with `plannedNative` ms of native work planned, may run `next` too. */
  private fits(jsMs: number, plannedNative: number, next: () => void, frameBudget: number): boolean {
    const c = this.cost.get(next);
    const nextCost = c ? c.js + c.native : this.nativePerTask;
    return jsMs < this.o.budgetMs && jsMs + plannedNative + nextCost < frameBudget;
  }

  private maybeSettle(): void {
    if (this.tasks.length > 0 || this.painting || this.scheduled || this.waiters.length === 0) return;
    const ms = this.work;
    this.work = 0;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(ms);
  }
}

/** afterPaint for the page: a message posted now arrives after the rendering of the current frame. */
export function afterPaintInPage(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => { waiting.shift()?.(); };
  return () => new Promise<void>((resolve) => { waiting.push(resolve); channel.port2.postMessage(0); });
}

/** The page's queue: about a quarter of a 60 Hz frame of drawing per animation frame, 10 ms with paint. */
export function pageDrawQueue(): DrawQueue {
  return new DrawQueue({
    budgetMs: 4,
    frameBudgetMs: 10,
    now: () => performance.now(),
    requestFrame: (cb) => requestAnimationFrame(cb),
    afterPaint: afterPaintInPage(),
  });
}
