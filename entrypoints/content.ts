// Content script on supported platforms: one Preserve control per post, wired to the background capture; in quiet
// mode (utils/extension/quiet-mode.ts) no control at all, and posts are preserved from the shortcut, menu and toolbar only.
import browser from 'webextension-polyfill';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { attachControl } from '../utils/capture/page/control-slots';
import { pageControls } from '../utils/capture/page/page-controls';
import { QUIET_VIEW, type PreserveView } from '../utils/capture/page/preserve-view';
import { wireBatchAndShortcuts } from '../utils/batch/content-wiring';
import { followQuietMode, type QuietModeStorage } from '../utils/extension/quiet-mode';
import { startElementPicker } from '../utils/capture/page/picker';
import { snapshotPost } from '../utils/capture/page/snapshot';
import { screenshotWholePost } from '../utils/capture/page/screenshot-page';
import { preservePage } from '../utils/capture/page/preserve-page';
import { progressText, withProgress, type MessageEvents } from '../utils/capture/page/progress';
import { streamLeads, watchStreams } from '../utils/capture/page/streams';
import type { CaptureRequest } from '../utils/model';
import { isPreservePageMessage, type CaptureReply, type CaptureStatusReply, type PageStatusReply, type PickReply, type ScreenshotReply, type ScreenshotSliceReply } from '../utils/capture/protocol';
import { t, tCount } from '../utils/i18n';
import { CONTENT_SCRIPT_MATCHES } from '../utils/platforms/hosts';
import '../utils/platforms/index';
import { extractGeneric } from '../utils/platforms/generic';
import { adapterForPage, type PlatformAdapter } from '../utils/platforms/registry';

async function takeScreenshot(post: Element, view: PreserveView): Promise<ScreenshotReply> {
  view.setHiddenForScreenshot(true);
  try {
    return await screenshotWholePost(post, (message) => browser.runtime.sendMessage(message) as Promise<ScreenshotSliceReply>);
  } finally {
    view.setHiddenForScreenshot(false);
  }
}

const STATUS_ATTEMPTS = 5;

/** After a lost reply: the capture was committed (saved) or it never will be (the error is passed on). */
async function replyAfterLostAnswer(captureId: string, error: unknown): Promise<CaptureReply> {
  for (let attempt = 0; attempt < STATUS_ATTEMPTS; attempt++) {
    try {
      const status = (await browser.runtime.sendMessage({ type: 'postproof/capture-status', captureId })) as CaptureStatusReply;
      if (status.saved) return { ok: true, captureId, missing: [] };
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300 * (attempt + 1)));
    }
  }
  throw error;
}

/** The stream URLs the page's players load, from the page's Resource Timing entries (utils/capture/page/streams.ts). */
let streamWatch: ReturnType<typeof watchStreams> | undefined;

