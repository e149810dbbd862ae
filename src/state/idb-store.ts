// The run library's storage in IndexedDB (run-library.ts's LibraryStore), with the platform API: one
// database, two object stores under the same key: `summaries` (what the list shows, small) and
// `records` (the series, typed arrays stored as they are). A save writes both in one transaction, so a
// full disk leaves neither. openIdbStore resolves null (with why) where IndexedDB is missing or refused
// (private windows of some browsers, storage blocked in the settings): the page then says so.
import type { RecordSummary, SavedRuns } from './run-record';
import type { LibraryStore } from './run-library';

export const DB_NAME = 'normscope';
const DB_VERSION = 1;
const SUMMARIES = 'summaries';
const RECORDS = 'records';

/** A request as a promise. */
function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** A transaction's end: resolves on complete, rejects with its error (a QuotaExceededError lands here). */
function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('the transaction was aborted', 'AbortError'));
  });
}

class IdbStore implements LibraryStore {
  constructor(private readonly db: IDBDatabase) {}

  async put(key: string, summary: RecordSummary, record: SavedRuns): Promise<void> {
    const tx = this.db.transaction([SUMMARIES, RECORDS], 'readwrite');
    const end = finished(tx);
    try {
      tx.objectStore(SUMMARIES).put(summary, key);
      tx.objectStore(RECORDS).put(record, key);
    } catch (e) {
      try { tx.abort(); } catch { /* already ended */ }
      end.catch(() => {});
      throw e;
    }
    await end;
  }

  async summaries(): Promise<{ key: string; summary: RecordSummary }[]> {
    const store = this.db.transaction(SUMMARIES, 'readonly').objectStore(SUMMARIES);
    const [keys, values] = await Promise.all([done(store.getAllKeys()), done(store.getAll())]);
    return keys.map((key, i) => ({ key: String(key), summary: values[i] as RecordSummary }));
  }

  async record(key: string): Promise<SavedRuns | undefined> {
    return done(this.db.transaction(RECORDS, 'readonly').objectStore(RECORDS).get(key)) as Promise<SavedRuns | undefined>;
  }

  async rename(key: string, name: string): Promise<boolean> {
    const tx = this.db.transaction([SUMMARIES, RECORDS], 'readwrite');
    const end = finished(tx);
    const summaries = tx.objectStore(SUMMARIES);
    const records = tx.objectStore(RECORDS);
    const [summary, record] = await Promise.all([done(summaries.get(key)), done(records.get(key))]) as [RecordSummary | undefined, SavedRuns | undefined];
    if (!summary || !record) { await end; return false; }
    summaries.put({ ...summary, name }, key);
    records.put({ ...record, name }, key);
    await end;
    return true;
  }

  async remove(key: string): Promise<void> {
    const tx = this.db.transaction([SUMMARIES, RECORDS], 'readwrite');
    const end = finished(tx);
    tx.objectStore(SUMMARIES).delete(key);
    tx.objectStore(RECORDS).delete(key);
    await end;
  }
}

/** Opens (creating on first use) the library's database; null and the reason when it cannot. */
export async function openIdbStore(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<{ store: LibraryStore | null; why: string }> {
  if (!factory) return { store: null, why: 'this browser offers no IndexedDB' };
  try {
    const req = factory.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(SUMMARIES)) db.createObjectStore(SUMMARIES);
      if (!db.objectStoreNames.contains(RECORDS)) db.createObjectStore(RECORDS);
    };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new DOMException('another tab holds an older version of the library open', 'InvalidStateError'));
    });
    // another tab upgrading later: let it (this tab's library then reports failures until reloaded)
    db.onversionchange = () => db.close();
    return { store: new IdbStore(db), why: '' };
  } catch (e) {
    return { store: null, why: e instanceof Error || e instanceof DOMException ? `${e.name}: ${e.message}` : String(e) };
  }
}
