// The "Experiments" menu of the top bar: one item per preset. Choosing one sets the controls, restarts
// the runs and opens the experiment's explanation. A menu button in the WAI-ARIA pattern: Enter, Space
// or ArrowDown opens it on the first item, arrows and Home/End move, Escape closes and returns focus.
import { useEffect, useId, useRef, useState } from 'react';
import type { PresetName } from '../session/presets';
import { getApp } from '../state/app';
import { useLang, useT } from '../i18n';
import { FlaskIcon } from './icons';
import { EXPLANATIONS, PRESETS } from '../state/ui-inputs';

export function ExperimentsMenu() {
  const t = useT();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const id = useId();

  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
  const focusItem = (i: number) => {
    const list = items();
    list[(i + list.length) % list.length]?.focus();
  };
  useEffect(() => {
    if (open) focusItem(0);
  }, [open]);
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
  const choose = (name: PresetName) => {
    close();
    void getApp().store.getState().runExperiment(name);
    document.getElementById('experiment')?.scrollIntoView({ block: 'start' });
  };
  const onKey = (e: React.KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') { e.preventDefault(); focusItem(at + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); focusItem(at - 1); }
    else if (e.key === 'Home') { e.preventDefault(); focusItem(0); }
    else if (e.key === 'End') { e.preventDefault(); focusItem(list.length - 1); }
    else if (e.key === 'Escape' || e.key === 'Tab') { if (e.key === 'Escape') e.preventDefault(); close(); }
  };

  return (
    <div className="experiments-menu">
      <button
        ref={button} type="button" id={`${id}-btn`} aria-haspopup="menu" aria-expanded={open} aria-controls={`${id}-menu`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => { if (e.key === 'ArrowDown') { e.preventDefault(); setOpen(true); } }}
      >
        <FlaskIcon />{t('exp.menu')}
      </button>
      {open ? (
        <ul ref={menu} id={`${id}-menu`} role="menu" aria-labelledby={`${id}-btn`} className="experiments-list" onKeyDown={onKey}>
          {PRESETS.map((p) => (
            <li key={p.name} role="none">
              <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose(p.name)}>
                <span className="exp-title">{p.title[lang]}</span>
                <span className="exp-lead">{EXPLANATIONS[p.name][lang].lead}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
