import { describe, expect, it } from 'vitest';
import { estimateRemaining, formatDuration } from './eta';
import { jobWork, plannedSeconds, STEP_OVERHEAD, totalWork } from './work';
import { planSweep } from '../../session/sweep/protocol';

describe('time estimates', () => {
  it('extrapolates the measured throughput to the work left', () => {
    // 25% of the work in 10 s: 30 s left
    expect(estimateRemaining({ totalWork: 1000, doneWork: 250, elapsedSeconds: 10 })).toBeCloseTo(30, 10);
    expect(estimateRemaining({ totalWork: 1000, doneWork: 900, elapsedSeconds: 90 })).toBeCloseTo(10, 10);
  });

  it('gives no estimate before anything is measured, and 0 at the end', () => {
    expect(estimateRemaining({ totalWork: 1000, doneWork: 0, elapsedSeconds: 30 })).toBeNull();
    expect(estimateRemaining({ totalWork: 1000, doneWork: 500, elapsedSeconds: 0.2 })).toBeNull();
    expect(estimateRemaining({ totalWork: 1000, doneWork: 1000, elapsedSeconds: 5 })).toBe(0);
    expect(estimateRemaining({ totalWork: 0, doneWork: 0, elapsedSeconds: 0 })).toBe(0);
  });

  it('weighs a job by its steps and batch, and plans with the slowest job as a floor', () => {
    expect(jobWork({ steps: 100, batch: 8 })).toBe(100 * (8 + STEP_OVERHEAD));
    const jobs = planSweep({ norms: ['none', 'batch'], batches: [2, 128], examples: 240_000, seed: 1 });
    expect(totalWork(jobs)).toBe(2 * (120_000 * (2 + STEP_OVERHEAD) + 1875 * (128 + STEP_OVERHEAD)));
    const one = plannedSeconds(jobs, 1, 1000);
    expect(one).toBeCloseTo(totalWork(jobs) / 1000, 6);
    // with a worker per job, the longest job bounds the time
    expect(plannedSeconds(jobs, 8, 1000)).toBeCloseTo(jobWork(jobs[0]) / 1000, 6);
    expect(plannedSeconds([], 2)).toBe(0);
  });

  it('formats durations coarsely, in either language', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(44.6)).toBe('45 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(180)).toBe('3 min');
    expect(formatDuration(7500)).toBe('2 h 5 min');
    expect(formatDuration(3599.6)).toBe('1 h');
    expect(formatDuration(7199)).toBe('2 h');
    expect(formatDuration(200, { s: '秒', min: '分', h: '小时' })).toBe('3 分 20 秒');
  });
});
