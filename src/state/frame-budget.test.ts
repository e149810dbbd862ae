import { afterEach, describe, expect, it, vi } from 'vitest';
import { FrameBuilder, type TelemetryFrame } from '../telemetry/frame';
import { DEFAULT_FRAME_BUDGET, FrameBudget } from './frame-budget';
import { startFramePump } from './frame-pump';

afterEach(() => { vi.useRealTimers(); });

/** `n` frames with `late` of them 33 ms apart and the rest 16.7 ms. */
function feed(b: FrameBudget, n: number, late: number): void {
  for (let i = 0; i < n; i++) b.record(i < late ? 33.3 : 16.7);
}

describe('frame budget', () => {
  const W = DEFAULT_FRAME_BUDGET.window;

  it('adds a wait when a window has too many late frames, up to the maximum', () => {
    const b = new FrameBudget();
    feed(b, W, 0);
    expect(b.delayMs).toBe(0);
    feed(b, W, 3); // 10% late
    expect(b.delayMs).toBe(DEFAULT_FRAME_BUDGET.slowStepMs);
    for (let i = 0; i < 10; i++) feed(b, W, W);
    expect(b.delayMs).toBe(DEFAULT_FRAME_BUDGET.maxMs);
  });

  it('takes the wait back only after several calm windows in a row, one step at a time', () => {
    const b = new FrameBudget();
    feed(b, W, W);
    feed(b, W, W);
    const raised = b.delayMs;
    expect(raised).toBe(2 * DEFAULT_FRAME_BUDGET.slowStepMs);
    feed(b, W * (DEFAULT_FRAME_BUDGET.calmWindows - 1), 0);
    expect(b.delayMs).toBe(raised);
    feed(b, W, 1); // one late frame breaks the calm streak without raising (under 5%)
    feed(b, W * (DEFAULT_FRAME_BUDGET.calmWindows - 1), 0);
    expect(b.delayMs).toBe(raised);
    feed(b, W, 0);
    expect(b.delayMs).toBe(raised - DEFAULT_FRAME_BUDGET.fastStepMs);
    for (let i = 0; i < 100; i++) feed(b, W, 0);
    expect(b.delayMs).toBe(0);
  });

  it('ignores gaps of a hidden tab and nonsense', () => {
    const b = new FrameBudget();
    for (let i = 0; i < 5 * W; i++) { b.record(5000); b.record(NaN); b.record(-3); }
    expect(b.delayMs).toBe(0);
  });

  it('the frame pump waits that much longer between telemetry frames', async () => {
    vi.useFakeTimers();
    let seq = 0;
    const src = { nextFrame: () => Promise.resolve<TelemetryFrame>(FrameBuilder.empty(++seq, 'running', null)) };
    let extra = 0;
    let frames = 0;
    const stop = startFramePump(src, () => { frames++; }, (cb) => setTimeout(cb, 16), undefined, undefined, () => extra);
    await vi.advanceTimersByTimeAsync(1600);
    const fast = frames;
    extra = 84; // 16 + 84 = 100 ms a frame
    frames = 0;
    await vi.advanceTimersByTimeAsync(1600);
    stop();
    expect(fast).toBeGreaterThan(90);
    expect(frames).toBeGreaterThanOrEqual(15);
    expect(frames).toBeLessThanOrEqual(17);
  });
});
