import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store';
import { classifyError, cleanName, RunLibrary, storageEstimate, type LibraryStore } from './run-library';
import { recordBytes } from './run-record';
import { testRecord } from './run-record.test-support';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('run library', () => {
  it('saves, lists newest first, reads back, renames and deletes', async () => {
    const store = new MemoryStore();
    const lib = new RunLibrary(store);
    const a = await lib.save(testRecord('first'), Date.parse('2026-12-07T10:00:00Z'));
    const b = await lib.save({ ...testRecord('second'), savedAt: '2026-12-07T11:00:00.000Z' }, Date.parse('2026-12-07T11:00:00Z'));
    if (!a.ok || !b.ok) throw new Error('save failed');
    expect(a.value).toMatchObject({ name: 'first', step: 300, dataset: 'mnist', runs: [{ id: 'plain', testAcc: 0.899999976 }, { id: 'batch', testAcc: 0.949999988 }] });
    expect(a.value.bytes).toBe(recordBytes(testRecord('first')));
    const list = await lib.list();
    expect(list.ok && list.value.map((e) => e.name)).toEqual(['second', 'first']);
    const got = await lib.get(a.value.key);
    expect(got.ok && got.value).toEqual(testRecord('first'));
    expect(await lib.rename(a.value.key, '  eps 1e-5   vs eps 1 ')).toEqual({ ok: true, value: 'eps 1e-5 vs eps 1' });
    const renamed = await lib.get(a.value.key);
    expect(renamed.ok && renamed.value.name).toBe('eps 1e-5 vs eps 1');
    expect(await lib.remove(a.value.key)).toEqual({ ok: true, value: undefined });
    const after = await lib.list();
    expect(after.ok && after.value.map((e) => e.key)).toEqual([b.value.key]);
    expect(store.entries.size).toBe(1);
  });

  it('names an unnamed save after its runs and step; refuses an empty rename; a gone entry is "missing"', async () => {
    const lib = new RunLibrary(new MemoryStore());
    const s = await lib.save(testRecord('   '));
    expect(s.ok && s.value.name).toBe('plain vs batch · step 300');
    if (!s.ok) return;
    expect(await lib.rename(s.value.key, ' \n ')).toMatchObject({ ok: false, error: { kind: 'failed' } });
    expect(await lib.rename('save-nope', 'x')).toMatchObject({ ok: false, error: { kind: 'missing' } });
    expect(await lib.get('save-nope')).toMatchObject({ ok: false, error: { kind: 'missing' } });
    expect(cleanName('x'.repeat(500))).toHaveLength(120);
  });

  it('a full storage is reported as quota and leaves the library as it was', async () => {
    const store = new MemoryStore();
    const lib = new RunLibrary(store);
    await lib.save(testRecord('kept'));
    const full: LibraryStore = { ...store, summaries: () => store.summaries(), record: (k) => store.record(k), rename: (k, n) => store.rename(k, n), remove: (k) => store.remove(k), put: async () => { throw quota(); } };
    const o = await new RunLibrary(full).save(testRecord('too much'));
    expect(o).toMatchObject({ ok: false, error: { kind: 'quota' } });
    const list = await lib.list();
    expect(list.ok && list.value.map((e) => e.name)).toEqual(['kept']);
  });

  it('without a storage every call reports unavailable, and nothing throws', async () => {
    const lib = new RunLibrary(null, 'SecurityError: denied');
    for (const o of [await lib.save(testRecord()), await lib.list(), await lib.get('k'), await lib.rename('k', 'n'), await lib.remove('k')]) {
      expect(o).toEqual({ ok: false, error: { kind: 'unavailable', message: 'SecurityError: denied' } });
    }
  });

  it('classifies storage errors', () => {
    expect(classifyError(quota()).kind).toBe('quota');
    expect(classifyError({ name: 'Error', code: 22, message: 'legacy' }).kind).toBe('quota');
    expect(classifyError({ inner: quota() }).kind).toBe('quota');
    expect(classifyError(new DOMException('no', 'SecurityError')).kind).toBe('unavailable');
    expect(classifyError(new DOMException('closing', 'InvalidStateError')).kind).toBe('unavailable');
    expect(classifyError(new Error('disk on fire'))).toEqual({ kind: 'failed', message: 'disk on fire' });
    expect(classifyError('odd')).toEqual({ kind: 'failed', message: 'odd' });
  });

  it('reads the storage estimate where there is one', async () => {
    expect(await storageEstimate({ storage: { estimate: async () => ({ usage: 10, quota: 100 }) } })).toEqual({ usage: 10, quota: 100 });
    expect(await storageEstimate({})).toBeNull();
    expect(await storageEstimate({ storage: { estimate: async () => { throw new Error('no'); } } })).toBeNull();
  });
});

describe('formatBytes', () => {
  it('writes sizes as browsers report storage (powers of 1,000)', async () => {
    const { formatBytes } = await import('./run-library');
    expect([812, 14_200, 3_400_000, 125_000_000, 1.2e9].map((n) => formatBytes(n))).toEqual(['812 B', '14 KB', '3.4 MB', '125 MB', '1.2 GB']);
  });
});
