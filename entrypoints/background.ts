// Background (Chromium's service worker, Firefox's event page): wires messages to the capture pipeline. The work itself lives in utils/: capture
// messages in utils/capture/worker/router.ts, batches and shortcuts in utils/batch/, site access in utils/extension/.
import browser, { type Runtime } from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { extensionCaptureApis } from '../utils/capture/worker/browser-apis';
import { captureRouter } from '../utils/capture/worker/router';
import { getOrCreateInstallKey } from '../utils/store/install-key';
import { captureSettings, startStampQueue } from '../utils/stamping/stamp-background';
import { openReconnectingDb } from '../utils/store/db';
import { sweepOncePerSession, type SessionStorage } from '../utils/store/sweep';
import { copyPreparer } from '../utils/export/derived-copies';
import { canvasScreenshotAnnotator } from '../utils/evidence/annotate-canvas';
import { softwareName } from '../utils/extension/software';
import { handleSiteAccessMessage, syncSiteScripts, type SiteAccessApi } from '../utils/extension/site-access';
import { isOwnExtensionPage } from '../utils/capture/worker/message-guards';
import { awakeAnswer, keepAwake } from '../utils/extension/keep-awake';
import { BatchBackground, type BatchBackgroundApi } from '../utils/batch/batch-background';
import { keepAwakeWhileBatchRuns, type BatchStateStorage } from '../utils/batch/batch-awake';
import { knownPostKeys } from '../utils/batch/known-posts';
import { contextMenuItem, onCommand, onContextMenuClicked, type ShortcutsApi } from '../utils/batch/shortcuts';
import { isBatchCommand } from '../utils/batch/state';
import { witnessPost } from '../utils/capture/worker/witness';
import { witnessSourceFor } from '../utils/witness/sources/index';
import { readSettings } from '../utils/store/settings';
import { ensureWatchAlarm, RecheckBackground, WATCH_ALARM, type KeyValueArea } from '../utils/capture/worker/recheck-background';
import { isRecheckMessage, isWatchMessage } from '../utils/witness/recheck-messages';
import type { PostProofDb } from '../utils/store/db';
import { activeCaseBadge, activeCaseCaptureDeps, type KeyValueStorage } from '../utils/extension/active-case';
import { LockerBackground, LOCKER_ALARM } from '../utils/locker/locker-background';
import { openLockerQueue, type LockerDb } from '../utils/locker/queue';
import { LOCKER_CONFIG_KEY, type LockerConfig } from '../utils/locker/s3-api';
import { lockerClient } from '../utils/locker/presign';
import { buildFolder, readFolderFile } from '../utils/locker/folder';
import { isLockerPushMessage } from '../utils/locker/locker-messages';
import { appendCustodyEvent } from '../utils/store/custody-log';
import { openFirstRunOnInstall } from '../utils/extension/first-run';
import { isPracticeCaptureMessage, practiceCapture } from '../utils/capture/worker/practice';
import { startListBackground } from '../utils/lists/list-wiring';
import { threadBackground } from '../utils/threads/thread-background';

/** A plain square in PostProof's blue: Chrome requires an icon for every notification, and the build ships none. */
const NOTIFICATION_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAOklEQVR42u3OQQ0AAAgEoGtiI/vY3hbOBxsBSPW8EiEhISEhISEhISEhISEhISEhISEhISEhISGhOwtyIhZ5fhsiegAAAABJRU5ErkJggg==';

