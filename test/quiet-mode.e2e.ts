// Quiet mode end to end, in Chromium with the built extension: switched on in options.html, a supported page gets
// nothing from PostProof (a MutationObserver the page itself runs sees no change at all), and posts are still
// preserved through the paths that add nothing: the keyboard command's and the context menu's message (Playwright
// cannot press a browser command or click a menu item, DESIGN.md §8, so the test sends what their handler sends),
// "Preserve page" in the popup, and a batch. Switching it off and on while the page is open adds and removes the
// controls.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreserveTargetMessage } from '../utils/batch/content-wiring';
import { hasFixturePages } from './fixtures';
import type { LaunchedBrowser } from './support/browser';
import { launchWithScreenshotsGranted } from './support/extension-variants';
import { startFixtureServer, xFixtures, type FixtureServer } from './support/fixture-server';
import { recordFromStore, storedCaptureIds } from './support/store-reader';
import { frontTabId, startBatchFromPopup } from './support/tabs';
import { timelinePostIds, timelineRoute, timelineUrl } from './support/timeline';

const TIMELINE_POSTS = 3;
const POST = 'article[data-testid="tweet"]';

type Chrome = {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  tabs: { sendMessage(tabId: number, message: unknown, options?: { frameId: number }): Promise<unknown> };
};

/**
 * Runs in the page's own world from its first moment, as a site's script would: from DOMContentLoaded on (the
 * content script starts after it) it notes every change to the document and every scroll. A string, so that test
 * tooling does not rewrite it (esbuild's name helpers do not exist in the page).
 */
const PAGE_WATCH = `(() => {
  const log = [];
  window.__pageSaw = log;
  const name = (node) => (node.nodeType === Node.ELEMENT_NODE ? node.localName : node.nodeName.toLowerCase());
  const note = (entry) => { if (log[log.length - 1] !== entry) log.push(entry); };
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes') note('attribute ' + record.attributeName + ' on ' + name(record.target));
        else if (record.type === 'characterData') note('text in ' + name(record.target.parentNode || record.target));
        record.addedNodes.forEach((node) => note('added ' + name(node)));
        record.removedNodes.forEach((node) => note('removed ' + name(node)));
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    addEventListener('scroll', () => note('scroll'), { capture: true, passive: true });
  }, { once: true });
})();`;

const pageSaw = (page: Page) => page.evaluate(() => [...(window as unknown as { __pageSaw: string[] }).__pageSaw]);
const mentionsPostProof = (log: string[]) => log.filter((entry) => /postproof|data-state|data-capture-id|data-testid/.test(entry));

async function openWatched(browser: LaunchedBrowser, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.addInitScript({ content: PAGE_WATCH });
  await page.goto(url);
  return page;
}

async function storedQuietMode(browser: LaunchedBrowser): Promise<unknown> {
  return browser.serviceWorker.evaluate(async () => (await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get('quietMode')).quietMode);
}

/** Ticks or unticks quiet mode in options.html and saves, as a person would. */
async function setQuietMode(browser: LaunchedBrowser, on: boolean): Promise<void> {
  const options = await browser.context.newPage();
  try {
    await options.goto(browser.extensionUrl('options.html'));
    const box = options.getByTestId('quiet-mode');
    await box.setChecked(on);
    await options.getByTestId('settings-save').click();
    await expect.poll(() => storedQuietMode(browser)).toBe(on);
    await options.reload();
    expect(await options.getByTestId('quiet-mode').isChecked()).toBe(on);
  } finally {
    await options.close();
  }
}

/** What the background sends the tab for Alt+Shift+P or "Preserve this post" (utils/batch/shortcuts.ts). */
async function sendPreserveTarget(browser: LaunchedBrowser, tabId: number, source: PreserveTargetMessage['source']): Promise<unknown> {
  const message: PreserveTargetMessage = { type: 'postproof/preserve-target', source };
  return browser.serviceWorker.evaluate(
    ([id, m]) => (globalThis as unknown as { chrome: Chrome }).chrome.tabs.sendMessage(id, m, { frameId: 0 }),
    [tabId, message] as const,
  );
}

/** The one capture id added to the store since `before`. */
async function newCapture(browser: LaunchedBrowser, before: string[]): Promise<string> {
  let added: string[] = [];
  await expect
    .poll(async () => (added = (await storedCaptureIds(browser)).filter((id) => !before.includes(id))).length, { timeout: 30_000 })
    .toBe(1);
  return added[0]!;
}

async function postCenter(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator(POST).first().boundingBox();
  if (!box) throw new Error('the post is not laid out');
  return { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 100) };
}

