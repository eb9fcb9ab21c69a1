// The popup's messages to the content script of its tab: "Preserve page" (preserve-page.ts) and the page's status
// (which platform, how many posts). Other messages are left to other listeners; the element picker is a script of
// its own (start-picker.ts).
import type { PlatformName } from '../../model';
import { isPreservePageMessage, type CaptureReply, type PageStatusReply } from '../protocol';
import { preservePage } from './preserve-page';
import { errorMessage } from '../../error-message';

export interface PopupMessageDeps {
  /** The registry's adapter of this page, if any. */
  adapter?: { name: PlatformName; postSelector: string };
  /** browser.runtime.sendMessage. */
  send(message: unknown): Promise<unknown>;
}

export function popupMessageListener(doc: Document, deps: PopupMessageDeps): (message: unknown) => Promise<PageStatusReply | CaptureReply> | undefined {
  const { adapter } = deps;
  return (message) => {
    if (isPreservePageMessage(message)) {
      return preservePage(doc, { platform: adapter?.name ?? 'generic', send: deps.send }).catch(
        (error: unknown): CaptureReply => ({ ok: false, code: 'page-failed', message: errorMessage(error) }),
      );
    }
    if ((message as { type?: string } | null)?.type !== 'postproof/page-status') return undefined;
    const posts = adapter ? doc.querySelectorAll(adapter.postSelector).length : 0;
    return Promise.resolve({ platform: adapter?.name ?? 'none', posts });
  };
}
