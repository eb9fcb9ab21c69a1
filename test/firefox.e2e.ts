// What is Firefox's own, in Debian's Firefox ESR with the Firefox build (docs/firefox.md): an event page instead of a
// service worker, unloaded when idle (here after ten seconds), kept awake while a capture waits on slow media, and
// woken by a capture and by an alarm that retries a timestamp; the sidebar instead of Chrome's side panel; no
// page-capture API, so no MHTML box. The flows shared with Chromium are in browsers.e2e.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesOf } from '../utils/platforms/all.fixtures';
import { FIREFOX_ADDON_ID, FIREFOX_MIN_VERSION } from '../utils/extension/firefox-manifest';
import { KEEP_AWAKE_EVERY_MS } from '../utils/extension/keep-awake';
import { hasFixturePages, repoRoot } from './fixtures';
import { firefoxExtensionDir, hasFirefox } from './support/driver/firefox';
import { PRESERVE, preserveFirst, preserveFirstOn, startBatchOn, turnTrustedTimeOn, until } from './support/driver/flows';
import { launchBrowser, type TestBrowser } from './support/driver/index';
import { setLocalSettings, storedRecord, tabIdOf } from './support/driver/store';
import { timelineRoute, timelineUrl } from './support/timeline';
import { startFixtureServer, syntheticImageFor, type FixtureServer } from './support/fixture-server';
import { createTestTsa, E2E_TSA_HOST, tsaRoute, type TestTsa, type TsaBehaviour } from './support/tsa';

/**
 * The event page's idle timeout for this file (Firefox's default is 30 s): short enough to see the page go between
 * steps, longer than the background's keep-awake ping (utils/extension/keep-awake.ts) with room for a slow machine.
 */
const IDLE_MS = 2 * KEEP_AWAKE_EVERY_MS;
/** Long enough after the last activity for the idle timeout to have unloaded the page. */
const UNLOADED_AFTER_MS = IDLE_MS + 3_000;
/** Posts of the slow batch: each pause between them outlasts the idle timeout. */
const BATCH_POSTS = 3;

type Background = { browser: { runtime: { getBackgroundPage(): Promise<Window & { __postproofMark?: string }> } } };

/**
 * Leaves a mark in the event page's window (waking it if it was unloaded) and returns the mark found there before:
 * undefined when the page was loaded afresh since the last mark.
 */
function swapMark(browser: TestBrowser, mark: string): Promise<string | undefined> {
  return browser.inExtension(async (next) => {
    const page = await (globalThis as unknown as Background).browser.runtime.getBackgroundPage();
    const before = page.__postproofMark;
    page.__postproofMark = next;
    return before;
  }, mark);
}

interface StampRow {
  state: string;
  attempts: number;
  /** Bytes of the token, once there is one. */
  tsrBytes: number;
}

/** The stamp rows of a capture, read from IndexedDB in an extension page (which does not wake the event page). */
function stampRows(browser: TestBrowser, captureId: string): Promise<StampRow[]> {
  return browser.inExtension(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('postproof');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const rows = await new Promise<{ captureId: string; state: string; attempts: number; tsr?: Uint8Array }[]>((resolve, reject) => {
        const request = db.transaction('stamps').objectStore('stamps').getAll();
        request.onsuccess = () => resolve(request.result as never);
        request.onerror = () => reject(request.error);
      });
      return rows.filter((row) => row.captureId === id).map((row) => ({ state: row.state, attempts: row.attempts, tsrBytes: row.tsr?.byteLength ?? 0 }));
    } finally {
      db.close();
    }
  }, captureId);
}

