// Transient telemetry drawing: subscribes to the hub in an effect and calls `draw(frame)` in an
// animation frame (through the hub's draw queue, ./draw-queue.ts, which spreads the charts' drawing over
// frames), only when a new frame arrived (or `deps` changed), only while `target` is on screen
// (IntersectionObserver; a frame that arrived off screen is drawn when it shows again), and, with
// `key`, only when the key of the chart's inputs changed since it last drew (a chart of values measured
// every N steps, or a paused session, costs nothing).
// Frames never enter React state. The first chart to draw a trained step leaves a performance mark
// (./first-step-mark.ts).
import { useEffect, useRef, type RefObject } from 'react';
import type { TelemetryFrame } from '../telemetry/frame';
import { getApp } from '../state/app';
import { telemetry, type TelemetryHub } from '../state/telemetry';
import { DrawQueue, pageDrawQueue } from './draw-queue';
import { markFirstStepDrawn } from './first-step-mark';

/** The app's hub, or the module's default hub before setApp (tests, previews). */
export function hub(): TelemetryHub {
  try { return getApp().hub; } catch { return telemetry; }
}

const queues = new WeakMap<TelemetryHub, DrawQueue>();

/** The draw queue of a hub (one per page): the frame pump waits on it (src/main.tsx). */
export function drawQueueOf(h: TelemetryHub): DrawQueue {
  let q = queues.get(h);
  if (!q) { q = pageDrawQueue(); queues.set(h, q); }
  return q;
}

/** Equal keys: numbers, strings, or arrays of them. */
function sameKey(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

export function useFrameDraw(target: RefObject<Element | null>, draw: (frame: TelemetryFrame) => void, deps: readonly unknown[],
  key?: (frame: TelemetryFrame) => unknown): void {
  const drawRef = useRef(draw);
  drawRef.current = draw;
  const keyRef = useRef(key);
  keyRef.current = key;
  useEffect(() => {
    const h = hub();
    const q = drawQueueOf(h);
    let dirty = true;
    let drawnKey: unknown = undefined;
    let drawn = false;
    let visible = typeof IntersectionObserver === 'undefined';
    const flush = () => {
      if (!dirty || !visible) return;
      const f = h.get();
      if (!f) return;
      dirty = false;
      const k = keyRef.current?.(f);
      if (drawn && k !== undefined && sameKey(k, drawnKey)) return;
      drawnKey = k;
      drawn = true;
      drawRef.current(f);
      markFirstStepDrawn(f);
    };
    const request = () => q.request(flush);
    const unsubscribe = h.subscribe(() => { dirty = true; request(); });
    let io: IntersectionObserver | null = null;
    const el = target.current;
    if (el && typeof IntersectionObserver !== 'undefined') {
      io = new IntersectionObserver((entries) => {
        for (const e of entries) visible = e.isIntersecting;
        if (visible) request();
      });
      io.observe(el);
    }
    request();
    return () => { unsubscribe(); io?.disconnect(); q.cancel(flush); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
