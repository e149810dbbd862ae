// One operation at a time, in the order asked: a load, a change, a reset must reach every run group
// in the same order. A failed operation does not stop the ones behind it.
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(op: () => Promise<T>): Promise<T> {
    const next = this.tail.then(op, op);
    this.tail = next.catch(() => {});
    return next;
  }
}
