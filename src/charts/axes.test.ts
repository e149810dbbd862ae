import { describe, expect, it } from 'vitest';
import { formatStep } from './axes';

describe('axes', () => {
  it('formats steps and examples seen short: k from a thousand, M from a million', () => {
    expect([0, 950, 1000, 1200, 12_000, 999_000].map(formatStep)).toEqual(['0', '950', '1k', '1.2k', '12k', '999k']);
    // an examples-seen axis (rows) or a long session: 2,000k reads as 2M
    expect([1_000_000, 2_000_000, 2_500_000, 12_340_000].map(formatStep)).toEqual(['1M', '2M', '2.5M', '12.3M']);
  });
});
