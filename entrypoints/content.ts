// Content script on supported platforms: one Preserve control per post, wired to the background capture.
import browser from 'webextension-polyfill';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { PreserveControl } from '../components/preserve-control';
import { snapshotPost } from '../utils/capture/snapshot';
import type { CaptureRequest } from '../utils/model';
import type { CaptureReply, PageStatusReply, ScreenshotReply } from '../utils/messages';
import { CONTENT_SCRIPT_MATCHES } from '../utils/platforms/hosts';
import '../utils/platforms/index';
import { observeElements } from '../utils/platforms/observe';
import { adapterForUrl, type PlatformAdapter } from '../utils/platforms/registry';

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

async function takeScreenshot(post: Element, control: PreserveControl): Promise<ScreenshotReply> {
  control.setHiddenForScreenshot(true);
  try {
    await nextFrame();
    const box = post.getBoundingClientRect();
    return (await browser.runtime.sendMessage({
      type: 'postproof/screenshot',
      rect: { x: box.x, y: box.y, width: box.width, height: box.height },
      viewportWidth: window.innerWidth,
    })) as ScreenshotReply;
  } finally {
    control.setHiddenForScreenshot(false);
  }
}

async function preserve(post: Element, adapter: PlatformAdapter, control: PreserveControl): Promise<void> {
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
    const reply = (await browser.runtime.sendMessage({ type: 'postproof/capture', request, screenshot })) as CaptureReply;
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

export default defineContentScript({
  matches: CONTENT_SCRIPT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const adapter = adapterForUrl(new URL(location.href));
    if (adapter) {
      observeElements(
        document,
        adapter.postSelector,
        (post) => {
          const control = new PreserveControl((c) => void preserve(post, adapter, c));
          post.append(control.host);
        },
        { signal: ctx.signal },
      );
    }
    const onMessage = (message: unknown): Promise<PageStatusReply> | undefined => {
      if ((message as { type?: string } | null)?.type !== 'postproof/page-status') return undefined;
      const posts = adapter ? document.querySelectorAll(adapter.postSelector).length : 0;
      return Promise.resolve({ platform: adapter?.name ?? 'none', posts });
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
