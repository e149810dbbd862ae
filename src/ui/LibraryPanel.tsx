// The run library (issue #16): a modal dialog opened from the top bar's "Library" button. It saves the
// current runs under a name, imports a run file, and lists the saved entries (thumbnail, name, date,
// runs with their final test accuracy, size) with Rename, Export JSON and Delete; it shows the space
// used and says plainly when storage is full or unavailable. The live page never waits on it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { type Lang, runName, type T, useLang, useT } from '../i18n';
import { formatStepNumber } from '../state/setting-changes';
import { parseRunFile, RUN_FILE_LIMITS, runFileName, runFileText } from '../state/run-file';
import { formatBytes, storageEstimate, type LibraryEntry, type RunLibrary } from '../state/run-library';
import { MAX_PINS, pinBoard } from '../state/pins';
import { usePins } from '../charts/use-pins';
import { currentRecord, libraryErrorText, pageLibrary, runFileErrorText } from './library-actions';
import { download } from './Session';
import { DownloadIcon, LibraryIcon } from './icons';
import './Library.css';

type Message = { tone: 'ok' | 'error'; text: (t: T) => string } | null;

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-US');

type EntryOp = 'rename' | 'export' | 'delete' | 'pin';

function EntryRow({ entry, busy, act }: { entry: LibraryEntry; busy: boolean; act: (op: EntryOp, entry: LibraryEntry, name?: string) => Promise<boolean> }) {
  const t = useT();
  const pins = usePins();
  const pinned = pins.keys.includes(entry.key);
  const full = !pinned && pins.keys.length >= MAX_PINS;
  const lang = useLang();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState(entry.name);
  const runs = entry.runs.map((r) => {
    const run = runName(t, r.id);
    if (r.divergedAt !== null) return t('lib.entry.diverged', { run });
    return r.testAcc === null ? t('lib.entry.noAcc', { run }) : t('lib.entry.acc', { run, acc: r.testAcc.toFixed(3) });
  });
  const date = new Date(entry.savedAt);
  return (
    <li className="lib-entry" data-key={entry.key}>
      {entry.thumbnail
        ? <img className="lib-thumb" src={entry.thumbnail} width={160} height={64} alt={t('lib.entry.thumb', { runs: entry.runs.map((r) => runName(t, r.id)).join(', ') })} />
        : <span className="lib-thumb" aria-hidden="true" />}
      <div className="lib-main">
        {editing ? (
          <form className="lib-rename" onSubmit={(e) => { e.preventDefault(); void act('rename', entry, name).then((ok) => { if (ok) setEditing(false); }); }}>
            <input aria-label={t('lib.nameLabel')} value={name} maxLength={120} autoFocus onChange={(e) => setName(e.target.value)} onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); setEditing(false); } }} />
            <button type="submit" disabled={busy}>{t('lib.renameSave')}</button>
            <button type="button" className="ghost" onClick={() => setEditing(false)}>{t('lib.renameCancel')}</button>
          </form>
        ) : <h3 className="lib-name">{entry.name}</h3>}
        <p className="lib-meta">
          <time dateTime={entry.savedAt}>{Number.isNaN(date.getTime()) ? entry.savedAt : date.toLocaleString(locale(lang), { dateStyle: 'medium', timeStyle: 'short' })}</time>
          {' · '}{t('lib.entry.step', { step: formatStepNumber(entry.step, lang) })}
          {' · '}{formatBytes(entry.bytes, locale(lang))}
        </p>
        <p className="lib-runs">{runs.join(' · ')}</p>
        <div className="lib-actions">
          {editing ? null : <button type="button" disabled={busy} onClick={() => { setName(entry.name); setEditing(true); }}>{t('lib.rename')}</button>}
          <button type="button" disabled={busy || full} aria-pressed={pinned} aria-label={t(pinned ? 'pins.unpinLabel' : 'pins.pinLabel', { name: entry.name })}
            aria-describedby={full ? `pin-why-${entry.key}` : undefined} title={full ? t('pins.full') : undefined}
            onClick={() => { void act('pin', entry); }}>{t(pinned ? 'pins.unpin' : 'pins.pin')}</button>
          <button type="button" disabled={busy} onClick={() => { void act('export', entry); }}><DownloadIcon />{t('lib.export')}</button>
          {confirming ? (
            <>
              <button type="button" className="danger" disabled={busy} autoFocus onClick={() => { void act('delete', entry).then(() => setConfirming(false)); }}>{t('lib.deleteConfirm')}</button>
              <button type="button" className="ghost" onClick={() => setConfirming(false)}>{t('lib.renameCancel')}</button>
            </>
          ) : <button type="button" disabled={busy} onClick={() => setConfirming(true)}>{t('lib.delete')}</button>}
        </div>
        {full ? <p className="lib-pin-why" id={`pin-why-${entry.key}`}>{t('pins.full')}</p> : null}
      </div>
    </li>
  );
}

