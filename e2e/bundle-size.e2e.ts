// The first page's JavaScript stays within issue 6's budget of 250 KB gzipped (a size, not a speed).
// Runs on the dist/ the browser tests were built from; prints every group's size.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRST_PAGE_BUDGET, formatBundleSizes, measureBundle, totalGzip } from '../scripts/bundle-size';
import { PROJECT_ROOT } from './support/server';

describe('bundle size', () => {
  it(`keeps the first page's JavaScript within ${FIRST_PAGE_BUDGET / 1000} kB gzipped`, () => {
    const sizes = measureBundle(join(PROJECT_ROOT, 'dist'));
    console.log(`[e2e] ${formatBundleSizes(sizes).split('\n').join('\n[e2e] ')}`);
    expect(sizes.firstPage.length).toBeGreaterThan(0);
    expect(sizes.workers.length).toBeGreaterThan(0); // the trainer's worker is built as its own chunk
    expect(totalGzip(sizes.firstPage)).toBeLessThanOrEqual(FIRST_PAGE_BUDGET);
  });
});
