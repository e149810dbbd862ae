// Keyboard shortcuts: Space plays or pauses, S trains one step, R resets, ? lists them in a dialog.
// They never act while the focus is in a field (typing), when Ctrl, Alt or ⌘ is held, or while a
// dialog is open; Space also leaves a focused button, link, checkbox or menu item to do its own job.
import { useEffect, useRef } from 'react';
import { getApp } from '../state/app';
import { useT } from '../i18n';

/** Whether the key event belongs to what has the focus rather than to the page's shortcuts. */
export function isForTheFocus(e: Pick<KeyboardEvent, 'key' | 'target' | 'ctrlKey' | 'altKey' | 'metaKey'>): boolean {
  if (e.ctrlKey || e.altKey || e.metaKey) return true;
  const el = e.target instanceof Element ? e.target : null;
  if (!el) return false;
  if (el.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"]), dialog[open]')) return true;
  // Space presses the focused button (or ticks the focused box): it is not the page's then
  return e.key === ' ' && !!el.closest('button, a[href], summary, [role="button"], [role="menuitem"], [role="radio"], [role="checkbox"], [role="slider"], [tabindex]:not(main):not(aside)');
}

/** Installs the shortcuts on the document; `openHelp` shows the list. */
export function useShortcuts(openHelp: () => void): void {
  const help = useRef(openHelp);
  help.current = openHelp;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || isForTheFocus(e)) return;
      if (document.querySelector('dialog[open]')) return;
      const store = getApp().store;
      const { status } = store.getState();
      const ready = status !== 'loading' && status !== 'empty' && status !== 'error';
      if (e.key === ' ') {
        e.preventDefault(); // not the page scroll
        if (!ready) return;
        void (status === 'running' ? store.getState().pause() : store.getState().play());
      } else if (e.key === 's' || e.key === 'S') {
        if (ready) { e.preventDefault(); void store.getState().stepOnce(); }
      } else if (e.key === 'r' || e.key === 'R') {
        if (ready) { e.preventDefault(); void store.getState().reset(); }
      } else if (e.key === '?') {
        e.preventDefault();
        help.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

/** The list of shortcuts: a modal <dialog> (focus moves in, Escape closes, focus goes back). */
export function ShortcutsDialog({ dialogRef }: { dialogRef: React.RefObject<HTMLDialogElement | null> }) {
  const t = useT();
  const rows: [string, string][] = [
    [t('shortcuts.space'), t('shortcuts.play')],
    ['S', t('shortcuts.step')],
    ['R', t('shortcuts.reset')],
    ['?', t('shortcuts.help')],
  ];
  return (
    <dialog ref={dialogRef} className="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
      <dl>
        {rows.map(([key, what]) => (
          <div key={key} className="shortcut-row">
            <dt><kbd>{key}</kbd></dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <p className="help">{t('shortcuts.note')}</p>
      <form method="dialog">
        <button type="submit" autoFocus>{t('shortcuts.close')}</button>
      </form>
    </dialog>
  );
}
