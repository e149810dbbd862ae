// The control sidebar: every setting of the session, grouped; live ones apply at the next step,
// the ones tagged "resets" start every run again from new weights (the store's notice says so).
import { useEffect, useId, useState } from 'react';
import type { RunKind } from '../session/run-kinds';
import { runStyle } from '../charts/palette';
import type { NumberKey, TrainSettings } from '../session/settings';
import { getApp, useApp } from '../state/app';
import { type Lang, type MessageKey, runName, translate, useLang, useT } from '../i18n';
import { changeLabel, formatStepNumber } from '../state/setting-changes';
import { SPEED_RANGE } from '../state/url-codec';
import { acceptsNumber, INIT_SCALE_SLIDER, sliderScale, SPEED_SLIDER } from './control-scale';
import { Group, ResetsTag, SelectField, SliderField } from './fields';
import { LandscapeField } from './LandscapeField';
import { formatValue } from './slider-scale';
import { CNN_RUN_KINDS, DEFAULT_RUNS, INIT_SCALE, kindOfRunId, orderRunIds, RUN_KINDS, setting } from '../state/ui-inputs';

const RUN_KEYS: readonly { kind: RunKind; label: MessageKey }[] = RUN_KINDS.map((kind) => ({ kind, label: `run.${kind}` }));

/** A notice in the page's language, rewritten when the language changes. */
function notify(make: (lang: Lang) => string) {
  getApp().store.getState().notify(make);
}

/** The settings table's one line for `key`, in the page's language. */
function useHint(): (key: keyof TrainSettings) => string {
  const lang = useLang();
  return (key) => setting(key).hint[lang];
}

/** Commits a number from a slider or its field, if the table's page range and the table accept it. */
function useCommitNumber() {
  return (key: NumberKey) => (v: number | null, text: string) => {
    if (!acceptsNumber(key, v)) {
      const { page, range, label } = setting(key);
      notify((l) => translate(l, 'notice.number', {
        label: translate(l, label), value: text === '' ? '""' : text,
        accepted: `${formatValue(page.min)} … ${formatValue(page.max)}${range.integer ? translate(l, 'notice.integer') : ''}`,
      }));
      return;
    }
    const store = getApp().store;
    if (store.getState().settings[key] !== v) store.getState().set(key, v);
  };
}

/**
 * Batch size and Epsilon: the two sliders of the tweak-and-watch loop. In the sidebar with their hints;
 * on phones in the bottom sheet instead (`compact`: no hints, the sidebar's pair hidden by App.css).
 */
