// The dashboard: a header with the session bar, the control sidebar, and the views in a grid.
import { useEffect, useRef } from 'react';
import { HTML_LANG, type Lang, LANG_NAMES, LANGS, setLang, useLang, useT } from '../i18n';
import { Controls } from './Controls';
import { ExperimentPanel } from './ExperimentPanel';
import { EmbedApp } from './EmbedApp';
import { ExperimentsMenu } from './ExperimentsMenu';
import { LibraryButton } from './LibraryPanel';
import { PinnedStrip } from './PinnedStrip';
import type { EmbedView } from '../state/embed';
import { GlobeIcon } from './icons';
import { FaultBanner } from './FaultBanner';
import { MoreMenu } from './MoreMenu';
import { BatchEpsFields } from './Controls';
import { Downloads, LoadProgress, Notices, PlayButton, StatusLine, StepResetButtons, Transport } from './Session';
import { ShortcutsDialog, useShortcuts } from './Shortcuts';
import { Views } from './Views';
import './App.css';

/** A bell curve in a rounded square: the same mark as public/favicon.svg. */
function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#3730a3" />
      <path d="M4 24.5h24" stroke="#a5b4fc" strokeWidth="1.6" strokeLinecap="round" />
      <path
        d="M4 24c4.2 0 5.6-.8 7.4-5.2C13.2 14.3 14.2 7 16 7s2.8 7.3 4.6 11.8C22.4 23.2 23.8 24 28 24"
        fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round"
      />
    </svg>
  );
}

function LanguageSelect() {
  const t = useT();
  const lang = useLang();
  return (
    <label className="lang">
      <span className="visually-hidden">{t('lang.label')}</span>
      <GlobeIcon />
      <select aria-label={t('lang.label')} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        {LANGS.map((l) => <option key={l} value={l} lang={HTML_LANG[l]}>{LANG_NAMES[l]}</option>)}
      </select>
    </label>
  );
}

/**
 * On phones the views come first and the controls after them: this button (shown on narrow screens
 * only, see App.css) moves the focus to the other one, `targetId`, and scrolls it into view.
 */
function JumpButton({ targetId, label }: { targetId: string; label: string }) {
  return (
    <button type="button" className="jump" onClick={() => {
      const el = document.getElementById(targetId);
      el?.scrollIntoView({ block: 'start' });
      el?.focus({ preventScroll: true });
    }}>{label}</button>
  );
}

/**
 * Phones: Play, Batch size and Epsilon in a sheet fixed at the bottom of the screen, so the loop
 * (drag a slider, watch the histograms) works without scrolling to the controls. Hidden on wider
 * screens; on phones App.css hides the top bar's Play, Step and Reset and the sidebar's twins of
 * these sliders, so each control exists once for the keyboard and for screen readers.
 */
function PhoneSheet() {
  const t = useT();
  return (
    <section className="sheet" aria-label={t('sheet.label')}>
      <div className="sheet-buttons">
        <PlayButton />
        <StepResetButtons compact />
        <JumpButton targetId="controls" label={t('app.jumpControls')} />
      </div>
      <BatchEpsFields compact />
    </section>
  );
}

/** Keeps --topbar-h at the header's height, so the sticky sidebar starts below it. */
function useTopbarHeight(ref: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => document.documentElement.style.setProperty('--topbar-h', `${el.offsetHeight}px`));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
}

/** `embed`: the views of `?embed=` (only those, under a minimal bar: EmbedApp); absent = the full page. */
export function App({ embed = null }: { embed?: readonly EmbedView[] | null } = {}) {
  return embed && embed.length > 0 ? <EmbedApp views={embed} /> : <FullApp />;
}

function FullApp() {
  const t = useT();
  const header = useRef<HTMLElement>(null);
  const shortcuts = useRef<HTMLDialogElement>(null);
  useTopbarHeight(header);
  const openShortcuts = () => { if (!shortcuts.current?.open) shortcuts.current?.showModal(); };
  useShortcuts(openShortcuts);
  return (
    <div className="app">
      <a className="skip" href="#views">{t('app.views')}</a>
      <header className="topbar" ref={header}>
        <div className="brand">
          <Logo />
          <div>
            <h1>NormScope</h1>
            <p className="tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <Transport />
        <StatusLine />
        <div className="topbar-tools">
          <ExperimentsMenu />
          <LibraryButton />
          <Downloads />
          <MoreMenu onShortcuts={openShortcuts} />
          <LanguageSelect />
        </div>
      </header>
      <PhoneSheet />

      <aside className="sidebar" id="controls" tabIndex={-1} aria-label={t('app.controls')}>
        <h2 className="visually-hidden">{t('app.controls')}</h2>
        <JumpButton targetId="views" label={t('app.jumpViews')} />
        <Controls />
      </aside>

      <main className="main" id="views" tabIndex={-1}>
        <LoadProgress />
        <Notices />
        <FaultBanner />
        <ExperimentPanel />
        <PinnedStrip />
        <Views />
      </main>

      <footer className="site-footer">
        <p>
          {t('footer.data')}{' '}
          {t('footer.paper')} <cite>{t('footer.paperTitle')}</cite>.
        </p>
        <p>{t('footer.license')}</p>
      </footer>
      <ShortcutsDialog dialogRef={shortcuts} />
    </div>
  );
}
