// End to end, grid pages and profile listings, on the one real page of the corpus that allows it: the X profile
// timeline of @Kikobeats (2025-12). The corpus holds no Instagram or TikTok profile grid and no X media tab, so the
// grid tiles themselves are tested in unit tests only (utils/platforms/grids.test.ts says why); here the popup's
// button goes from the real page, through the built extension in Chromium, to one list-create message holding the
// account's own post links in page order. Where the list queue answers (utils/lists/), the list's rows are checked in
// the dashboard by the automation contract (DESIGN §6, url-list-row); where nothing answers yet, the popup must say so
// and show the links to copy, losing none.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixturePage } from './fixtures';
import { axeViolations, describeViolations } from './support/axe';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { startFixtureServer, stripScripts, type FixtureServer } from './support/fixture-server';

const PROFILE_URL = 'https://x.com/Kikobeats';
const PROFILE_FILE = 'x_profile_timeline_kikobeats_2025-12_en.metascraper.html';
const POST_URLS = [
  'https://x.com/Kikobeats/status/1759241476758733209',
  'https://x.com/Kikobeats/status/1987508451887784324',
  'https://x.com/Kikobeats/status/1935738866390253649',
];

type Chrome = {
  tabs: { query(q: object): Promise<{ id?: number }[]> };
  storage: { local: { set(items: object): Promise<void> } };
  runtime: { onMessage: { addListener(listener: (message: unknown) => undefined): void } };
};
type Recorder = { __gridListCreates?: unknown[] };

async function frontTabId(browser: LaunchedBrowser, page: Page): Promise<number> {
  await page.bringToFront();
  return browser.serviceWorker.evaluate(async () => {
    const [tab] = await (globalThis as unknown as { chrome: Chrome }).chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return tab.id;
  });
}

for (const lang of ['en', 'ar'] as const) {
  describe(`an X profile's posts from the popup to the list queue (${lang})`, () => {
    let server: FixtureServer;
    let browser: LaunchedBrowser;

    beforeAll(async () => {
      server = await startFixtureServer([
        { host: 'x.com', path: '/Kikobeats', respond: { headers: { 'content-type': 'text/html; charset=utf-8' }, body: stripScripts(readFixturePage('x', PROFILE_FILE)) } },
      ]);
      browser = await launchWithExtension({
        extensionDir: buildExtensionOnce(),
        port: server.port,
        ...(lang === 'ar' ? { args: ['--lang=ar'], env: { LANGUAGE: 'ar' } } : {}),
      });
      // A passive recorder beside the background's own listeners: it notes each list-create and answers nothing.
      await browser.serviceWorker.evaluate(async () => {
        const scope = globalThis as unknown as { chrome: Chrome } & Recorder;
        scope.__gridListCreates = [];
        scope.chrome.runtime.onMessage.addListener((message) => {
          if ((message as { type?: string } | null)?.type === 'postproof/list-create') scope.__gridListCreates!.push(message);
          return undefined;
        });
        // The batch's pace, which the grid collection follows: quick here, the rule is the same.
        await scope.chrome.storage.local.set({ batchPaceMs: [300, 400] });
      });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('offers nothing of the kind on a post page', async () => {
      const page = await browser.context.newPage();
      await page.goto('https://x.com/UaSmart/status/934106870834454529');
      await page.locator('article[data-testid="tweet"]').first().waitFor();
      const tabId = await frontTabId(browser, page);
      const popup = await browser.context.newPage();
      await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
      await popup.getByTestId('preserve-all').waitFor({ timeout: 15_000 });
      expect(await popup.getByTestId('grid-panel').count()).toBe(0);
    }, 60_000);

    it('collects the account’s own post links and sends them as one list named by the profile and the day', async () => {
      const page = await browser.context.newPage();
      await page.goto(PROFILE_URL);
      await page.locator('article[data-testid="tweet"]').first().waitFor();
      const tabId = await frontTabId(browser, page);

      const popup = await browser.context.newPage();
      await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
      const panel = popup.getByTestId('grid-panel');
      await panel.waitFor({ timeout: 15_000 });
      expect(await panel.getAttribute('data-kind')).toBe('timeline');
      expect(await panel.innerText()).toContain('@Kikobeats');
      // A timeline holds posts, not tiles: no tile-only choice there.
      expect(await popup.getByTestId('grid-keep-tiles').count()).toBe(0);
      const violations = await axeViolations(popup);
      expect(violations, describeViolations(violations)).toEqual([]);

      const day = new Date().toISOString().slice(0, 10);
      await popup.getByTestId('grid-preserve-all').click();
      await expect.poll(() => popup.getByTestId('grid-status').getAttribute('data-state'), { timeout: 60_000 }).toMatch(/^(queued|not-queued)$/);

      const sent = await browser.serviceWorker.evaluate(() => (globalThis as unknown as Recorder).__gridListCreates);
      expect(sent).toEqual([{ type: 'postproof/list-create', name: `X @Kikobeats – ${day}`, urls: POST_URLS }]);

      const state = await popup.getByTestId('grid-status').getAttribute('data-state');
      if (state === 'not-queued') {
        // Nothing took the list: the popup says so, and every link is there to be copied into a list.
        expect(await popup.getByTestId('grid-links').inputValue()).toBe(POST_URLS.join('\n'));
        const after = await axeViolations(popup);
        expect(after, describeViolations(after)).toEqual([]);
      } else {
        // The list queue took it: its rows are the three posts, by the automation contract.
        const dashboard = await browser.context.newPage();
        await dashboard.goto(browser.extensionUrl('dashboard.html'));
        for (const url of POST_URLS) await dashboard.locator(`[data-testid="url-list-row"][data-url="${url}"]`).first().waitFor({ timeout: 30_000 });
        // The list would run on in its own window: cancelled here, so the next test's front tab is its own page.
        if ((await dashboard.getByTestId('url-list-cancel').count()) > 0) await dashboard.getByTestId('url-list-cancel').click();
        await expect.poll(() => dashboard.getByTestId('url-list-cancel').count(), { timeout: 60_000 }).toBe(0);
        await dashboard.close();
      }
    }, 120_000);
  });
}
