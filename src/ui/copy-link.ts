// "Copy link": the page's address (the URL sync keeps every setting in it) to the clipboard; where the
// browser refuses (no clipboard API, not a secure context, permission denied in an iframe) the notice
// shows the link to copy by hand.
import { translate } from '../i18n';
import { getApp } from '../state/app';

export async function copyPageLink(url = window.location.href, clipboard: Pick<Clipboard, 'writeText'> | undefined = navigator.clipboard): Promise<boolean> {
  const store = getApp().store.getState();
  try {
    if (!clipboard) throw new Error('no clipboard');
    await clipboard.writeText(url);
    store.notify((l) => translate(l, 'link.copied'));
    return true;
  } catch {
    store.notify((l) => translate(l, 'link.copyFailed', { url }));
    return false;
  }
}
