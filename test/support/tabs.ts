// What several end-to-end files do with the browser's tabs: which tab is in front, preserving a page's first post,
// starting a batch on a timeline.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { frontTabId, type LaunchedBrowser } from './browser';
import { timelineUrl } from './timeline';

export { frontTabId };

/** Clicks the first post's Preserve control and returns the capture id once it says saved. */
export async function preserveFirstPost(page: Page, timeoutMs = 30_000): Promise<string> {
  const button = page.getByTestId('postproof-preserve').first();
  await expect.poll(() => button.getAttribute('data-state')).toBe('idle');
  await button.click();
  await expect.poll(() => button.getAttribute('data-state'), { timeout: timeoutMs }).toBe('saved');
  const id = await button.getAttribute('data-capture-id');
  if (!id) throw new Error('saved control carries no capture id');
  return id;
}

/**
 * Starts "Preserve all posts on this page" for `page` (tab `tabId`) from the popup, as a person would: the popup is
 * closed once the batch shows its progress, and the page is brought back to the front.
 */
export async function startBatchFromPopup(browser: LaunchedBrowser, page: Page, tabId: number): Promise<void> {
  const popup = await browser.context.newPage();
  await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
  await popup.getByTestId('preserve-all').click();
  await expect.poll(() => popup.getByTestId('batch-progress').count()).toBe(1);
  await popup.close();
  await page.bringToFront();
}

/** Opens the timeline of `posts` posts and starts a batch on it from the popup; returns the timeline and its tab id. */
export async function startBatch(browser: LaunchedBrowser, posts: number): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  await page.goto(timelineUrl(posts));
  await expect.poll(() => page.getByTestId('postproof-preserve').count()).toBeGreaterThan(0);
  const tabId = await frontTabId(browser);
  await startBatchFromPopup(browser, page, tabId);
  return { page, tabId };
}
