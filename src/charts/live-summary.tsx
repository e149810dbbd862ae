// A chart's text alternative: a caption line under the plot, in a polite live region, saying what the
// chart shows now (see ./summaries.ts). It is recomputed from the latest telemetry frame once every
// SUMMARY_INTERVAL_MS (and at once when the language or the chart's own choices change), and the DOM
// only changes when the text does: a screen reader hears at most one update per interval, never one
// per frame.
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
    const update = () => {
      const next = fn.current(hub().get(), lang);
      setText((prev) => (prev === next ? prev : next));
    };
    update();
    const timer = setInterval(update, SUMMARY_INTERVAL_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang, ...deps]);
  return text;
}

/** The caption line: visible, small, and a polite status region. */
export function LiveSummary({ summarize, deps = [] }: { summarize: Summarize; deps?: readonly unknown[] }) {
  const text = useLiveSummary(summarize, deps);
  return <p className="ns-live-summary" role="status" aria-live="polite" aria-atomic="true" data-testid="chart-summary">{text}</p>;
}
