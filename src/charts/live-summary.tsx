// A chart's text alternative: a caption line under the plot, in a polite live region, saying what the
// chart shows now (see ./summaries.ts). It is recomputed from the latest telemetry frame once every
// SUMMARY_INTERVAL_MS (and at once when the language or the chart's own choices change, or when the
// first trained step arrives), and the DOM
// only changes when the text does: a screen reader hears at most one update per interval, never one
// per frame. Only the summaries of charts on screen are live (aria-live="polite"); the others keep their
// text current but silent (aria-live="off"), so a page of charts does not talk over itself.
import { useEffect, useRef, useState } from 'react';
import type { TelemetryFrame } from '../session/frame';
import { useLang, type Lang } from '../state/i18n';
import './charts.css';
import { hub } from './use-frame-draw';

export const SUMMARY_INTERVAL_MS = 5000;

export type Summarize = (frame: TelemetryFrame | null, lang: Lang) => string;

/** `summarize` of the latest frame, refreshed every SUMMARY_INTERVAL_MS; `deps` refresh it at once. */
export function useLiveSummary(summarize: Summarize, deps: readonly unknown[]): string {
  const lang = useLang();
  const fn = useRef(summarize);
  fn.current = summarize;
  const [text, setText] = useState(() => summarize(hub().get(), lang));
  useEffect(() => {
    const h = hub();
    // whether the text shown was made before any step was trained ("No data yet")
    let beforeData = true;
    let timer: ReturnType<typeof setInterval> | undefined;
    const update = () => {
      const frame = h.get();
      beforeData = !frame || frame.step === 0;
      const next = fn.current(frame, lang);
      setText((prev) => (prev === next ? prev : next));
    };
    const restart = () => {
      clearInterval(timer);
      update();
      timer = setInterval(update, SUMMARY_INTERVAL_MS);
    };
    restart();
    // The first trained step replaces "No data yet" at once (and the interval starts again from there),
    // rather than up to SUMMARY_INTERVAL_MS later; after that, frames do not touch the text.
    const unsubscribe = h.subscribe((frame) => { if (beforeData && frame && frame.step > 0) restart(); });
    return () => { clearInterval(timer); unsubscribe(); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang, ...deps]);
  return text;
}

/** Whether the element is in the viewport (true where IntersectionObserver is missing). */
function useOnScreen(ref: React.RefObject<Element | null>): boolean {
  const [on, setOn] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => { for (const e of entries) setOn(e.isIntersecting); });
    io.observe(el);
    return () => io.disconnect();
  }, [ref]);
  return on;
}

/** The caption line: visible, small, and a status region, polite while on screen. */
export function LiveSummary({ summarize, deps = [] }: { summarize: Summarize; deps?: readonly unknown[] }) {
  const text = useLiveSummary(summarize, deps);
  const ref = useRef<HTMLParagraphElement>(null);
  const onScreen = useOnScreen(ref);
  return (
    <p ref={ref} className="ns-live-summary" role="status" aria-live={onScreen ? 'polite' : 'off'} aria-atomic="true" data-testid="chart-summary">
      {text}
    </p>
  );
}
