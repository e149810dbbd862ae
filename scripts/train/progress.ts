// A one-line progress bar for a terminal, redrawn in place on stderr at most ten times a second.
export class ProgressBar {
  private lastDraw = 0;
  constructor(private readonly total: number, private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(done: number, status: string, force = false): void {
    const now = performance.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = 28;
    const filled = Math.round((width * done) / this.total);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const pct = ((100 * done) / this.total).toFixed(0).padStart(3);
    this.stream.write(`\r${bar} ${pct}% ${done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')}  ${status}\x1b[K`);
  }

  finish(): void {
    this.stream.write('\n');
  }
}
