// The seed and number of runs of each property test (see ./property.ts for the rules). Kept apart
// from the test builder so that Vitest's setup file can use it before any test is defined.

const env = typeof process === 'undefined' ? {} : process.env;
export const FUZZ = env.NORMSCOPE_FUZZ === '1';
const FUZZ_FACTOR = Math.max(1, Number(env.NORMSCOPE_FUZZ_RUNS ?? 20) || 20);
const REPLAY_SEED = env.NORMSCOPE_PROP_SEED === undefined ? undefined : Number(env.NORMSCOPE_PROP_SEED);
/** fast-check's own default number of runs. */
const DEFAULT_RUNS = 100;

/** FNV-1a over the UTF-16 code units, as a 32-bit signed integer (fast-check takes any integer seed). */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** The seed and number of runs of one property, named by its file, suites and title. */
export function propertyParams(fullName: string, numRuns = DEFAULT_RUNS): { seed: number; numRuns: number } {
  if (REPLAY_SEED !== undefined && Number.isFinite(REPLAY_SEED)) return { seed: REPLAY_SEED, numRuns };
  if (FUZZ) return { seed: (Date.now() ^ Math.floor(Math.random() * 2 ** 32)) | 0, numRuns: numRuns * FUZZ_FACTOR };
  return { seed: seedOf(fullName), numRuns };
}