const englishMessages = JSON.parse(readFileSync(join(repoRoot, 'public', '_locales', 'en', 'messages.json'), 'utf8')) as Record<string, { message: string }>;
const english = (key: string) => englishMessages[key]!.message;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!hasFixturePages || !hasFirefox)('Firefox as its own platform', () => {
  let server: FixtureServer;
  let tsa: TestTsa;
  let browser: TestBrowser;
  const behaviour: { now: TsaBehaviour } = { now: 'unavailable' };
  const fixture = fixturesOf('x').find((f) => f.posts > 0 && f.expected && !f.folder.startsWith('local:'))!;

  beforeAll(async () => {
    tsa = createTestTsa('PostProof Firefox TSA');
    server = await startFixtureServer([tsaRoute(tsa, () => behaviour.now), timelineRoute(BATCH_POSTS, 3)]);
    browser = await launchBrowser('firefox', {
      port: server.port,
      grantedHosts: ['<all_urls>'],
      firefoxPrefs: { 'extensions.background.idle.timeout': IDLE_MS },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    tsa?.remove();
  });

  it('builds an event page and a sidebar, names the add-on and its oldest Firefox, and drops what Firefox lacks', () => {
    const manifest = JSON.parse(readFileSync(join(firefoxExtensionDir, 'manifest.json'), 'utf8')) as Record<string, unknown> & {
      background: Record<string, unknown>;
      permissions: string[];
      optional_permissions?: string[];
      browser_specific_settings: { gecko: Record<string, unknown> };
    };
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    expect(manifest.sidebar_action).toMatchObject({ default_panel: 'sidepanel.html' });
    expect(manifest.permissions).not.toContain('sidePanel');
    expect([...manifest.permissions, ...(manifest.optional_permissions ?? [])]).not.toContain('pageCapture');
    expect(manifest.browser_specific_settings.gecko).toMatchObject({ id: FIREFOX_ADDON_ID, strict_min_version: FIREFOX_MIN_VERSION });
    expect(FIREFOX_ADDON_ID).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\}$/);
  });

  it('hides the MHTML box in the options, saying why', async () => {
    const options = await browser.openExtension('options.html');
    try {
      const line = '[data-testid="page-mhtml-permission"]';
      expect(await until('the page-copy line', () => options.attribute(line, 'data-state'), (s) => s === 'unsupported')).toBe('unsupported');
      expect(await options.text(line)).toBe(english('settings_page_mhtml_unsupported'));
      expect(await options.count('[data-testid="page-mhtml-enabled"]')).toBe(0);
    } finally {
      await options.close();
    }
  });

  it('opens the sidebar from the popup, where Chrome would open its side panel', async () => {
    const page = await browser.open(fixture.url);
    try {
      const tabId = await tabIdOf(browser, fixture.url);
      const popup = await browser.openExtension(`popup.html?tab=${tabId}`);
      const isOpen = () => browser.inExtension(() => (globalThis as unknown as { browser: { sidebarAction: { isOpen(d: object): Promise<boolean> } } }).browser.sidebarAction.isOpen({}), null);
      expect(await isOpen()).toBe(false);
      await popup.click('[data-testid="open-sidepanel"]');
      expect(await until('the sidebar', isOpen, (open) => open)).toBe(true);
      await popup.close();
    } finally {
      await page.close();
    }
  });

  it('captures with an event page that was unloaded while idle, and an alarm wakes it to fetch a timestamp the authority refused at first', async () => {
    await turnTrustedTimeOn(browser, 'Firefox Reporter');
    // The event page goes when idle: a mark left in its window is gone after the idle timeout.
    await swapMark(browser, 'before-capture');
    // The mark holds while the page lives (so its absence below means a new page, not a lost mark).
    expect(await swapMark(browser, 'still-there')).toBe('before-capture');
    await sleep(UNLOADED_AFTER_MS);
    expect(await swapMark(browser, 'idle-check')).toBeUndefined();
    await sleep(UNLOADED_AFTER_MS);

    // A capture wakes it (the control's message), and the capture is whole.
    const id = await preserveFirstOn(browser, fixture.url);
    const record = await storedRecord(browser, id);
    expect(record.artifacts.map((a) => a.role)).toEqual(expect.arrayContaining(['dom-snapshot', 'screenshot']));

    // The authority answered 503: the stamp waits for the alarm (30 s backoff). Meanwhile the event page unloads.
    const first = await until('the first stamp attempt', () => stampRows(browser, id), (rows) => rows[0]?.attempts === 1);
    expect(first[0]).toMatchObject({ state: 'waiting' });
    const askedBefore = server.requests.filter((r) => r.host === E2E_TSA_HOST).length;
    expect(askedBefore).toBe(1);
    behaviour.now = 'ok';
    await swapMark(browser, 'after-capture');
    await sleep(UNLOADED_AFTER_MS);
    expect(await swapMark(browser, 'waiting-for-alarm')).toBeUndefined();

    // Nothing else wakes it now (IndexedDB is read from an extension page): only the alarm can.
    const stamped = await until('the stamp after the alarm', () => stampRows(browser, id), (rows) => rows[0]?.state === 'stamped', 75_000);
    expect(stamped[0]!.tsrBytes).toBeGreaterThan(1000);
    expect(server.requests.filter((r) => r.host === E2E_TSA_HOST).map((r) => r.status)).toEqual([503, 200]);
  });
  it('keeps the event page awake through a capture whose media take two and a half idle timeouts to arrive', async () => {
    const page = await browser.open(fixture.url);
    try {
      await until('the control', () => page.count(PRESERVE), (n) => n > 0);
      // From now on (the page has its images), every media answer is slow: the capture's own downloads.
      server.use({
        host: 'pbs.twimg.com',
        path: '/media/*',
        respond: (ctx) => {
          const image = syntheticImageFor(ctx.url.href);
          return { status: 200, headers: { 'content-type': image.contentType }, body: image.body, delayMs: IDLE_MS * 2.5 };
        },
      });
      const started = Date.now();
      const id = await preserveFirst(page);
      expect(Date.now() - started).toBeGreaterThan(IDLE_MS * 2.5);
      const record = await storedRecord(browser, id);
      expect(record.artifacts.filter((a) => a.role === 'media').length).toBeGreaterThan(0);
      expect(record.missing.filter((m) => m.role === 'media')).toEqual([]);
    } finally {
      await page.close();
      server.resetRoutes();
    }
  });

  it('keeps the event page through a batch whose pause between captures is longer than the idle timeout', async () => {
    const pace = IDLE_MS + 2_000;
    await setLocalSettings(browser, { batchPaceMs: [pace, pace] });
    const batchState = () =>
      browser.inExtension(async () => {
        type Local = { storage: { local: { get(k: string): Promise<Record<string, { status: string; captured: number } | undefined>> } } };
        return (await (globalThis as unknown as { browser: Local }).browser.storage.local.get('postproofBatch')).postproofBatch ?? null;
      }, null);
    const { timeline, popup } = await startBatchOn(browser, timelineUrl(BATCH_POSTS));
    try {
      // The second capture comes after a pause longer than the idle timeout. Had the page been unloaded in it, the
      // capture's message would have started a new one, which takes a batch marked running for one the browser cut
      // off, and interrupts it.
      const second = await until('two captures', batchState, (state) => (state?.captured ?? 0) >= 2 || state?.status !== 'running', 90_000);
      expect(second).toMatchObject({ status: 'running' });
      await new Promise((r) => setTimeout(r, 2_000));
      expect(await batchState()).toMatchObject({ status: 'running' });
      await popup.click('[data-testid="batch-cancel"]');
      await until('the batch cancelled', batchState, (state) => state?.status === 'cancelled', 30_000);
      await popup.close();
    } finally {
      await timeline.close();
    }
  });
});

