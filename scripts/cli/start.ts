// How every NormScope CLI starts and fails: flags parsed once, --help prints the usage, and a mistake
// is one line on stderr, "NAME: what is wrong", with exit code 2 (1 for a run that failed).
import { UsageError } from './flags';

/** Writes "NAME: message" to stderr and exits with `code`. */
export function failWith(name: string, message: string, code = 2): never {
  process.stderr.write(`${name}: ${message}\n`);
  process.exit(code);
}

/**
 * The parsed arguments, or null after printing the usage for --help. A UsageError from `parse` ends
 * the process through failWith; any other error is a bug and propagates.
 */
export function parseOrExit<A extends { help: boolean }>(name: string, parse: (argv: string[]) => A, usage: () => string): A | null {
  const args = exitOnUsageError(name, () => parse(process.argv.slice(2)));
  if (args.help) {
    console.log(usage());
    return null;
  }
  return args;
}

/** What `f` returns; a UsageError from it (bad flags or data) ends the process through failWith. */
export function exitOnUsageError<T>(name: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof UsageError) failWith(name, e.message);
    throw e;
  }
}
