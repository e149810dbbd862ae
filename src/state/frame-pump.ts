// Pulls telemetry frames from the trainer one at a time: ask, wait for the answer, hand it to the hub,
// wait for the next animation frame (and `pace()` ms more while the page is missing frames), ask
// again. The page is never sent more than it has drawn.
// A watchdog notices a trainer that stopped answering while it should be training (a worker that died
// without an event: out of memory, closed): no frame for `stallMs` while `expecting()` is true.
import type { TelemetryFrame } from '../session/frame';

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

export function startFramePump(
  source: FrameSource,
  onFrame: (f: TelemetryFrame) => void,
  nextTick: (cb: () => void) => void = (cb) => requestAnimationFrame(() => cb()),
  onError: (e: unknown) => void = (e) => console.error(e),
  watchdog?: Watchdog,
  /** Extra milliseconds to wait after the animation frame before asking again (see ./frame-budget.ts). */
  pace: () => number = () => 0,
): () => void {
  let stopped = false;
  let seq = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  const stop = () => {
    stopped = true;
    if (timer !== null) clearInterval(timer);
  };
  if (watchdog) {
    const now = watchdog.now ?? (() => performance.now());
    // Silence counts from the last frame or from when training (re)started, whichever is later.
    let since = now();
    let wasExpecting = false;
    const check = () => {
      const expecting = watchdog.expecting();
      if (expecting && !wasExpecting) since = now();
      wasExpecting = expecting;
      if (expecting && now() - since > watchdog.stallMs) {
        stop();
        watchdog.onStall(now() - since);
      }
    };
    timer = setInterval(check, Math.max(10, watchdog.stallMs / 8));
    const seen = onFrame;
    onFrame = (f) => { since = now(); seen(f); };
  }
  const loop = async () => {
    while (!stopped) {
      try {
        const f = await source.nextFrame(seq);
        if (stopped) return;
        seq = f.seq;
        onFrame(f);
      } catch (e) {
        if (stopped) return;
        onError(e);
        await new Promise((r) => setTimeout(r, 500));
      }
      await new Promise<void>((r) => nextTick(r));
      const extra = pace();
      if (extra > 0) await new Promise((r) => setTimeout(r, extra));
    }
  };
  void loop();
  return stop;
}
