import { describe, expect, it } from 'vitest';
import { withStartKeys } from './url-sync';

describe('withStartKeys', () => {
  it('keeps ?workers=N, which the page reads once at start, beside the settings the store writes', () => {
    expect(withStartKeys('?lr=0.5&hidden=8,8', '?workers=1&lr=3')).toBe('?lr=0.5&hidden=8,8&workers=1');
    expect(withStartKeys('', '?workers=2')).toBe('?workers=2');
    expect(withStartKeys('?lr=0.5', '?lr=0.2')).toBe('?lr=0.5');
    expect(withStartKeys('', '')).toBe('');
  });
});
