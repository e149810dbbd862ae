// The multi-seed runs' key in the page address, read once at start-up: `seeds-steps=N` trains every
// run of "Run 8 seeds" for N steps instead of the experiment's own (a quick look, and the browser
// test's tiny runs; the panel then says the runs are shortened). Anything malformed is ignored.
export function parseSeedsSteps(search: string): number | null {
  const text = new URLSearchParams(search).get('seeds-steps');
  const n = text !== null && /^\d+$/.test(text) ? Number(text) : NaN;
  return n >= 1 && n <= 1_000_000 ? n : null;
}

/** From the address the page was opened with (captured when this module loads, before any rewrite). */
export const INITIAL_SEEDS_STEPS: number | null = parseSeedsSteps(typeof window !== 'undefined' ? window.location.search : '');
