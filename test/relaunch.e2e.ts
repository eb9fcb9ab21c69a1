// The browser quits with work pending, and is started again on the same profile: the timestamp authority was
// unavailable (HTTP 503) when posts were preserved (stamps waiting), a batch capture was running and an export was
// being built. Nothing may be silently dropped: the waiting stamps are made after the relaunch once the authority
// answers; the batch is reported as interrupted with what it had saved, and started again on the page it saves the
// rest and no post twice; the export is reported as cut off, so that it is made again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasFixturePages } from './fixtures';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { extensionWithScreenshotsGranted } from './support/extension-variants';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { timelinePostIds, timelineRoute } from './support/timeline';
import { createTestTsa, E2E_TSA_HOST, E2E_TSA_URL, tsaRoute, type TestTsa, type TsaBehaviour } from './support/tsa';
import { startBatch } from './support/tabs';

const POSTS = 8;

/** Post ids of the captures, and the state of every stamp, read from the store through an extension page. */
async function storeState(browser: LaunchedBrowser): Promise<{ postIds: string[]; stamps: string[] }> {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.extensionUrl('sidepanel.html'));
    return await page.evaluate(async () => {
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
      const rows = await all<{ recordBytes: Uint8Array }>('captures');
      const stamps = await all<{ state: string }>('stamps');
      db.close();
      return {
        postIds: rows.map((row) => (JSON.parse(new TextDecoder().decode(row.recordBytes)) as { post: { id: string } }).post.id),
        stamps: stamps.map((s) => s.state),
      };
    });
  } finally {
    await page.close();
  }
}

/** Runs in an extension page: puts an artifact row of a capture that does not exist, or counts such rows. */
function orphanRow(action: 'put' | 'count'): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('postproof');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const store = db.transaction('artifacts', action === 'put' ? 'readwrite' : 'readonly').objectStore('artifacts');
      const done = action === 'put' ? store.put({ captureId: 'orphan-of-no-capture', path: 'media/1.jpg', data: new Uint8Array(3) }) : store.index('byCapture').count('orphan-of-no-capture');
      done.onsuccess = () => {
        db.close();
        resolve(action === 'put' ? 1 : (done.result as number));
      };
      done.onerror = () => reject(done.error);
    };
  });
}

