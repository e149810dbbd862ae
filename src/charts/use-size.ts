// Size of an element in CSS pixels (ResizeObserver); re-renders only when a dimension changes by >= 1 px.
// The first measurement runs in a layout effect, so the `initial` guess is never painted (a plot drawn
// at the guessed width before the first measurement made a 400 px page scroll sideways for a frame).
import { useLayoutEffect, useState, type RefObject } from 'react';

export interface Size { width: number; height: number }

export function useSize(ref: RefObject<Element | null>, initial: Size = { width: 600, height: 0 }): Size {
  const [size, setSize] = useState(initial);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const set = (w: number, h: number) =>
      setSize((old) => (Math.abs(old.width - w) >= 1 || Math.abs(old.height - h) >= 1 ? { width: Math.floor(w), height: Math.floor(h) } : old));
    const r = el.getBoundingClientRect();
    set(r.width || initial.width, r.height || initial.height);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => { for (const e of entries) set(e.contentRect.width, e.contentRect.height); });
    ro.observe(el);
    return () => ro.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ref]);
  return size;
}

/** The element's content width in CSS pixels. */
export function useWidth(ref: RefObject<Element | null>, initial = 600): number {
  return useSize(ref, { width: initial, height: 0 }).width;
}
