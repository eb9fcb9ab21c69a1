// Steps several cross-browser flows share: waiting as a person waits, pressing Preserve, starting a batch from the
// popup, turning trusted time on.
import { expect } from 'vitest';
import { E2E_TSA_URL } from '../tsa';
import { until } from '../until';
import { tabIdOf } from './store';
import type { TestBrowser, TestPage } from './types';

export { until };

/** The in-page control's button, inside its open shadow root. */
export const PRESERVE = 'postproof-control >>> [data-testid="postproof-preserve"]';

/** Presses Preserve on the first post (Enter on the focused button: a trusted click) and returns the capture id. */
export async function preserveFirst(page: TestPage): Promise<string> {
  await until('the Preserve control', () => page.attribute(PRESERVE, 'data-state'), (s) => s === 'idle');
  await page.press(PRESERVE, 'Enter');
  const state = await until('the capture', () => page.attribute(PRESERVE, 'data-state'), (s) => s === 'saved' || s === 'error', 45_000);
  expect(state, (await page.attribute(PRESERVE, 'title')) ?? '').toBe('saved');
  const id = await page.attribute(PRESERVE, 'data-capture-id');
  if (!id) throw new Error('a saved control carries no capture id');
  return id;
}

/** Opens `url`, preserves its first post once its controls are there, closes the tab; returns the capture id. */
export async function preserveFirstOn(browser: TestBrowser, url: string): Promise<string> {
  const page = await browser.open(url);
  try {
    await until('the control', () => page.count(PRESERVE), (n) => n > 0);
    return await preserveFirst(page);
  } finally {
    await page.close();
  }
}

/**
 * Opens the timeline at `url` and starts "Preserve all posts on this page" from the popup about its tab, as a person
 * would; the timeline is brought back to the front (screenshots are of the tab in front). The caller closes both.
 */
export async function startBatchOn(browser: TestBrowser, url: string): Promise<{ timeline: TestPage; popup: TestPage }> {
  const timeline = await browser.open(url);
  try {
    await until('the timeline controls', () => timeline.count(PRESERVE), (n) => n > 0);
    const popup = await browser.openExtension(`popup.html?tab=${await tabIdOf(browser, url)}`);
    await popup.click('[data-testid="preserve-all"]');
    await until('the batch progress', () => popup.count('[data-testid="batch-progress"]'), (n) => n === 1);
    await timeline.front();
    return { timeline, popup };
  } catch (error) {
    await timeline.close();
    throw error;
  }
}

/**
 * The options page as a person fills it: timestamping on with the loopback authority (test/support/tsa.ts), the
 * collector's name, Save. Returns the install key's fingerprint as the page shows it.
 */
export async function turnTrustedTimeOn(browser: TestBrowser, collector: string): Promise<string> {
  const options = await browser.openExtension('options.html');
  try {
    await options.check('[data-testid="tsa-enabled"]');
    await options.fill('[data-testid="tsa-custom-url"]', E2E_TSA_URL);
    await options.fill('[data-testid="collector-name"]', collector);
    await options.click('[data-testid="settings-save"]');
    await until('the settings saved', () => options.text('[data-testid="settings-status"]'), (t) => /Saved/.test(t));
    const key = await until('the key fingerprint', () => options.attribute('[data-testid="key-fingerprint"]', 'data-key-id'), (k) => /^[0-9a-f]{64}$/.test(k ?? ''));
    return key!;
  } finally {
    await options.close();
  }
}
