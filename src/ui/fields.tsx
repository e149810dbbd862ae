// The control widgets: a labelled slider with a number field beside it for exact entry, a labelled
// select, and the "resets" tag of settings that start every run again.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useT } from '../i18n';
import { formatValue, positionOf, valueAt, type SliderScale } from './slider-scale';

export function ResetsTag() {
  const t = useT();
  return <span className="tag" title={t('ctl.resets.title')}>{t('ctl.resets')}</span>;
}

export interface SliderFieldProps {
  label: string;
  value: number | null;
  scale: SliderScale;
  /** Called with a value the caller accepts or refuses (validation lives with the caller). */
  onCommit: (value: number | null, text: string) => void;
  /** Commit while dragging (live settings) or only when the drag ends (settings that reset). */
  live?: boolean;
  resets?: boolean;
  /** Text of null (e.g. "max"). */
  nullText?: string;
  unit?: string;
  /** One line under the control (the settings table's hint), read with the control as its description. */
  help?: string;
  /** Extra class of the field (e.g. the ones the phone's bottom sheet shows instead). */
  className?: string;
}

/** A labelled range input (accessible name = label) and a number field of the same name for exact entry. */
export function SliderField({ label, value, scale, onCommit, live = true, resets = false, nullText, unit, help, className }: SliderFieldProps) {
  const id = useId();
  const [drag, setDrag] = useState<number | null>(null);
  const [text, setText] = useState(formatValue(value));
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setText(formatValue(value));
  }, [value, editing]);
  const pos = drag ?? positionOf(scale, value);
  const shownValue = drag !== null ? valueAt(scale, drag) : value;
  const valueText = shownValue === null ? (nullText ?? '') : formatValue(shownValue);

  const commitText = () => {
    setEditing(false);
    const trimmed = text.trim();
    if (trimmed === '' && nullText !== undefined) { onCommit(null, trimmed); return; }
    if (trimmed === formatValue(value) || (trimmed !== '' && Number(trimmed) === value)) { setText(formatValue(value)); return; }
    onCommit(trimmed === '' ? NaN : Number(trimmed), trimmed);
  };
  const endDrag = () => {
    if (drag === null) return;
    const v = valueAt(scale, drag);
    setDrag(null);
    if (!live && v !== value) onCommit(v, formatValue(v));
  };

  return (
    <div className={`field slider-field${className ? ` ${className}` : ''}`}>
      <div className="field-head">
        <label id={`${id}-label`} htmlFor={`${id}-range`}>{label}</label>
        {resets ? <ResetsTag /> : null}
      </div>
      <div className="slider-row">
        <input
          id={`${id}-range`}
          type="range"
          min={0}
          max={scale.positions}
          step={1}
          value={pos}
          aria-valuetext={unit && shownValue !== null ? `${valueText} ${unit}` : valueText}
          aria-describedby={help ? `${id}-help` : undefined}
          onChange={(e) => {
            const p = Number(e.target.value);
            const v = valueAt(scale, p);
            if (live) { setDrag(null); if (v !== value) onCommit(v, formatValue(v)); } else setDrag(p);
          }}
          onPointerUp={endDrag}
          onKeyUp={endDrag}
          onBlur={endDrag}
        />
        <input
          type="number"
          className="num"
          aria-labelledby={`${id}-label`}
          aria-describedby={help ? `${id}-help` : undefined}
          inputMode="decimal"
          step="any"
          placeholder={nullText}
          value={editing ? text : drag !== null ? formatValue(shownValue) : text}
          onFocus={() => setEditing(true)}
          onChange={(e) => { setEditing(true); setText(e.target.value); }}
          onBlur={commitText}
          onKeyDown={(e) => {
            if (e.key === 'Enter') { e.preventDefault(); commitText(); }
            if (e.key === 'Escape') { setEditing(false); setText(formatValue(value)); }
          }}
        />
      </div>
      {help ? <p id={`${id}-help`} className="help">{help}</p> : null}
    </div>
  );
}

export function SelectField<V extends string>({ label, value, options, onChange, resets = false, help }: {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (v: V) => void;
  resets?: boolean;
  /** One line under the control, read with it as its description. */
  help?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <div className="field-head">
        <label htmlFor={id}>{label}</label>
        {resets ? <ResetsTag /> : null}
      </div>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as V)} aria-describedby={help ? `${id}-help` : undefined}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {help ? <p id={`${id}-help`} className="help">{help}</p> : null}
    </div>
  );
}

export function Group({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <fieldset className={`group${className ? ` ${className}` : ''}`}>
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
