// Content script on supported platforms: one Preserve control per post, wired to the background capture; in quiet
// mode (utils/extension/quiet-mode.ts) no control at all, and posts are preserved from the shortcut, menu and toolbar only.
// The work lives in utils/capture/page/ (the capture of a post and the request it sends) and utils/batch/.
import browser from 'webextension-polyfill';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { pageControls } from '../utils/capture/page/page-controls';
import { popupMessageListener } from '../utils/capture/page/popup-messages';
import { pickAndPreserve, preservePostOnPage, type PreservePostDeps } from '../utils/capture/page/preserve-post';
import type { PreserveView } from '../utils/capture/page/preserve-view';
import type { MessageEvents } from '../utils/capture/page/progress';
import { watchStreams } from '../utils/capture/page/streams';
import { wireBatchAndShortcuts } from '../utils/batch/content-wiring';
import { followQuietMode, type QuietModeStorage } from '../utils/extension/quiet-mode';
import { CONTENT_SCRIPT_MATCHES } from '../utils/platforms/hosts';
import '../utils/platforms/index';
import { adapterForPage } from '../utils/platforms/registry';

// Declared for the platforms' hosts, and injected by the toolbar action elsewhere (Mastodon instances, any page).
export default defineContentScript({
  matches: CONTENT_SCRIPT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    // The stream URLs the page's players load, from the page's Resource Timing entries (utils/capture/page/streams.ts).
    const streams = watchStreams();
    ctx.onInvalidated(() => streams.stop());
    const send = (message: unknown) => browser.runtime.sendMessage(message);
    const deps: PreservePostDeps = { send, messages: browser.runtime.onMessage as unknown as MessageEvents, streamCandidates: () => streams.candidates() };
    const adapter = adapterForPage(new URL(location.href), document);
    const preserve = (post: Element, view: PreserveView) => preservePostOnPage(post, adapter!, view, deps);
    // Controls on the posts, switched by quiet mode: none until the setting is read, none while it is on.
    const showControls = pageControls(document, adapter?.postSelector, (post, c) => void preserve(post, c), ctx.signal);
    const quiet = followQuietMode(browser.storage as unknown as QuietModeStorage, showControls, ctx.signal);
    const pick = () => pickAndPreserve(document, quiet, deps);
    // "Preserve page", the element picker and the page's status, from the popup.
    const onMessage = popupMessageListener(document, { adapter, pick, send });
    browser.runtime.onMessage.addListener(onMessage);
    // Batch capture, the keyboard command and the context menu (utils/batch/).
    const onBatchMessage = wireBatchAndShortcuts(document, { adapter, preserve, pick, quiet, send }, ctx.signal);
    browser.runtime.onMessage.addListener(onBatchMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onBatchMessage));
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
