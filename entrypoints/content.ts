// Content script on supported platforms: one Preserve control per post, wired to the background capture.
import browser from 'webextension-polyfill';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { attachControl } from '../components/control-slots';
import type { PreserveControl } from '../components/preserve-control';
import { startElementPicker } from '../utils/capture/picker';
import { snapshotPost } from '../utils/capture/snapshot';
import { screenshotWholePost } from '../utils/capture/screenshot-page';
import { progressText, withProgress } from '../utils/capture/progress';
import type { CaptureRequest } from '../utils/model';
import type { CaptureReply, PageStatusReply, PickReply, ScreenshotReply, ScreenshotSliceReply } from '../utils/messages';
import { CONTENT_SCRIPT_MATCHES } from '../utils/platforms/hosts';
import '../utils/platforms/index';
import { observeElements } from '../utils/platforms/observe';
import { extractGeneric } from '../utils/platforms/generic';
import { adapterForPage, type PlatformAdapter } from '../utils/platforms/registry';

async function takeScreenshot(post: Element, control: PreserveControl): Promise<ScreenshotReply> {
  control.setHiddenForScreenshot(true);
  try {
    return await screenshotWholePost(post, (message) => browser.runtime.sendMessage(message) as Promise<ScreenshotSliceReply>);
  } finally {
    control.setHiddenForScreenshot(false);
  }
}

async function preserve(post: Element, adapter: Pick<PlatformAdapter, 'extract'>, control: PreserveControl): Promise<void> {
  control.setState('saving');
  try {
    const pageUrl = new URL(location.href);
    const record = adapter.extract(post, pageUrl);
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
    };
    const progressId = crypto.randomUUID();
    const reply = (await withProgress(progressId, (p) => control.setProgress(progressText(p), p.received), () =>
      browser.runtime.sendMessage({ type: 'postproof/capture', request, screenshot, progressId }),
    )) as CaptureReply;
    if (reply.ok) {
      const gaps = reply.missing.length ? ` (${reply.missing.length} item(s) could not be captured; see the record)` : '';
      control.setState('saved', { captureId: reply.captureId, message: `Preserved${gaps}` });
    } else {
      control.setState('error', { message: reply.message });
    }
  } catch (error) {
    control.setState('error', {
      message: `The capture did not complete: ${error instanceof Error ? error.message : String(error)}. Nothing was saved; click to retry.`,
    });
  }
}

/** The element picker from the toolbar: the chosen element gets a control and is preserved as a generic capture. */
function pickAndPreserve(): void {
  startElementPicker(document, {
    onPick: (element) => {
      const generic = { extract: extractGeneric };
      const control = attachControl(element, (c) => void preserve(element, generic, c));
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
    const adapter = adapterForPage(new URL(location.href), document);
    if (adapter) {
      observeElements(
        document,
        adapter.postSelector,
        (post) => void attachControl(post, (c) => void preserve(post, adapter, c)),
        { signal: ctx.signal },
      );
    }
    const onMessage = (message: unknown): Promise<PageStatusReply | PickReply> | undefined => {
      if ((message as { type?: string } | null)?.type === 'postproof/pick') {
        pickAndPreserve();
        return Promise.resolve({ ok: true });
      }
      if ((message as { type?: string } | null)?.type !== 'postproof/page-status') return undefined;
      const posts = adapter ? document.querySelectorAll(adapter.postSelector).length : 0;
      return Promise.resolve({ platform: adapter?.name ?? 'none', posts });
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
