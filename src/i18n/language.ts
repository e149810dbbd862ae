// The page's current language: chosen from the URL, the remembered choice or the browser, remembered
// in localStorage, and hooks that re-render a component when it changes.
import { useSyncExternalStore } from 'react';
import { isLang, translate, type Lang, type T } from './translate';

export const LANG_NAMES: Readonly<Record<Lang, string>> = { en: 'English', zh: '简体中文' };
export const HTML_LANG: Readonly<Record<Lang, string>> = { en: 'en', zh: 'zh-CN' };
export const STORAGE_KEY = 'normscope.lang';

/** The starting language: the URL's, else the remembered one, else the browser's (zh* gives Chinese). */
export function initialLang(fromUrl: Lang | undefined, storage: Pick<Storage, 'getItem'> | null, navigatorLanguages: readonly string[] = []): Lang {
  if (fromUrl) return fromUrl;
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch { /* storage may be unavailable (privacy mode) */ }
  return navigatorLanguages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

let current: Lang = 'en';
const listeners = new Set<() => void>();
let storageRef: Pick<Storage, 'setItem'> | null = null;

export function getLang(): Lang {
  return current;
}

/** Sets the language (remembered in `storage` when given to initLang), updating <html lang>. */
export function setLang(lang: Lang): void {
  if (!isLang(lang) || lang === current) return;
  current = lang;
  try { storageRef?.setItem(STORAGE_KEY, lang); } catch { /* not remembered, still switched */ }
  if (typeof document !== 'undefined') document.documentElement.lang = HTML_LANG[lang];
  for (const l of listeners) l();
}

export function initLang(lang: Lang, storage: Pick<Storage, 'setItem'> | null): void {
  storageRef = storage;
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = HTML_LANG[lang];
}

export function subscribeLang(listener: () => void): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

/** The current language, re-rendering on change. */
export function useLang(): Lang {
  return useSyncExternalStore(subscribeLang, getLang, getLang);
}

/** A translate function for the current language (the component re-renders when it changes). */
export function useT(): T {
  const lang = useLang();
  return (key, params) => translate(lang, key, params);
}

/** The translator of the moment, for code outside render (e.g. canvas labels). */
export const currentT: T = (key, params) => translate(current, key, params);
