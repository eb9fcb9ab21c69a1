// Background service worker: wires messages to the capture pipeline. The work itself lives in utils/.
import browser, { type Runtime } from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { describeStoreError, preservePost } from '../utils/capture/worker/pipeline';
import { copyPage, extensionPageCaptureApi } from '../utils/capture/worker/page-copy';
import { readSettings } from '../utils/store/settings';
import { ScreenshotSessions } from '../utils/capture/worker/screenshot-session';
import type { MediaFetchOptions } from '../utils/capture/worker/media';
import { progressReporter } from '../utils/capture/worker/progress';
import { isBackgroundMessage, type BackgroundMessage, type CaptureReply, type CaptureStatusReply, type ScreenshotSliceReply } from '../utils/capture/protocol';
import { getCapture } from '../utils/store/captures';
import { getOrCreateInstallKey } from '../utils/store/install-key';
import { captureSettings, startStampQueue } from '../utils/stamping/stamp-background';
import { openReconnectingDb, whenStoreOpen } from '../utils/store/db';
import { sweepOrphans } from '../utils/store/sweep';
import { copyPreparer } from '../utils/export/derived-copies';
import { canvasScreenshotAnnotator } from '../utils/evidence/annotate-canvas';
import { softwareName } from '../utils/extension/software';
import { handleSiteAccessMessage, storedSiteOrigins, syncSiteScripts, type SiteAccessApi } from '../utils/extension/site-access';
import { backgroundMessageProblem, isOwnExtensionPage, senderProblem } from '../utils/capture/worker/message-guards';
import { keepAliveWhile } from '../utils/store/keep-alive';
import { BatchBackground, type BatchBackgroundApi } from '../utils/batch/batch-background';
import { knownPostKeys } from '../utils/batch/known-posts';
import { contextMenuItem, onCommand, onContextMenuClicked, type ShortcutsApi } from '../utils/batch/shortcuts';
import { isBatchCommand } from '../utils/batch/state';
import { ACTIVE_CASE_KEY, activeCaseBadgeText, activeCaseCaptureDeps, type KeyValueStorage } from '../utils/extension/active-case';

/** storage.session: the start-up sweep ran in this browser session. */
const SWEPT_KEY = 'orphansSwept';

