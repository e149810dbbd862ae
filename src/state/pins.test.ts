import { describe, expect, it } from 'vitest';
import { MAX_PINS, PinBoard, PINS_STORAGE_KEY, readPinKeys, type PinStorage } from './pins';
import type { Outcome } from './run-library';
import type { SavedRuns } from './run-record';
import { testRecord } from './run-record.test-support';

class MapStorage implements PinStorage {
  readonly m = new Map<string, string>();
  getItem(k: string) { return this.m.get(k) ?? null; }
  setItem(k: string, v: string) { this.m.set(k, v); }
}

const named = (name: string): SavedRuns => ({ ...testRecord(), name });

describe('pins', () => {
  it('keeps at most three pins, refusing the fourth, and unpins', () => {
    const b = new PinBoard(new MapStorage());
    for (let i = 0; i < MAX_PINS; i++) expect(b.pin(`k${i}`, named(`e${i}`))).toBe('pinned');
    expect(b.pin('k3', named('e3'))).toBe('full');
    expect(b.pin('k1', named('e1'))).toBe('already');
    expect(b.snapshot().keys).toEqual(['k0', 'k1', 'k2']);
    b.unpin('k1');
    expect(b.entries().map((e) => e.key)).toEqual(['k0', 'k2']);
    expect(b.pin('k3', named('e3'))).toBe('pinned');
  });

  it('survives a reload: the keys are stored, the records read back through the library', async () => {
    const storage = new MapStorage();
    const first = new PinBoard(storage);
    first.pin('a', named('A'));
    first.pin('b', named('B'));
    const again = new PinBoard(storage);
    expect(again.snapshot().keys).toEqual(['a', 'b']);
    expect(again.entries()).toEqual([]);
    await again.restore(async (key): Promise<Outcome<SavedRuns>> => ({ ok: true, value: named(key.toUpperCase()) }));
    expect(again.entries().map((e) => e.record.name)).toEqual(['A', 'B']);
    expect(again.snapshot().names).toEqual({ a: 'A', b: 'B' });
    expect(again.snapshot().notice).toBeNull();
  });

  it('drops a pin whose entry was deleted, with a notice; keeps one that cannot be read now', async () => {
    const storage = new MapStorage();
    storage.setItem(PINS_STORAGE_KEY, JSON.stringify(['gone', 'kept', 'later']));
    const b = new PinBoard(storage);
    await b.restore(async (key): Promise<Outcome<SavedRuns>> => (key === 'gone'
      ? { ok: false, error: { kind: 'missing', message: 'no saved entry gone' } }
      : key === 'later' ? { ok: false, error: { kind: 'unavailable', message: 'blocked' } } : { ok: true, value: named('K') }));
    expect(b.snapshot().keys).toEqual(['kept', 'later']);
    expect(b.snapshot().notice).toEqual({ kind: 'missing', names: ['gone'] });
    expect(JSON.parse(storage.getItem(PINS_STORAGE_KEY)!)).toEqual(['kept', 'later']);
    expect(b.entries().map((e) => e.key)).toEqual(['kept']);
    b.dismissNotice();
    expect(b.snapshot().notice).toBeNull();
  });

  it('reads hostile stored values as no pins, never throws', () => {
    const s = new MapStorage();
    for (const v of ['{', '"a"', '{"0":"a"}', '[1,2]', JSON.stringify(['a', 'a', 'b', 'c', 'd', 'e'])]) {
      s.setItem(PINS_STORAGE_KEY, v);
      expect(readPinKeys(s).length).toBeLessThanOrEqual(MAX_PINS);
    }
    expect(readPinKeys(s)).toEqual(['a', 'b', 'c']);
    const throwing: PinStorage = { getItem() { throw new Error('SecurityError'); }, setItem() { throw new Error('SecurityError'); } };
    const b = new PinBoard(throwing);
    expect(b.pin('x', named('X'))).toBe('pinned');
    expect(b.snapshot().keys).toEqual(['x']);
  });
});
