// The latest telemetry frame, held outside React state: charts read it on requestAnimationFrame
// through subscribe(), so a frame never re-renders the component tree.
import type { TelemetryFrame } from '../telemetry/frame';

type Listener = (frame: TelemetryFrame) => void;

export class TelemetryHub {
  private frame: TelemetryFrame | null = null;
  private readonly listeners = new Set<Listener>();

  get(): TelemetryFrame | null {
    return this.frame;
  }

  /** Called by the worker client for every frame that arrives. */
  publish(frame: TelemetryFrame): void {
    this.frame = frame;
    for (const l of this.listeners) l(frame);
  }

  /** Calls `listener` with every new frame (and at once with the current one); returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.frame) listener(this.frame);
    return () => { this.listeners.delete(listener); };
  }
}

/** The page's one hub. */
export const telemetry = new TelemetryHub();