/** The one capture of a post: its states go to `view`, the post's Preserve control or, in quiet mode, nowhere. */
async function preserve(post: Element, adapter: Pick<PlatformAdapter, 'extract' | 'streamMatcher'>, control: PreserveView): Promise<CaptureReply> {
  const captureId = crypto.randomUUID();
  control.setState('saving');
  try {
    const pageUrl = new URL(location.href);
    const record = adapter.extract(post, pageUrl);
    const streams = streamLeads(record.media ?? [], streamWatch?.candidates() ?? [], (video) => adapter.streamMatcher?.(post, video, pageUrl));
    const capturedAt = new Date().toISOString();
    const snapshotHtml = snapshotPost(post, { pageUrl: location.href, title: document.title, capturedAt });
    const screenshot = await takeScreenshot(post, control);
    const box = post.getBoundingClientRect();
    const request: CaptureRequest = {
      post: record,
      snapshotHtml,
      rect: { x: box.x, y: box.y, width: box.width, height: box.height },
      viewport: { width: window.innerWidth, height: window.innerHeight, devicePixelRatio: window.devicePixelRatio },
      page: { url: location.href, title: document.title },
      locale: navigator.language,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      userAgent: navigator.userAgent,
      ...(streams.length ? { streams } : {}),
    };
    const progressId = crypto.randomUUID();
    const reply = (await withProgress(browser.runtime.onMessage as unknown as MessageEvents, progressId, (p) => control.setProgress(progressText(p), p.received), () =>
      browser.runtime.sendMessage({ type: 'postproof/capture', request, screenshot, progressId, captureId }).catch((error: unknown) =>
        // The worker may have been stopped after committing and before answering: ask before calling it a failure.
        replyAfterLostAnswer(captureId, error),
      ),
    )) as CaptureReply;
    if (reply.ok) {
      const message = reply.missing.length ? tCount('control_saved_gaps', reply.missing.length) : t('control_saved_plain');
      control.setState('saved', { captureId: reply.captureId, message });
    } else {
      control.setState('error', { message: reply.message });
    }
    return reply;
  } catch (error) {
    const message = t('control_capture_incomplete', error instanceof Error ? error.message : String(error));
    control.setState('error', { message });
    // No answer from the background (restarted or gone): a batch stops here and can be resumed.
    return { ok: false, code: 'no-reply', message };
  }
}

/** The element picker from the toolbar: the chosen element gets a control (none in quiet mode) and is preserved as a generic capture. */
function pickAndPreserve(quiet: () => boolean): void {
  startElementPicker(document, {
    onPick: (element) => {
      const generic = { extract: extractGeneric };
      const control = quiet() ? QUIET_VIEW : attachControl(element, (c) => void preserve(element, generic, c));
      if (control) void preserve(element, generic, control);
    },
    onCancel: () => undefined,
  });
}

// Declared for the platforms' hosts, and injected by the toolbar action elsewhere (Mastodon instances, any page).
export default defineContentScript({
  matches: CONTENT_SCRIPT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    streamWatch = watchStreams();
    ctx.onInvalidated(() => streamWatch?.stop());
    const adapter = adapterForPage(new URL(location.href), document);
    // Controls on the posts, switched by quiet mode: none until the setting is read, none while it is on.
    const showControls = pageControls(document, adapter?.postSelector, (post, c) => void preserve(post, adapter!, c), ctx.signal);
    const quiet = followQuietMode(browser.storage as unknown as QuietModeStorage, showControls, ctx.signal);
    const pick = () => pickAndPreserve(quiet);
    const onMessage = (message: unknown): Promise<PageStatusReply | PickReply | CaptureReply> | undefined => {
      // "Preserve page" in the popup: the whole page as one capture (utils/capture/page/preserve-page.ts).
      if (isPreservePageMessage(message)) {
        return preservePage(document, { platform: adapter?.name ?? 'generic', send: (m) => browser.runtime.sendMessage(m) }).catch(
          (error: unknown): CaptureReply => ({ ok: false, code: 'page-failed', message: error instanceof Error ? error.message : String(error) }),
        );
      }
      if ((message as { type?: string } | null)?.type === 'postproof/pick') {
        pick();
        return Promise.resolve({ ok: true });
      }
      if ((message as { type?: string } | null)?.type !== 'postproof/page-status') return undefined;
      const posts = adapter ? document.querySelectorAll(adapter.postSelector).length : 0;
      return Promise.resolve({ platform: adapter?.name ?? 'none', posts });
    };
    browser.runtime.onMessage.addListener(onMessage);
    // Batch capture, the keyboard command and the context menu (utils/batch/).
    const onBatchMessage = wireBatchAndShortcuts(
      document,
      { adapter, preserve: (post, view) => preserve(post, adapter!, view), pick, quiet, send: (message) => browser.runtime.sendMessage(message) },
      ctx.signal,
    );
    browser.runtime.onMessage.addListener(onBatchMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onBatchMessage));
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
