// Steps several cross-browser flows share: waiting as a person waits, pressing Preserve, turning trusted time on.
import { expect } from 'vitest';
import { E2E_TSA_URL } from '../tsa';
import type { TestBrowser, TestPage } from './types';

/** The in-page control's button, inside its open shadow root. */
export const PRESERVE = 'postproof-control >>> [data-testid="postproof-preserve"]';

/** Reads `read()` until `ok` holds; fails naming `what` and the last value after `timeoutMs`. */
export async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
    value = await read();
  }
  return value;
}

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
