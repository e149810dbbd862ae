// Small React state derived from frames that changes rarely (axis domains, which runs exist, whether
// there is data): `useRareState` only re-renders when the value really changed (deep-equal on arrays
// and plain objects), so a draw can call the setter for every frame.
import { useCallback, useRef, useState } from 'react';

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

export function useRareState<T>(initial: T): [T, (next: T) => void] {
  const [value, setValue] = useState(initial);
  const ref = useRef(initial);
  const set = useCallback((next: T) => {
    if (same(ref.current, next)) return;
    ref.current = next;
    setValue(next);
  }, []);
  return [value, set];
}

export { same as deepEqual };
