// Pinned runs (issue #16): up to three entries of the run library overlaid on the live charts. The
// pins are library keys, kept in this browser (localStorage) so that they survive a reload; the
// pinned records (their series are typed arrays) are held here, outside React state, and read by the
// charts when they draw, as the live telemetry is (./telemetry.ts). React sees only a small snapshot
// (keys, names, a version that changes with every pin or unpin, the last notice).
import type { Outcome } from './run-library';
import type { SavedRuns } from './run-record';

export const MAX_PINS = 3;
export const PINS_STORAGE_KEY = 'normscope.pins';

/** What the pins need of a storage (window.localStorage, or a Map in the tests). */
export interface PinStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface PinnedEntry { key: string; record: SavedRuns }

/** Why a pin went away without the user unpinning it: the entry was deleted, or could not be read. */
export interface PinNotice { kind: 'missing' | 'failed'; names: string[] }

export interface PinsSnapshot {
  keys: readonly string[];
  /** Each pinned entry's name (the key until its record is loaded). */
  names: Readonly<Record<string, string>>;
  /** Changes with every pin, unpin or load: charts put it in their draw keys. */
  version: number;
  notice: PinNotice | null;
}

export type PinOutcome = 'pinned' | 'already' | 'full';

/** The keys a storage holds: a JSON list of at most MAX_PINS distinct strings (anything else reads as none). */
export function readPinKeys(storage: PinStorage | null): string[] {
  let text: string | null = null;
  try { text = storage?.getItem(PINS_STORAGE_KEY) ?? null; } catch { return []; }
  if (!text) return [];
  try {
    const v: unknown = JSON.parse(text);
    if (!Array.isArray(v)) return [];
    const keys = v.filter((k): k is string => typeof k === 'string' && k.length > 0 && k.length < 200);
    return [...new Set(keys)].slice(0, MAX_PINS);
  } catch {
    return [];
  }
}

type Listener = () => void;

export class PinBoard {
  private keys: string[] = [];
  private readonly loaded = new Map<string, SavedRuns>();
  private snap: PinsSnapshot = { keys: [], names: {}, version: 0, notice: null };
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storage: PinStorage | null) {
    this.keys = readPinKeys(storage);
    this.publish(null);
  }

  /** For useSyncExternalStore: the same object until something changes. */
  snapshot = (): PinsSnapshot => this.snap;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  };

  /** The pinned records loaded so far, in pin order (what the charts overlay). */
  entries(): PinnedEntry[] {
    const out: PinnedEntry[] = [];
    for (const key of this.keys) {
      const record = this.loaded.get(key);
      if (record) out.push({ key, record });
    }
    return out;
  }

  isPinned(key: string): boolean {
    return this.keys.includes(key);
  }

  /** Pins a loaded entry; refused at MAX_PINS. */
  pin(key: string, record: SavedRuns): PinOutcome {
    if (this.keys.includes(key)) {
      this.loaded.set(key, record);
      this.publish(this.snap.notice);
      return 'already';
    }
    if (this.keys.length >= MAX_PINS) return 'full';
    this.keys.push(key);
    this.loaded.set(key, record);
    this.save();
    this.publish(null);
    return 'pinned';
  }

  unpin(key: string): void {
    if (!this.keys.includes(key)) return;
    this.keys = this.keys.filter((k) => k !== key);
    this.loaded.delete(key);
    this.save();
    this.publish(this.snap.notice);
  }

  /** A renamed entry's new name. */
  rename(key: string, name: string): void {
    const r = this.loaded.get(key);
    if (!r) return;
    this.loaded.set(key, { ...r, name });
    this.publish(this.snap.notice);
  }

  /**
   * Loads the stored pins' records through `get` (the library's). An entry that is gone (deleted, or
   * another browser profile's key) is unpinned, and the notice names it; one that cannot be read now
   * (storage unavailable) stays pinned, unshown, and the notice says so.
   */
  async restore(get: (key: string) => Promise<Outcome<SavedRuns>>): Promise<void> {
    const missing: string[] = [];
    const failed: string[] = [];
    for (const key of [...this.keys]) {
      if (this.loaded.has(key)) continue;
      const o = await get(key);
      if (o.ok) this.loaded.set(key, o.value);
      else if (o.error.kind === 'missing') { missing.push(key); this.keys = this.keys.filter((k) => k !== key); } else failed.push(key);
    }
    if (missing.length) this.save();
    this.publish(missing.length ? { kind: 'missing', names: missing } : failed.length ? { kind: 'failed', names: failed } : this.snap.notice);
  }

  dismissNotice(): void {
    if (this.snap.notice) this.publish(null);
  }

  private save(): void {
    try { this.storage?.setItem(PINS_STORAGE_KEY, JSON.stringify(this.keys)); } catch { /* storage refused: the pins last until the page closes */ }
  }

  private publish(notice: PinNotice | null): void {
    const names: Record<string, string> = {};
    for (const k of this.keys) names[k] = this.loaded.get(k)?.name ?? k;
    this.snap = { keys: [...this.keys], names, version: this.snap.version + 1, notice };
    for (const l of this.listeners) l();
  }
}

function browserStorage(): PinStorage | null {
  try { return typeof localStorage !== 'undefined' ? localStorage : null; } catch { return null; }
}

/** The page's pins. */
export const pinBoard = new PinBoard(browserStorage());
