// The page as an embed (`?embed=loss,accuracy`, state/embed.ts): only those views, under a minimal bar
// (Play/Pause, Reset, the two sliders of the tweak-and-watch loop, batch size and epsilon, and a link
// to the full page with the same settings), for slides and blog posts in an iframe. The address keeps
// the embed (url-sync.ts), so a reload inside the iframe stays an embed.
import { useMemo } from 'react';
import { useT } from '../i18n';
import { useApp } from '../state/app';
import { embedCharts, type EmbedView } from '../state/embed';
import { serialize } from '../state/url-codec';
import { BatchEpsFields } from './Controls';
import { Notices, PlayButton, StepResetButtons, LoadProgress } from './Session';
import { FaultBanner } from './FaultBanner';
import { Views } from './Views';
import './Library.css';
import './App.css';

/** The full page's address for the embed's settings and runs (no `embed`, playing). */
function useFullPageHref(): string {
  const settings = useApp((s) => s.settings);
  const runs = useApp((s) => s.runs);
  const speed = useApp((s) => s.speed);
  const experiment = useApp((s) => s.experiment);
  return `${window.location.pathname}${serialize({ settings, runs, speed, experiment, paused: false })}`;
}

export function EmbedApp({ views }: { views: readonly EmbedView[] }) {
  const t = useT();
  const only = useMemo(() => embedCharts(views), [views]);
  const href = useFullPageHref();
  return (
    <div className="embed-app">
      <section className="embed-bar" aria-label={t('embed.bar')}>
        <div className="embed-buttons">
          <PlayButton />
          <StepResetButtons compact />
        </div>
        <div className="embed-sliders"><BatchEpsFields compact /></div>
        <a className="embed-open" href={href} target="_blank" rel="noopener" aria-label={t('embed.openLabel')} title={t('embed.openLabel')}>{t('embed.open')} ↗</a>
      </section>
      <main className="main embed-main" id="views" tabIndex={-1}>
        <LoadProgress />
        <Notices />
        <FaultBanner />
        <Views only={only} />
      </main>
    </div>
  );
}
