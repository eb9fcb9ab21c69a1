// End to end, in Debian's Chromium with the built extension: the one look of the popup, the side panel, the dashboard
// and the options page, in light and dark (the system's colour scheme) and in English and Arabic. axe-core finds no
// violation on any of them (colour contrast included, so the dark tokens are checked as well as the light ones); the
// popup's buttons never overlap nor touch; empty lists say what to do; the dashboard shows the platform's mark where
// a capture has no screenshot, its sort order's label whole, and dates in the interface language.
// DESIGN_SCREENSHOTS=<folder> keeps a screenshot of each page, language and scheme for a person to look at.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasFixturePages } from './fixtures';
import { axeViolations, describeViolations } from './support/axe';
import { buildExtensionOnce, frontTabId, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { startFixtureServer, xFixtures, type FixtureServer } from './support/fixture-server';
import { seedStore } from './support/store-seeder';

const LANGS = ['en', 'ar'] as const;
const SCHEMES = ['light', 'dark'] as const;
const SEEDED = 6;
/** Every third seeded capture has no screenshot (screenshots not allowed): its row shows the platform's mark. */
const WITHOUT_SCREENSHOT_EVERY = 3;
const shots = process.env.DESIGN_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'postproof-design-'));
mkdirSync(shots, { recursive: true });

type Box = { x: number; y: number; width: number; height: number };
/** The distance between two boxes (0 when they touch or overlap). */
function gap(a: Box, b: Box): number {
  const dx = Math.max(0, Math.max(a.x, b.x) - Math.min(a.x + a.width, b.x + b.width));
  const dy = Math.max(0, Math.max(a.y, b.y) - Math.min(a.y + a.height, b.y + b.height));
  return Math.max(dx, dy);
}

/** Every visible button of the page, with its test id or text, and its box. */
async function buttonBoxes(page: Page): Promise<{ name: string; box: Box }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button')].flatMap((button) => {
      const rect = button.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || getComputedStyle(button).visibility === 'hidden') return [];
      return [{ name: button.dataset.testid ?? button.textContent ?? '', box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height } }];
    }),
  );
}

