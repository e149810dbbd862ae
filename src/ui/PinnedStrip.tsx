// The "Pinned" strip above the views (issue #16): each pinned library entry with its "what differs"
// line (only the settings that differ from the live session) and an Unpin button, and the notice when
// a pin went away. On mount it loads the pins kept from the last visit (state/pins.ts).
import { useEffect } from 'react';
import { runName, type T, useT } from '../i18n';
import { useApp } from '../state/app';
import { pinBoard } from '../state/pins';
import { whatDiffers } from '../state/what-differs';
import type { TrainSettings } from '../session/settings';
import { usePins } from '../charts/use-pins';
import { pageLibrary } from './library-actions';
import './Library.css';

function differsText(t: T, key: string, live: { settings: TrainSettings; runs: readonly string[] }): string {
  const entry = pinBoard.entries().find((e) => e.key === key);
  if (!entry) return '';
  const d = whatDiffers({ settings: entry.record.settings, runs: entry.record.runs.map((r) => r.id) }, live, (id) => runName(t, id));
  if (d.length === 0) return t('pins.same');
  return t('pins.differs', { list: d.map((x) => t('pins.diffItem', { label: t(x.label), pinned: x.pinned, live: x.live })).join(' · ') });
}

export function PinnedStrip() {
  const t = useT();
  const pins = usePins();
  const settings = useApp((s) => s.settings);
  const runs = useApp((s) => s.runs);
  useEffect(() => {
    if (pinBoard.snapshot().keys.length === 0) return;
    void pageLibrary().then((lib) => pinBoard.restore((key) => lib.get(key)));
  }, []);
  const notice = pins.notice;
  if (pins.keys.length === 0 && !notice) return null;
  return (
    <section className="pinned-strip" aria-label={t('pins.strip')} data-testid="pinned-strip">
      {notice ? (
        <p className="pinned-notice" role="status">
          {t(notice.kind === 'missing' ? 'pins.notice.missing' : 'pins.notice.failed', { names: notice.names.join(', ') })}
          {' '}<button type="button" className="ghost" onClick={() => pinBoard.dismissNotice()}>{t('pins.dismiss')}</button>
        </p>
      ) : null}
      {pins.keys.length ? (
        <ul>
          <li className="pinned-head">{t('pins.strip')}</li>
          {pins.keys.map((key) => (
            <li key={key} className="pinned-entry" data-key={key}>
              <strong>{pins.names[key]}</strong>
              <span className="pinned-differs" data-testid="pinned-differs">{differsText(t, key, { settings, runs })}</span>
              <button type="button" onClick={() => pinBoard.unpin(key)} aria-label={t('pins.unpinLabel', { name: pins.names[key] })}>{t('pins.unpin')}</button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