function LibraryDialog({ dialogRef, open }: { dialogRef: React.RefObject<HTMLDialogElement | null>; open: boolean }) {
  const t = useT();
  const lang = useLang();
  const [lib, setLib] = useState<RunLibrary | null>(null);
  const [entries, setEntries] = useState<LibraryEntry[] | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [space, setSpace] = useState<{ usage: number; quota: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  /** Lists the library again; says why when it cannot be read. */
  const refresh = useCallback(async (l: RunLibrary): Promise<Message> => {
    const list = await l.list();
    const failed: Message = list.ok ? null : { tone: 'error', text: (tt) => libraryErrorText(tt, list.error) };
    setEntries(list.ok ? list.value : []);
    setSpace(await storageEstimate());
    return failed;
  }, []);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void pageLibrary().then((l) => { if (live) { setLib(l); void refresh(l).then((m) => { if (m) setMessage(m); }); } });
    return () => { live = false; };
  }, [open, refresh]);

  /** Runs one library operation with the buttons held, then lists again. */
  const step = async (op: (l: RunLibrary) => Promise<Message>) => {
    if (!lib) return;
    setBusy(true);
    try {
      // the message shows with the list that it speaks of, never before it
      const m = await op(lib);
      const listed = await refresh(lib);
      setMessage(m?.tone === 'error' ? m : listed ?? m);
    } finally {
      setBusy(false);
    }
  };

  const save = () => step(async (l) => {
    const record = currentRecord(name);
    if (!record) return { tone: 'error', text: (tt) => tt('lib.err.noData') };
    const o = await l.save(record);
    if (!o.ok) return { tone: 'error', text: (tt) => libraryErrorText(tt, o.error) };
    setName('');
    return { tone: 'ok', text: (tt) => tt('lib.saved', { name: o.value.name }) };
  });

  const importFile = (file: File) => step(async (l) => {
    // refused before reading: a file far past the limit (UTF-8 takes at least one byte a character)
    if (file.size > RUN_FILE_LIMITS.chars * 3) return { tone: 'error', text: (tt) => runFileErrorText(tt, file.name, new Error(`${formatBytes(file.size)}`)) };
    let record;
    try {
      record = parseRunFile(await file.text());
    } catch (e) {
      return { tone: 'error', text: (tt) => runFileErrorText(tt, file.name, e) };
    }
    const o = await l.save(record);
    if (!o.ok) return { tone: 'error', text: (tt) => libraryErrorText(tt, o.error) };
    return { tone: 'ok', text: (tt) => tt('lib.imported', { name: o.value.name }) };
  });

  const act = async (op: EntryOp, entry: LibraryEntry, newName = ''): Promise<boolean> => {
    let ok = false;
    await step(async (l) => {
      if (op === 'pin') {
        if (pinBoard.isPinned(entry.key)) { pinBoard.unpin(entry.key); ok = true; return null; }
        const o = await l.get(entry.key);
        if (!o.ok) return { tone: 'error', text: (tt) => libraryErrorText(tt, o.error) };
        const r = pinBoard.pin(entry.key, o.value);
        if (r === 'full') return { tone: 'error', text: (tt) => tt('pins.full') };
        ok = true;
        return { tone: 'ok', text: (tt) => tt('pins.pinned', { name: entry.name }) };
      }
      if (op === 'rename') {
        const o = await l.rename(entry.key, newName);
        if (!o.ok) return { tone: 'error', text: (tt) => (o.error.message === 'empty name' ? tt('lib.err.emptyName') : libraryErrorText(tt, o.error)) };
        pinBoard.rename(entry.key, o.value);
        ok = true;
        return { tone: 'ok', text: (tt) => tt('lib.renamed', { name: o.value }) };
      }
      if (op === 'export') {
        const o = await l.get(entry.key);
        if (!o.ok) return { tone: 'error', text: (tt) => libraryErrorText(tt, o.error) };
        download(runFileText(o.value), runFileName(o.value), 'application/json');
        ok = true;
        return null;
      }
      const o = await l.remove(entry.key);
      if (!o.ok) return { tone: 'error', text: (tt) => libraryErrorText(tt, o.error) };
      pinBoard.unpin(entry.key);
      ok = true;
      return { tone: 'ok', text: (tt) => tt('lib.deleted', { name: entry.name }) };
    });
    return ok;
  };

  const total = (entries ?? []).reduce((s, e) => s + e.bytes, 0);
  const loc = locale(lang);
  const entriesText = t('lib.entries', { n: (entries ?? []).length, size: formatBytes(total, loc) });
  return (
    <dialog ref={dialogRef} className="library" aria-labelledby="library-title">
      <header className="lib-head">
        <h2 id="library-title">{t('lib.title')}</h2>
        <form method="dialog"><button type="submit" className="ghost" aria-label={t('lib.close')}>✕</button></form>
      </header>
      <p className="help">{t('lib.intro')}</p>
      <form className="lib-save" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <label>
          <span>{t('lib.nameLabel')}</span>
          <input value={name} maxLength={120} placeholder={t('lib.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={busy || !lib}>{t('lib.save')}</button>
        <button type="button" disabled={busy || !lib} onClick={() => fileInput.current?.click()}>{t('lib.import')}</button>
        <input
          ref={fileInput} type="file" accept="application/json,.json" hidden data-testid="library-import"
          onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void importFile(f); }}
        />
      </form>
      <div className="lib-message" aria-live="polite">
        {message ? <p className={message.tone === 'error' ? 'lib-error' : 'lib-ok'} role={message.tone === 'error' ? 'alert' : 'status'}>{message.text(t)}</p> : null}
      </div>
      <p className="lib-space" data-testid="library-space">
        {space
          ? t('lib.space', { entries: entriesText, usage: formatBytes(space.usage, loc), quota: formatBytes(space.quota, loc) })
          : t('lib.spaceNoEstimate', { entries: entriesText })}
      </p>
      {entries === null ? <p className="pending">{t('lib.loading')}</p>
        : entries.length === 0 ? <p className="pending">{t('lib.empty')}</p>
          : <ul className="lib-list" aria-label={t('lib.title')}>{entries.map((e) => <EntryRow key={e.key} entry={e} busy={busy} act={act} />)}</ul>}
    </dialog>
  );
}

/** The top bar's "Library" button and its dialog. */
export function LibraryButton() {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    const onClose = () => setOpen(false);
    d.addEventListener('close', onClose);
    return () => d.removeEventListener('close', onClose);
  }, []);
  return (
    <>
      <button type="button" className="library-open" aria-label={t('lib.openLabel')} title={t('lib.openLabel')} onClick={() => { if (!dialog.current?.open) dialog.current?.showModal(); setOpen(true); }}>
        <LibraryIcon /><span className="btn-text">{t('lib.open')}</span>
      </button>
      <LibraryDialog dialogRef={dialog} open={open} />
    </>
  );
}
