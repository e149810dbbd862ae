import { describe, expect, it } from 'vitest';
import { LoadsInFlight } from './loads-in-flight';

/** A promise settled from outside, and whether it has settled yet. */
function deferred<T>() {
  let resolve!: (v: T) => void, reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('LoadsInFlight', () => {
  it('settled() waits for a refused load still in flight, then resolves; later loads are not waited for', async () => {
    const loads = new LoadsInFlight();
    const refused = deferred<string>();
    const first = loads.track(() => refused.promise);
    first.catch(() => undefined);
    let settled = false;
    const done = loads.settled().then(() => { settled = true; });
    const later = deferred<string>();
    loads.track(() => later.promise); // started after the wait began: not part of it
    await flush();
    expect(settled).toBe(false);
    refused.reject(new Error('net::ERR_FAILED'));
    await done;
    expect(settled).toBe(true);
    expect(loads.size).toBe(1);
    later.resolve('ok');
    await flush();
    expect(loads.size).toBe(0);
  });

  it('a retry that waits for the refused load, then loads afresh, gets the fresh result, not the failure', async () => {
    const loads = new LoadsInFlight();
    const refused = deferred<string>();
    loads.track(() => refused.promise).catch(() => undefined);
    let network = 'down';
    const retry = loads.settled().then(() => loads.track(() => (network === 'up' ? Promise.resolve('view') : Promise.reject(new Error('offline')))));
    network = 'up'; // the network came back, then the refused load ended
    refused.reject(new Error('net::ERR_FAILED'));
    await expect(retry).resolves.toBe('view');
  });

  it('with nothing in flight, settled() resolves at once and the tracked value passes through', async () => {
    const loads = new LoadsInFlight();
    await expect(loads.settled()).resolves.toBeUndefined();
    await expect(loads.track(() => Promise.resolve(7))).resolves.toBe(7);
    await expect(loads.track(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(loads.size).toBe(0);
  });
});
