import { describe, expect, it } from 'vitest';
import { FIRST_STEP_DRAWN, markFirstStepDrawn } from './first-step-mark';

describe('markFirstStepDrawn', () => {
  it('marks the first frame of step 1 or later, once, with its step', () => {
    performance.clearMarks(FIRST_STEP_DRAWN);
    markFirstStepDrawn({ step: 0 });
    expect(performance.getEntriesByName(FIRST_STEP_DRAWN)).toHaveLength(0);
    markFirstStepDrawn({ step: 3 });
    markFirstStepDrawn({ step: 4 });
    const marks = performance.getEntriesByName(FIRST_STEP_DRAWN) as PerformanceMark[];
    expect(marks).toHaveLength(1);
    expect(marks[0].detail).toEqual({ step: 3 });
  });
});
