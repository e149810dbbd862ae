// The "Landscape every N steps" control: how often the loss landscape and ICS are measured (0 = off).
// A live setting: it applies at the next step; the value is checked by the caller (onCommit).
import { useEffect, useId, useState } from 'react';
import { useT } from '../i18n';

export function LandscapeField({ value, onCommit, help }: { value: number; onCommit: (v: number | null, text: string) => void; help: string }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    const trimmed = text.trim();
    const n = trimmed === '' ? NaN : Number(trimmed);
    if (n === value) { setText(String(value)); return; }
    onCommit(n, trimmed);
    setText(String(value));
  };
  return (
    <div className="field">
      <div className="field-head">
        <label htmlFor={id}>{t('ctl.landscapeEvery')}</label>
      </div>
      <input
        id={id} type="number" className="num wide" min={0} max={100000} step={1} value={text} aria-describedby={`${id}-help`}
        onChange={(e) => setText(e.target.value)} onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); commit(); } }}
      />
      <p id={`${id}-help`} className="help">{help}</p>
    </div>
  );
}
