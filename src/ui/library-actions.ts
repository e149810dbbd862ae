// What the Library dialog does with the page: the record of the current runs (the latest frame, with a
// thumbnail drawn from its losses), the one library of this page (opened on first use), and the
// messages of the library's and the file's errors in the page's language.
import type { T } from '../i18n';
import type { RunKind } from '../session/run-kinds';
import { getApp } from '../state/app';
import { openIdbStore } from '../state/idb-store';
import { RunFileError } from '../state/run-file';
import { RunLibrary, type LibraryError } from '../state/run-library';
import { recordFromFrame, type SavedRuns } from '../state/run-record';
import { thumbnailPng } from './thumbnail-png';
import { isRunKind } from '../state/ui-inputs';

let library: Promise<RunLibrary> | null = null;

/** The page's library: IndexedDB when the browser allows it, else one that says it is unavailable. */
export function pageLibrary(): Promise<RunLibrary> {
  library ??= openIdbStore().then(({ store, why }) => new RunLibrary(store, why));
  return library;
}

/** A run id's kind: the id itself today; a run with its own settings is `KIND:key=value...`. */
export function kindOf(id: string): RunKind | null {
  const kind = id.split(':')[0];
  return isRunKind(kind) ? kind : null;
}

/** The record of what the page shows now, or null before the first frame. */
export function currentRecord(name: string, now = new Date()): SavedRuns | null {
  const frame = getApp().hub.get();
  if (!frame || frame.runs.length === 0) return null;
  const settings = frame.settings ?? getApp().store.getState().settings;
  const thumbnail = thumbnailPng(frame.runs.map((r) => ({ id: r.id, x: r.loss.x, y: r.loss.y })));
  return recordFromFrame(frame, settings, kindOf, { name, savedAt: now, thumbnail });
}

export function libraryErrorText(t: T, e: LibraryError): string {
  return t(`lib.err.${e.kind}`, { message: e.message });
}

/** Why a file was refused, in a sentence: what the file is not, and where. */
export function runFileErrorText(t: T, file: string, e: unknown): string {
  if (!(e instanceof RunFileError)) return t('lib.err.read', { message: e instanceof Error ? e.message : String(e) });
  const why = t(`lib.file.${e.reason}`, { path: e.path || 'the file', detail: e.detail.slice(0, 200) });
  return t('lib.file.bad', { file, why });
}