export default defineBackground(() => {
  // Toolbar badge: today's captures in the active case (utils/extension/active-case.ts), after each capture and case change.
  const caseStorage = browser.storage.local as unknown as KeyValueStorage;
  const refreshBadge = () =>
    db.then((store) => activeCaseBadgeText(store, caseStorage)).then((text) => browser.action.setBadgeText({ text })).catch(() => undefined);
  browser.storage.onChanged.addListener((changes) => {
    if (ACTIVE_CASE_KEY in changes) void refreshBadge();
  });
  // Reopened by itself when Chromium closes the connection after an I/O error (a full disk): utils/store/db.ts.
  // An upgrade of a large store outlasts the worker's 30 s idle limit: the worker is kept alive until it is open.
  const db = keepAliveWhile(openReconnectingDb(), () => browser.runtime.getPlatformInfo());
  // Rows no capture lists (left by a crash or an older build) are removed once per browser session, not at each of
  // the worker's many starts: the search walks every index key (utils/store/sweep.ts). storage.session is emptied
  // when the browser quits.
  const session = (browser.storage as unknown as { session: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } }).session;
  void session
    .get(SWEPT_KEY)
    .then(async (found) => {
      if (found[SWEPT_KEY]) return;
      await sweepOrphans(await db);
      await session.set({ [SWEPT_KEY]: true });
    })
    .catch(() => undefined);
  // RFC 3161 timestamps: asked for after each commit, retried from the store's queue (see utils/provenance/).
  // Each capture's annotated screenshot, drawn once its stamps are settled and kept for export (utils/export/derived-copies.ts).
  const prepareCopy = copyPreparer(db, canvasScreenshotAnnotator);
  const stamps = startStampQueue(db, (captureId) => void prepareCopy(captureId));
  const screenshots = new ScreenshotSessions((windowId) => browser.tabs.captureVisibleTab(windowId, { format: 'png' }));
  // Media size limit (setting `maxMediaBytes`, 500 MB by default) and download progress shown on the page's control.
  async function mediaOptions(progressId: string | undefined, tabId: number | undefined): Promise<MediaFetchOptions> {
    const { maxMediaBytes } = (await browser.storage.local.get('maxMediaBytes')) as { maxMediaBytes?: number };
    const report = progressId && tabId !== undefined
      ? progressReporter(progressId, (update) => void browser.tabs.sendMessage(tabId, update).catch(() => undefined))
      : undefined;
    return { ...(maxMediaBytes ? { maxBytes: maxMediaBytes } : {}), ...(report ? { onProgress: report } : {}) };
  }
  async function refusalOf(message: BackgroundMessage, sender: Runtime.MessageSender): Promise<CaptureReply | undefined> {
    const malformed = backgroundMessageProblem(message);
    const problem = malformed ?? (await senderProblem(message, sender, browser.runtime.id, {
      matches: (browser.runtime.getManifest().content_scripts ?? []).flatMap((script) => script.matches ?? []),
      siteOrigins: await storedSiteOrigins({ storage: browser.storage.local } as unknown as SiteAccessApi),
      // A toolbar click (activeTab) lets the popup inject the content script anywhere: then the tab is scriptable.
      injected: async (tabId, origin) => {
        const [result] = await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, func: () => location.origin });
        return result?.result === origin;
      },
    }));
    // `reason` is what a screenshot reply carries, `message` a capture reply: a refusal answers both.
    return problem ? ({ ok: false, code: 'refused', message: problem, reason: problem } as CaptureReply) : undefined;
  }

  // One capture at a time: each one is numbered after the one before it.
  let queue: Promise<unknown> = Promise.resolve();

  async function handle(message: BackgroundMessage, sender: Runtime.MessageSender): Promise<ScreenshotSliceReply | CaptureReply | CaptureStatusReply> {
    if (message.type === 'postproof/capture-status') {
      // Waits for any capture still running, so the answer is final: committed, or never will be.
      await queue;
      return { saved: (await getCapture(await db, message.captureId)) !== undefined };
    }
    if (message.type === 'postproof/screenshot' || message.type === 'postproof/screenshot-slice') {
      const windowId = sender.tab?.windowId;
      if (windowId === undefined) return { ok: false, reason: 'Screenshots can only be taken of a browser tab.' };
      if (message.type === 'postproof/screenshot-slice') return screenshots.slice(windowId, message);
      return screenshots.take(windowId, message.rect, message.viewportWidth);
    }
    const shot = message.screenshot.ok ? screenshots.claim(message.screenshot.token) : { error: message.screenshot.reason };
    // Setting "Also keep the whole page as MHTML": started now, while the tab shows the page the post was preserved on.
    // "Preserve page" in the popup (message.wholePage) always asks for it.
    const pageCopy = db.then(readSettings).then((settings) => (settings.pageMhtml || message.wholePage ? copyPage(extensionPageCaptureApi(), sender.tab?.id) : undefined));
    const run = queue.then(async (): Promise<CaptureReply> => {
      const store = await db;
      try {
        // After a full disk closed the connection: a new one, or the browser's reason why not (still full).
        await whenStoreOpen(store);
      } catch (error) {
        return { ok: false, ...describeStoreError(error) } as CaptureReply;
      }
      return preservePost(message.request, shot, {
        db: store,
        key: await getOrCreateInstallKey(store),
        software: softwareName(browser.runtime.getManifest().version),
        fetch: (input, init) => fetch(input, init),
        media: await mediaOptions(message.progressId, sender.tab?.id),
        ...(await captureSettings(store)),
        ...(await activeCaseCaptureDeps(caseStorage)),
        ...(message.captureId ? { newId: () => message.captureId! } : {}),
        pageCopy,
      });
    });
    queue = run.catch(() => undefined);
    void run.then((reply) => {
      if (reply.ok) void stamps.run().then(() => prepareCopy(reply.captureId));
      if (reply.ok) void refreshBadge();
    }, () => undefined);
    return run;
  }

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isBackgroundMessage(message)) return undefined;
    // Only our own content script, on a page it may run on, with a well-formed message (utils/capture/worker/message-guards.ts).
    return refusalOf(message, sender).then((refused) => refused ?? handle(message, sender)).catch(
      // `reason` too: a screenshot reply carries its failure there, and the capture that follows passes it on.
      (error: unknown): CaptureReply => ({ ok: false, code: 'internal', message: `PostProof failed unexpectedly: ${String(error)}`, reason: `PostProof failed unexpectedly: ${String(error)}` }) as CaptureReply,
    );
  });

  // Per-origin opt-in (Mastodon instances and other sites outside the manifest): see utils/extension/site-access.ts.
  const sites = { storage: browser.storage.local, permissions: browser.permissions, scripting: browser.scripting } as unknown as SiteAccessApi;
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
    isOwnExtensionPage(sender, browser.runtime.id, browser.runtime.getURL('')) ? handleSiteAccessMessage(sites, message) : undefined,
  );
  browser.permissions.onRemoved.addListener(() => void syncSiteScripts(sites).catch(() => undefined));

  // Batch capture (utils/batch/): its state lives in storage, so the popup may close; a restart mid-batch is reported.
  const batches = new BatchBackground({
    storage: browser.storage.local as unknown as BatchBackgroundApi['storage'],
    sendToTab: (tabId, message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
    activateTab: (tabId) => browser.tabs.update(tabId, { active: true }),
    known: async (keys) => knownPostKeys(await db, keys),
  });
  void batches.recover();
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
    isBatchCommand(message) ? batches.handle(message, sender.tab?.id) : undefined,
  );

  // The keyboard command and the context-menu item: gestures that grant activeTab for the screenshot.
  const shortcuts: ShortcutsApi = {
    sendToTab: (tabId, message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
    injectContentScript: (tabId, file) => browser.scripting.executeScript({ target: { tabId }, files: [file] }),
  };
  browser.commands.onCommand.addListener((command, tab) => void onCommand(shortcuts, command, tab));
  browser.contextMenus.onClicked.addListener((info, tab) => void onContextMenuClicked(shortcuts, info, tab));

  browser.runtime.onInstalled.addListener(() => {
    void browser.contextMenus.removeAll().then(() => browser.contextMenus.create(contextMenuItem()));
    void db.then(getOrCreateInstallKey);
  });
});
