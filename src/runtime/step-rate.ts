// Steps per second, measured over windows of at least a second from the step each frame reached.
export class StepRate {
  private mark: { t: number; step: number } | null = null;
  private rate = 0;

  /** The rate after a frame at time `t` (ms) reached `step`; a step going back (a reset) starts over. */
  sample(t: number, step: number): number {
    const m = this.mark;
    if (!m || t - m.t > 1000 || step < m.step) {
      if (m && t > m.t && step >= m.step) this.rate = ((step - m.step) * 1000) / (t - m.t);
      this.mark = { t, step };
    }
    return this.rate;
  }

  reset(): void {
    this.mark = null;
  }
}
