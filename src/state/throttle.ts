// Throttling that never loses the last value: at most one call per `intervalMs`; calls in between
// replace the pending value, which is sent when the interval ends.
export function throttleLatest<T>(send: (value: T) => void, intervalMs: number): { push(value: T): void; flush(): void } {
  let last = -Infinity;
  let pending: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    last = Date.now();
    send(value);
  };
  return {
    push(value: T) {
      pending = { value };
      const wait = last + intervalMs - Date.now();
      if (wait <= 0 && !timer) fire();
      else if (!timer) timer = setTimeout(fire, Math.max(0, wait));
    },
    flush() {
      if (timer) clearTimeout(timer);
      fire();
    },
  };
}
