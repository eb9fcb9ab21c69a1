// Background service worker: wires messages to the capture pipeline. The work itself lives in utils/.
import browser, { type Runtime } from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { preservePost } from '../utils/capture/pipeline';
import { ScreenshotSessions } from '../utils/capture/screenshot-session';
import type { MediaFetchOptions } from '../utils/capture/media';
import { progressReporter } from '../utils/capture/progress';
import { isBackgroundMessage, type BackgroundMessage, type CaptureReply, type ScreenshotSliceReply } from '../utils/messages';
import { getOrCreateInstallKey } from '../utils/provenance/install-key';
import { captureSettings, startStampQueue } from '../utils/provenance/stamp-background';
import { openPostProofDb } from '../utils/store/db';
import { softwareName } from '../utils/software';
import { handleSiteAccessMessage, syncSiteScripts, type SiteAccessApi } from '../utils/site-access';

export default defineBackground(() => {
  const db = openPostProofDb();
  // RFC 3161 timestamps: asked for after each commit, retried from the store's queue (see utils/provenance/).
  const stamps = startStampQueue(db);
  const screenshots = new ScreenshotSessions((windowId) => browser.tabs.captureVisibleTab(windowId, { format: 'png' }));
  // Media size limit (setting `maxMediaBytes`, 500 MB by default) and download progress shown on the page's control.
  async function mediaOptions(progressId: string | undefined, tabId: number | undefined): Promise<MediaFetchOptions> {
    const { maxMediaBytes } = (await browser.storage.local.get('maxMediaBytes')) as { maxMediaBytes?: number };
    const report = progressId && tabId !== undefined
      ? progressReporter(progressId, (update) => void browser.tabs.sendMessage(tabId, update).catch(() => undefined))
      : undefined;
    return { ...(maxMediaBytes ? { maxBytes: maxMediaBytes } : {}), ...(report ? { onProgress: report } : {}) };
  }
  // One capture at a time: each one is numbered after the one before it.
  let queue: Promise<unknown> = Promise.resolve();

  async function handle(message: BackgroundMessage, sender: Runtime.MessageSender): Promise<ScreenshotSliceReply | CaptureReply> {
    if (message.type === 'postproof/screenshot' || message.type === 'postproof/screenshot-slice') {
      const windowId = sender.tab?.windowId;
      if (windowId === undefined) return { ok: false, reason: 'Screenshots can only be taken of a browser tab.' };
      if (message.type === 'postproof/screenshot-slice') return screenshots.slice(windowId, message);
      return screenshots.take(windowId, message.rect, message.viewportWidth);
    }
    const shot = message.screenshot.ok ? screenshots.claim(message.screenshot.token) : { error: message.screenshot.reason };
    const run = queue.then(async () => {
      const store = await db;
      return preservePost(message.request, shot, {
        db: store,
        key: await getOrCreateInstallKey(store),
        software: softwareName(browser.runtime.getManifest().version),
        fetch: (input, init) => fetch(input, init),
        media: await mediaOptions(message.progressId, sender.tab?.id),
        ...(await captureSettings(store)),
      });
    });
    queue = run.catch(() => undefined);
    void run.then((reply) => {
      if (reply.ok) void stamps.run();
    }, () => undefined);
    return run;
  }

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isBackgroundMessage(message)) return undefined;
    return handle(message, sender).catch(
      (error: unknown): CaptureReply => ({ ok: false, code: 'internal', message: `PostProof failed unexpectedly: ${String(error)}` }),
    );
  });

  // Per-origin opt-in (Mastodon instances and other sites outside the manifest): see utils/site-access.ts.
  const sites = { storage: browser.storage.local, permissions: browser.permissions, scripting: browser.scripting } as unknown as SiteAccessApi;
  browser.runtime.onMessage.addListener((message: unknown) => handleSiteAccessMessage(sites, message));
  browser.permissions.onRemoved.addListener(() => void syncSiteScripts(sites).catch(() => undefined));

  browser.runtime.onInstalled.addListener(() => {
    void db.then(getOrCreateInstallKey);
  });
});
