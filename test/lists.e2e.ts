// Capture from a list, end to end in Chromium against real saved pages under their real URLs: 60 URLs (40 different
// real posts – the X status pages, the Telegram channel page under each of its messages' URLs, the Bluesky thread
// page under each member's URL –, 5 that answer 404, 5 Instagram logged-out shells, 5 unsupported sites, 5 repeats).
// Mid-way the service worker is stopped, and later the browser is closed and started again on the same profile:
// every URL still ends with exactly its outcome, each post is captured once, and the CSV export matches the rows.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasFixturePages } from './fixtures';
import { axeViolations } from './support/axe';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { extensionWithScreenshotsGranted } from './support/extension-variants';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { blueskyPosts, listRoutes, telegramPosts, xPosts, type ListPost } from './support/list-corpus';
import { csvRecords } from '../utils/lists/parse';

type Expected = { url: string; outcome: string; key?: string };

const SHELL_CODES = ['CQlistWall01', 'CQlistWall02', 'CQlistWall03', 'CQlistWall04', 'CQlistWall05'];
const UNSUPPORTED = ['https://example.org/news/2026/01/a-post', 'https://news.ycombinator.com/item?id=8863', 'https://vk.com/wall1_45616', 'https://www.linkedin.com/posts/someone_activity-1', 'https://mastodon.example/@someone/1109'];
const NOT_FOUND = ['https://x.com/UaSmart/status/1000000000000000001', 'https://x.com/verge/status/1000000000000000002', 'https://x.com/Forbes/status/1000000000000000003', 'https://t.me/s/DeletedChannel/5', 'https://bsky.app/profile/forbes.com/post/3aaaaaaaaaaaa'];

interface RowView {
  url: string;
  outcome: string;
  captureId: string;
  message: string;
}

async function rows(page: Page): Promise<RowView[]> {
  return page.locator('[data-testid="url-list-row"]').evaluateAll((els) =>
    els.map((el) => ({
      url: el.getAttribute('data-url') ?? '',
      outcome: el.getAttribute('data-outcome') ?? '',
      captureId: el.getAttribute('data-capture-id') ?? '',
      message: el.querySelector('.url-list-note')?.textContent ?? '',
    })),
  );
}

/** Each capture in the store: its id, post key, and whether it holds a screenshot. */
async function storedCaptures(browser: LaunchedBrowser): Promise<{ id: string; key: string; screenshot: boolean }[]> {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.extensionUrl('sidepanel.html'));
    return await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('postproof');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const rows = await new Promise<{ recordBytes: Uint8Array }[]>((resolve, reject) => {
        const request = db.transaction('captures').objectStore('captures').getAll();
        request.onsuccess = () => resolve(request.result as { recordBytes: Uint8Array }[]);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return rows.map((row) => {
        const record = JSON.parse(new TextDecoder().decode(row.recordBytes)) as { id: string; post: { platform: string; id: string }; artifacts: { role: string }[] };
        return { id: record.id, key: `${record.post.platform}:${record.post.id}`, screenshot: record.artifacts.some((a) => a.role === 'screenshot') };
      });
    });
  } finally {
    await page.close();
  }
}

async function done(page: Page): Promise<number> {
  return page.locator('[data-testid="url-list-row"]:not([data-outcome="pending"])').count();
}

