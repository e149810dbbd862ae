// Decides when a job reports its progress: when it has moved by at least `minFraction` of its steps
// or `minMs` milliseconds have passed since the last report, and always at the last step. A 120,000-step
// run then sends a few hundred messages, not 120,000.
export class ProgressThrottle {
  private lastStep = 0;
  private lastAt: number;

  constructor(
    private readonly steps: number,
    private readonly now: () => number,
    private readonly minFraction = 0.01,
    private readonly minMs = 250,
  ) {
    this.lastAt = now();
  }

  /** True when step `step` (1-based) should be reported; the report is then counted as made. */
  due(step: number): boolean {
    const moved = step - this.lastStep >= this.minFraction * this.steps;
    if (!(step >= this.steps || moved || this.now() - this.lastAt >= this.minMs)) return false;
    this.lastStep = step;
    this.lastAt = this.now();
    return true;
  }
}