async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${what}:\n${describeViolations(violations)}`).toEqual([]);
}

describe.skipIf(!hasFixturePages)('one look', () => {
for (const lang of LANGS) describe(`in ${lang}`, () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;
  let tabId: number;
  let ids: string[] = [];

  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launchWithExtension({
      extensionDir: buildExtensionOnce(),
      port: server.port,
      ...(lang === 'ar' ? { args: ['--lang=ar'], env: { LANGUAGE: 'ar' } } : {}),
    });
    // A supported page with a post in front: the popup about it shows every one of its actions.
    const post = await browser.context.newPage();
    await post.goto(xFixtures.image.url);
    await post.locator('postproof-control').first().waitFor({ state: 'attached', timeout: 20_000 });
    tabId = await frontTabId(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (!process.env.DESIGN_SCREENSHOTS) rmSync(shots, { recursive: true, force: true });
  });

  async function open(path: string, scheme: (typeof SCHEMES)[number], width = 1100): Promise<Page> {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height: 900 });
    await page.goto(browser.extensionUrl(path));
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${lang}`));
    return page;
  }

  it('says what to do where there are no captures yet: popup, side panel and dashboard', async () => {
    for (const path of [`popup.html?tab=${tabId}`, 'sidepanel.html', 'dashboard.html']) {
      const page = await open(path, 'light', path.startsWith('popup') ? 420 : 1100);
      const empty = page.getByTestId('empty-state');
      await empty.waitFor();
      // More than a bare "nothing here": a sentence that names the next step (the Preserve button).
      expect((await empty.innerText()).length, path).toBeGreaterThan(40);
      await expectNoAxeViolations(page, `${path} (empty, ${lang})`);
      await page.screenshot({ path: join(shots, `${lang}-empty-${path.replace(/\?.*/, '').replace('.html', '')}.png`), fullPage: true });
      await page.close();
    }
  });

  it('seeds a few captures through the real pipeline, some without a screenshot', async () => {
    const page = await open('dashboard.html', 'light');
    ({ ids } = await seedStore(page, { count: SEEDED, annotateEvery: 2, withoutScreenshotEvery: WITHOUT_SCREENSHOT_EVERY }));
    expect(ids).toHaveLength(SEEDED);
    await page.close();
  });

  for (const scheme of SCHEMES) {
    it(`popup (${scheme}): axe finds nothing, and no two buttons overlap or touch`, async () => {
      const popup = await open(`popup.html?tab=${tabId}`, scheme, 420);
      await popup.getByTestId('preserve-page').waitFor();
      await expect.poll(() => popup.getByTestId('capture-row').count()).toBe(SEEDED);
      await expect.poll(() => popup.getByTestId('key-fingerprint').getAttribute('data-key-id')).not.toBe('');
      const buttons = await buttonBoxes(popup);
      expect(buttons.map((b) => b.name)).toEqual(expect.arrayContaining(['preserve-page', 'preserve-all', 'open-sidepanel', 'export-selected', 'open-dashboard']));
      for (let i = 0; i < buttons.length; i++) {
        for (let j = i + 1; j < buttons.length; j++) {
          expect(gap(buttons[i]!.box, buttons[j]!.box), `${buttons[i]!.name} and ${buttons[j]!.name} touch`).toBeGreaterThanOrEqual(4);
        }
      }
      await expectNoAxeViolations(popup, `popup (${lang}, ${scheme})`);
      await popup.screenshot({ path: join(shots, `${lang}-${scheme}-popup.png`), fullPage: true });
      await popup.close();
    });

    it(`side panel (${scheme}): axe finds nothing`, async () => {
      const panel = await open('sidepanel.html', scheme, 400);
      await expect.poll(() => panel.getByTestId('capture-row').count()).toBe(SEEDED);
      await expectNoAxeViolations(panel, `side panel (${lang}, ${scheme})`);
      await panel.screenshot({ path: join(shots, `${lang}-${scheme}-sidepanel.png`), fullPage: true });
      await panel.close();
    });

    it(`dashboard list and toolbar (${scheme}): axe finds nothing; marks for missing screenshots; sort label whole; dates in the UI language`, async () => {
      const dashboard = await open('dashboard.html', scheme);
      await expect.poll(() => dashboard.getByTestId('capture-row').count()).toBe(SEEDED);
      // Let the thumbnails load (they are read once the list is still).
      await expect.poll(() => dashboard.locator('img.listing-thumb').count()).toBe(SEEDED - Math.floor(SEEDED / WITHOUT_SCREENSHOT_EVERY));
      const placeholders = dashboard.getByTestId('thumb-placeholder');
      expect(await placeholders.count()).toBe(Math.floor(SEEDED / WITHOUT_SCREENSHOT_EVERY));
      expect(await placeholders.first().locator('.pp-platform-mark').innerText()).toMatch(/^\S{1,2}$/);
      // Each sort order's label fits its select beside the arrow (the Arabic ones were cut off at a fixed 14em).
      const fits = await dashboard.getByTestId('sort').evaluate((select: HTMLSelectElement) => {
        const style = getComputedStyle(select);
        const widths = [...select.options].map((option) => {
          const probe = document.createElement('span');
          probe.textContent = option.textContent;
          probe.style.font = style.font;
          probe.style.whiteSpace = 'nowrap';
          document.body.append(probe);
          const width = probe.getBoundingClientRect().width;
          probe.remove();
          return width;
        });
        return { needed: Math.max(...widths) + parseFloat(style.paddingInlineStart) + parseFloat(style.paddingInlineEnd) + 20, box: select.clientWidth };
      });
      expect(fits.needed).toBeLessThanOrEqual(fits.box);
      // Times are written in the interface's language: no English month or AM/PM in an Arabic interface.
      const times = await dashboard.locator('[data-testid="capture-row"] time').allInnerTexts();
      expect(times.length).toBeGreaterThan(0);
      for (const time of times) {
        if (lang === 'ar') expect(time).not.toMatch(/Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|AM|PM/);
        else expect(time).toMatch(/Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/);
      }
      await expectNoAxeViolations(dashboard, `dashboard (${lang}, ${scheme})`);
      await dashboard.screenshot({ path: join(shots, `${lang}-${scheme}-dashboard.png`), fullPage: true });
      await dashboard.close();
    });

    it(`options (${scheme}): axe finds nothing, each group under a heading`, async () => {
      const options = await open('options.html', scheme, 900);
      await options.getByTestId('settings-save').waitFor();
      await options.getByTestId('limits-save').waitFor();
      expect(await options.locator('main > section > h2, main h2').count()).toBeGreaterThanOrEqual(4);
      await expectNoAxeViolations(options, `options (${lang}, ${scheme})`);
      await options.screenshot({ path: join(shots, `${lang}-${scheme}-options.png`), fullPage: true });
      await options.close();
    });

    it(`viewer (${scheme}): axe finds nothing, the capture time in the UI language beside its UTC time`, async () => {
      const viewer = await open(`viewer.html?capture=${ids.at(-1)}`, scheme);
      await viewer.getByTestId('viewer-snapshot').waitFor();
      const time = viewer.locator('main > p time');
      expect(await time.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await time.innerText()).toContain((await time.getAttribute('datetime'))!);
      await expectNoAxeViolations(viewer, `viewer (${lang}, ${scheme})`);
      await viewer.screenshot({ path: join(shots, `${lang}-${scheme}-viewer.png`), fullPage: true });
      await viewer.close();
    });
  }

  it('dashboard: a search that matches nothing says how to see every capture again', async () => {
    const dashboard = await open('dashboard.html', 'light');
    await expect.poll(() => dashboard.getByTestId('capture-row').count()).toBe(SEEDED);
    await dashboard.getByTestId('search').fill('zzzz-no-such-word');
    const empty = dashboard.getByTestId('empty-state');
    await empty.waitFor();
    expect((await empty.innerText()).length).toBeGreaterThan(60);
    await expectNoAxeViolations(dashboard, `dashboard, no match (${lang})`);
    await dashboard.close();
  });
});
});
