// Pulls telemetry frames from the trainer one at a time: ask, wait for the answer, hand it to the hub,
// wait for the next animation frame (and `pace()` ms more while the page is missing frames), ask
// again. The page is never sent more than it has drawn.
// With a `meter`, the pump also waits until the page has drawn what the frame asked for (the charts'
// draw queue, src/charts/draw-queue.ts, may spread that over several animation frames) and measures the
// main thread's work for the frame: the time onFrame takes (the hub hands the frame to the charts and
// the store) plus the animation frames that drew it, up to their paint. meter.record gets the sum
// (./frame-budget.ts sizes its wait from it).
// A watchdog notices a trainer that stopped answering while it should be training (a worker that died
// without an event: out of memory, closed): no frame for `stallMs` while `expecting()` is true.
import type { TelemetryFrame } from '../telemetry/frame';

export interface FrameSource {
  nextFrame(afterSeq: number): Promise<TelemetryFrame>;
}

export interface Watchdog {
  /** How long without a frame counts as a stall. */
  stallMs: number;
  /** Whether a frame is due (the session is training); silence while paused is normal. */
  expecting: () => boolean;
  /** Called once when the trainer stalls; the pump stops. */
  onStall: (silentMs: number) => void;
  now?: () => number;
}

/** Measures the page's work per telemetry frame (see above). */
export interface FrameMeter {
  record(ms: number): void;
  /** Resolves when everything the frame asked to draw is drawn and painted, with those frames' milliseconds. */
  settle(): Promise<number>;
  now?: () => number;
}

export function startFramePump(
  source: FrameSource,
  onFrame: (f: TelemetryFrame) => void,
  nextTick: (cb: () => void) => void = (cb) => requestAnimationFrame(() => cb()),
  onError: (e: unknown) => void = (e) => console.error(e),
  watchdog?: Watchdog,
  /** Extra milliseconds to wait after the animation frame before asking again (see ./frame-budget.ts). */
  pace: () => number = () => 0,
  meter?: FrameMeter,
): () => void {
  const now = meter?.now ?? (() => performance.now());
  let stopped = false;
  let seq = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  const stop = () => {
    stopped = true;
    if (timer !== null) clearInterval(timer);
  };
  if (watchdog) {
    const clock = watchdog.now ?? (() => performance.now());
    // Silence counts from the last frame or from when training (re)started, whichever is later.
    let since = clock();
    let wasExpecting = false;
    const check = () => {
      const expecting = watchdog.expecting();
      if (expecting && !wasExpecting) since = clock();
      wasExpecting = expecting;
      if (expecting && clock() - since > watchdog.stallMs) {
        stop();
        watchdog.onStall(clock() - since);
      }
    };
    timer = setInterval(check, Math.max(10, watchdog.stallMs / 8));
    const seen = onFrame;
    onFrame = (f) => { since = clock(); seen(f); };
  }
  const loop = async () => {
    while (!stopped) {
      let js = NaN;
      try {
        const f = await source.nextFrame(seq);
        if (stopped) return;
        seq = f.seq;
        const t0 = now();
        onFrame(f);
        js = now() - t0;
      } catch (e) {
        if (stopped) return;
        onError(e);
        await new Promise((r) => setTimeout(r, 500));
      }
      await new Promise<void>((r) => nextTick(() => r()));
      if (meter) {
        const drawn = await meter.settle();
        if (stopped) return;
        if (js === js) meter.record(js + drawn);
      }
      const extra = pace();
      if (extra > 0) await new Promise((r) => setTimeout(r, extra));
    }
  };
  void loop();
  return stop;
}
