// What the page shows when its training worker failed: what happened, that the charts show the last
// data it sent, and a Restart that starts a new worker with the same settings and runs.
import { useState } from 'react';
import { getApp, useApp } from '../state/app';
import { useT } from '../i18n';

export function FaultBanner() {
  const t = useT();
  const fault = useApp((s) => s.fault);
  const [restarting, setRestarting] = useState(false);
  if (!fault) return null;
  const restart = () => {
    setRestarting(true);
    void getApp().store.getState().restart().finally(() => setRestarting(false));
  };
  return (
    <div className="notices" data-testid="fault-banner">
      <div className="notice notice-fault" role="alert">
        <span className="notice-icon" aria-hidden="true">!</span>
        <p>
          <strong>{t('fault.title')}</strong> {t('fault.body')} <span className="fault-reason">({fault.message})</span>
        </p>
        <button type="button" onClick={restart} disabled={restarting}>{t('fault.restart')}</button>
      </div>
    </div>
  );
}
