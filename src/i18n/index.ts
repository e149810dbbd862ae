// The page's words in English and Simplified Chinese: one dictionary (split by area in dict/), one
// translate function, and the current language.
export { AREAS, DICTIONARIES, isLang, LANGS, runName, translate, type Lang, type MessageKey, type Params, type T } from './translate';
export { currentT, getLang, HTML_LANG, initialLang, initLang, LANG_NAMES, setLang, STORAGE_KEY, subscribeLang, useLang, useT } from './language';
export { NORM_NAME_KEY, type RunNameKey } from './dict/run-names';
