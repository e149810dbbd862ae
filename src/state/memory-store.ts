// The run library's storage in a Map (run-library.ts's LibraryStore): for the unit tests, and as what
// the library's contract means without IndexedDB's ceremony. Stores copies, as IndexedDB does.
import type { RecordSummary, SavedRuns } from './run-record';
import type { LibraryStore } from './run-library';

export class MemoryStore implements LibraryStore {
  readonly entries = new Map<string, { summary: RecordSummary; record: SavedRuns }>();

  async put(key: string, summary: RecordSummary, record: SavedRuns): Promise<void> {
    this.entries.set(key, structuredClone({ summary, record }));
  }

  async summaries(): Promise<{ key: string; summary: RecordSummary }[]> {
    return [...this.entries].map(([key, e]) => ({ key, summary: structuredClone(e.summary) }));
  }

  async record(key: string): Promise<SavedRuns | undefined> {
    const e = this.entries.get(key);
    return e ? structuredClone(e.record) : undefined;
  }

  async rename(key: string, name: string): Promise<boolean> {
    const e = this.entries.get(key);
    if (!e) return false;
    e.summary.name = name;
    e.record.name = name;
    return true;
  }

  async remove(key: string): Promise<void> {
    this.entries.delete(key);
  }
}
