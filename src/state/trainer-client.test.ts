import { describe, expect, it } from 'vitest';
import { wantsRunWorkers } from './trainer-client';

describe('which trainer the page starts', () => {
  it('trains the runs in workers of their own on more than one core, unless ?workers=1', () => {
    expect(wantsRunWorkers(2, '')).toBe(true);
    expect(wantsRunWorkers(8, '?dataset=spiral')).toBe(true);
    expect(wantsRunWorkers(1, '')).toBe(false);
    expect(wantsRunWorkers(4, '?workers=1')).toBe(false);
  });
});
