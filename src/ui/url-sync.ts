// Keeps the address bar in step with the store (history.replaceState, at most a few times a second),
// so a reload or a shared link restores the same session.
import type { AppStore } from '../state/store';
import { serialize } from '../state/url-codec';

export function syncUrlWithStore(store: AppStore, intervalMs = 400): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastSearch = window.location.search;
  const write = () => {
    timer = null;
    const s = store.getState();
    if (s.status === 'loading' || s.status === 'empty') return;
    const search = serialize({ settings: s.settings, runs: s.runs, paused: s.status === 'paused', speed: s.speed });
    if (search === lastSearch) return;
    lastSearch = search;
    const url = `${window.location.pathname}${search}${window.location.hash}`;
    try { window.history.replaceState(window.history.state, '', url); } catch { /* too many calls: the next change writes it */ }
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.settings === prev.settings && s.runs === prev.runs && s.speed === prev.speed && s.status === prev.status) return;
    if (!timer) timer = setTimeout(write, intervalMs);
  });
  return () => { unsubscribe(); if (timer) clearTimeout(timer); };
}
