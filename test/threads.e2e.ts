// End to end: Preserve thread in real Chromium on the real saved thread pages, served under their real URLs. On the
// Bluesky thread page, the focal post's Thread button → a signed thread record whose members are the focal post and
// its 51 replies in the page's own order, with the page's counts; on the Telegram channel page, from the popup →
// the channel's 17 messages in page order. A page script clicking the Thread button starts nothing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../utils/model';
import { hasFixturePages } from './fixtures';
import type { LaunchedBrowser } from './support/browser';
import { axeViolations, describeViolations } from './support/axe';
import { buildExtensionOnce, launchWithExtension } from './support/browser';
import { launchWithScreenshotsGranted } from './support/extension-variants';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { frontTabId } from './support/tabs';

const BLUESKY_URL = 'https://bsky.app/profile/glendunlap.bsky.social/post/3mdegyw3ves2t';
const FORBES_URL = 'https://bsky.app/profile/forbes.com/post/3mdd7aj7pgs2x';
const TELEGRAM_URL = 'https://t.me/s/ClashReport';
const REDDIT_URL = 'https://www.reddit.com/r/gifs/comments/4vv0sa/leonardo_dicaprio_scaring_jonah_hill_on_the/';

interface StoredThreadView {
  record: ThreadRecord;
  /** Each member's post id, read from its own signed capture record. */
  memberPostIds: string[];
  captures: number;
}

/** The thread record as the store keeps it (its signed bytes), and the post id of each member's capture record. */
async function readThread(browser: LaunchedBrowser, threadId: string): Promise<StoredThreadView> {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.extensionUrl('sidepanel.html'));
    return await page.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('postproof');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const all = <T,>(store: string) =>
        new Promise<T[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as T[]);
          request.onerror = () => reject(request.error);
        });
      const threads = await all<{ id: string; recordBytes: Uint8Array }>('threads');
      const captures = await all<{ id: string; recordBytes: Uint8Array }>('captures');
      db.close();
      const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));
      const thread = threads.find((t) => t.id === id);
      if (!thread) throw new Error(`No thread ${id} in the store (${threads.length} threads)`);
      const record = decode(thread.recordBytes) as ThreadRecord;
      const postOf = new Map(captures.map((c) => [c.id, (decode(c.recordBytes) as { post: { id: string } }).post.id]));
      return { record, memberPostIds: record.members.map((m) => postOf.get(m.captureId) ?? '?'), captures: captures.length };
    }, threadId);
  } finally {
    await page.close();
  }
}

async function captureCount(browser: LaunchedBrowser): Promise<number> {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.extensionUrl('sidepanel.html'));
    return await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('postproof');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('captures').objectStore('captures').count();
            request.onsuccess = () => {
              open.result.close();
              resolve(request.result);
            };
            request.onerror = () => reject(request.error);
          };
        }),
    );
  } finally {
    await page.close();
  }
}

/** The page's own order of the Bluesky thread: each item's post id (its time link, or the page's own post). */
function blueskyPageOrder(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid^="postThreadItem-by-"]')).map((item) => {
      const href = item.querySelector('a[href*="/post/"][data-tooltip]')?.getAttribute('href') ?? location.pathname;
      return href.split('/post/')[1]!;
    }),
  );
}

