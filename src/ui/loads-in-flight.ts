// The lazy views' code loads that have not settled yet. A Retry must not join one of them: the browser
// shares one fetch among the imports of a module (and of the chunks it imports) while it is in flight,
// so a Retry pressed after the network came back, while an earlier load (the idle preload, another
// view) still waits on a refused fetch, would fail with it. A Retry therefore waits for every load in
// flight to settle and then imports afresh; a module that did load is then taken from the browser's
// module map at once.

export class LoadsInFlight {
  private readonly pending = new Set<Promise<unknown>>();

  /** Starts a load and remembers it until it settles. */
  track<T>(load: () => Promise<T>): Promise<T> {
    const p = load();
    this.pending.add(p);
    const drop = () => { this.pending.delete(p); };
    p.then(drop, drop);
    return p;
  }

  /** Resolves (never rejects) once every load in flight now has settled, however it ended. */
  settled(): Promise<void> {
    return Promise.allSettled([...this.pending]).then(() => undefined);
  }

  get size(): number {
    return this.pending.size;
  }
}
