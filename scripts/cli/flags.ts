// The command-line flags every NormScope CLI reads the same way, through Node's util.parseArgs:
// `--name value`, `--name=value`, switches without a value and, for the CLIs that take them, bare
// arguments. A mistake is one UsageError line naming the flag and what is accepted; cli/start.ts
// prints it as "NAME: message" with exit code 2 and no stack trace.
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export interface FlagSpec {
  /** Flags that take a value. */
  values: readonly string[];
  /** Flags without one. */
  switches: readonly string[];
  /** One-letter aliases, e.g. { h: 'help' }. */
  short?: Readonly<Record<string, string>>;
  /** Whether bare arguments (fixture files, experiment names) are accepted. */
  positionals?: boolean;
  /** Value flags that may be given more than once (`--run batch --run batch:eps=1`): every value in `all`. */
  repeatable?: readonly string[];
}

export interface Flags {
  /** The switches given (e.g. json, help). */
  switches: Set<string>;
  /** Every --name value, in the order given (a repeatable flag's first). */
  values: Map<string, string>;
  /** Every value of each repeatable flag given, in order. */
  all: Map<string, string[]>;
  /** The bare arguments, in order. */
  positionals: string[];
}

/** Reads argv (without node and the script) against `spec`; throws UsageError on anything else. */
export function readFlags(argv: readonly string[], spec: FlagSpec): Flags {
  const shortOf = (name: string) => Object.entries(spec.short ?? {}).find(([, long]) => long === name)?.[0];
  const option = (name: string, type: 'string' | 'boolean') => [name, { type, ...(shortOf(name) ? { short: shortOf(name) } : {}) }];
  const options = Object.fromEntries([...spec.values.map((n) => option(n, 'string')), ...spec.switches.map((n) => option(n, 'boolean'))]);
  // Not strict: the tokens come back as written, and the messages below are ours.
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const out: Flags = { switches: new Set(), values: new Map(), all: new Map(), positionals: [] };
  const unexpected = (arg: string) => new UsageError(`unexpected argument "${arg}": flags look like --name value (see --help)`);
  for (const token of tokens) {
    if (token.kind === 'option-terminator') throw unexpected('--');
    if (token.kind === 'positional') {
      if (!spec.positionals) throw unexpected(token.value);
      out.positionals.push(token.value);
      continue;
    }
    const { name, rawName } = token;
    const known = rawName === `--${name}` || (rawName.length === 2 && spec.short?.[rawName[1]] === name);
    if (!known || !/^[a-z0-9-]+$/.test(name)) {
      if (!rawName.startsWith('--')) throw unexpected(rawName);
      throw new UsageError(`unknown flag ${rawName}; accepted: ${[...spec.values, ...spec.switches].map((f) => `--${f}`).join(', ')}`);
    }
    if (spec.switches.includes(name)) {
      if (token.value !== undefined) throw new UsageError(`--${name} takes no value`);
      out.switches.add(name);
    } else if (spec.values.includes(name)) {
      // parseArgs takes the next argument whatever it is: a flag there means the value was left out
      if (token.value === undefined || (!token.inlineValue && /^--[a-z]/.test(token.value))) throw new UsageError(`--${name} needs a value`);
      if (spec.repeatable?.includes(name)) out.all.set(name, [...(out.all.get(name) ?? []), token.value]);
      else if (out.values.has(name)) throw new UsageError(`--${name} given twice`);
      if (!out.values.has(name)) out.values.set(name, token.value);
    } else {
      throw new UsageError(`unknown flag ${rawName}; accepted: ${[...spec.values, ...spec.switches].map((f) => `--${f}`).join(', ')}`);
    }
  }
  return out;
}

/** An integer from min to max written in decimal digits, or a UsageError naming the flag. */
export function intFlag(flag: string, text: string, min: number, max: number): number {
  const v = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(v >= min && v <= max)) throw new UsageError(`--${flag} "${text}" is not accepted; accepted: an integer from ${min} to ${max}`);
  return v;
}

/** A number of 0 or more (seconds to wait, say), or a UsageError naming the flag. */
export function nonNegativeFlag(flag: string, text: string): number {
  const v = text.trim() === '' ? NaN : Number(text);
  if (!(Number.isFinite(v) && v >= 0)) throw new UsageError(`--${flag} "${text}" is not accepted; accepted: a number, 0 or more`);
  return v;
}

/** A number above 0 (an integer if asked), or a UsageError naming the flag. */
export function positiveFlag(flag: string, text: string, integer = false): number {
  const v = text.trim() === '' ? NaN : Number(text);
  if (!(Number.isFinite(v) && v > 0 && (!integer || Number.isInteger(v)))) {
    throw new UsageError(`--${flag} "${text}" is not accepted; accepted: ${integer ? 'an integer' : 'a number'} above 0`);
  }
  return v;
}
