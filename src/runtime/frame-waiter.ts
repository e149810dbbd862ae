// Telemetry is pulled: the page asks for the next frame when it has drawn the last, and gets one built
// then, once something changed and at most one per frame interval. So a slow page gets fewer, fresher
// frames and nothing ever queues up (backpressure by construction). One request at most is pending: a
// newer one replaces it, and the older gets an empty frame.
import { transfer } from 'comlink';
import { packFrame, type TelemetryFrame } from '../telemetry/frame';

export interface FrameSource {
  /** Builds frame number `seq`; null when what it gathered went stale meanwhile (it is asked again). */
  build(seq: number): Promise<TelemetryFrame | null>;
  /** A frame with nothing in it, for a request that a newer one replaced. */
  empty(seq: number): TelemetryFrame;
  onError(e: unknown): void;
}

export class FrameWaiter {
  /** The number of the last frame built. */
  seq = 0;
  private dirty = false;
  private lastAt = -Infinity;
  private gathering = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private waiter: ((f: TelemetryFrame) => void) | null = null;

  constructor(private readonly source: FrameSource, private readonly intervalMs: number, private readonly now: () => number) {}

  /** Something changed: a frame is due for the page's next request. */
  markDirty(): void {
    this.dirty = true;
    this.maybeDeliver();
  }

  /** Resolves with the next frame newer than `afterSeq`. */
  next(afterSeq: number): Promise<TelemetryFrame> {
    return new Promise<TelemetryFrame>((resolve) => {
      const old = this.waiter;
      this.waiter = resolve;
      if (old) old(this.source.empty(this.seq));
      if (afterSeq < this.seq) this.dirty = true;
      this.maybeDeliver();
    });
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private maybeDeliver(): void {
    if (!this.waiter || !this.dirty || this.gathering || this.timer !== null) return;
    const wait = this.lastAt + this.intervalMs - this.now();
    if (wait > 0) {
      this.timer = setTimeout(() => { this.timer = null; this.maybeDeliver(); }, wait);
      return;
    }
    void this.deliver();
  }

  private async deliver(): Promise<void> {
    this.gathering = true;
    this.dirty = false;
    this.lastAt = this.now();
    try {
      const frame = await this.source.build(++this.seq);
      if (!frame) { this.dirty = true; return; }
      const resolve = this.waiter;
      this.waiter = null;
      // One buffer for the whole frame: the page's collector then has one object to finalize, not ~1,000.
      const { frame: packed, buffer } = packFrame(frame);
      resolve?.(transfer(packed, [buffer]));
    } catch (e) {
      this.source.onError(e);
    } finally {
      this.gathering = false;
      this.maybeDeliver();
    }
  }
}
