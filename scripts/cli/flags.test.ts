// The one argument helper of the CLIs (util.parseArgs underneath) and how a mistake ends a CLI:
// one line "NAME: message" on stderr, exit code 2, no stack trace.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { intFlag, nonNegativeFlag, positiveFlag, readFlags, UsageError, type FlagSpec } from './flags';
import { parseOrExit } from './start';

const SPEC: FlagSpec = { values: ['seed', 'data'], switches: ['json', 'help'], short: { h: 'help' } };

describe('readFlags', () => {
  it('reads values (--name value, --name=value), switches, aliases and, where allowed, bare arguments', () => {
    const f = readFlags(['--seed', '3', '--data=dir', '--json', '-h'], SPEC);
    expect([...f.values]).toEqual([['seed', '3'], ['data', 'dir']]);
    expect([...f.switches].sort()).toEqual(['help', 'json']);
    expect(f.positionals).toEqual([]);
    expect(readFlags(['a.json', '--json', 'b.json'], { ...SPEC, positionals: true }).positionals).toEqual(['a.json', 'b.json']);
    expect(readFlags(['--seed', '-1'], SPEC).values.get('seed')).toBe('-1');
    expect(readFlags(['--data='], SPEC).values.get('data')).toBe('');
  });

  it('names the mistake in one line', () => {
    const cases: [string[], RegExp][] = [
      [['--sed', '3'], /^unknown flag --sed; accepted: --seed, --data, --json, --help$/],
      [['--seed'], /^--seed needs a value$/],
      [['--seed', '--json'], /^--seed needs a value$/],
      [['--json=1'], /^--json takes no value$/],
      [['--seed', '1', '--seed', '2'], /^--seed given twice$/],
      [['stray'], /^unexpected argument "stray": flags look like --name value/],
      [['-x'], /^unexpected argument "-x"/],
      [['--', 'a'], /^unexpected argument "--"/],
    ];
    for (const [argv, pattern] of cases) {
      expect(() => readFlags(argv, SPEC), argv.join(' ')).toThrow(UsageError);
      expect(() => readFlags(argv, SPEC), argv.join(' ')).toThrow(pattern);
    }
  });

  it('checks numbers', () => {
    expect(intFlag('seed', '7', 0, 9)).toBe(7);
    expect(() => intFlag('seed', '7.5', 0, 9)).toThrow(/^--seed "7.5" is not accepted; accepted: an integer from 0 to 9$/);
    expect(() => intFlag('seed', '10', 0, 9)).toThrow(UsageError);
    expect(positiveFlag('ms', '0.5')).toBe(0.5);
    expect(() => positiveFlag('ms', '0')).toThrow(/^--ms "0" is not accepted; accepted: a number above 0$/);
    expect(() => positiveFlag('trials', '2.5', true)).toThrow(/an integer above 0/);
    expect(() => positiveFlag('ms', 'abc')).toThrow(UsageError);
    expect(nonNegativeFlag('settle', '0')).toBe(0);
    expect(nonNegativeFlag('settle', '2.5')).toBe(2.5);
    expect(() => nonNegativeFlag('settle', '-1')).toThrow(/^--settle "-1" is not accepted; accepted: a number, 0 or more$/);
    expect(() => nonNegativeFlag('settle', ' ')).toThrow(UsageError);
  });
});

describe('parseOrExit', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Runs parseOrExit on argv; process.exit is stubbed to throw, so the exit code can be read. */
  function exitOf(argv: string[]): { code: number | null; stderr: string; stdout: string } {
    const saved = process.argv;
    process.argv = ['node', 'cli.ts', ...argv];
    let stderr = '';
    let stdout = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => { stderr += String(s); return true; });
    vi.spyOn(console, 'log').mockImplementation((s) => { stdout += `${String(s)}\n`; });
    vi.spyOn(process, 'exit').mockImplementation(((code: number) => { throw new Error(`exit ${code}`); }) as never);
    const parse = (a: string[]) => {
      const f = readFlags(a, SPEC);
      return { seed: intFlag('seed', f.values.get('seed') ?? '0', 0, 9), help: f.switches.has('help') };
    };
    try {
      parseOrExit('cli', parse, () => 'usage: cli [--seed N]');
      return { code: null, stderr, stdout };
    } catch (e) {
      const m = /^exit (\d+)$/.exec((e as Error).message);
      if (!m) throw e;
      return { code: Number(m[1]), stderr, stdout };
    } finally {
      process.argv = saved;
    }
  }

  it('an unknown flag, a missing value or a bad number: one line on stderr, exit 2', () => {
    for (const [argv, line] of [
      [['--nope'], 'cli: unknown flag --nope; accepted: --seed, --data, --json, --help\n'],
      [['--seed'], 'cli: --seed needs a value\n'],
      [['--seed', 'x'], 'cli: --seed "x" is not accepted; accepted: an integer from 0 to 9\n'],
    ] as const) {
      const r = exitOf([...argv]);
      expect(r, argv.join(' ')).toEqual({ code: 2, stderr: line, stdout: '' });
    }
  });

  it('--help prints the usage; good flags go through', () => {
    expect(exitOf(['--help'])).toEqual({ code: null, stderr: '', stdout: 'usage: cli [--seed N]\n' });
    expect(exitOf(['--seed', '4']).code).toBeNull();
  });
});