/** The Thread button and the popup's Preserve thread in `lang`: named in it, marked with it, and nothing for axe. */
async function checkAccessible(browser: LaunchedBrowser, lang: 'en' | 'ar'): Promise<void> {
  const names = { en: ['Preserve thread', 'Thread'], ar: ['حفظ السلسلة', 'السلسلة'] }[lang];
  const page = await browser.context.newPage();
  await page.goto(TELEGRAM_URL);
  const thread = page.getByTestId('postproof-preserve-thread').first();
  await expect.poll(() => thread.getAttribute('data-state'), { timeout: 20_000 }).toBe('idle');
  expect(await thread.getAttribute('aria-label')).toBe(names[0]);
  expect(await thread.textContent()).toBe(names[1]);
  expect(await thread.getAttribute('lang')).toBe(lang);
  expect(await thread.getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
  const onPage = await axeViolations(page, { include: 'postproof-control' });
  expect(onPage, describeViolations(onPage)).toEqual([]);
  // Its width does not change with what it says.
  const width = () => thread.evaluate((el) => el.getBoundingClientRect().width);
  const idle = await width();
  await thread.evaluate((el) => (el.textContent = '888/888'));
  expect(await width()).toBe(idle);
  const tabId = await frontTabId(browser);
  const popup = await browser.context.newPage();
  await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
  await expect.poll(() => popup.getByTestId('preserve-thread').textContent()).toBe(names[0]);
  const inPopup = await axeViolations(popup);
  expect(inPopup, describeViolations(inPopup)).toEqual([]);
  await popup.close();
  await page.close();
}

describe.skipIf(!hasFixturePages)('Preserve thread', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launchWithScreenshotsGranted(server.port);
    // A fast pace for the test (the default, 1.5–3 s between captures, is a person's); the default reply limit (100).
    await browser.serviceWorker.evaluate(async () => {
      await (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ batchPaceMs: [20, 60] });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the Thread button and the popup’s Preserve thread: named, marked lang=en, no axe violation, one width', async () => {
    await checkAccessible(browser, 'en');
  });

  it('a page script clicking the Thread button starts nothing', async () => {
    const page = await browser.context.newPage();
    await page.goto(FORBES_URL);
    const thread = page.getByTestId('postproof-preserve-thread').first();
    await expect.poll(() => thread.getAttribute('data-state')).toBe('idle');
    const before = await captureCount(browser);
    const idleTitle = await thread.getAttribute('title');
    // Each way a page script could press it, one at a time (two in a row would start and cancel): none may start a thread.
    for (const attempt of ['click', 'dispatch', 'enter'] as const) {
      await page.evaluate((how) => {
        const button = document.querySelector('postproof-control')!.shadowRoot!.querySelector<HTMLButtonElement>('[data-testid="postproof-preserve-thread"]')!;
        if (how === 'click') button.click();
        else if (how === 'dispatch') button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
        else {
          button.focus();
          button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        }
      }, attempt);
      await page.waitForTimeout(1000);
      expect(await thread.getAttribute('data-state'), attempt).toBe('idle');
      expect(await thread.getAttribute('title'), attempt).toBe(idleTitle);
    }
    expect(await captureCount(browser)).toBe(before);
    await page.close();
  });

  it('Bluesky: the focal post and its 51 replies, in the page’s order, with the page’s counts', { timeout: 300_000 }, async () => {
    const page = await browser.context.newPage();
    await page.goto(BLUESKY_URL);
    await expect.poll(() => page.getByTestId('postproof-preserve-thread').count()).toBe(52);
    const order = await blueskyPageOrder(page);
    expect(order).toHaveLength(52);
    const thread = page.getByTestId('postproof-preserve-thread').first();
    await thread.scrollIntoViewIfNeeded();
    // Enter on the focused button (a trusted click by the keyboard): on the saved Bluesky page the app's stylesheet is
    // missing and a reply's image lies over the thread, so a pointer click would land on it (as in platforms.e2e.ts).
    await thread.press('Enter');
    await expect.poll(() => thread.getAttribute('data-state')).toBe('saving');
    // Progress on the button: "n/total".
    await expect.poll(() => thread.getAttribute('data-progress-total'), { timeout: 30_000 }).toBe('52');
    await expect.poll(() => thread.getAttribute('data-state'), { timeout: 280_000, interval: 1000 }).toBe('saved');
    const threadId = await thread.getAttribute('data-thread-id');
    expect(threadId).toBeTruthy();

    const stored = await readThread(browser, threadId!);
    expect(stored.memberPostIds).toEqual(order);
    expect(stored.record.members.map((m) => m.role)).toEqual(['focal', ...Array<string>(51).fill('reply')]);
    expect(stored.record.members.every((m) => !m.earlier && /^[0-9a-f]{64}$/.test(m.captureSha256))).toBe(true);
    expect(stored.record.counts).toEqual({ repliesCounted: 95, repliesShown: 51, repliesCaptured: 51, authorPostsShown: 1, authorPostsCaptured: 1 });
    expect(stored.record.failed).toEqual([]);
    expect(stored.record.scope).toEqual({ authorThread: true, replyLimit: 100 });
    expect(stored.record.platform).toBe('bluesky');
    console.log(`[threads] bluesky: replies the platform counts: ${stored.record.counts.repliesCounted}; shown: ${stored.record.counts.repliesShown}; captured: ${stored.record.counts.repliesCaptured}`);
    // The focal post's own Preserve control shows its capture, as after a click.
    expect(await page.getByTestId('postproof-preserve').first().getAttribute('data-state')).toBe('saved');
    await page.close();
  });

  it('Reddit comments page, 5 replies asked: the post and its first 5 comments in page order, each a capture of the comment', { timeout: 200_000 }, async () => {
    await browser.serviceWorker.evaluate(async () => {
      await (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ threadReplyLimit: 5 });
    });
    const page = await browser.context.newPage();
    await page.goto(REDDIT_URL);
    const thread = page.getByTestId('postproof-preserve-thread').first();
    await expect.poll(() => thread.getAttribute('data-state'), { timeout: 20_000 }).toBe('idle');
    const comments = await page.evaluate(() => Array.from(document.querySelectorAll('div.Comment[class*="t1_"]')).map((el) => /t1_([a-z0-9]+)/.exec(el.className)![1]!));
    await thread.scrollIntoViewIfNeeded();
    await thread.press('Enter');
    await expect.poll(() => thread.getAttribute('data-state'), { timeout: 180_000, interval: 1000 }).toBe('saved');
    const stored = await readThread(browser, (await thread.getAttribute('data-thread-id'))!);
    expect(stored.memberPostIds).toEqual(['4vv0sa', ...comments.slice(0, 5)]);
    expect(stored.record.members.map((m) => m.role)).toEqual(['focal', ...Array<string>(5).fill('reply')]);
    expect(stored.record.members[1]!.url).toBe(`https://www.reddit.com/r/gifs/comments/4vv0sa/comment/${comments[0]}/`);
    // "2.9k comments": the lower bound of the platform's rounded words; every comment the page drew counts as shown.
    expect(stored.record.counts).toEqual({ repliesCounted: 2900, repliesShown: comments.length, repliesCaptured: 5, authorPostsShown: 1, authorPostsCaptured: 1 });
    expect(stored.record.scope.replyLimit).toBe(5);
    console.log(`[threads] reddit: replies the platform counts: 2.9k (${stored.record.counts.repliesCounted}); shown: ${stored.record.counts.repliesShown}; captured: ${stored.record.counts.repliesCaptured} (limit 5)`);
    await browser.serviceWorker.evaluate(async () => {
      await (globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }).chrome.storage.local.remove('threadReplyLimit');
    });
    await page.close();
  });

  it('Telegram channel page, from the popup: the channel’s 17 messages in page order, the first the focal one', { timeout: 300_000 }, async () => {
    const page = await browser.context.newPage();
    await page.goto(TELEGRAM_URL);
    await expect.poll(() => page.getByTestId('postproof-preserve-thread').count()).toBe(17);
    const order = await page.evaluate(() => Array.from(document.querySelectorAll('.tgme_widget_message[data-post]')).map((el) => el.getAttribute('data-post')!.split('/')[1]!));
    // One message preserved before: the thread lists that capture (earlier), and captures it no second time.
    const fourth = page.getByTestId('postproof-preserve').nth(3);
    await fourth.scrollIntoViewIfNeeded();
    await fourth.press('Enter');
    await expect.poll(() => fourth.getAttribute('data-state'), { timeout: 30_000 }).toBe('saved');
    const earlierId = await fourth.getAttribute('data-capture-id');
    const capturesBefore = await captureCount(browser);
    const tabId = await frontTabId(browser);
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
    await popup.getByTestId('preserve-thread').click();
    await expect.poll(() => popup.getByTestId('preserve-thread-status').getAttribute('data-state')).toBe('saving');
    // The person goes back to the page; the thread goes on without the popup.
    await popup.close();
    await page.bringToFront();
    const thread = page.getByTestId('postproof-preserve-thread').first();
    await expect.poll(() => thread.getAttribute('data-state'), { timeout: 280_000, interval: 1000 }).toBe('saved');
    const stored = await readThread(browser, (await thread.getAttribute('data-thread-id'))!);
    expect(stored.memberPostIds).toEqual(order);
    expect(stored.record.members.map((m) => m.role)).toEqual(['focal', ...Array<string>(16).fill('author-thread')]);
    expect(stored.record.counts).toEqual({ repliesCounted: null, repliesShown: 0, repliesCaptured: 0, authorPostsShown: 17, authorPostsCaptured: 17 });
    expect(stored.record.members[3]).toMatchObject({ captureId: earlierId, earlier: true });
    expect(stored.record.members.filter((m) => m.earlier)).toHaveLength(1);
    expect(stored.captures).toBe(capturesBefore + 16);
    console.log(`[threads] telegram: author's posts shown: 17; captured: ${stored.record.counts.authorPostsCaptured}; replies the platform counts: none shown`);
    await page.close();
  });
});

describe.skipIf(!hasFixturePages)('Preserve thread in Arabic', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launchWithExtension({ extensionDir: buildExtensionOnce(), port: server.port, args: ['--lang=ar'], env: { LANGUAGE: 'ar' } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the Thread button and the popup’s Preserve thread: named in Arabic, marked lang=ar dir=rtl, no axe violation, one width', async () => {
    await checkAccessible(browser, 'ar');
  });
});
