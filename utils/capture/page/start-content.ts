// The page side's start-up, the same on every site: watches streams, puts a Preserve control on each post (none in
// quiet mode), and answers the popup, the batch, the shortcut and the context menu. Each content script
// (entrypoints/*.content.ts, entrypoints/content.ts) imports the adapters of its own sites, which register
// themselves, and calls this.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { wireBatchAndShortcuts } from '../../batch/content-wiring';
import { listCaptureListener } from '../../lists/page/list-capture';
import type { ListCaptureMessage, ListCaptureReply } from '../../lists/messages';
import type { CaptureRequest } from '../../model';
import { preserveProfileOnPage } from './preserve-profile';
import { wireThreads } from '../../threads/page/content-threads';
import { pageApi } from '../../extension/page-api';
import { followQuietMode } from '../../extension/quiet-mode';
import { gridMessageListener } from '../../grids/content-wiring';
import { adapterForPage } from '../../platforms/registry';
import { pageControls } from './page-controls';
import { popupMessageListener } from './popup-messages';
import { listenForProfileMessages } from './profile-messages';
import { preservePostOnPage, type PreservePostDeps } from './preserve-post';
import { QUIET_VIEW, type PreserveView } from './preserve-view';
import type { MessageEvents } from './progress';
import { watchStreams } from './streams';

export function startContent(ctx: ContentScriptContext): void {
  const browser = pageApi();
  // The stream URLs the page's players load, from the page's Resource Timing entries (streams.ts).
  const streams = watchStreams();
  ctx.onInvalidated(() => streams.stop());
  const send = (message: unknown) => browser.runtime.sendMessage(message);
  const deps: PreservePostDeps = { send, messages: browser.runtime.onMessage as unknown as MessageEvents, streamCandidates: () => streams.candidates() };
  const adapter = adapterForPage(new URL(location.href), document);
  const preserve = (post: Element, view: PreserveView, linkedFrom?: CaptureRequest['linkedFrom']) => preservePostOnPage(post, adapter!, view, deps, linkedFrom ? { linkedFrom } : {});
  // Preserve thread: the controls' Thread button and the popup's message (utils/threads/page/).
  const threads = wireThreads(document, { adapter, capture: (post, reader, view) => preservePostOnPage(post, reader, view, deps), quiet: () => quiet(), send, storage: browser.storage.local }, ctx.signal);
  // Controls on the posts, switched by quiet mode: none until the setting is read, none while it is on.
  const showControls = pageControls(document, adapter?.postSelector, (post, c) => void preserve(post, c), ctx.signal, threads.onThread);
  const quiet = followQuietMode(browser.storage, showControls, ctx.signal);
  // "Preserve page" and the page's status, from the popup (the element picker is injected apart: start-picker.ts).
  const onMessage = popupMessageListener(document, { adapter, send });
  browser.runtime.onMessage.addListener(onMessage);
  // Batch capture, the keyboard command and the context menu (utils/batch/).
  const onBatchMessage = wireBatchAndShortcuts(document, { adapter, preserve, quiet, send }, ctx.signal);
  browser.runtime.onMessage.addListener(onBatchMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onBatchMessage));
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  // Profile grids (utils/grids/): the tiles' post links for the list queue, or each tile kept as shown, quietly.
  const onGridMessage = gridMessageListener(document, { preserveTile: (element, record) => preservePostOnPage(element, { extract: () => record }, QUIET_VIEW, deps) });
  browser.runtime.onMessage.addListener(onGridMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onGridMessage));
  ctx.onInvalidated(listenForProfileMessages(browser.runtime.onMessage as never, document, { adapter, send }));
  // Capture from a list (utils/lists/page/): the background opened this tab for one URL of a list.
  // A profile URL of a list is preserved as the page's profile header (preserve-profile.ts).
  const preserveProfile = async (message: ListCaptureMessage): Promise<ListCaptureReply> => {
    const reply = await preserveProfileOnPage(document, adapter, { send }, message.linkedFrom ? { linkedFrom: message.linkedFrom } : {});
    if (reply.ok) return { outcome: 'saved', captureId: reply.captureId };
    return { outcome: reply.code === 'no-profile' ? 'no-post' : 'error', message: reply.message };
  };
  const onListMessage = listCaptureListener(document, { adapter, preserve, preserveProfile, quiet, send });
  browser.runtime.onMessage.addListener(onListMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onListMessage));
  browser.runtime.onMessage.addListener(threads.onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(threads.onMessage));
}
