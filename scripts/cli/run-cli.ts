// The command-line tools as their tests run them: `node --import tsx scripts/NAME.ts ...`, and the
// one-line usage errors every tool must give (exit code 2, nothing on stdout, no stack trace).
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';

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
