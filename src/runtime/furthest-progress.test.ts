import { describe, expect, it } from 'vitest';
import { furthestProgress } from './furthest-progress';
import type { LoadProgress } from '../session/dataset-loader';

const p = (loaded: number, total = 100): LoadProgress => ({ loaded, total, file: 'f' });

describe('furthestProgress', () => {
  it('passes on only the reports of the group that is furthest, so the page sees one monotone bar', () => {
    const seen: number[] = [];
    const report = furthestProgress(2, (q) => seen.push(q.loaded))!;
    report(0, p(0)); // group 0 waits for the lock
    report(1, p(10)); // group 1 downloads
    report(1, p(60));
    report(0, p(0));
    report(1, p(100));
    report(0, p(40)); // group 0 reads the cached copy: behind, not shown
    report(0, p(100));
    expect(seen).toEqual([0, 10, 60, 100, 100]);
  });
  it('is undefined without a listener', () => {
    expect(furthestProgress(3)).toBeUndefined();
  });
});
