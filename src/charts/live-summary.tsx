// A chart's text alternative, in two parts made from the same sentence (see ./summaries.ts):
// - the caption line under the plot, for the eyes: rewritten from every telemetry frame while the chart
//   is on screen (straight into the DOM, only when the text changes), so the step it names is the
//   step the top bar shows, never seconds behind;
// - a visually hidden status region for screen readers, recomputed once every SUMMARY_INTERVAL_MS (and
//   at once when the language or the chart's own choices change, or when the first trained step
//   arrives): a screen reader hears at most one update per interval, never one per frame. Only the
//   summaries of charts on screen are live (aria-live="polite"); the others keep their text current
//   but silent (aria-live="off"), so a page of charts does not talk over itself.
// Time-series views (TimeSeriesView, set by the page's grid) end the sentence with the live setting
// changes so far ("Settings changed: batch 60→2 at step 1,200."), the steps their charts mark.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { TelemetryFrame } from '../telemetry/frame';
import { getApp } from '../state/app';
import { type Lang, useLang } from '../i18n';
import { describeChanges } from '../state/setting-changes';
import './charts.css';
import { hub } from './use-frame-draw';

export const SUMMARY_INTERVAL_MS = 5000;

export type Summarize = (frame: TelemetryFrame | null, lang: Lang) => string;

const TimeSeries = createContext(false);

/** Marks the views inside as time series (steps on x): their summaries name the setting changes. */
export function TimeSeriesView({ value, children }: { value: boolean; children: ReactNode }) {
  return <TimeSeries.Provider value={value}>{children}</TimeSeries.Provider>;
}

/** The sentence for `frame`, with the setting changes up to its step when the view is a time series. */
function sentence(summarize: Summarize, frame: TelemetryFrame | null, lang: Lang, series: boolean): string {
  const text = summarize(frame, lang);
  if (!series || !frame) return text;
  let changes: ReturnType<typeof describeChanges> = '';
  try { changes = describeChanges(getApp().store.getState().changes, lang, frame.step); } catch { /* no app (isolated chart) */ }
  return changes ? `${text}${lang === 'zh' ? '。' : '. '}${changes}` : text;
}

/** `summarize` of the latest frame, refreshed every SUMMARY_INTERVAL_MS; `deps` refresh it at once. */
export function useLiveSummary(summarize: Summarize, deps: readonly unknown[]): string {
  const lang = useLang();
  const series = useContext(TimeSeries);
  const fn = useRef(summarize);
  fn.current = summarize;
  const [text, setText] = useState(() => sentence(summarize, hub().get(), lang, series));
  useEffect(() => {
    const h = hub();
    // whether the text shown was made before any step was trained ("No data yet")
    let beforeData = true;
    let timer: ReturnType<typeof setInterval> | undefined;
    const update = () => {
      const frame = h.get();
      beforeData = !frame || frame.step === 0;
      const next = sentence(fn.current, frame, lang, series);
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
  }, [lang, series, ...deps]);
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

/** The visible caption line: the sentence of every frame while on screen (DOM text, no React render). */
function useFrameCaption(ref: React.RefObject<HTMLElement | null>, summarize: Summarize, onScreen: boolean, fallback: string): void {
  const lang = useLang();
  const series = useContext(TimeSeries);
  const fn = useRef(summarize);
  fn.current = summarize;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const write = (frame: TelemetryFrame | null) => {
      const next = sentence(fn.current, frame, lang, series);
      if (el.textContent !== next) el.textContent = next;
    };
    write(hub().get());
    if (!onScreen) return;
    return hub().subscribe(write);
  }, [ref, lang, series, onScreen, fallback]);
}

/** The caption line under the plot, and its polite twin for screen readers. */
export function LiveSummary({ summarize, deps = [] }: { summarize: Summarize; deps?: readonly unknown[] }) {
  const text = useLiveSummary(summarize, deps);
  const ref = useRef<HTMLDivElement>(null);
  const caption = useRef<HTMLParagraphElement>(null);
  const onScreen = useOnScreen(ref);
  useFrameCaption(caption, summarize, onScreen, text);
  return (
    <div ref={ref} className="ns-live-summary-wrap">
      <p ref={caption} className="ns-live-summary" aria-hidden="true" />
      <p className="visually-hidden" role="status" aria-live={onScreen ? 'polite' : 'off'} aria-atomic="true" data-testid="chart-summary">
        {text}
      </p>
    </div>
  );
}
