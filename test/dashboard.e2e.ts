// End to end, in Debian's Chromium with the built extension and an Arabic interface (--lang=ar, LANGUAGE=ar): the
// dashboard lays out right to left, lists captures made by the real pipeline in a virtualized list, searches in
// Arabic through the index, is usable from the keyboard, and saves annotations with a custody event.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { seedStore } from './support/store-seeder';

const CAPTURES = 60;

describe('dashboard in Arabic, with many captures', () => {
  let browser: LaunchedBrowser;
  let page: Page;
  let ids: string[] = [];
  const work = mkdtempSync(join(tmpdir(), 'postproof-dashboard-'));
  /** Where the RTL screenshot is kept for a person to look at (DASHBOARD_SCREENSHOT overrides). */
  const screenshotFile = process.env.DASHBOARD_SCREENSHOT ?? join(work, 'dashboard-ar.png');

  beforeAll(async () => {
    browser = await launchWithExtension({ extensionDir: buildExtensionOnce(), port: 9, args: ['--lang=ar'], env: { LANGUAGE: 'ar' } });
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.goto(browser.extensionUrl('dashboard.html'));
    ids = (await seedStore(page, { count: CAPTURES, annotateEvery: 10 })).ids;
    await page.reload();
    await page.locator('[data-testid="capture-row"]').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    if (!process.env.DASHBOARD_SCREENSHOT) rmSync(work, { recursive: true, force: true });
  });

  it('lays the page out right to left with the Arabic messages', async () => {
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^ar/);
    expect(await page.locator('h1').textContent()).toBe('لقطات PostProof');
    // The search box sits on the right in RTL: its right edge is near the page's right edge.
    const box = (await page.getByTestId('search').boundingBox())!;
    const selectAll = (await page.getByTestId('select-all').boundingBox())!;
    expect(selectAll.x).toBeGreaterThan(box.x);
    await page.screenshot({ path: screenshotFile, fullPage: false });
  });

  it('renders only the rows in view, newest first', async () => {
    const rendered = await page.locator('[data-testid="capture-row"]').count();
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(CAPTURES);
    expect(await page.locator('[data-testid="capture-row"]').first().getAttribute('data-capture-id')).toBe(ids.at(-1));
  });

  it('searches in Arabic through the index, with diacritics and alef forms folded', async () => {
    await page.getByTestId('search').fill('مُظاهرة');
    await expect.poll(() => page.getByTestId('capture-count').textContent()).toMatch(/مطابقة/);
    // The seeded texts draw on a small vocabulary: some captures, not all, hold the word.
    const shown = await page.locator('[data-testid="capture-row"]').count();
    expect(shown).toBeGreaterThan(0);
    const matching = Number((await page.getByTestId('capture-count').textContent())!.match(/(\d+)\s*مطابقة/)![1]);
    expect(matching).toBeGreaterThan(0);
    expect(matching).toBeLessThan(CAPTURES);
    await page.getByTestId('search').fill('');
    await expect.poll(() => page.getByTestId('capture-count').textContent()).not.toMatch(/مطابقة/);
  });

  it('is usable from the keyboard: arrows move, Space selects, Enter opens the detail, Escape returns', async () => {
    const rows = page.locator('.virtual-row');
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const focusedId = await page.evaluate(() => document.activeElement?.querySelector('[data-capture-id]')?.getAttribute('data-capture-id'));
    expect(focusedId).toBe(ids.at(-3));
    await page.keyboard.press(' ');
    await expect(page.locator(`[data-capture-id="${focusedId}"] [data-testid="capture-select"]`).isChecked()).resolves.toBe(true);
    // End scrolls the virtualized list to the oldest capture and focuses it.
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => document.activeElement?.querySelector('[data-capture-id]')?.getAttribute('data-capture-id'))).toBe(ids[0]);
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('capture-detail');
    await expect.poll(() => detail.getAttribute('data-capture-id')).toBe(ids[0]);
    await page.getByTestId('annotation-tags').fill('مصدر, verified');
    await page.getByTestId('annotation-note').fill('ملاحظة للاختبار');
    await page.getByTestId('annotation-save').click();
    await expect.poll(() => page.locator('[data-testid="custody-history"] li[data-event="annotated"]').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => detail.count()).toBe(0);
    await expect.poll(() => page.locator(`[data-capture-id="${ids[0]}"] .chip`).allTextContents()).toContain('#verified');
  });

  it('filters by tag and case', async () => {
    // The keyboard test replaced the oldest capture's tags: one seeded tag fewer.
    await page.getByTestId('filter-tag').selectOption('seeded');
    await expect.poll(() => page.locator('[data-testid="capture-row"]').count()).toBe(CAPTURES / 10 - 1);
    await page.getByTestId('filter-tag').selectOption('');
    await page.getByTestId('filter-case').selectOption({ label: 'Seeded case' });
    await expect.poll(() => page.locator('[data-testid="capture-row"]').count()).toBe(CAPTURES / 10);
  });
});
