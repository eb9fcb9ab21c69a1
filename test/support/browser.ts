// Launch Debian's Chromium with the BUILT extension loaded, following DESIGN.md §8: a persistent context
// (extensions need one), both extension flags, developer mode in the profile's Preferences, and every host
// resolved to the local fixture server so real URLs (https://x.com/...) load local bytes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { repoRoot } from '../fixtures';

/** Debian's Chromium binary. Not /usr/bin/chromium: that wrapper adds an empty --load-extension=. */
export const chromiumPath = '/usr/lib/chromium/chromium';
export const hasChromium = existsSync(chromiumPath);

/** Throws a clear message when Debian's Chromium is missing (never download a browser). */
export function requireChromium(): string {
  if (!hasChromium) {
    throw new Error(`Chromium is not installed at ${chromiumPath}; install Debian's chromium: apt-get install -y chromium`);
  }
  return chromiumPath;
}

/** Where `npx wxt build` puts the MV3 build. */
/** Relative to the repository, or absolute (POSTPROOF_OUT_DIR=/work/main/.output-perf). */
export const extensionDir = resolve(repoRoot, process.env.POSTPROOF_OUT_DIR ?? '.output', 'chrome-mv3');

/**
 * Build the extension with `npx wxt build` unless .output/chrome-mv3/manifest.json exists already
 * (so `npm run build && npm run test:e2e` does not build twice). A stale build is NOT rebuilt: run
 * `npx wxt build` first, or set E2E_REBUILD=1 (or pass force). Returns the extension directory.
 */
export function buildExtensionOnce(opts: { force?: boolean } = {}): string {
  const force = opts.force ?? process.env.E2E_REBUILD === '1';
  if (force || !existsSync(join(extensionDir, 'manifest.json'))) {
    try {
      execFileSync('npx', ['wxt', 'build'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], timeout: 110_000 });
    } catch (err) {
      const e = err as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`npx wxt build failed:\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? String(err)}`);
    }
    if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`npx wxt build produced no ${extensionDir}/manifest.json`);
  }
  return extensionDir;
}

export interface LaunchOptions {
  /** Unpacked extension directory (the build output). */
  extensionDir: string;
  /** Port of the fixture server: every host name resolves to 127.0.0.1:port (localhost excepted). */
  port: number;
  /** Reuse a profile (e.g. to relaunch); a fresh temp profile, removed on close, when omitted. */
  profileDir?: string;
  /** Extra Chromium flags. */
  args?: string[];
  /** How long to wait for the extension's service worker (ms). */
  serviceWorkerTimeout?: number;
  /** Extra environment variables for the browser process (e.g. LANGUAGE=ar for an Arabic interface). */
  env?: Record<string, string>;
  /**
   * Leave the first-run tab the extension opens on install (onboarding.html) open. By default it is waited for and
   * closed, so a test starts, as before, with only the browser's blank page and the pages it opens itself.
   */
  keepOnboarding?: boolean;
}

/** The path of the first-run page the extension opens in a tab on install (utils/extension/first-run.ts). */
export const ONBOARDING_PAGE = 'onboarding.html';

/**
 * Closes a first-run tab once its page has rendered. Closed while still loading, Chromium left the extension's
 * renderer with an empty message catalogue: every extension page opened after it showed message keys, not text.
 */
async function closeRendered(page: Page): Promise<void> {
  await page.locator('[data-testid="onboarding"]').waitFor({ timeout: 15_000 }).catch(() => {});
  await page.close().catch(() => {});
}

/**
 * Closes the first-run tab of a new install. A fresh profile installs the extension, so its tab is waited for; a
 * reused profile (a relaunch) has none to wait for, but one that still shows up soon after is closed as well. The
 * browser's own first page is brought to the front again: the pages a test opens next are then in front of it.
 */
