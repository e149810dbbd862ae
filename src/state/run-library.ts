// The run library: saved sets of runs (run-record.ts) on this device, listed, renamed, deleted. The
// logic is here, over a small storage interface (LibraryStore): idb-store.ts keeps entries in
// IndexedDB, memory-store.ts in a Map (the unit tests). Every operation resolves, never throws: a
// failure comes back as a LibraryError whose kind says what the page should tell the user (storage
// full, storage unavailable as in a private window, the entry gone, anything else), and the live page
// never depends on it.
import { summarize, type RecordSummary, type SavedRuns } from './run-record';

/** One entry of the list: its key and what the list shows. */
export interface LibraryEntry extends RecordSummary { key: string }

/** What the library needs from a storage: two tables under one key, written together or not at all. */
export interface LibraryStore {
  /** Writes the summary and the record in one transaction. */
  put(key: string, summary: RecordSummary, record: SavedRuns): Promise<void>;
  summaries(): Promise<{ key: string; summary: RecordSummary }[]>;
  record(key: string): Promise<SavedRuns | undefined>;
  /** Replaces the summary and the record's name together; false when the key is not stored. */
  rename(key: string, name: string): Promise<boolean>;
  remove(key: string): Promise<void>;
}

export type LibraryErrorKind = 'quota' | 'unavailable' | 'missing' | 'failed';

export interface LibraryError { kind: LibraryErrorKind; message: string }

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: LibraryError };

/**
 * What a storage error means for the user. QuotaExceededError (also as the transaction's error, or
 * legacy code 22) is a full storage; SecurityError, InvalidStateError and a refused open are an
 * unavailable one (private windows, IndexedDB blocked by the browser's settings).
 */
export function classifyError(e: unknown): LibraryError {
  const inner = (e as { inner?: unknown } | null)?.inner;
  if (inner !== undefined && inner !== null) return classifyError(inner);
  const name = typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
  const message = e instanceof Error || (typeof e === 'object' && e !== null && 'message' in e) ? String((e as { message: unknown }).message) : String(e);
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
  if (name === 'QuotaExceededError' || code === 22 || name === 'NS_ERROR_DOM_QUOTA_REACHED') return { kind: 'quota', message };
  if (name === 'SecurityError' || name === 'InvalidStateError' || name === 'UnavailableError' || name === 'NotAllowedError') return { kind: 'unavailable', message };
  return { kind: 'failed', message };
}

export const MAX_NAME_CHARS = 120;

/** A name as the library keeps it: trimmed, single-spaced, at most MAX_NAME_CHARS; null if empty. */
export function cleanName(name: string): string | null {
  const s = name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_CHARS);
  return s === '' ? null : s;
}

/** The name a new entry gets: the runs and the step, e.g. "plain vs batch · step 1,200". */
export function defaultName(r: Pick<SavedRuns, 'runs' | 'step'>): string {
  return `${r.runs.map((x) => x.id).join(' vs ')} · step ${r.step.toLocaleString('en-US')}`;
}

export class RunLibrary {
  private serial = 0;

  /** `store` is null when no storage could be opened: every call then reports 'unavailable'. */
  constructor(private readonly store: LibraryStore | null, private readonly why = 'IndexedDB is not available') {}

  private async run<T>(op: (s: LibraryStore) => Promise<T>): Promise<Outcome<T>> {
    if (!this.store) return { ok: false, error: { kind: 'unavailable', message: this.why } };
    try {
      return { ok: true, value: await op(this.store) };
    } catch (e) {
      return { ok: false, error: classifyError(e) };
    }
  }

  /** A key that sorts by time: save-<ms since 1970, 13 digits>-<counter>. */
  private newKey(now: number): string {
    this.serial += 1;
    return `save-${String(Math.floor(now)).padStart(13, '0')}-${String(this.serial).padStart(4, '0')}`;
  }

  /** Saves a record (its name cleaned, or a default one); the new entry. */
  save(record: SavedRuns, now = Date.now()): Promise<Outcome<LibraryEntry>> {
    const named = { ...record, name: cleanName(record.name) ?? defaultName(record) };
    const key = this.newKey(now);
    const summary = summarize(named);
    return this.run(async (s) => {
      await s.put(key, summary, named);
      return { key, ...summary };
    });
  }

  /** Every entry, newest first. */
  list(): Promise<Outcome<LibraryEntry[]>> {
    return this.run(async (s) => (await s.summaries())
      .map(({ key, summary }) => ({ key, ...summary }))
      .sort((a, b) => (a.savedAt === b.savedAt ? (a.key < b.key ? 1 : -1) : a.savedAt < b.savedAt ? 1 : -1)));
  }

  async get(key: string): Promise<Outcome<SavedRuns>> {
    const o = await this.run((s) => s.record(key));
    if (!o.ok) return o;
    return o.value ? { ok: true, value: o.value } : { ok: false, error: { kind: 'missing', message: `no saved entry ${key}` } };
  }

  /** Renames an entry; an empty name is refused (kind 'failed'), a gone entry is 'missing'. */
  async rename(key: string, name: string): Promise<Outcome<string>> {
    const clean = cleanName(name);
    if (clean === null) return { ok: false, error: { kind: 'failed', message: 'empty name' } };
    const o = await this.run((s) => s.rename(key, clean));
    if (!o.ok) return o;
    return o.value ? { ok: true, value: clean } : { ok: false, error: { kind: 'missing', message: `no saved entry ${key}` } };
  }

  remove(key: string): Promise<Outcome<void>> {
    return this.run((s) => s.remove(key));
  }
}

/** The browser's estimate of this origin's storage (bytes), or null where it has none. */
export async function storageEstimate(nav: { storage?: { estimate?: () => Promise<{ usage?: number; quota?: number }> } } = globalThis.navigator ?? {}): Promise<{ usage: number; quota: number } | null> {
  try {
    const e = await nav.storage?.estimate?.();
    return e && Number.isFinite(e.usage) && Number.isFinite(e.quota) ? { usage: e.usage!, quota: e.quota! } : null;
  } catch {
    return null;
  }
}

/** A size for people: 812 B, 14 KB, 3.4 MB, 125 MB, 1.2 GB (powers of 1,000, as browsers report storage; one
 * decimal only below 10, so every size on the Library panel (entries, total, usage, quota) has the same precision). */
export function formatBytes(n: number, locale = 'en-US'): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = Math.max(0, n);
  let u = 0;
  while (v >= 1000 && u < units.length - 1) { v /= 1000; u++; }
  return `${v.toLocaleString(locale, { maximumFractionDigits: u === 0 ? 0 : v < 10 ? 1 : 0 })} ${units[u]}`;
}
