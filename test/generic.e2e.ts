// End to end, pages outside the manifest: a Mastodon instance (found by page structure, under a made-up host) gets
// PostProof from the popup by injection and by a remembered per-origin opt-in, and any page gets the element picker.
// A popup button cannot grant activeTab headless, so this runs the copy of the extension with <all_urls> granted.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesOf } from '../utils/platforms/all.fixtures';
import { CONTENT_SCRIPT_FILE } from '../utils/extension/site-access';
import type { LaunchedBrowser } from './support/browser';
import { launchWithScreenshotsGranted } from './support/extension-variants';
import { noPostsPageUrl, startFixtureServer, syntheticImageFor, type FixtureServer } from './support/fixture-server';
import { recordFromStore } from './support/store-reader';

const statusFixture = fixturesOf('mastodon').find((f) => f.file === 'mastodon_status_detailed_ar.html')!;
const timelineFixture = fixturesOf('mastodon').find((f) => f.file === 'mastodon_profile_timeline_en.html')!;
const ORIGIN = 'https://mastodon.example';

type Chrome = {
  tabs: { query(q: object): Promise<{ id?: number }[]> };
  scripting: {
    executeScript(injection: object): Promise<unknown>;
    getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]>;
  };
};

async function frontTabId(browser: LaunchedBrowser, page: Page): Promise<number> {
  await page.bringToFront();
  return browser.serviceWorker.evaluate(async () => {
    const [tab] = await (globalThis as unknown as { chrome: Chrome }).chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return tab.id;
  });
}

async function openPopupFor(browser: LaunchedBrowser, page: Page): Promise<Page> {
  const tabId = await frontTabId(browser, page);
  const popup = await browser.context.newPage();
  await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
  return popup;
}

async function registeredMatches(browser: LaunchedBrowser): Promise<string[]> {
  return browser.serviceWorker.evaluate(async () =>
    (await (globalThis as unknown as { chrome: Chrome }).chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []),
  );
}

async function savedCaptureId(button: ReturnType<Page['getByTestId']>): Promise<string> {
  await expect.poll(() => button.getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
  const id = await button.getAttribute('data-capture-id');
  if (!id) throw new Error('saved control carries no capture id');
  return id;
}

describe('PostProof beyond the manifest: Mastodon by injection and opt-in, any page by the element picker', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    server = await startFixtureServer([
      // The instances' media hosts (made up, like the instance): generated images and a small video stand-in.
      {
        host: /^files\.(mastodon|social)\.example$/,
        path: /./,
        respond: ({ url }) => {
          const image = syntheticImageFor(url);
          return { headers: { 'Content-Type': image.contentType, 'Access-Control-Allow-Origin': '*' }, body: image.body };
        },
      },
    ]);
    browser = await launchWithScreenshotsGranted(server.port);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('injects into a Mastodon status page from the popup, once, and preserves the Arabic status with its fields', async () => {
    const page = await browser.context.newPage();
    await page.goto(statusFixture.url);
    await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
    // No content script is declared for an instance: nothing until the user asks.
    await page.waitForTimeout(300);
    expect(await page.getByTestId('postproof-preserve').count()).toBe(0);

    const popup = await openPopupFor(browser, page);
    const inject = popup.getByTestId('site-inject');
    await expect.poll(() => inject.count()).toBe(1);
    expect(await inject.innerText()).toBe(`Preserve posts on ${ORIGIN}`);
    // Beside that button, the status line does not call the site unsupported.
    await expect.poll(() => popup.getByTestId('page-status').getAttribute('data-state')).toBe('not-running');
    expect(await popup.getByTestId('page-status').innerText()).toMatch(/looks like Mastodon, but PostProof is not running on it yet/);
    await inject.click();
    await expect.poll(() => popup.getByTestId('page-status').innerText()).toMatch(/1 post on this page/);

    await page.bringToFront();
    const controls = page.getByTestId('postproof-preserve');
    await expect.poll(() => controls.count()).toBe(1);
    // Injected a second time (another popup click): still one control per status.
    const tabId = await frontTabId(browser, page);
    await browser.serviceWorker.evaluate(
      ([id, file]) => (globalThis as unknown as { chrome: Chrome }).chrome.scripting.executeScript({ target: { tabId: id }, files: [file] }),
      [tabId, CONTENT_SCRIPT_FILE] as const,
    );
    await page.waitForTimeout(300);
    expect(await controls.count()).toBe(1);

    await controls.first().click();
    const id = await savedCaptureId(controls.first());
    const record = await recordFromStore(browser, id);
    expect(record.post).toEqual(statusFixture.expected);
    expect(record.page.url).toBe(statusFixture.url);
    expect(record.artifacts.map((a) => a.role).sort()).toEqual(['dom-snapshot', 'media', 'screenshot']);
    expect(record.artifacts.find((a) => a.role === 'media')?.sourceUrl).toBe(statusFixture.expected!.media![0]!.url);
    await popup.close();
    await page.close();
  });

  it('runs by itself on an opted-in instance, and stops when the opt-in is removed', async () => {
    const page = await browser.context.newPage();
    await page.goto(statusFixture.url);
    const popup = await openPopupFor(browser, page);
    const always = popup.getByTestId('site-always');
    await expect.poll(() => always.count()).toBe(1);
    await always.check();
    await expect.poll(() => popup.getByTestId('site-actions').innerText()).toMatch(/will run on https:\/\/mastodon\.example/);
    expect(await registeredMatches(browser)).toContain(`${ORIGIN}/*`);

    const timeline = await browser.context.newPage();
    await timeline.goto(timelineFixture.url);
    await expect.poll(() => timeline.getByTestId('postproof-preserve').count()).toBe(timelineFixture.posts);

    await popup.bringToFront();
    await always.uncheck();
    await expect.poll(() => popup.getByTestId('site-actions').innerText()).toMatch(/no longer runs/);
    expect(await registeredMatches(browser)).not.toContain(`${ORIGIN}/*`);
    for (const p of [popup, timeline, page]) await p.close();
  });

  it('picks an element on a page without any adapter and saves a generic capture that names what is unknown', async () => {
    const page = await browser.context.newPage();
    await page.goto(noPostsPageUrl);
    const popup = await openPopupFor(browser, page);
    const pick = popup.getByTestId('pick-element');
    await expect.poll(() => pick.count()).toBe(1);
    expect(await popup.getByTestId('site-inject').count()).toBe(0);
    await pick.click();

    await page.bringToFront();
    await expect.poll(() => page.locator('postproof-picker').count()).toBe(1);
    const paragraph = page.locator('main p').first();
    await paragraph.hover();
    await paragraph.click();
    const control = page.getByTestId('postproof-preserve');
    await expect.poll(() => control.count()).toBe(1);
    const record = await recordFromStore(browser, await savedCaptureId(control));
    expect(record.post).toEqual({
      platform: 'generic',
      text: 'This page has no social-media posts: no article, no tweet, no timeline.',
      lang: 'en',
      media: [],
      missingFields: ['url', 'author', 'postedAt'],
    });
    expect(record.page.url).toBe(noPostsPageUrl);
    expect(record.artifacts.map((a) => a.role).sort()).toEqual(['dom-snapshot', 'screenshot']);
    expect(await page.locator('postproof-picker').count()).toBe(0);
    await popup.close();
    await page.close();
  });
});
