// When the training loop may take its next step: as fast as possible, or N steps per second.
// A steady rate is kept by counting steps since the rate was set: allowed(t) = floor((t - t0) * rate / 1000).
export class Pacer {
  private rate: number | null = null;
  private t0 = 0;
  private taken = 0;

  constructor(private readonly now: () => number) {}

  /** null = as fast as possible; else steps per second (> 0). */
  setRate(stepsPerSecond: number | null): void {
    if (stepsPerSecond !== null && !(Number.isFinite(stepsPerSecond) && stepsPerSecond > 0)) {
      throw new RangeError(`speed must be a positive number of steps per second or null (as fast as possible), got ${stepsPerSecond}`);
    }
    this.rate = stepsPerSecond;
    this.restart();
  }

  get stepsPerSecond(): number | null {
    return this.rate;
  }

  /** Forget the past (after a pause), so that no burst of steps makes up for lost time. */
  restart(): void {
    this.t0 = this.now();
    this.taken = 0;
  }

  /** Steps that may be taken now (Infinity when unlimited). */
  allowed(): number {
    if (this.rate === null) return Infinity;
    return Math.max(0, Math.floor(((this.now() - this.t0) * this.rate) / 1000) - this.taken);
  }

  took(steps: number): void {
    this.taken += steps;
  }

  /** Milliseconds until the next step is allowed (0 when one is allowed now). */
  waitMs(): number {
    if (this.rate === null || this.allowed() > 0) return 0;
    const due = this.t0 + ((this.taken + 1) * 1000) / this.rate;
    return Math.max(0, due - this.now());
  }
}
