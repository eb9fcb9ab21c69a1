// End to end: "Preserve all posts on this page" from the popup on a timeline that loads more posts as it scrolls
// (real Telegram message markup), every post captured once; then a large export split into volumes that each verify
// with the CLI and sha256sum; and a cancelled export that downloads nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasFixturePages } from './fixtures';
import type { LaunchedBrowser } from './support/browser';
import { cliVerify, sha256sumCheck, unzipBundle } from './support/bundle-tools';
import { launchWithScreenshotsGranted } from './support/extension-variants';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { timelinePostIds, timelineRoute } from './support/timeline';
import { startBatch, startBatchFromPopup } from './support/tabs';

const POSTS = 9;

async function setSettings(browser: LaunchedBrowser, items: Record<string, unknown>): Promise<void> {
  await browser.serviceWorker.evaluate(async (values) => {
    await (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set(values);
  }, items);
}

/** Every capture's post id, read from the signed records in the store. */
async function storedPostIds(browser: LaunchedBrowser): Promise<string[]> {
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
      return rows.map((row) => (JSON.parse(new TextDecoder().decode(row.recordBytes)) as { post: { id: string } }).post.id);
    });
  } finally {
    await page.close();
  }
}

describe.skipIf(!hasFixturePages)('batch capture of a timeline, export in volumes', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;
  const work: string[] = [];

  beforeAll(async () => {
    server = await startFixtureServer([timelineRoute(POSTS, 3)]);
    // work[0]: this file's scratch folder for downloads and unzipped bundles.
    work.push(mkdtempSync(join(tmpdir(), 'postproof-e2e-')));
    browser = await launchWithScreenshotsGranted(server.port);
    // A fast pace for the test; the default (1.5–3 s between captures) is what a platform would not flag.
    await setSettings(browser, { batchPaceMs: [20, 60] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const path of work) rmSync(path, { recursive: true, force: true });
  });

  it('preserves every post of a scrolling timeline once, started from the popup, and survives the popup closing', async () => {
    const { page, tabId } = await startBatch(browser, POSTS);

    await expect.poll(() => page.locator('postproof-batch').getAttribute('data-status'), { timeout: 60_000, interval: 500 }).toBe('done');
    // More posts were loaded by scrolling than the page first showed.
    expect(await page.evaluate(() => document.body.dataset.timelineShown)).toBe(String(POSTS));

    const ids = await storedPostIds(browser);
    expect(ids.length).toBe(POSTS);
    expect(new Set(ids)).toEqual(new Set(timelinePostIds(POSTS)));

    const panel = await browser.context.newPage();
    await panel.goto(browser.extensionUrl('sidepanel.html'));
    const state = panel.getByTestId('batch-state');
    await expect.poll(() => state.getAttribute('data-status')).toBe('done');
    expect(await state.getAttribute('data-captured')).toBe(String(POSTS));
    expect(await panel.getByTestId('batch-progress').getAttribute('aria-valuenow')).toBe('100');
    await panel.close();

    // A second run over the same page finds every post in the store and captures none again.
    await page.evaluate(() => scrollTo(0, 0));
    // As in the first run: the popup goes away and the page is in front, as when a person uses it.
    await startBatchFromPopup(browser, page, tabId);
    const watcher = await browser.context.newPage();
    await watcher.goto(browser.extensionUrl('sidepanel.html'));
    const second = watcher.getByTestId('batch-state');
    await page.bringToFront();
    await expect
      .poll(async () => `${await second.getAttribute('data-status')} ${await second.getAttribute('data-captured')}/${await second.getAttribute('data-skipped')}`, { timeout: 60_000, interval: 500 })
      .toBe(`done 0/${POSTS}`);
    await watcher.close();
    expect((await storedPostIds(browser)).length).toBe(POSTS);
    await page.close();
  });

  it('exports a set larger than the volume limit as several bundles that each verify on their own', async () => {
    await setSettings(browser, { exportVolumeBytes: 400 * 1024 });
    const dashboard = await browser.context.newPage();
    const downloads: Download[] = [];
    dashboard.on('download', (d) => downloads.push(d));
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    await dashboard.getByTestId('select-all').check();
    await dashboard.getByTestId('export-selected').click();
    await expect.poll(() => dashboard.getByTestId('export-status').innerText(), { timeout: 30_000 }).toMatch(/^Saved \d+ volumes/);
    const volumes = Number(/^Saved (\d+) volumes/.exec(await dashboard.getByTestId('export-status').innerText())![1]);
    expect(volumes).toBeGreaterThan(1);
    await expect.poll(() => downloads.length).toBe(volumes);

    const names = downloads.map((d) => d.suggestedFilename()).sort();
    expect(names).toEqual(Array.from({ length: volumes }, (_, i) => expect.stringMatching(new RegExp(`^postproof-\\d{8}-\\d{4}-vol${i + 1}of${volumes}\\.zip$`))));
    let captures = 0;
    for (const download of downloads) {
      const file = join(work[0]!, download.suggestedFilename());
      await download.saveAs(file);
      const cli = cliVerify(file, true);
      expect(cli.status, cli.output).toBe(0);
      captures += (JSON.parse(cli.output) as { captures: unknown[] }).captures.length;
      const dir = unzipBundle(file);
      work.push(dir);
      const sums = sha256sumCheck(dir);
      expect(sums.status, sums.output).toBe(0);
    }
    expect(captures).toBe(POSTS);
    await dashboard.close();
  });

  it('cancelling an export mid-way downloads nothing', async () => {
    const dashboard = await browser.context.newPage();
    const downloads: Download[] = [];
    dashboard.on('download', (d) => downloads.push(d));
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    await dashboard.getByTestId('select-all').check();
    // Slow the page down so the export is still running when Cancel is clicked.
    const cdp = await browser.context.newCDPSession(dashboard);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
    await dashboard.getByTestId('export-selected').click();
    await dashboard.getByTestId('export-cancel').click();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await expect.poll(() => dashboard.getByTestId('export-status').innerText(), { timeout: 30_000 }).toContain('cancelled');
    await dashboard.waitForTimeout(1500);
    expect(downloads).toEqual([]);
    // Nothing was left on disk either.
    const left = await dashboard.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const names: string[] = [];
      const walk = async (dir: FileSystemDirectoryHandle, prefix: string) => {
        for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
          if (handle.kind === 'file') names.push(prefix + name);
          else await walk(handle as FileSystemDirectoryHandle, `${prefix}${name}/`);
        }
      };
      await walk(root, '');
      return names;
    });
    expect(left.filter((name) => !/vol\d+of\d+\.zip$/.test(name) || name.includes('cancel'))).toEqual([]);
    await dashboard.close();
  });
});
