// Pulls telemetry frames from the trainer one at a time: ask, wait for the answer, hand it to the hub,
// wait for the next animation frame, ask again. The page is never sent more than it has drawn.
import type { TelemetryFrame } from '../session/frame';

export interface FrameSource {
  nextFrame(afterSeq: number): Promise<TelemetryFrame>;
}

export function startFramePump(
  source: FrameSource,
  onFrame: (f: TelemetryFrame) => void,
  nextTick: (cb: () => void) => void = (cb) => requestAnimationFrame(() => cb()),
  onError: (e: unknown) => void = (e) => console.error(e),
): () => void {
  let stopped = false;
  let seq = 0;
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
    }
  };
  void loop();
  return () => { stopped = true; };
}
