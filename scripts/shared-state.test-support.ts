// The module state the unit files of a worker share (isolate: false in vitest.config.ts): a file
// that leaves it changed would change the files after it in the same worker, so the setup file
// (scripts/vitest-setup.ts) fails any file that ends with it different from how the file found it.
import { afterAll, beforeAll, expect } from 'vitest';
import { simdEnabled } from '../src/engine/index';
import { getLang } from '../src/i18n/index';

/** The page language and the engine's SIMD switch: set by some tests, global to the module graph. */
const sharedState = () => ({ language: getLang(), simd: simdEnabled() });

/** Registers, for the current test file, the check that it leaves the shared state as it found it. */
export function expectSharedStateRestored(): void {
  let atStart: ReturnType<typeof sharedState>;
  beforeAll(() => { atStart = sharedState(); });
  afterAll(() => {
    expect(sharedState(), 'module state this file changed and did not restore (the next file in this worker would inherit it)').toEqual(atStart);
  });
}