export function BatchEpsFields({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const hint = useHint();
  const batch = useApp((s) => s.settings.batch);
  const eps = useApp((s) => s.settings.eps);
  const commitNumber = useCommitNumber();
  const cls = compact ? undefined : 'sheet-twin';
  return (
    <>
      <SliderField label={t(setting('batch').label)} value={batch} scale={sliderScale('batch')} onCommit={commitNumber('batch')} help={compact ? undefined : hint('batch')} className={cls} />
      <SliderField label={t(setting('eps').label)} value={eps} scale={sliderScale('eps')} onCommit={commitNumber('eps')} help={compact ? undefined : hint('eps')} className={cls} />
    </>
  );
}

/**
 * After a live change, the runs go on with weights trained under the old settings: this offers to
 * start them all again with the settings as they are now (the session's Reset).
 */
export function RestartOffer() {
  const t = useT();
  const lang = useLang();
  const changes = useApp((s) => s.changes);
  if (changes.length === 0) return null;
  const list = changes.map((c) => `${changeLabel(c, lang)} (${t('chart.step', { step: formatStepNumber(c.step, lang) })})`).join(lang === 'zh' ? '；' : '; ');
  return (
    <section className="restart-offer" aria-labelledby="restart-offer-title">
      <h3 id="restart-offer-title">{t('changes.title')}</h3>
      <p>{t('changes.body', { list })}</p>
      <button type="button" onClick={() => { void getApp().store.getState().reset(); }}>{t('changes.restart')}</button>
    </section>
  );
}

/**
 * The runs that keep their own settings (`batch:eps=1`), each with its colour and a remove button, and
 * "Compare a change", which adds one from the setting changed last (state/compare-change.ts).
 */
function OwnSettingRuns({ runs }: { runs: readonly string[] }) {
  const t = useT();
  const store = getApp().store;
  const own = runs.filter((id) => id.includes(':'));
  const remove = (id: string) => {
    const next = runs.filter((r) => r !== id);
    if (next.length === 0) { notify((l) => translate(l, 'runs.atLeastOne')); return; }
    void store.getState().setRuns(next);
  };
  return (
    <div className="own-runs">
      {own.length > 0 ? (
        <ul aria-label={t('runs.own')} className="own-run-list">
          {own.map((id) => (
            <li key={id} className="own-run" data-run={id}>
              <span className="swatch" aria-hidden="true" style={{ background: runStyle(id).css }} />
              <span className="own-run-name">{runName(t, id)}</span>
              <button type="button" className="own-run-remove" aria-label={t('runs.remove', { run: runName(t, id) })} onClick={() => remove(id)}>×</button>
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="compare-change" aria-describedby="compare-help" onClick={() => { void store.getState().compareChange(); }}>{t('compare.button')}</button>
      <p id="compare-help" className="help">{t('compare.hint')}</p>
    </div>
  );
}

function initStd(init: string): number | null {
  const m = /^normal:(.+)$/.exec(init);
  return m ? Number(m[1]) : null;
}

export function Controls() {
  const t = useT();
  const settings = useApp((s) => s.settings);
  const runs = useApp((s) => s.runs);
  const store = getApp().store;
  const set = <K extends keyof TrainSettings>(key: K, value: TrainSettings[K]) => {
    const cur = store.getState().settings[key];
    if (Array.isArray(cur) ? String(cur) === String(value) : cur === value) return;
    store.getState().set(key, value);
  };

  const commitNumber = useCommitNumber();
  const hint = useHint();
  const lang = useLang();

  const std = initStd(settings.init);
  const [lastStd, setLastStd] = useState(std ?? 0.1);
  useEffect(() => { if (std !== null) setLastStd(std); }, [std]);
  const initKind = std === null ? (settings.init as 'xavier' | 'he' | 'pytorch') : 'normal';
  const cnn = settings.arch === 'cnn';
  // The CNN trains on MNIST with the runs it offers: make both so before switching to it.
  const setArch = (arch: TrainSettings['arch']) => {
    if (arch === 'cnn') {
      if (settings.dataset !== 'mnist') set('dataset', 'mnist');
      const kept = runs.filter((r) => CNN_RUN_KINDS.includes(kindOfRunId(r)!));
      if (kept.length !== runs.length) void store.getState().setRuns(kept.length ? kept : [...DEFAULT_RUNS]);
    }
    set('arch', arch);
  };

  // Runs with their own settings (batch:eps=1) stay when a kind is switched on or off.
  const toggleRun = (kind: RunKind, on: boolean) => {
    const next = orderRunIds(on ? [...runs, kind] : runs.filter((id) => id !== kind));
    if (next.length === 0) { notify((l) => translate(l, 'runs.atLeastOne')); return; }
    void store.getState().setRuns(next);
  };

  return (
    <div className="controls">
      <RestartOffer />
      <Group title={t('section.norm')} className="group-norm">
        <BatchEpsFields />
        <SliderField label={t(setting('momentum').label)} value={settings.momentum} scale={sliderScale('momentum')} onCommit={commitNumber('momentum')} help={hint('momentum')} />
        <SelectField
          label={t(setting('placement').label)} value={settings.placement} resets help={hint('placement')}
          options={setting('placement').options.map((v) => ({ value: v, label: t(`ctl.placement.${v}`) }))}
          onChange={(v) => set('placement', v)}
        />
      </Group>

      <Group title={t('section.runs')}>
        <div className="checks" role="group" aria-label={t('section.runs')} aria-describedby="runs-help">
          {RUN_KEYS.map((r) => {
            const checked = runs.includes(r.kind);
            const last = checked && runs.length === 1;
            const refused = cnn && !CNN_RUN_KINDS.includes(r.kind) && !checked;
            return (
              <label key={r.kind} className="check" title={last ? t('runs.atLeastOne') : refused ? t('runs.notForCnn') : undefined}>
                <input type="checkbox" checked={checked} disabled={last || refused} onChange={(e) => toggleRun(r.kind, e.target.checked)} />
                <span className="swatch" aria-hidden="true" style={{ background: `var(--run-${r.kind})` }} />
                {t(r.label)}
              </label>
            );
          })}
          <ResetsTag />
        </div>
        <p id="runs-help" className="help">{hint('norm')}</p>
        <OwnSettingRuns runs={runs} />
      </Group>

      <Group title={t('section.data')}>
        <SelectField
          label={t(setting('dataset').label)} value={settings.dataset} resets help={hint('dataset')}
          options={setting('dataset').options.map((v) => ({ value: v, label: t(`ds.${v}`) }))}
          onChange={(v) => set('dataset', v)}
        />
        <SelectField
          label={t(setting('arch').label)} value={settings.arch} resets help={hint('arch')}
          options={setting('arch').options.map((v) => ({ value: v, label: t(`arch.${v}`) }))}
          onChange={setArch}
        />
        {cnn ? null : <HiddenField value={settings.hidden} onApply={(h) => set('hidden', h)} />}
        <SelectField
          label={t(setting('act').label)} value={settings.act} resets help={hint('act')}
          options={setting('act').options.map((v) => ({ value: v, label: t(`act.${v}`) }))}
          onChange={(v) => set('act', v)}
        />
        <SelectField
          label={t(setting('init').label)} value={initKind} resets help={hint('init')}
          options={[{ value: 'normal', label: t('ctl.init.normal') }, { value: 'xavier', label: 'Xavier' }, { value: 'he', label: 'He' }, { value: 'pytorch', label: t('ctl.init.pytorch') }]}
          onChange={(v) => set('init', v === 'normal' ? `normal:${lastStd}` : v)}
        />
        <SliderField
          label={t('ctl.initScale')} value={std ?? lastStd} scale={INIT_SCALE_SLIDER} live={false} resets
          help={initKind === 'normal' ? INIT_SCALE.hint[lang] : t('ctl.initScale.unused', { init: initKind === 'he' ? 'He' : initKind === 'pytorch' ? t('ctl.init.pytorch') : 'Xavier' })}
          onCommit={(v, text) => {
            const { min, max } = INIT_SCALE.page;
            if (v === null || !Number.isFinite(v) || v < min || v > max) {
              notify((l) => translate(l, 'notice.number', { label: translate(l, 'ctl.initScale'), value: text, accepted: `${min} … ${max}` }));
              return;
            }
            set('init', `normal:${v}`);
          }}
        />
        <SeedField value={settings.seed} onCommit={commitNumber('seed')} help={hint('seed')} />
      </Group>

      <Group title={t('section.optim')}>
        <SelectField
          label={t(setting('optimizer').label)} value={settings.optimizer} resets help={hint('optimizer')}
          options={setting('optimizer').options.map((v) => ({ value: v, label: t(`opt.${v}`) }))}
          onChange={(v) => set('optimizer', v)}
        />
        <SliderField label={t(setting('lr').label)} value={settings.lr} scale={sliderScale('lr')} onCommit={commitNumber('lr')} help={hint('lr')} />
        {settings.optimizer === 'sgd' ? (
          <SliderField label={t(setting('sgdMomentum').label)} value={settings.sgdMomentum} scale={sliderScale('sgdMomentum')} onCommit={commitNumber('sgdMomentum')} help={hint('sgdMomentum')} />
        ) : null}
        <SliderField label={t(setting('weightDecay').label)} value={settings.weightDecay} scale={sliderScale('weightDecay')} onCommit={commitNumber('weightDecay')} help={hint('weightDecay')} />
      </Group>

      <Group title={t('section.measure')}>
        <LandscapeField value={settings.landscapeEvery} onCommit={commitNumber('landscapeEvery')} help={hint('landscapeEvery')} />
      </Group>
    </div>
  );
}

/** The Speed slider: steps per second, "max" (null) at the right end. */
export function SpeedField() {
  const t = useT();
  const speed = useApp((s) => s.speed);
  return (
    <SliderField
      label={t('ctl.speed')} value={speed} scale={SPEED_SLIDER} nullText={t('ctl.speed.max')} unit={t('ctl.speed.unit')}
      onCommit={(v, text) => {
        if (v !== null && !(Number.isFinite(v) && v >= SPEED_RANGE.min && v <= SPEED_RANGE.max)) {
          notify((l) => translate(l, 'notice.number', { label: translate(l, 'ctl.speed'), value: text, accepted: `${SPEED_RANGE.min} … ${SPEED_RANGE.max}, ${translate(l, 'ctl.speed.max')}` }));
          return;
        }
        if (v !== getApp().store.getState().speed) getApp().store.getState().setSpeed(v);
      }}
    />
  );
}

function HiddenField({ value, onApply }: { value: number[]; onApply: (h: number[]) => void }) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const [text, setText] = useState(value.join(','));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setText(value.join(',')); setError(null); }, [value]);
  const def = setting('hidden');
  const apply = () => {
    const r = def.parse(text.trim());
    if (!r.ok) { setError(t('notice.hidden', { accepted: r.accepted })); return; }
    setError(null);
    const h = r.value;
    if (String(h) !== String(value)) onApply(h);
    else setText(h.join(','));
  };
  return (
    <form className="field" onSubmit={(e) => { e.preventDefault(); apply(); }}>
      <div className="field-head">
        <label htmlFor={id}>{t('ctl.hidden')}</label>
        <ResetsTag />
      </div>
      <div className="inline">
        <input
          id={id} type="text" inputMode="numeric" spellCheck={false} autoComplete="off"
          value={text} aria-invalid={error ? true : undefined} aria-describedby={`${id}-msg`}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit">{t('ctl.hidden.apply')}</button>
      </div>
      <p id={`${id}-msg`} className={error ? 'help error' : 'help'} aria-live="polite">{error ?? `${def.hint[lang]} ${t('ctl.hidden.help')}`}</p>
    </form>
  );
}

function SeedField({ value, onCommit, help }: { value: number; onCommit: (v: number | null, text: string) => void; help: string }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    const n = text.trim() === '' ? NaN : Number(text);
    if (n === value) return;
    onCommit(n, text);
    setText(String(value));
  };
  return (
    <div className="field">
      <div className="field-head">
        <label htmlFor={id}>{t('ctl.seed')}</label>
        <ResetsTag />
      </div>
      <input
        id={id} type="number" className="num wide" min={0} step={1} value={text} aria-describedby={`${id}-help`}
        onChange={(e) => setText(e.target.value)} onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); commit(); } }}
      />
      <p id={`${id}-help`} className="help">{help}</p>
    </div>
  );
}
