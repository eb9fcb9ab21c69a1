// The browser's side of the capture router (router.ts), from the extension's `browser` object: screenshots of the
// visible tab, what the sender checks ask (manifest hosts, opted-in origins, a frame's origin), chrome.pageCapture
// and the media options' storage and tab messages. Thin adapters: the logic they feed is tested without a browser.
import type { Browser } from 'webextension-polyfill';
import { storedSiteOrigins, type SiteAccessApi } from '../../extension/site-access';
import { mediaOptions } from './media-options';
import { extensionPageCaptureApi } from './page-copy';
import type { CaptureRouterDeps } from './router';
import { ScreenshotSessions } from './screenshot-session';

export function extensionCaptureApis(browser: Browser): Pick<CaptureRouterDeps, 'screenshots' | 'senders' | 'pageCapture' | 'media'> {
  return {
    screenshots: new ScreenshotSessions((windowId) => browser.tabs.captureVisibleTab(windowId, { format: 'png' })),
    senders: {
      runtimeId: browser.runtime.id,
      matches: () => (browser.runtime.getManifest().content_scripts ?? []).flatMap((script) => script.matches ?? []),
      siteOrigins: () => storedSiteOrigins({ storage: browser.storage.local } as unknown as SiteAccessApi),
      frameOrigin: async (tabId, frameId) => (await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, func: () => location.origin }))[0]?.result,
    },
    pageCapture: () => extensionPageCaptureApi(),
    media: (progressId, tabId) =>
      mediaOptions({ get: (key) => browser.storage.local.get(key), sendToTab: (id, update) => browser.tabs.sendMessage(id, update) }, progressId, tabId),
  };
}
