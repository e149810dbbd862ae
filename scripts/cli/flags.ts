// The command-line flags every NormScope CLI reads the same way: `--name value`, `--name=value`, and
// switches without a value. A mistake is one UsageError line naming the flag and what is accepted.

export class UsageError extends Error {}

export interface Flags {
  /** The switches given (e.g. json, help). */
  switches: Set<string>;
  /** Every --name value, in the order given. */
  values: Map<string, string>;
}

/** Splits argv (without node and the script) into switches and values; throws UsageError on anything else. */
export function readFlags(argv: readonly string[], switches: readonly string[], valueFlags: readonly string[]): Flags {
  const out: Flags = { switches: new Set(), values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new UsageError(`unexpected argument "${arg}": flags look like --name value (see --help)`);
    const [, name, inline] = m;
    if (switches.includes(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      out.switches.add(name);
      continue;
    }
    if (!valueFlags.includes(name)) {
      throw new UsageError(`unknown flag --${name}; accepted: ${[...valueFlags, ...switches].map((f) => `--${f}`).join(', ')}`);
    }
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length || /^--[a-z]/.test(argv[i + 1])) throw new UsageError(`--${name} needs a value`);
      value = argv[++i];
    }
    if (out.values.has(name)) throw new UsageError(`--${name} given twice`);
    out.values.set(name, value);
  }
  return out;
}
