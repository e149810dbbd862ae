import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setApp } from './state/app';
import { startFramePump } from './state/frame-pump';
import { initialLang, initLang, translate } from './state/i18n';
import { createAppStore } from './state/store';
import { telemetry } from './state/telemetry';
import { startTrainerWorker } from './state/trainer-client';
import { experimentPageSettings, parse } from './state/url-codec';
import { App } from './ui/App';
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

const notice = url.problems.length === 0 ? null : translate(lang, 'notice.url', {
  list: url.problems.map((p) => translate(lang, `notice.url.${p.kind}`, { key: p.key, value: p.value, used: p.used })).join('; '),
});

const { trainer } = startTrainerWorker();
const store = createAppStore(trainer, { settings: url.settings, runs: url.runs, notice, experiment: url.experiment ?? null }, experimentPageSettings);
setApp({ store, trainer });
startFramePump(trainer, (f) => {
  telemetry.publish(f);
  store.getState().sync(f);
});
if (url.speed !== null) store.getState().setSpeed(url.speed);
void store.getState().start(!url.paused);
syncUrlWithStore(store);
// A handle for the browser console and the browser tests: the store and the latest telemetry frame.
Object.assign(window, { normscope: { store, telemetry } });

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
preloadLazyViews(); // so that the page works offline once loaded
