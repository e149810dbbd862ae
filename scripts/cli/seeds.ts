// The --seeds flag of the experiments and the sweep: a count N (seeds 1 to N) or a comma list naming
// seeds ("3,7"; one named seed: "7,"). A mistake is one UsageError line.
import { MAX_SEEDS, seedRange } from '../../src/runtime/index';
import { setting } from '../../src/session/index';
import { UsageError } from './flags';

const MAX_SEED = setting('seed').range.max;

/** "8": seeds 1..8; "3,7" or "7,": those seeds. */
export function parseSeeds(text: string): number[] {
  const t = text.trim();
  if (/^\d+$/.test(t)) return seedRange(countOf(t));
  const parts = t.split(',').map((s) => s.trim());
  if (parts.at(-1) === '' && parts.length > 1) parts.pop();
  const ok = parts.length > 0 && parts.length <= MAX_SEEDS && parts.every((s) => /^\d+$/.test(s) && Number(s) <= MAX_SEED);
  if (!ok) throw new UsageError(`--seeds "${text}" is not accepted; accepted: a count from 1 to ${MAX_SEEDS}, or a comma list of at most ${MAX_SEEDS} seeds from 0 to ${MAX_SEED}`);
  const seeds = parts.map(Number);
  if (new Set(seeds).size !== seeds.length) throw new UsageError(`--seeds "${text}" is not accepted; accepted: each seed at most once`);
  return seeds;
}

function countOf(text: string): number {
  const v = Number(text);
  if (!(v >= 1 && v <= MAX_SEEDS)) throw new UsageError(`--seeds "${text}" is not accepted; accepted: an integer from 1 to ${MAX_SEEDS}, or a comma list of seeds`);
  return v;
}
