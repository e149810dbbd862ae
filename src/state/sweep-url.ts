// The sweep's keys in the page address, read once at start-up (the dashboard's URL sync rewrites the
// address afterwards and keeps only its own keys): `sweep=1` opens the panel, `sweep-examples=N` adds
// N examples per run to the panel's choices and selects it (a quick sweep, e.g. for a demonstration;
// the same code path as the offered counts). Anything malformed is ignored.
import { SWEEP_LIMITS } from '../session/sweep/protocol';

export interface SweepQuery {
  open: boolean;
  examples: number | null;
}

export function parseSweepQuery(search: string): SweepQuery {
  const params = new URLSearchParams(search);
  const open = params.get('sweep') === '1';
  const text = params.get('sweep-examples');
  const n = text !== null && /^\d+$/.test(text) ? Number(text) : NaN;
  const examples = n >= SWEEP_LIMITS.minExamples && n <= SWEEP_LIMITS.maxExamples ? n : null;
  return { open: open || examples !== null, examples };
}

/** The address the page was opened with (captured when this module loads, before any rewrite). */
export const INITIAL_SWEEP_QUERY: SweepQuery = parseSweepQuery(typeof window !== 'undefined' ? window.location.search : '');