async function closeOnboarding(context: BrowserContext, extensionId: string, fresh: boolean): Promise<void> {
  const prefix = `chrome-extension://${extensionId}/${ONBOARDING_PAGE}`;
  const isOnboarding = (page: Page) => page.url().startsWith(prefix);
  const deadline = Date.now() + (fresh ? 15_000 : 0);
  let found = context.pages().filter(isOnboarding);
  while (found.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    found = context.pages().filter(isOnboarding);
  }
  if (fresh && found.length === 0) throw new Error(`A fresh install did not open its first-run page (${prefix}) within 15 s.`);
  for (const page of found) await closeRendered(page);
  if (!fresh) {
    // A late first-run tab of a relaunch: closed once it has loaded, within the first seconds only.
    const late = (page: Page) => void page.waitForURL((url) => url.href.startsWith(prefix), { timeout: 5_000 }).then(() => closeRendered(page), () => undefined);
    context.on('page', late);
    setTimeout(() => context.off('page', late), 5_000).unref?.();
  }
  await context.pages()[0]?.bringToFront().catch(() => {});
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** 32 characters a-p: the host of the service worker's URL. */
  extensionId: string;
  serviceWorker: Worker;
  profileDir: string;
  /** chrome-extension://<id>/<path> */
  extensionUrl(path: string): string;
  /** Close the browser; removes the profile when it was a temp one. */
  close(): Promise<void>;
}

/** Launch Chromium with the extension loaded and its service worker running. */
export async function launchWithExtension(opts: LaunchOptions): Promise<LaunchedBrowser> {
  const executablePath = requireChromium();
  if (!existsSync(join(opts.extensionDir, 'manifest.json'))) {
    throw new Error(`No manifest.json in ${opts.extensionDir}: build the extension first (npx wxt build)`);
  }
  const ownProfile = !opts.profileDir;
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'postproof-profile-'));
  // Developer mode keeps an unpacked extension loaded across chrome.runtime.reload() and relaunches.
  const prefsFile = join(profileDir, 'Default', 'Preferences');
  // No Preferences yet: the browser has never run on this profile, so the extension is installed now.
  const freshProfile = !existsSync(prefsFile);
  mkdirSync(join(profileDir, 'Default'), { recursive: true });
  let prefs: { extensions?: { ui?: Record<string, unknown> } } = {};
  if (existsSync(prefsFile)) {
    try {
      prefs = JSON.parse(readFileSync(prefsFile, 'utf8')) as typeof prefs;
    } catch {
      prefs = {};
    }
  }
  prefs.extensions = { ...prefs.extensions, ui: { ...prefs.extensions?.ui, developer_mode: true } };
  writeFileSync(prefsFile, JSON.stringify(prefs));
  const ext = opts.extensionDir;
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: true,
      acceptDownloads: true,
      ignoreHTTPSErrors: true,
      ...(opts.env ? { env: { ...process.env, ...opts.env } as Record<string, string> } : {}),
      args: [
        '--disable-extensions-except=' + ext,
        '--load-extension=' + ext,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--host-resolver-rules=MAP * 127.0.0.1:${opts.port}, EXCLUDE localhost`,
        '--ignore-certificate-errors',
        ...(opts.args ?? []),
      ],
    });
  } catch (err) {
    if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
    throw err;
  }
  const isExtensionWorker = (w: Worker) => w.url().startsWith('chrome-extension://');
  let serviceWorker: Worker;
  try {
    serviceWorker =
      context.serviceWorkers().find(isExtensionWorker) ??
      (await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: opts.serviceWorkerTimeout ?? 30_000 }));
  } catch (err) {
    await context.close().catch(() => {});
    if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
    throw new Error(`The extension's service worker did not start (is ${ext} a built MV3 extension with a background?): ${String(err)}`);
  }
  const extensionId = new URL(serviceWorker.url()).host;
  if (!opts.keepOnboarding) {
    try {
      await closeOnboarding(context, extensionId, freshProfile);
    } catch (err) {
      await context.close().catch(() => {});
      if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
      throw err;
    }
  }
  let closed = false;
  return {
    context,
    extensionId,
    serviceWorker,
    profileDir,
    extensionUrl: (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    close: async () => {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
      if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** The id of the tab in front: the page a test opened (or brought to the front) last. Tab URLs are hidden from an extension without host access, so the id is asked of the worker. */
export async function frontTabId(browser: LaunchedBrowser): Promise<number> {
  return browser.serviceWorker.evaluate(async () => {
    type Tabs = { query(q: object): Promise<{ id?: number }[]> };
    const [tab] = await (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return tab.id;
  });
}
