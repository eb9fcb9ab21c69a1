// The page side's start-up, the same on every site: watches streams, puts a Preserve control on each post (none in
// quiet mode), and answers the popup, the batch, the shortcut and the context menu. Each content script
// (entrypoints/*.content.ts, entrypoints/content.ts) imports the adapters of its own sites, which register
// themselves, and calls this.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { wireBatchAndShortcuts } from '../../batch/content-wiring';
import { wireThreads } from '../../threads/page/content-threads';
import { pageApi } from '../../extension/page-api';
import { followQuietMode } from '../../extension/quiet-mode';
import { adapterForPage } from '../../platforms/registry';
import { pageControls } from './page-controls';
import { popupMessageListener } from './popup-messages';
import { preservePostOnPage, type PreservePostDeps } from './preserve-post';
import type { PreserveView } from './preserve-view';
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
  const preserve = (post: Element, view: PreserveView) => preservePostOnPage(post, adapter!, view, deps);
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
  browser.runtime.onMessage.addListener(threads.onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(threads.onMessage));
}
