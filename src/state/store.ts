// The app's state: settings and run status (zustand). Big telemetry never enters it: it flows from
// the worker to the TelemetryHub, and charts read it there. Actions talk to the trainer: live settings
// are throttled (a few per second, the last value always arrives); settings that need new weights
// reset every run together.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { findPreset, presetSettings, type ExperimentChoice, type PresetName } from '../session/presets';
import { isLive, setting, type TrainSettings } from '../session/settings';
import type { ChangeResult, Reachable, Trainer, TrainerStatus } from '../runtime/trainer-api';
import { getLang, type Lang, type MessageKey, runName, subscribeLang, translate } from '../i18n';
import { compareChangePlan } from './compare-change';
import { isMarkedKey, type SettingChange } from './setting-changes';
import { throttleLatest } from './throttle';

/** The subset of the trainer the store uses: a comlink Remote<Trainer> or the trainer itself. */
export type TrainerLike = Reachable<Trainer>;

export interface AppState {
  settings: TrainSettings;
  /** Run ids (session/run-spec.ts): a kind, or a kind with its own settings ('batch:eps=1'). */
  runs: string[];
  /** null = as fast as possible. */
  speed: number | null;
  status: TrainerStatus;
  step: number;
  epoch: number;
  /** The last thing the page should tell the user (a reset, a refused value, an error), or null. */
  notice: string | null;
  load: { loaded: number; total: number } | null;
  selected: { layer: number; unit: number };
  /** The experiment whose explanation the page shows, or null. */
  experiment: ExperimentChoice | null;
  /** The training worker failed (threw, died, stopped answering): what happened, until a restart. */
  fault: { message: string; wasPlaying: boolean } | null;
  /** Live changes of settings that change training, since the runs last started from new weights. */
  changes: SettingChange[];
}

export interface AppActions {
  /** Changes one setting: live ones at the next step (throttled), others reset every run. */
  set<K extends keyof TrainSettings>(key: K, value: TrainSettings[K]): void;
  setRuns(runs: string[]): Promise<void>;
  /**
   * Compare a change (compare-change.ts): adds a run keeping the last changed setting's new value, puts
   * the session's value back, and starts every run again; a notice says why when it cannot.
   */
  compareChange(): Promise<void>;
  setSpeed(speed: number | null): void;
  play(): Promise<void>;
  pause(): Promise<void>;
  stepOnce(): Promise<void>;
  reset(): Promise<void>;
  select(layer: number, unit: number): void;
  /** Starts the session with the current settings (once, at page load). */
  start(autoplay: boolean): Promise<void>;
  /** Frame metadata from the telemetry pump: keeps status, step and notice in step with the worker. */
  sync(frame: { status: string; step: number; epoch: number; notice: string | null }): void;
  dismissNotice(): void;
  /** Shows a notice written by `make` in the page's language, and rewritten by it when the language changes. */
  notify(make: (lang: Lang) => string): void;
  /** Sets the controls and runs of an experiment (and a variant of it), restarts every run, and plays. */
  runExperiment(name: PresetName, variant?: string | null): Promise<void>;
  /** Hides the experiment's explanation; the settings stay. */
  closeExperiment(): void;
  /** The worker failed: the page says so and stops talking to it (the charts keep the last frame). */
  crash(message: string): void;
  /** A new worker (the page's `reconnect`), loaded with the same settings and runs, playing if it was. */
  restart(): Promise<void>;
}

export type AppStore = StoreApi<AppState & AppActions>;


