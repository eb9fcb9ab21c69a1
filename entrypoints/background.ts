// Background service worker: wires messages to the capture pipeline. The work itself lives in utils/.
import browser, { type Runtime } from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { preservePost } from '../utils/capture/pipeline';
import { ScreenshotSessions } from '../utils/capture/screenshot-session';
import { isBackgroundMessage, type BackgroundMessage, type CaptureReply, type ScreenshotReply } from '../utils/messages';
import { getOrCreateInstallKey } from '../utils/provenance/install-key';
import { openPostProofDb } from '../utils/store/db';
import { softwareName } from '../utils/software';

export default defineBackground(() => {
  const db = openPostProofDb();
  const screenshots = new ScreenshotSessions((windowId) => browser.tabs.captureVisibleTab(windowId, { format: 'png' }));
  // One capture at a time: each one is numbered after the one before it.
  let queue: Promise<unknown> = Promise.resolve();

  async function handle(message: BackgroundMessage, sender: Runtime.MessageSender): Promise<ScreenshotReply | CaptureReply> {
    if (message.type === 'postproof/screenshot') {
      const windowId = sender.tab?.windowId;
      if (windowId === undefined) return { ok: false, reason: 'Screenshots can only be taken of a browser tab.' };
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
      });
    });
    queue = run.catch(() => undefined);
    return run;
  }

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isBackgroundMessage(message)) return undefined;
    return handle(message, sender).catch(
      (error: unknown): CaptureReply => ({ ok: false, code: 'internal', message: `PostProof failed unexpectedly: ${String(error)}` }),
    );
  });

  browser.runtime.onInstalled.addListener(() => {
    void db.then(getOrCreateInstallKey);
  });
});