export default defineBackground(() => {
  // Chromium's worker and Firefox's event page stop after 30 s idle: every piece of work below that may outlast that
  // (a capture with slow media, a store upgrade, a push, a late timestamp) is kept awake (utils/extension/keep-awake.ts).
  const awake = keepAwake(() => browser.runtime.getPlatformInfo());
  // Reopened by itself when Chromium closes the connection after an I/O error (a full disk): utils/store/db.ts.
  // An upgrade of a large store outlasts the idle limit: kept awake until it is open.
  const db = awake(openReconnectingDb());
  // Toolbar badge: today's captures in the active case (utils/extension/active-case.ts), after each capture and case change.
  const caseStorage = browser.storage.local as unknown as KeyValueStorage;
  const refreshBadge = activeCaseBadge(db, { get: (key) => caseStorage.get(key), set: (items) => caseStorage.set(items), onChanged: browser.storage.onChanged }, (text) => browser.action.setBadgeText({ text }));
  // Rows no capture lists (left by a crash or an older build), removed once per browser session (utils/store/sweep.ts).
  const session = (browser.storage as unknown as { session: SessionStorage }).session;
  void awake(sweepOncePerSession(db, session)).catch(() => undefined);
  // RFC 3161 timestamps: asked for after each commit, retried from the store's queue (utils/stamping/).
  // Each capture's annotated screenshot, drawn once its stamps are settled and kept for export (utils/export/derived-copies.ts).
  const prepareCopy = copyPreparer(db, canvasScreenshotAnnotator);
  const stamps = startStampQueue(db, (captureId) => void prepareCopy(captureId), awake);
  // The team's evidence locker (utils/locker/): a queue in its own database, pushed one capture at a time, woken by
  // an alarm after a failure or a stopped worker, and taken up again at every worker start.
  let lockerQueue: Promise<LockerDb> | undefined;
  const lockers = new LockerBackground({
    queue: () =>
      (lockerQueue ??= openLockerQueue().then((queue) => {
        queue.addEventListener('versionchange', () => (lockerQueue = undefined));
        queue.addEventListener('close', () => (lockerQueue = undefined));
        return queue;
      })),
    config: async () => (await browser.storage.local.get(LOCKER_CONFIG_KEY))[LOCKER_CONFIG_KEY] as LockerConfig | undefined,
    api: (config) => lockerClient(config),
    buildFolder: async (captureId, config) => buildFolder(await db, captureId, config, browser.runtime.getManifest().version),
    readFile: readFolderFile,
    custody: async (captureId, details) => appendCustodyEvent(await db, captureId, 'pushed', details),
    schedule: (when) => void browser.alarms.create(LOCKER_ALARM, { when }).catch(() => undefined),
  });
  void awake(lockers.recover()).catch(() => undefined);
  browser.alarms.onAlarm.addListener((alarm) => (alarm.name === LOCKER_ALARM ? void awake(lockers.run()).catch(() => undefined) : undefined));
  // Screenshots, captures and capture-status from the content script (utils/capture/worker/router.ts).
  const captureApis = extensionCaptureApis(browser);
  const captures = captureRouter({
    db,
    ...captureApis,
    software: softwareName(browser.runtime.getManifest().version),
    settings: async (store) => ({ ...(await captureSettings(store)), ...(await activeCaseCaptureDeps(caseStorage)) }),
    // The platform's own public record of the post, when the setting is on (utils/capture/worker/witness.ts).
    witness: async (post) =>
      witnessPost(post, {
        enabled: (await readSettings(await db)).witness === true,
        sourceFor: witnessSourceFor,
        allowed: (patterns) => browser.permissions.contains({ origins: [...patterns] }),
        fetch: (input, init) => fetch(input, init),
      }),
    onCommitted: (captureId) => {
      void stamps.run().then(() => prepareCopy(captureId));
      void awake(lockers.onCommitted(captureId)).catch(() => undefined);
      void refreshBadge();
    },
  });
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => awakeAnswer(awake, captures(message, sender)));
  // "Preserve thread": the members are ordinary captures; the signed thread record is made here (utils/threads/).
  const threads = threadBackground({ db, key: getOrCreateInstallKey, senders: captureApis.senders, software: softwareName(browser.runtime.getManifest().version) });
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => awakeAnswer(awake, threads(message, sender)));
  // The first-run page's practice capture of its built-in sample post: the same pipeline, in the "Practice" case.
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
    isPracticeCaptureMessage(message)
      ? awake(
          practiceCapture(message, sender, {
            runtimeId: browser.runtime.id,
            extensionOrigin: browser.runtime.getURL(''),
            db,
            key: getOrCreateInstallKey,
            software: softwareName(browser.runtime.getManifest().version),
            screenshots: captureApis.screenshots,
            settings: captureSettings,
            onCommitted: (captureId) => void stamps.run().then(() => prepareCopy(captureId)),
          }),
        )
      : undefined,
  );

  // "Check again" and watched posts (utils/capture/worker/recheck-background.ts), asked by the dashboard.
  const witnessDeps = (store: PostProofDb) => ({
    sourceFor: witnessSourceFor,
    allowed: (patterns: readonly string[]) => browser.permissions.contains({ origins: [...patterns] }),
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    enabled: true,
  });
  const rechecks = new RecheckBackground({
    db,
    recheckDeps: async (store) => ({
      software: softwareName(browser.runtime.getManifest().version),
      userAgent: navigator.userAgent,
      witness: witnessDeps(store),
      ...(await captureSettings(store)),
    }),
    storage: browser.storage.local as unknown as KeyValueArea,
    // Only once the user allowed notifications when ticking "Watch" (an optional permission); else the dashboard's filter tells.
    notify: (title, message) => void browser.notifications?.create({ type: 'basic', iconUrl: NOTIFICATION_ICON, title, message })?.catch(() => undefined),
  });
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isOwnExtensionPage(sender, browser.runtime.id, browser.runtime.getURL(''))) return undefined;
    if (isRecheckMessage(message)) return awake(rechecks.recheck(message.captureIds));
    if (isWatchMessage(message)) return rechecks.setWatched(message.captureId, message.watched).then(() => rechecks.watched());
    if (isLockerPushMessage(message)) return awake(lockers.push(message.captureIds));
    return undefined;
  });
  void ensureWatchAlarm(browser.alarms).catch(() => undefined);
  browser.alarms.onAlarm.addListener((alarm) => (alarm.name === WATCH_ALARM ? void awake(rechecks.checkWatched()).catch(() => undefined) : undefined));

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
  // A slow pace leaves the background without events between captures: a running batch holds it awake.
  keepAwakeWhileBatchRuns(awake, { get: (key) => browser.storage.local.get(key), onChanged: browser.storage.onChanged as unknown as BatchStateStorage['onChanged'] });
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
    isBatchCommand(message) ? awake(batches.handle(message, sender.tab?.id)) : undefined,
  );

  // Capture from a list (utils/lists/): a queue in the store, resumed at every worker and browser start.
  startListBackground(browser, db, awake);

  // The keyboard command and the context-menu item: gestures that grant activeTab for the screenshot.
  const shortcuts: ShortcutsApi = {
    sendToTab: (tabId, message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
    injectContentScript: (tabId, file) => browser.scripting.executeScript({ target: { tabId }, files: [file] }),
  };
  browser.commands.onCommand.addListener((command, tab) => void onCommand(shortcuts, command, tab));
  browser.contextMenus.onClicked.addListener((info, tab) => void onContextMenuClicked(shortcuts, info, tab));

  browser.runtime.onInstalled.addListener((details) => {
    // A new install opens the first-run page (entrypoints/onboarding/); an update does not.
    void openFirstRunOnInstall(details, (path) => browser.tabs.create({ url: browser.runtime.getURL(path) }))?.catch(() => undefined);
    void browser.contextMenus.removeAll().then(() => browser.contextMenus.create(contextMenuItem()));
    void db.then(getOrCreateInstallKey);
  });
});
