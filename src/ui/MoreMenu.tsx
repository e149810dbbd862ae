// The top bar's overflow menu ("⋯ More"): the downloads, Copy link and the keyboard shortcuts. Below about
// 1,366 px the downloads live here instead of in the bar (App.css), so the bar keeps to one row.
// A menu button in the WAI-ARIA pattern: Enter, Space or ArrowDown opens it on the first item, arrows
// and Home/End move, Escape or Tab closes it (Escape returns focus to the button).
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n';
import { copyPageLink } from './copy-link';
import { DownloadIcon, KeyboardIcon, LinkIcon, MoreIcon } from './icons';
import { useSaveData } from './Session';

export function MoreMenu({ onShortcuts }: { onShortcuts: () => void }) {
  const t = useT();
  const save = useSaveData();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const id = useId();
  // the items shown (the downloads are hidden here where the bar has room for them)
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])].filter((b) => b.offsetParent !== null);
  const focusItem = (i: number) => {
    const list = items();
    list[(i + list.length) % list.length]?.focus();
  };
  useEffect(() => { if (open) focusItem(0); }, [open]);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);
  const close = () => { setOpen(false); button.current?.focus(); };
  const onKey = (e: React.KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') { e.preventDefault(); focusItem(at + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); focusItem(at - 1); }
    else if (e.key === 'Home') { e.preventDefault(); focusItem(0); }
    else if (e.key === 'End') { e.preventDefault(); focusItem(list.length - 1); }
    else if (e.key === 'Escape') { e.preventDefault(); close(); }
    else if (e.key === 'Tab') setOpen(false);
  };
  const choose = (act: () => void) => () => { close(); act(); };
  return (
    <div className="more-menu">
      <button
        ref={button} type="button" id={`${id}-btn`} className="icon-only" aria-haspopup="menu" aria-expanded={open} aria-controls={`${id}-menu`}
        aria-label={t('btn.moreLabel')} title={t('btn.more')}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => { if (e.key === 'ArrowDown') { e.preventDefault(); setOpen(true); } }}
      >
        <MoreIcon />
      </button>
      {open ? (
        <ul ref={menu} id={`${id}-menu`} role="menu" aria-labelledby={`${id}-btn`} className="more-list" onKeyDown={onKey}>
          <li role="none" className="more-download">
            <button type="button" role="menuitem" tabIndex={-1} onClick={choose(() => save('csv'))}><DownloadIcon />{t('btn.csv')}</button>
          </li>
          <li role="none" className="more-download">
            <button type="button" role="menuitem" tabIndex={-1} onClick={choose(() => save('json'))}><DownloadIcon />{t('btn.json')}</button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" tabIndex={-1} onClick={choose(() => { void copyPageLink(); })}><LinkIcon />{t('link.copy')}</button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" tabIndex={-1} onClick={choose(onShortcuts)}><KeyboardIcon />{t('shortcuts.open')}<kbd aria-hidden="true">?</kbd></button>
          </li>
        </ul>
      ) : null}
    </div>
  );
}