describe.skipIf(!hasFixturePages)('capture from a list of 60 URLs, through a stopped worker and a browser restart', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser | undefined;
  let extensionDir = '';
  let profileDir = '';
  const expected: Expected[] = [];
  let posts: ListPost[] = [];

  beforeAll(async () => {
    const bluesky = (await blueskyPosts()).slice(0, 19);
    posts = [...xPosts(), ...telegramPosts(), ...bluesky];
    expect(posts).toHaveLength(40);
    expect(new Set(posts.map((p) => p.key)).size).toBe(40);
    server = await startFixtureServer(listRoutes({ bluesky, instagramShellCodes: SHELL_CODES }));
    extensionDir = extensionWithScreenshotsGranted(buildExtensionOnce());
    profileDir = mkdtempSync(join(tmpdir(), 'postproof-lists-profile-'));
    browser = await launchWithExtension({ extensionDir, port: server.port, profileDir });

    // 60 URLs: the posts, with the other kinds spread among them; the repeats come after what they repeat.
    const others: Expected[] = [
      ...NOT_FOUND.map((url) => ({ url, outcome: 'not-served' })),
      ...SHELL_CODES.map((code) => ({ url: `https://www.instagram.com/p/${code}/`, outcome: 'login-wall' })),
      ...UNSUPPORTED.map((url) => ({ url, outcome: 'unsupported' })),
    ];
    const first: Expected[] = posts.map((p) => ({ url: p.url, outcome: 'saved', key: p.key }));
    for (let i = 0; i < first.length; i++) {
      expected.push(first[i]!);
      if (i % 3 === 1 && others.length) expected.push(others.shift()!);
    }
    expected.push(...others);
    const x = xPosts();
    const repeats: Expected[] = [
      { url: x[0]!.url.replace('https://x.com/', 'https://twitter.com/'), outcome: 'already-saved', key: x[0]!.key },
      { url: `${x[1]!.url}?s=20&t=abc`, outcome: 'already-saved', key: x[1]!.key },
      { url: posts[5]!.url.replace('/s/', '/'), outcome: 'already-saved', key: posts[5]!.key },
      { url: `${bluesky[3]!.url}/`, outcome: 'already-saved', key: bluesky[3]!.key },
      { url: bluesky[7]!.url, outcome: 'already-saved', key: bluesky[7]!.key },
    ];
    expected.splice(30, 0, repeats[0]!, repeats[1]!);
    expected.push(repeats[2]!, repeats[3]!, repeats[4]!);
    expect(expected).toHaveLength(60);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (extensionDir) rmSync(join(extensionDir, '..'), { recursive: true, force: true });
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('ends every URL with its outcome, captures each post once, and exports the outcomes as shown', async () => {
    const first = browser!;
    await first.serviceWorker.evaluate(async () => {
      await (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ batchPaceMs: [100, 200] });
    });
    const dashboard = await first.context.newPage();
    await dashboard.goto(first.extensionUrl('dashboard.html'));
    await dashboard.getByTestId('url-list-input').fill(expected.map((e) => e.url).join('\n'));
    await expect.poll(() => dashboard.getByTestId('url-list-parsed').innerText()).toMatch(/60 URLs read/);
    await dashboard.getByTestId('url-list-start').click();
    await expect.poll(() => dashboard.locator('[data-testid="url-list-row"]').count()).toBe(60);
    expect(await axeViolations(dashboard)).toEqual([]);

    // The worker is stopped mid-list (as Chromium does to an idle worker, or a crash would).
    await expect.poll(() => done(dashboard), { timeout: 120_000, interval: 500 }).toBeGreaterThanOrEqual(14);
    const cdp = await first.context.newCDPSession(dashboard);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const atStop = await done(dashboard);
    console.log(`[lists] worker stopped with ${atStop} of 60 done`);
    await expect.poll(() => done(dashboard), { timeout: 120_000, interval: 500 }).toBeGreaterThanOrEqual(Math.max(atStop + 6, 30));

    // The browser quits mid-list and starts again on the same profile.
    const atQuit = await done(dashboard);
    await first.context.close();
    browser = undefined;
    console.log(`[lists] browser closed with ${atQuit} of 60 done`);
    const second = await launchWithExtension({ extensionDir, port: server.port, profileDir });
    browser = second;
    const again = await second.context.newPage();
    await again.goto(second.extensionUrl('dashboard.html'));
    await expect.poll(() => again.getByTestId('url-list-run').getAttribute('data-status'), { timeout: 240_000, interval: 1_000 }).toBe('done');

    // Nothing lost: every URL has exactly its outcome, in the list's order.
    const shown = await rows(again);
    expect(shown.map((r) => r.url)).toEqual(expected.map((e) => e.url));
    expect(shown.map((r) => `${r.outcome} ${r.url}`)).toEqual(expected.map((e) => `${e.outcome} ${e.url}`));
    for (const row of shown) if (row.outcome !== 'saved' && row.outcome !== 'already-saved') expect(row.message, row.url).not.toBe('');
    expect(await again.getByTestId('url-list-progress').getAttribute('aria-valuenow')).toBe('100');
    console.log(`[lists] saved by the list before a stop and found again on resuming: ${shown.filter((r) => /found again on resuming/.test(r.message)).length}`);

    // Nothing twice: each post key once in the store, each saved row's capture is that post's, repeats point to it.
    const captures = await storedCaptures(second);
    const keys = captures.map((c) => c.key);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    expect(new Set(keys)).toEqual(new Set(posts.map((p) => p.key)));
    const byId = new Map(captures.map((c) => [c.id, c]));
    for (const [i, row] of shown.entries()) {
      const want = expected[i]!;
      if (want.key) expect(byId.get(row.captureId)?.key, row.url).toBe(want.key);
    }
    // The granted build takes screenshots: every capture has one, the windows of the list being unfocused.
    expect(captures.filter((c) => !c.screenshot).map((c) => c.key)).toEqual([]);
    // The unsupported sites were never opened.
    for (const url of UNSUPPORTED) expect(server.requests.filter((r) => r.host === new URL(url).hostname)).toEqual([]);

    // The export: one CSV record per row, the same outcome and capture id.
    const [download] = await Promise.all([again.waitForEvent('download'), again.getByTestId('url-list-export').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const records = csvRecords(csv.replace(/\r\n$/, ''), ',');
    expect(records[0]!.fields).toEqual(['url', 'outcome', 'capture_id', 'message', 'time']);
    expect(records.slice(1).map((r) => [r.fields[0], r.fields[1], r.fields[2]])).toEqual(shown.map((r) => [r.url, r.outcome, r.captureId]));
    expect(records.slice(1).every((r) => /^\d{4}-\d\d-\d\dT/.test(r.fields[4] ?? ''))).toBe(true);

    // Each outcome can be shown alone.
    await again.getByTestId('url-list-filter').selectOption('login-wall');
    expect((await rows(again)).map((r) => r.url)).toEqual(SHELL_CODES.map((code) => `https://www.instagram.com/p/${code}/`));
    await again.getByTestId('url-list-filter').selectOption('all');
    expect(await axeViolations(again)).toEqual([]);
  }, 600_000);
});

describe('the list section in Arabic, from an imported CSV file', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser | undefined;

  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launchWithExtension({ extensionDir: buildExtensionOnce(), port: server.port, args: ['--lang=ar'], env: { LANGUAGE: 'ar' } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports a CSV (BOM, header, quoted fields), shows each outcome in Arabic, and axe finds nothing', async () => {
    const page = await browser!.context.newPage();
    await page.goto(browser!.extensionUrl('dashboard.html'));
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const csv = '\uFEFFnote,link\r\n"first, with a comma",https://example.org/a\r\n"second ""quoted""",https://vk.com/wall1_2\r\nthird,not a link\r\n';
    await page.getByTestId('url-list-file').setInputFiles({ name: 'urls.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByTestId('url-list-input').inputValue()).toContain('https://vk.com/wall1_2');
    expect(await page.getByTestId('url-list-parsed').innerText()).toContain('CSV');
    await page.getByTestId('url-list-start').click();
    await expect.poll(() => page.getByTestId('url-list-run').getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    expect((await rows(page)).map((r) => `${r.outcome} ${r.url}`)).toEqual(['unsupported https://example.org/a', 'unsupported https://vk.com/wall1_2', 'error not a link']);
    expect(await page.getByTestId('url-list-status').innerText()).toMatch(/[\u0600-\u06FF]/);
    expect(await page.locator('.url-list-outcome').first().innerText()).toBe('موقع غير مدعوم');
    expect(await axeViolations(page)).toEqual([]);
    expect(server.requests.filter((r) => r.host === 'example.org' || r.host === 'vk.com')).toEqual([]);
  }, 120_000);
});
