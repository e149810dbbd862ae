// The command-line tools as their tests run them: `node --import tsx scripts/NAME.ts ...`, and the
// one-line usage errors every tool must give (exit code 2, nothing on stdout, no stack trace). One real
// run per tool checks that path end to end; the other messages are checked in-process (usageErrorOf),
// since every one reaches stderr through the same cli/start.ts exitOnUsageError.
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { UsageError } from './flags';

export interface CliResult { code: number | null; stdout: string; stderr: string }

/** Runs `scripts/<script>.ts` with `args` to its end. */
export function runCli(script: string, args: readonly string[]): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Each case's arguments end with exit code 2 and one line on stderr matching its pattern. */
export function expectUsageErrors(run: (args: string[]) => CliResult, cases: readonly (readonly [string[], RegExp])[]): void {
  for (const [args, pattern] of cases) {
    const r = run(args);
    expect(r.code, args.join(' ')).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines, args.join(' ')).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }
}

/** The message of the UsageError `f` throws ("NAME: message" is what the tool prints), or a failure. */
export function usageErrorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error('no UsageError was thrown');
}

/** Each case's arguments make `check` throw a one-line UsageError matching its pattern. */
export function expectUsageMessages(check: (args: string[]) => unknown, cases: readonly (readonly [string[], RegExp])[]): void {
  for (const [args, pattern] of cases) {
    const message = usageErrorOf(() => check(args));
    expect(message, args.join(' ')).toMatch(pattern);
    expect(message, args.join(' ')).not.toMatch(/\n/);
  }
}
