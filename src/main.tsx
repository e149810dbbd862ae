import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApp, setApp } from './state/app';
import { FrameBudget, watchFrameGaps } from './state/frame-budget';
import { drawQueueOf } from './charts/use-frame-draw';
import { setPaletteRuns } from './charts/palette';
import { startFramePump } from './state/frame-pump';
import { initialLang, initLang, type Lang, translate } from './i18n';
import { createAppStore, type AppStore } from './state/store';
import { telemetry } from './state/telemetry';
import { startTrainerWorker, type TrainerHandle } from '../workers/trainer-client';
import { watchWorker } from './state/worker-watch';
import { experimentPageSettings, parse } from './state/url-codec';
import { App } from './ui/App';
import { LAZY_VIEW_LOADERS, type LazyViewName } from './ui/lazy-views';
import { preloadLazyViews } from './ui/preload-views';
import { syncUrlWithStore } from './ui/url-sync';
import './ui/index.css';

const container = document.getElementById('root');
if (!container) throw new Error('NormScope: the #root element is missing from index.html');

function storage(): Storage | null {
  try { return window.localStorage; } catch { return null; }
}

const url = parse(window.location.search);
const lang = initialLang(url.lang, storage(), navigator.languages ?? [navigator.language]);
initLang(lang, storage());

const notice = url.problems.length === 0 ? null : (l: Lang) => translate(l, 'notice.url', {
  list: url.problems.map((p) => translate(l, `notice.url.${p.kind}`, { key: p.key, value: p.value, used: p.used })).join(l === 'zh' ? '；' : '; '),
});

/** No frame for this long while training: the worker is taken for dead (an eval of the largest model fits well inside). */
const STALL_MS = 20_000;
/** Test builds only: a browser test may shorten the watchdog for its page (window.__normscopeStallMs, set before the page loads). */
const stallMs = (typeof __TEST_HOOKS__ === 'undefined' || __TEST_HOOKS__)
  ? (window as { __normscopeStallMs?: number }).__normscopeStallMs ?? STALL_MS : STALL_MS;

// The training worker with its frame pump and fault watch; a restart ends them all and connects again.
// The frame budget slows the telemetry down while the page misses animation frames (./state/frame-budget.ts).
let store: AppStore;
const budget = new FrameBudget();
let disconnect = () => {};
function connect(): TrainerHandle {
  disconnect();
  const { trainer, worker } = startTrainerWorker();
  const crash = (message: string) => store.getState().crash(message);
  const stopWatch = watchWorker(worker, crash);
  const stopPump = startFramePump(trainer, (f) => {
    telemetry.publish(f);
    store.getState().sync(f);
  }, undefined, undefined, {
    stallMs,
    expecting: () => store.getState().status === 'running' && store.getState().fault === null,
    onStall: (ms) => crash(`no answer from the training worker for ${Math.round(ms / 1000)} s: it stopped (out of memory?)`),
  }, () => budget.delayMs, { record: (ms) => budget.recordWork(ms), settle: () => drawQueueOf(telemetry).settle() });
  disconnect = () => { stopPump(); stopWatch(); worker.terminate(); };
  if (store) setApp({ store, trainer });
  return trainer;
}
const trainer = connect();
store = createAppStore(trainer, { settings: url.settings, runs: url.runs, notice, experiment: url.experiment ?? null, speed: url.speed }, experimentPageSettings, connect);
setApp({ store, trainer });
// Variant colours go by place among the live runs (charts/palette.ts: variantColor).
setPaletteRuns(store.getState().runs);
store.subscribe((s) => setPaletteRuns(s.runs));
store.getState().setSpeed(url.speed);
void store.getState().start(!url.paused);
syncUrlWithStore(store, undefined, url.embed ?? null);
const gaps = watchFrameGaps(budget, () => store.getState().status === 'running');
store.subscribe((s, prev) => { if (s.status !== prev.status) gaps.wake(); });
// A handle for the browser console and the browser tests: the store and the latest telemetry frame;
// in test and development builds also the debug hooks (left out of `vite build`: src/test-hooks.d.ts).
// debug.crashWorker breaks the page's own worker (the fault tests); a page script could terminate it anyway.
const debug = typeof __TEST_HOOKS__ === 'undefined' || __TEST_HOOKS__ ? {
  crashWorker: (kind: 'throw' | 'close' = 'throw') => getApp().trainer.crashForTest!(kind),
  /** Appends `steps` steps of synthetic history (long-history test, `npm run bench:ui`); resolves with the step reached. */
  fastForward: (steps: number) => getApp().trainer.fastForwardForTest!(steps),
  /** The frame budget's extra wait between telemetry frames (ms), for the browser tests' reports. */
  telemetryDelayMs: () => budget.delayMs,
  /** The main thread's milliseconds per telemetry frame, moving average (the frame budget's measure). */
  telemetryWorkMs: () => budget.workMs,
  /** Loads a lazy view's code as the idle preload does (a load in flight for the Retry test); true if it loaded. */
  loadViewCode: (name: LazyViewName) => LAZY_VIEW_LOADERS[name]().then(() => true, () => false),
} : undefined;
Object.assign(window, { normscope: { store, telemetry, debug } });

createRoot(container).render(
  <StrictMode>
    <App embed={url.embed ?? null} />
  </StrictMode>,
);
preloadLazyViews(); // so that the page works offline once loaded