describe.skipIf(!hasFixturePages)('quiet mode: PostProof adds nothing to pages, and preserves without its controls', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;
  let page: Page;
  let tabId: number;

  beforeAll(async () => {
    server = await startFixtureServer([timelineRoute(TIMELINE_POSTS, TIMELINE_POSTS)]);
    browser = await launchWithScreenshotsGranted(server.port);
    // A fast pace for the batch; the default (1.5–3 s between captures) is what a platform would not flag.
    await browser.serviceWorker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set({ batchPaceMs: [20, 60] }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('switched on in options.html, a supported page gets no control, and the page sees no change at all', async () => {
    await setQuietMode(browser, true);
    page = await openWatched(browser, xFixtures.image.url);
    await expect.poll(() => page.locator(POST).count()).toBe(1);
    tabId = await frontTabId(browser);
    // The content script runs and reads the post (what the popup asks), and has had time to read the setting.
    await expect
      .poll(() => browser.serviceWorker.evaluate((id) => (globalThis as unknown as { chrome: Chrome }).chrome.tabs.sendMessage(id, { type: 'postproof/page-status' }, { frameId: 0 }).catch(() => null), tabId))
      .toEqual({ platform: 'x', posts: 1 });
    await page.waitForTimeout(1000);
    expect(await page.locator('postproof-control, postproof-batch').count()).toBe(0);
    expect(await pageSaw(page)).toEqual([]);
  });

  it('preserves the post under the pointer through the keyboard command’s message, adding nothing to the page', async () => {
    const before = await storedCaptureIds(browser);
    await page.bringToFront();
    const { x, y } = await postCenter(page);
    await page.mouse.move(x, y);
    expect(await sendPreserveTarget(browser, tabId, 'command')).toEqual({ ok: true, found: true });
    const id = await newCapture(browser, before);
    const record = await recordFromStore(browser, id);
    expect(record.post).toMatchObject({ platform: 'x', id: xFixtures.image.tweetId });
    expect(record.artifacts.map((a) => a.role), JSON.stringify(record.missing)).toContain('screenshot');
    expect(await page.locator('postproof-control').count()).toBe(0);
    const saw = await pageSaw(page);
    // What a page can still notice of a capture (documented in docs/automation.md), and never PostProof's own marks.
    console.log(`[e2e] the page saw during a quiet capture: ${JSON.stringify(saw)}`);
    expect(mentionsPostProof(saw)).toEqual([]);
  });

  it('preserves the right-clicked post through the context menu’s message', async () => {
    const before = await storedCaptureIds(browser);
    await page.bringToFront();
    const { x, y } = await postCenter(page);
    await page.mouse.click(x, y, { button: 'right' });
    expect(await sendPreserveTarget(browser, tabId, 'context-menu')).toEqual({ ok: true, found: true });
    const record = await recordFromStore(browser, await newCapture(browser, before));
    expect(record.post).toMatchObject({ platform: 'x', id: xFixtures.image.tweetId });
    expect(record.artifacts.map((a) => a.role), JSON.stringify(record.missing)).toContain('screenshot');
    expect(mentionsPostProof(await pageSaw(page))).toEqual([]);
  });

  it('the popup says quiet mode is on, and "Preserve page" works from it', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
    await expect.poll(() => popup.getByTestId('quiet-mode-note').count()).toBe(1);
    expect(await popup.getByTestId('quiet-mode-note').innerText()).toMatch(/Quiet mode is on/);
    await expect.poll(() => popup.getByTestId('page-status').innerText()).toBe('1 post on this page can be preserved.');
    // The page must be the visible tab while its screenshot is taken; the popup (opened as a page) is clicked behind it.
    await page.bringToFront();
    await popup.getByTestId('preserve-page').click();
    const status = popup.getByTestId('preserve-page-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 60_000 }).toMatch(/saved|error/);
    expect(await status.getAttribute('data-state'), await status.innerText()).toBe('saved');
    await popup.close();
    expect(mentionsPostProof(await pageSaw(page))).toEqual([]);
  });

  it('a batch preserves every post with no panel on the page; its progress is in the side panel', async () => {
    const timeline = await openWatched(browser, timelineUrl(TIMELINE_POSTS));
    await expect.poll(() => timeline.locator('.tgme_widget_message[data-post]').count()).toBe(TIMELINE_POSTS);
    const timelineTab = await frontTabId(browser);
    await startBatchFromPopup(browser, timeline, timelineTab);
    const panel = await browser.context.newPage();
    await panel.goto(browser.extensionUrl('sidepanel.html'));
    const state = panel.getByTestId('batch-state');
    await timeline.bringToFront();
    await expect.poll(() => state.getAttribute('data-status'), { timeout: 60_000, interval: 500 }).toBe('done');
    expect(await state.getAttribute('data-captured')).toBe(String(TIMELINE_POSTS));
    await panel.close();
    const posts = await Promise.all((await storedCaptureIds(browser)).map((id) => recordFromStore(browser, id)));
    expect(posts.filter((r) => r.post.platform === 'telegram').map((r) => r.post.id).sort()).toEqual(timelinePostIds(TIMELINE_POSTS));
    expect(await timeline.locator('postproof-batch, postproof-control').count()).toBe(0);
    expect(mentionsPostProof(await pageSaw(timeline))).toEqual([]);
    await timeline.close();
  });

  it('switched off while the page is open, the controls appear (the page sees them); switched on, they go', async () => {
    await setQuietMode(browser, false);
    await expect.poll(() => page.getByTestId('postproof-preserve').count()).toBe(1);
    expect(await pageSaw(page)).toContain('added postproof-control');
    await setQuietMode(browser, true);
    await expect.poll(() => page.locator('postproof-control').count()).toBe(0);
    expect((await pageSaw(page)).at(-1)).toBe('removed postproof-control');
    await page.close();
  });
});
