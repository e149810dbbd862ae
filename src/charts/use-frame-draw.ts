// Transient telemetry drawing: subscribes to the hub in an effect and calls `draw(frame)` on
// requestAnimationFrame, only when a new frame arrived (or `deps` changed) and only while `target`
// is on screen (IntersectionObserver); a frame that arrived off screen is drawn when it shows again.
// Frames never enter React state. The first chart to draw a trained step leaves a performance mark
// (./first-step-mark.ts).
import { useEffect, useRef, type RefObject } from 'react';
import type { TelemetryFrame } from '../session/frame';
import { getApp } from '../state/app';
import { telemetry, type TelemetryHub } from '../state/telemetry';
import { markFirstStepDrawn } from './first-step-mark';

/** The app's hub, or the module's default hub before setApp (tests, previews). */
export function hub(): TelemetryHub {
  try { return getApp().hub; } catch { return telemetry; }
}

export function useFrameDraw(target: RefObject<Element | null>, draw: (frame: TelemetryFrame) => void, deps: readonly unknown[]): void {
  const drawRef = useRef(draw);
  drawRef.current = draw;
  useEffect(() => {
    const h = hub();
    let raf = 0;
    let dirty = true;
    let visible = typeof IntersectionObserver === 'undefined';
    const flush = () => {
      raf = 0;
      if (!dirty || !visible) return;
      const f = h.get();
      if (!f) return;
      dirty = false;
      drawRef.current(f);
      markFirstStepDrawn(f);
    };
    const request = () => { if (!raf) raf = requestAnimationFrame(flush); };
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
    return () => { unsubscribe(); io?.disconnect(); if (raf) cancelAnimationFrame(raf); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
