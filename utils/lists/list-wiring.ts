// The background's wiring of capture from a list to the browser: windows, tabs, the store, the alarm that wakes a
// stopped worker while a list runs, and the messages of the extension's pages. Called once by entrypoints/background.ts.
import type { Browser, Runtime, Tabs } from 'webextension-polyfill';
import { parsePostKey } from '../batch/state';
import { isOwnExtensionPage } from '../capture/worker/message-guards';
import type { KeepAwake } from '../extension/keep-awake';
import { storedSiteOrigins, type SiteAccessApi } from '../extension/site-access';
import type { PlatformName } from '../model';
import { PLATFORM_HOSTS } from '../platforms/hosts';
import { findCaptureByPost } from '../store/capture-index';
import type { PostProofDb } from '../store/db';
import { LIST_ALARM, LIST_WAKE, ListBackground, type ListLinks } from './list-background';
import { dbListStore } from './list-store';
import { isListCommand } from './messages';
import { listTargetOf } from './target';

const SUPPORTED_HOSTS = new Set(PLATFORM_HOSTS);
const linksKey = (listId: string) => `postproofListLinks:${listId}`;

/** Resolves once the tab has finished loading (or is gone, or `timeoutMs` passed). */
function tabLoaded(browser: Browser, tabId: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onRemoved.removeListener(onRemoved);
      resolve();
    };
    const onUpdated = (id: number, change: Tabs.OnUpdatedChangeInfoType) => {
      if (id === tabId && change.status === 'complete') finish();
    };
    const onRemoved = (id: number) => {
      if (id === tabId) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.tabs.onRemoved.addListener(onRemoved);
    void browser.tabs.get(tabId).then(
      (tab) => (tab.status === 'complete' && tab.url !== 'about:blank' ? finish() : undefined),
      () => finish(),
    );
  });
}

export function startListBackground(browser: Browser, db: Promise<PostProofDb>, awake: KeepAwake): ListBackground {
  const session = (browser.storage as unknown as { session: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } }).session;
  const lists = new ListBackground({
    awake,
    targetOf: listTargetOf,
    links: {
      get: async (listId) => ((await browser.storage.local.get(linksKey(listId)))[linksKey(listId)] as ListLinks | undefined) ?? {},
      set: (listId, links) => browser.storage.local.set({ [linksKey(listId)]: links }),
    },
    store: dbListStore(() => db),
    findPost: async (key) => {
      const post = parsePostKey(key);
      const listing = post ? await findCaptureByPost(await db, post.platform as PlatformName, post.id) : undefined;
      return listing ? { captureId: listing.id, capturedAt: listing.capturedAt } : undefined;
    },
    supportCheck: async () => {
      const origins = new Set(await storedSiteOrigins({ storage: browser.storage.local as unknown as SiteAccessApi['storage'] }).catch(() => [] as string[]));
      return (url) => SUPPORTED_HOSTS.has(url.hostname.toLowerCase()) || origins.has(url.origin);
    },
    settings: () => browser.storage.local.get('batchPaceMs'),
    windows: {
      // Unfocused, so the person's own window stays in front; a browser that refuses the option opens it plainly.
      open: async () =>
        (await browser.windows.create({ focused: false, url: 'about:blank', type: 'normal' }).catch(() => browser.windows.create({ url: 'about:blank', type: 'normal' }))).id!,
      // Only a window that holds nothing but the list's own blank tab: a page the person (or a script) opened in it
      // since is theirs, and its window stays open.
      close: async (id) => {
        // (Its blank tab is the one left once the list closed its own: tab URLs are not readable without "tabs".)
        if ((await browser.tabs.query({ windowId: id })).length <= 1) await browser.windows.remove(id);
      },
    },
    tabs: {
      open: async (windowId, url) => (await browser.tabs.create({ windowId, url, active: true })).id!,
      loaded: (tabId, timeoutMs) => tabLoaded(browser, tabId, timeoutMs),
      send: (tabId, message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
      close: async (tabId) => void (await browser.tabs.remove(tabId)),
    },
    session: { get: (key) => session.get(key), set: (items) => session.set(items) },
    setRunning: (running) =>
      void (running ? browser.alarms.create(LIST_ALARM, { periodInMinutes: 0.5 }) : browser.alarms.clear(LIST_ALARM)).catch(() => undefined),
  });
  // A list left running by a stopped worker or a closed browser goes on (kept awake while it runs).
  const drive = () => void lists.recover().catch(() => undefined);
  drive();
  browser.runtime.onStartup.addListener(drive);
  browser.alarms.onAlarm.addListener((alarm) => (alarm.name === LIST_ALARM ? drive() : undefined));
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isOwnExtensionPage(sender, browser.runtime.id, browser.runtime.getURL(''))) return undefined;
    if (isListCommand(message)) return awake(lists.handle(message));
    if ((message as { type?: unknown } | null)?.type === LIST_WAKE) {
      drive();
      return Promise.resolve({ ok: true });
    }
    return undefined;
  });
  return lists;
}
