// The page's chart drawing, spread over animation frames. When a telemetry frame arrives every visible
// chart wants to redraw; drawn all in one animation frame, with the canvas rasterised when that frame
// commits, that is one long frame per telemetry frame (on two busy cores, 50-300 ms). The queue instead
// draws charts in the order they asked, in each animation frame only while its JavaScript has taken
// under `budgetMs` (always at least one chart), and goes on in the next frames. Each frame's work after
// its paint is measured (a message posted from the frame arrives after style, layout, paint and the
// canvases' commit), and settle() hands the frame pump the total once everything asked for is drawn,
// so the pump asks the trainer for the next telemetry frame only then (./state/frame-pump.ts).
// The JavaScript budget alone let one frame draw many charts whose native cost (rasterising and
// committing each changed canvas, 1-3 ms apiece) came after it: 30-80 ms frames. So the queue also
// keeps a moving estimate of that native cost per chart (the time from the end of a frame's draws to
// its paint, divided by the charts drawn) and stops a frame once its JavaScript plus the estimate for
// the charts drawn would pass `frameBudgetMs`.
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
  /** Moving estimate of the native milliseconds (paint, canvas commit) one drawn task adds to its frame. */
  private nativePerTask = 0;

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
    let ran = 0;
    const frameBudget = this.o.frameBudgetMs ?? Infinity;
    while (this.tasks.length > 0 && (ran === 0 || this.fits(this.o.now() - start, ran + 1, frameBudget))) {
      const task = this.tasks.shift()!;
      ran++;
      try { task(); } catch (e) { setTimeout(() => { throw e; }); } // one chart's fault is its own
    }
    if (ran === 0) { this.maybeSettle(); return; }
    this.painting = true;
    const drawn = this.o.now();
    void this.o.afterPaint().then(() => {
      this.painting = false;
      const perTask = (this.o.now() - drawn) / ran;
      this.nativePerTask = this.nativePerTask === 0 ? perTask : 0.7 * this.nativePerTask + 0.3 * perTask;
      this.work += this.o.now() - Math.min(frameStart, start);
      this.schedule();
      this.maybeSettle();
    });
  }

  /** Whether a frame whose draws took `jsMs` so far may run one more, `tasks` drawn in all. */
  private fits(jsMs: number, tasks: number, frameBudget: number): boolean {
    return jsMs < this.o.budgetMs && jsMs + this.nativePerTask * tasks < frameBudget;
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
