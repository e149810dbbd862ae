import { describe, expect, it } from 'vitest';
import { FUZZ, propertyParams, seedOf } from './property-params';

describe('property seeds', () => {
  it('are a stable hash of the test name (FNV-1a), so the same commit runs the same cases', () => {
    expect(seedOf('')).toBe(0x811c9dc5 | 0);
    expect(seedOf('a')).toBe(0xe40c292c | 0); // FNV-1a 32-bit of "a"
    expect(seedOf('src/x.test.ts > suite > title')).toBe(seedOf('src/x.test.ts > suite > title'));
    expect(seedOf('src/x.test.ts > suite > title')).not.toBe(seedOf('src/x.test.ts > suite > title 2'));
  });

  it.skipIf(FUZZ || process.env.NORMSCOPE_PROP_SEED !== undefined)('in npm test: the name\'s hash and the test\'s own number of runs', () => {
    expect(propertyParams('some property')).toEqual({ seed: seedOf('some property'), numRuns: 100 });
    expect(propertyParams('some property', 150)).toEqual({ seed: seedOf('some property'), numRuns: 150 });
  });
});