describe.skipIf(!hasFixturePages)('a browser relaunched with stamps waiting, a batch running and an export being built', () => {
  let tsa: TestTsa;
  let server: FixtureServer;
  let browser: LaunchedBrowser | undefined;
  const behaviour: { now: TsaBehaviour } = { now: 'unavailable' };
  let extensionDir = '';
  let profileDir = '';

  beforeAll(async () => {
    tsa = createTestTsa('PostProof Relaunch TSA');
    server = await startFixtureServer([tsaRoute(tsa, () => behaviour.now), timelineRoute(POSTS, 3)]);
    // The same extension folder and profile for both launches: an unpacked extension's id follows its folder.
    extensionDir = extensionWithScreenshotsGranted(buildExtensionOnce());
    profileDir = mkdtempSync(join(tmpdir(), 'postproof-relaunch-profile-'));
    browser = await launchWithExtension({ extensionDir, port: server.port, profileDir });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    tsa?.remove();
    rmSync(join(extensionDir, '..'), { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('makes the waiting stamps after the relaunch, reports the cut-off batch and export, and finishes the batch with no post saved twice', async () => {
    const first = browser!;
    const options = await first.context.newPage();
    await options.goto(first.extensionUrl('options.html'));
    await options.getByTestId('tsa-enabled').check();
    await options.getByTestId('tsa-custom-url').fill(E2E_TSA_URL);
    await options.getByTestId('settings-save').click();
    await expect.poll(() => options.getByTestId('settings-status').innerText()).not.toBe('');
    await options.reload();
    expect(await options.getByTestId('tsa-custom-url').inputValue()).toBe(E2E_TSA_URL);
    await options.close();
    // Slow enough to be cut off part-way, as the default pace would be.
    await first.serviceWorker.evaluate(async () => {
      await (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ batchPaceMs: [500, 600] });
    });

    await startBatch(first, POSTS);
    await expect.poll(async () => (await storeState(first)).postIds.length, { timeout: 60_000, interval: 300 }).toBeGreaterThanOrEqual(3);
    // The authority answers 503: each capture's stamp waits (none made, none given up).
    const beforeQuit = await storeState(first);
    expect(beforeQuit.stamps.length).toBeGreaterThanOrEqual(3);
    expect(new Set(beforeQuit.stamps)).toEqual(new Set(['waiting']));
    // An export of what is saved so far, cut off too: the browser quits while the dashboard builds the bundle.
    const dashboard = await first.context.newPage();
    await dashboard.goto(first.extensionUrl('dashboard.html'));
    await dashboard.getByTestId('select-all').check();
    await dashboard.getByTestId('export-selected').click();
    await expect
      .poll(() => first.serviceWorker.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<object> } } } }).chrome.storage.local.get(null)).some((k) => k.startsWith('exportRunning:'))), { interval: 5 })
      .toBe(true);
    // A row of no capture, as a crash or an older build could leave: the sweep at the next browser start removes it.
    await dashboard.evaluate(orphanRow, 'put' as const);
    // Quit mid-batch and mid-export, with the authority still unavailable.
    await first.context.close();
    browser = undefined;

    // The authority is back; the browser starts again on the same profile.
    behaviour.now = 'ok';
    const second = await launchWithExtension({ extensionDir, port: server.port, profileDir });
    browser = second;
    const afterQuit = await storeState(second);
    console.log(`[relaunch] before the quit: stamps ${JSON.stringify(beforeQuit.stamps)}; after it: ${afterQuit.postIds.length} of ${POSTS} posts saved, stamps ${JSON.stringify(afterQuit.stamps)}`);
    expect(afterQuit.postIds.length).toBeGreaterThanOrEqual(beforeQuit.postIds.length);
    expect(afterQuit.postIds.length).toBeLessThan(POSTS);
    expect(afterQuit.stamps).toHaveLength(afterQuit.postIds.length);
    expect(afterQuit.stamps.filter((s) => s === 'failed')).toEqual([]);

    const swept = await second.context.newPage();
    await swept.goto(second.extensionUrl('sidepanel.html'));
    await expect.poll(() => swept.evaluate(orphanRow, 'count' as const)).toBe(0);
    await swept.close();

    // The queue runs when the worker starts: every waiting stamp is made, none dropped.
    await expect.poll(async () => (await storeState(second)).stamps.every((s) => s === 'stamped'), { timeout: 30_000, interval: 500 }).toBe(true);

    // The batch is reported, not forgotten: interrupted, with the posts it had saved.
    const panel = await second.context.newPage();
    await panel.goto(second.extensionUrl('sidepanel.html'));
    const state = panel.getByTestId('batch-state');
    await expect.poll(() => state.getAttribute('data-status')).toBe('interrupted');
    expect(Number(await state.getAttribute('data-captured'))).toBeGreaterThanOrEqual(afterQuit.postIds.length - 1);
    expect(await panel.getByTestId('batch-status').innerText()).toMatch(/restarted/);
    // Resuming cannot reach the old tab (the relaunched browser did not restore it): the panel says what to do.
    await panel.getByTestId('batch-resume').click();
    await expect.poll(() => panel.locator('.batch [role="alert"], [data-testid="batch-status"]').allInnerTexts()).toContainEqual(expect.stringMatching(/open the page again/i));
    await panel.close();

    // The export is reported where exports are made, until dismissed.
    const dashboardAgain = await second.context.newPage();
    await dashboardAgain.goto(second.extensionUrl('dashboard.html'));
    const notice = dashboardAgain.getByTestId('export-interrupted');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.innerText()).toMatch(/An export of \d+ captures? started at .* did not finish/);
    await dashboardAgain.getByTestId('export-interrupted-dismiss').click();
    await expect.poll(() => notice.count()).toBe(0);
    await dashboardAgain.reload();
    await dashboardAgain.getByTestId('search').waitFor();
    expect(await dashboardAgain.getByTestId('export-interrupted').count()).toBe(0);
    await dashboardAgain.close();

    // Started again on the page: the rest is saved, what was saved before is skipped, nothing twice.
    const { page } = await startBatch(second, POSTS);
    await expect.poll(() => page.locator('postproof-batch').getAttribute('data-status'), { timeout: 90_000, interval: 500 }).toBe('done');
    const final = await storeState(second);
    expect(final.postIds).toHaveLength(POSTS);
    expect(new Set(final.postIds)).toEqual(new Set(timelinePostIds(POSTS)));
    await expect.poll(async () => (await storeState(second)).stamps.every((s) => s === 'stamped'), { timeout: 30_000, interval: 500 }).toBe(true);
    expect(server.requests.filter((r) => r.host === E2E_TSA_HOST && r.status === 200).length).toBe(POSTS);
  });
});
