// Lets queued messages (a cancel from the page or the parent thread) run between two slices of work:
// setImmediate in Node, a MessageChannel message in a browser worker (no setTimeout 4 ms clamp).
export const yieldToEvents: () => Promise<void> = typeof setImmediate === 'function'
  ? () => new Promise((resolve) => setImmediate(resolve))
  : (() => {
    const channel = new MessageChannel();
    const queue: (() => void)[] = [];
    channel.port1.onmessage = () => queue.shift()?.();
    return () => new Promise<void>((resolve) => { queue.push(resolve); channel.port2.postMessage(0); });
  })();
