import { describe, expect, it } from 'vitest';
import { COORDINATOR_NAME, MAX_RUN_WORKERS, runWorkers, workersFromName } from './run-workers';

describe('how many workers train the runs', () => {
  it('uses one per core, at most MAX_RUN_WORKERS, unless the address says; one core keeps the single worker', () => {
    expect(runWorkers(1, '')).toBe(1);
    expect(runWorkers(0, '')).toBe(1);
    expect(runWorkers(2, '')).toBe(2);
    expect(runWorkers(3, '?dataset=spiral')).toBe(3);
    expect(runWorkers(16, '')).toBe(MAX_RUN_WORKERS);
    expect(runWorkers(1, '?workers=2')).toBe(2);
    expect(runWorkers(8, '?workers=1')).toBe(1);
    expect(runWorkers(8, '?workers=99')).toBe(MAX_RUN_WORKERS);
    expect(runWorkers(3, '?workers=nonsense')).toBe(3);
    expect(runWorkers(3, '?workers=0')).toBe(3);
  });

  it('passes the number to the coordinating worker in its name', () => {
    expect(workersFromName(`${COORDINATOR_NAME}3`)).toBe(3);
    expect(workersFromName(`${COORDINATOR_NAME}x`)).toBeNull();
    expect(workersFromName('normscope-trainer')).toBeNull();
  });
});
