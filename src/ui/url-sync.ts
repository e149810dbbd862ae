// Keeps the address bar in step with the store (history.replaceState, at most a few times a second),
// so a reload or a shared link restores the same session, including the keys read only at start.
import type { AppStore } from '../state/store';
import type { EmbedView } from '../state/embed';
import { serialize, toSearch } from '../state/url-codec';

/** Address keys the page reads once when it starts, outside the store (?workers=N, runtime/run-workers.ts). */
const START_KEYS = ['workers'] as const;

/** `search` (from serialize) with the start keys of `initial` appended as they were given. */
export function withStartKeys(search: string, initial: string): string {
  const from = new URLSearchParams(initial);
  const params = new URLSearchParams(search);
  for (const key of START_KEYS) {
    const v = from.get(key);
    if (v !== null && !params.has(key)) params.set(key, v);
  }
  return toSearch(params);
}

/** `embed`: the views the page embeds (read once at start, kept in the address). */
export function syncUrlWithStore(store: AppStore, intervalMs = 400, embed: EmbedView[] | null = null): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const initial = window.location.search;
  let lastSearch = initial;
  const write = () => {
    timer = null;
    const s = store.getState();
    if (s.status === 'loading' || s.status === 'empty') return;
    const search = withStartKeys(serialize({ settings: s.settings, runs: s.runs, paused: s.status === 'paused', speed: s.speed, experiment: s.experiment, embed }), initial);
    if (search === lastSearch) return;
    lastSearch = search;
    const url = `${window.location.pathname}${search}${window.location.hash}`;
    try { window.history.replaceState(window.history.state, '', url); } catch { /* too many calls: the next change writes it */ }
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.settings === prev.settings && s.runs === prev.runs && s.speed === prev.speed && s.status === prev.status && s.experiment === prev.experiment) return;
    // Play and Pause are rare: written at once (a reload right after still finds them); a slider's
    // drag is throttled (browsers limit how often replaceState may be called).
    if (s.status !== prev.status && s.settings === prev.settings && s.runs === prev.runs && s.speed === prev.speed) {
      if (timer) { clearTimeout(timer); timer = null; }
      write();
      return;
    }
    if (!timer) timer = setTimeout(write, intervalMs);
  });
  // Leaving or reloading the page within the interval still records the last change.
  const flush = () => { if (timer) { clearTimeout(timer); write(); } };
  window.addEventListener('pagehide', flush);
  return () => { unsubscribe(); window.removeEventListener('pagehide', flush); if (timer) clearTimeout(timer); };
}