describe.skipIf(!hasFixturePages || !hasFirefox)('Firefox without the optional <all_urls>', () => {
  let server: FixtureServer;
  let browser: TestBrowser;
  const fixture = fixturesOf('x').find((f) => f.posts > 0 && f.expected && !f.folder.startsWith('local:'))!;

  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launchBrowser('firefox', { port: server.port });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('offers "Allow screenshots" in the popup, and a capture made before keeps everything else and names the screenshot missing', async () => {
    const popup = await browser.openExtension('popup.html');
    try {
      expect(await until('the screenshot offer', () => popup.count('[data-testid="grant-screenshots"]'), (n) => n === 1)).toBe(1);
    } finally {
      await popup.close();
    }
    const id = await preserveFirstOn(browser, fixture.url);
    const record = await storedRecord(browser, id);
    expect(record.missing.find((m) => m.role === 'screenshot')?.reason).toMatch(/Allow screenshots/);
    expect(record.artifacts.map((a) => a.role)).toContain('dom-snapshot');
    expect(record.artifacts.map((a) => a.role)).not.toContain('screenshot');
  });

  it('asks for <all_urls> within the click, as Firefox requires (an ask after an await is refused)', async () => {
    const popup = await browser.openExtension('popup.html');
    try {
      type Permissions = { permissions: { request(p: object): Promise<boolean> } };
      // Outside a click Firefox refuses at once: what any await before permissions.request() would cause.
      const outside = await popup.evaluate(
        () => (globalThis as unknown as { browser: Permissions }).browser.permissions.request({ origins: ['<all_urls>'] }).then(() => 'asked', (e: Error) => e.message),
        null,
      );
      expect(outside).toMatch(/user input handler/);
      await until('the screenshot offer', () => popup.count('[data-testid="grant-screenshots"]'), (n) => n === 1);
      await popup.click('[data-testid="grant-screenshots"]');
      await new Promise((r) => setTimeout(r, 2_000));
      // The click's request is not refused: Firefox shows its permission panel (which no test can answer), and the
      // offer waits for it, with no error said.
      expect(await popup.count('[data-testid="grant-screenshots"]')).toBe(1);
      // The status region stays in the page (so its words are announced when they come); it must say nothing.
      expect(await popup.count('.permission [role="status"]')).toBe(1);
      expect((await popup.text('.permission [role="status"]')).trim()).toBe('');
    } finally {
      await popup.close();
    }
  });
});