/** A notice the worker sends in its frames, in the page's language (the worker speaks English). */
function localNotice(text: string, lang: Lang): string {
  if (/^every run diverged/.test(text)) return translate(lang, 'notice.allDiverged');
  const reached = /^reached (\d+) steps$/.exec(text);
  if (reached) return translate(lang, 'notice.reached', { steps: Number(reached[1]).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US') });
  return translate(lang, 'notice.worker', { message: text });
}
export const LIVE_THROTTLE_MS = 250;

export function createAppStore(
  firstTrainer: TrainerLike,
  initial: { settings: TrainSettings; runs: string[]; notice?: string | ((lang: Lang) => string) | null; experiment?: ExperimentChoice | null; speed?: number | null },
  /** The settings an experiment runs with (the page's: url-codec's experimentPageSettings). */
  experimentSettings: (name: PresetName, variant: string | null) => TrainSettings = (name, variant) => presetSettings(findPreset(name)!, variant, initial.settings),
  /** Ends the failed worker and starts a new one (the page: trainer-client.ts); needed by restart(). */
  reconnect?: () => TrainerLike,
): AppStore {
  let trainer = firstTrainer;
  // How the notice on show was written, so that a language switch rewrites it (a notice set as a plain
  // string, e.g. by a test, stays as it is).
  let made: { text: string; make: (lang: Lang) => string } | null = null;
  const localized = (make: (lang: Lang) => string): string => {
    const text = make(getLang());
    made = { text, make };
    return text;
  };
  const store = createStore<AppState & AppActions>()((set, get) => {
    /** A reset's notice in the page's language: what restarted the runs, e.g. "Hidden layers: every run restarted…". */
    const report = (r: ChangeResult, cause: MessageKey | null = null) => {
      if (r.applied === 'reset') {
        set({ notice: localized((l) => (cause ? translate(l, 'notice.resetBy', { what: translate(l, cause) }) : translate(l, 'notice.reset'))), changes: [] });
      }
      else set({ notice: null });
    };
    // The worker's own words (e.g. a size limit) stay English; the sentence around them is the page's.
    const fail = (e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      set({ notice: localized((l) => translate(l, 'notice.failed', { message })) });
    };
    /** The store's log of live changes: one entry per marked key whose value changed. */
    const logChanges = (change: Partial<TrainSettings>, before: Partial<TrainSettings>, step: number) => {
      const added: SettingChange[] = [];
      for (const k of Object.keys(change) as (keyof TrainSettings)[]) {
        const from = before[k];
        const to = change[k];
        if (!isMarkedKey(k) || typeof from !== 'number' || typeof to !== 'number' || from === to) continue;
        added.push({ step, key: k, from, to });
      }
      if (added.length) set({ changes: [...get().changes, ...added] });
    };
    const pendingLive: Partial<TrainSettings> = {};
    /** The value each pending live key had before: a refused change puts it back in the controls. */
    const liveBefore: Partial<TrainSettings> = {};
    /** A refused change (e.g. past the size limits) leaves the session as it was: so do the controls. */
    const revert = (change: Partial<TrainSettings>, before: Partial<TrainSettings>) => {
      const settings = { ...get().settings };
      for (const k of Object.keys(change) as (keyof TrainSettings)[]) {
        if (settings[k] === change[k] && k in before) (settings as Record<string, unknown>)[k] = before[k];
      }
      set({ settings });
    };
    const live = throttleLatest<void>(() => {
      const change = { ...pendingLive };
      const before = { ...liveBefore };
      for (const k of Object.keys(pendingLive)) delete (pendingLive as Record<string, unknown>)[k];
      for (const k of Object.keys(liveBefore)) delete (liveBefore as Record<string, unknown>)[k];
      Promise.resolve(trainer.change(change)).then((r) => {
        if (r.applied === 'live') logChanges(change, before, r.step ?? get().step + 1);
      }, (e) => {
        revert(change, before);
        fail(e);
      });
    }, LIVE_THROTTLE_MS);

    return {
      settings: structuredClone(initial.settings),
      runs: [...initial.runs],
      speed: initial.speed ?? null,
      status: 'empty',
      step: 0,
      epoch: 0,
      notice: typeof initial.notice === 'function' ? localized(initial.notice) : initial.notice ?? null,
      load: null,
      selected: { layer: 0, unit: 0 },
      experiment: initial.experiment ?? null,
      fault: null,
      changes: [],

      set(key, value) {
        const previous = get().settings[key];
        const settings = { ...get().settings, [key]: value };
        set({ settings });
        if (isLive(key)) {
          if (!(key in liveBefore)) (liveBefore as Record<string, unknown>)[key] = previous;
          (pendingLive as Record<string, unknown>)[key] = value;
          live.push();
        } else {
          live.flush();
          const change = { [key]: value } as Partial<TrainSettings>;
          Promise.resolve(trainer.change(change)).then((r) => report(r, setting(key).label), (e) => {
            revert(change, { [key]: previous } as Partial<TrainSettings>);
            fail(e);
          });
        }
      },
      async setRuns(runs) {
        set({ runs: [...runs] });
        try { report(await trainer.setRuns(runs), 'section.runs'); } catch (e) { fail(e); }
      },
      async compareChange() {
        const { settings, runs, changes } = get();
        const plan = compareChangePlan(settings, runs, changes);
        if (!plan.ok) { get().notify((l) => translate(l, `compare.refused.${plan.why}`)); return; }
        // Pending live changes are in the settings already; the reload below applies them.
        for (const k of Object.keys(pendingLive)) delete (pendingLive as Record<string, unknown>)[k];
        for (const k of Object.keys(liveBefore)) delete (liveBefore as Record<string, unknown>)[k];
        set({ settings: plan.settings, runs: plan.runs, changes: [], status: 'loading' });
        try {
          await trainer.load(plan.settings, plan.runs);
          get().notify((l) => translate(l, 'compare.added', { run: runName((k, p) => translate(l, k, p), plan.id), value: String(plan.from) }));
          await get().play();
        } catch (e) { fail(e); }
      },
      setSpeed(speed) {
        set({ speed });
        Promise.resolve(trainer.setSpeed(speed)).catch(fail);
      },
      async play() {
        set({ status: 'running' });
        await trainer.play();
      },
      async pause() {
        set({ status: 'paused' });
        // the step training stopped at (rounds in flight included), shown before the next frame brings it
        const reached: unknown = await trainer.pause();
        if (typeof reached === 'number' && get().status === 'paused') set({ step: reached });
      },
      async stepOnce() {
        try { await trainer.stepOnce(1); } catch (e) { fail(e); }
      },
      async reset() {
        try { report(await trainer.reset()); } catch (e) { fail(e); }
      },
      select(layer, unit) {
        set({ selected: { layer, unit } });
        Promise.resolve(trainer.select(layer, unit)).catch(fail);
      },
      async start(autoplay) {
        const { settings, runs } = get();
        set({ status: 'loading' });
        try {
          await trainer.load(settings, runs, (p: { loaded: number; total: number }) => set({ load: { loaded: p.loaded, total: p.total } }));
          set({ load: null });
          if (autoplay) await get().play();
          else set({ status: 'paused' });
        } catch (e) {
          set({ status: 'error', load: null });
          fail(e);
        }
      },
      sync(frame) {
        if (get().fault) return; // a frame that was on its way from the failed worker
        const sent = frame.notice;
        const notice = sent ? localized((l) => localNotice(sent, l)) : null;
        // A step below a logged change means the runs started again (a reset elsewhere): forget the log.
        const stale = get().changes.length > 0 && frame.step < get().changes[get().changes.length - 1].step - 1;
        set({ status: frame.status as TrainerStatus, step: frame.step, epoch: frame.epoch, ...(notice ? { notice } : {}), ...(stale ? { changes: [] } : {}) });
      },
      dismissNotice() {
        set({ notice: null });
      },
      notify(make) {
        set({ notice: localized(make) });
      },
      async runExperiment(name, variant = null) {
        const preset = findPreset(name);
        if (!preset) { fail(new Error(`unknown experiment ${String(name)}`)); return; }
        // Pending live changes belong to the old settings: drop them.
        for (const k of Object.keys(pendingLive)) delete (pendingLive as Record<string, unknown>)[k];
        for (const k of Object.keys(liveBefore)) delete (liveBefore as Record<string, unknown>)[k];
        const settings = experimentSettings(preset.name, variant);
        const runs = [...preset.runs];
        set({ settings, runs, experiment: { name: preset.name, variant }, status: 'loading', notice: null, changes: [] });
        try {
          report(await trainer.load(settings, runs, (p: { loaded: number; total: number }) => set({ load: { loaded: p.loaded, total: p.total } })));
          set({ load: null });
          await get().play();
        } catch (e) {
          set({ load: null });
          fail(e);
        }
      },
      closeExperiment() {
        set({ experiment: null });
      },
      crash(message) {
        if (get().fault) return;
        const wasPlaying = get().status === 'running' || get().status === 'loading';
        set({ fault: { message, wasPlaying }, status: 'error', load: null });
      },
      async restart() {
        const fault = get().fault;
        if (!fault || !reconnect) return;
        trainer = reconnect();
        for (const k of Object.keys(pendingLive)) delete (pendingLive as Record<string, unknown>)[k];
        for (const k of Object.keys(liveBefore)) delete (liveBefore as Record<string, unknown>)[k];
        set({ fault: null, notice: null, step: 0, epoch: 0, changes: [] });
        const { speed } = get();
        Promise.resolve(trainer.setSpeed(speed)).catch(fail);
        await get().start(fault.wasPlaying);
      },
    };
  });
  subscribeLang(() => {
    const m = made;
    if (!m || store.getState().notice !== m.text) return;
    store.setState({ notice: localized(m.make) });
  });
  return store;
}
