// JS heap of a page and of every worker under it, through the Chrome DevTools Protocol.
// Workers are not pages: playwright-core gives no CDP session for them, so the page's session
// auto-attaches to its workers (Target.setAutoAttach), and each worker's session does the same for
// the workers it starts (the coordinator's run-group workers). Messages to a worker travel wrapped in
// Target.sendMessageToTarget through its parent (the non-flattened protocol), replies come back in
// Target.receivedMessageFromTarget.
import type { CDPSession, Page } from 'playwright-core';

interface Channel {
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export interface HeapSample {
  /** 'page' or the worker script's file name, e.g. `run-group.worker-abc.js#2`. */
  target: string;
  /** V8's used heap after a forced garbage collection, bytes. */
  usedBytes: number;
  /** ArrayBuffer backing stores (typed arrays: weights, frames, MNIST), outside the heap, bytes. */
  backingBytes: number;
}

interface Attached { channel: Channel; url: string; detached: boolean }

/** A child channel: `sessionId` under `parent`, whose events arrive through `listen`. */
function childChannel(parent: Channel, sessionId: string, onEvent: (method: string, params: Record<string, unknown>) => void) {
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  const channel: Channel = {
    send(method, params = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        parent.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch((e: Error) => {
          pending.delete(id);
          reject(e);
        });
      });
    },
  };
  const receive = (message: string) => {
    const m = JSON.parse(message) as { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown> };
    if (m.id !== undefined) {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) p?.reject(new Error(`${m.error.message}`));
      else p?.resolve(m.result ?? {});
    } else if (m.method) onEvent(m.method, m.params ?? {});
  };
  const failAll = () => { for (const p of pending.values()) p.reject(new Error('target detached')); pending.clear(); };
  return { channel, receive, failAll };
}

export class HeapProbe {
  private readonly workers = new Map<string, Attached>();
  private readonly routes = new Map<string, (message: string) => void>();

  private constructor(private readonly session: CDPSession) {}

  /** Call before the page starts its workers (before goto) so that none is missed. */
  static async attach(page: Page): Promise<HeapProbe> {
    const session = await page.context().newCDPSession(page);
    const probe = new HeapProbe(session);
    const root: Channel = { send: (method, params) => session.send(method as never, params as never) as Promise<Record<string, unknown>> };
    session.on('Target.attachedToTarget', (e) => probe.onAttached(root, e as unknown as AttachedEvent));
    session.on('Target.detachedFromTarget', (e) => probe.onDetached((e as { sessionId: string }).sessionId));
    session.on('Target.receivedMessageFromTarget', (e) => probe.routes.get((e as { sessionId: string }).sessionId)?.((e as { message: string }).message));
    await root.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return probe;
  }

  private onAttached(parent: Channel, e: AttachedEvent): void {
    if (e.targetInfo.type !== 'worker') return;
    const { channel, receive, failAll } = childChannel(parent, e.sessionId, (method, params) => {
      if (method === 'Target.attachedToTarget') this.onAttached(channel, params as unknown as AttachedEvent);
      else if (method === 'Target.detachedFromTarget') this.onDetached((params as { sessionId: string }).sessionId);
      else if (method === 'Target.receivedMessageFromTarget') this.routes.get((params as { sessionId: string }).sessionId)?.((params as { message: string }).message);
    });
    this.routes.set(e.sessionId, receive);
    const attached: Attached = { channel, url: e.targetInfo.url, detached: false };
    this.workers.set(e.sessionId, attached);
    this.routes.set(`${e.sessionId}:fail`, failAll as unknown as (m: string) => void);
    channel.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false }).catch(() => {});
  }

  private onDetached(sessionId: string): void {
    const w = this.workers.get(sessionId);
    if (w) w.detached = true;
    (this.routes.get(`${sessionId}:fail`) as unknown as (() => void) | undefined)?.();
    this.workers.delete(sessionId);
  }

  /** The page's and each live worker's used heap, each after a forced full GC. */
  async sample(): Promise<HeapSample[]> {
    const measure = async (ch: Channel): Promise<{ usedBytes: number; backingBytes: number }> => {
      await ch.send('HeapProfiler.collectGarbage');
      const r = await ch.send('Runtime.getHeapUsage');
      return { usedBytes: r.usedSize as number, backingBytes: (r.backingStorageSize as number | undefined) ?? 0 };
    };
    const root: Channel = { send: (method, params) => this.session.send(method as never, params as never) as Promise<Record<string, unknown>> };
    const samples: HeapSample[] = [{ target: 'page', ...(await measure(root)) }];
    const seen = new Map<string, number>();
    for (const w of [...this.workers.values()].sort((a, b) => a.url.localeCompare(b.url))) {
      const file = w.url.split('/').pop() ?? w.url;
      const n = (seen.get(file) ?? 0) + 1;
      seen.set(file, n);
      try {
        samples.push({ target: `${file}#${n}`, ...(await measure(w.channel)) });
      } catch {
        // the worker went away between the listing and the measurement
      }
    }
    return samples;
  }

  async detach(): Promise<void> {
    await this.session.detach().catch(() => {});
  }
}

interface AttachedEvent { sessionId: string; targetInfo: { type: string; url: string; targetId: string } }
