// The Firefox back end of the driver layer: Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi, with
// the built Firefox extension installed as a temporary add-on (../shared/FIREFOX.md, verified on these machines).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type KeyInput, type Page } from 'puppeteer-core';
import { FIREFOX_ADDON_ID, FIREFOX_MIN_VERSION } from '../../../utils/extension/firefox-manifest';
import { repoRoot } from '../../fixtures';
import { extensionWithGrants } from '../extension-variants';
import { startLoopbackProxy, type LoopbackProxy } from './firefox-proxy';
import type { DownloadedFile, LaunchSpec, TestBrowser, TestPage } from './types';

/** Debian's Firefox ESR (apt-get install -y firefox-esr). */
export const firefoxPath = '/usr/lib/firefox-esr/firefox-esr';
export const hasFirefox = existsSync(firefoxPath);
/** The Arabic language pack (apt-get install -y firefox-esr-l10n-ar), without which Firefox has only English. */
export const hasFirefoxArabic = existsSync('/usr/lib/firefox-esr/browser/extensions/langpack-ar@firefox-esr.mozilla.org.xpi');

/** A fixed moz-extension:// host, so tests know the extension's URLs before it runs (pref extensions.webextensions.uuids). */
export const FIREFOX_EXTENSION_UUID = '6f0d2a8e-4c1b-4f7a-9e3d-2b5c8a1f0e47';

export const firefoxExtensionDir = resolve(repoRoot, process.env.POSTPROOF_OUT_DIR ?? '.output', 'firefox-mv3');

/** Builds the Firefox extension (`wxt build -b firefox`) unless its manifest is there already (npm test builds it for web-ext lint). */
export function buildFirefoxOnce(): string {
  if (process.env.E2E_REBUILD === '1' || !existsSync(join(firefoxExtensionDir, 'manifest.json'))) {
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], timeout: 110_000 });
  }
  return firefoxExtensionDir;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function poll<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(100);
  }
  throw new Error(`Firefox: ${what} did not happen within ${timeoutMs} ms${last ? ` (${String(last)})` : ''}`);
}

/**
 * Waits until the tab shows `url` (or any URL, when omitted) fully loaded. Extension documents send no navigation
 * events over BiDi, so `page.goto` on them never resolves: the page is asked where it is instead.
 */
async function settled(page: Page, url?: string, previous?: number): Promise<void> {
  await poll(`loading ${url ?? 'the page again'}`, async () => {
    const state = await page.evaluate(() => ({
      href: location.href,
      ready: document.readyState,
      mark: (globalThis as { __postproofLoad?: number }).__postproofLoad,
    }));
    if (state.ready !== 'complete' || (url && state.href !== url) || (previous !== undefined && state.mark === previous)) return undefined;
    return true;
  });
}

async function nth(page: Page, selector: string, index = 0): Promise<ElementHandle<Element>> {
  const handles = await page.$$(selector);
  const handle = handles[index];
  if (!handle) throw new Error(`Firefox: no element ${index} for ${selector} (${handles.length} match)`);
  return handle;
}

/** `download`: the browser's one download folder, watched (BiDi sends no download event). */
function wrap(page: Page, download: TestPage['download']): TestPage {
  const marked = async () => {
    const mark = Math.random();
    await page.evaluate((m) => {
      (globalThis as { __postproofLoad?: number }).__postproofLoad = m;
    }, mark);
    return mark;
  };
  return {
    url: () => page.evaluate(() => location.href),
    count: async (selector) => (await page.$$(selector)).length,
    attribute: async (selector, name, index = 0) => {
      const handle = (await page.$$(selector))[index];
      return handle ? handle.evaluate((el, n) => el.getAttribute(n), name) : null;
    },
    text: async (selector, index) => (await nth(page, selector, index)).evaluate((el) => (el as HTMLElement).innerText),
    click: async (selector, index) => {
      const handle = await nth(page, selector, index);
      await handle.scrollIntoView();
      await handle.click();
    },
    press: async (selector, key, index) => {
      const handle = await nth(page, selector, index);
      await handle.scrollIntoView();
      await handle.focus();
      await page.keyboard.press(key as KeyInput);
    },
    check: async (selector) => {
      const handle = await nth(page, selector);
      if (!(await handle.evaluate((el) => (el as HTMLInputElement).checked))) await handle.click();
      if (!(await handle.evaluate((el) => (el as HTMLInputElement).checked))) throw new Error(`Firefox: ${selector} did not become checked`);
    },
    fill: async (selector, value) => {
      await page.locator(selector).fill(value);
    },
    select: async (selector, value) => {
      const chosen = await (await nth(page, selector)).select(value);
      if (!chosen.includes(value)) throw new Error(`Firefox: ${selector} has no option ${value}`);
    },
    setFiles: async (selector, files) => {
      await ((await nth(page, selector)) as ElementHandle<HTMLInputElement>).uploadFile(...files);
    },
    evaluate: <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) => page.evaluate(fn as (arg: unknown) => Promise<T>, arg as unknown) as Promise<T>,
    reload: async () => {
      const mark = await marked();
      await page.evaluate(() => location.reload());
      await settled(page, undefined, mark);
    },
    download,
    front: () => page.bringToFront(),
    close: () => page.close(),
  };
}

/** The installed Firefox's major version ("Mozilla Firefox 153.8.0esr" → 153). */
function firefoxMajor(): number {
  const out = execFileSync(firefoxPath, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return Number(/Firefox (\d+)\./.exec(out)?.[1] ?? Number.NaN);
}

export async function launchFirefox(spec: LaunchSpec): Promise<TestBrowser> {
  if (!hasFirefox) throw new Error(`Firefox ESR is not installed at ${firefoxPath}: apt-get install -y firefox-esr`);
  const major = firefoxMajor();
  if (!(major >= Number.parseInt(FIREFOX_MIN_VERSION, 10))) {
    throw new Error(`Firefox ${major} is older than the ${FIREFOX_MIN_VERSION} the add-on declares: apt-get update && apt-get install -y firefox-esr (Debian's security updates carry the current ESR)`);
  }
  if (spec.language === 'ar' && !hasFirefoxArabic) throw new Error('Firefox has no Arabic language pack: apt-get install -y firefox-esr-l10n-ar');
  const built = buildFirefoxOnce();
  const extensionDir = spec.grantedHosts?.length ? extensionWithGrants(built, { hosts: spec.grantedHosts }) : built;
  const downloads = mkdtempSync(join(tmpdir(), 'postproof-downloads-'));
  const ownProfile = !spec.profileDir;
  const profileDir = spec.profileDir ?? mkdtempSync(join(tmpdir(), 'postproof-firefox-'));
  const cleanup = () => {
    if (extensionDir !== built) rmSync(join(extensionDir, '..'), { recursive: true, force: true });
    rmSync(downloads, { recursive: true, force: true });
    if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
  };
  let proxy: LoopbackProxy | undefined;
  let browser: Browser | undefined;
  try {
    proxy = await startLoopbackProxy(spec.port);
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: firefoxPath,
      headless: true,
      acceptInsecureCerts: true,
      userDataDir: profileDir,
      // Without it, Firefox refuses to navigate to moz-extension:// pages over BiDi.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_EXTENSION_UUID }),
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'browser.download.dir': downloads,
        'browser.download.folderList': 2,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
        'browser.helperApps.neverAsk.saveToDisk': 'application/zip,application/wacz,application/octet-stream,text/csv,application/json',
        ...(spec.language === 'ar' ? { 'intl.locale.requested': 'ar' } : { 'intl.locale.requested': 'en-US' }),
        ...spec.firefoxPrefs,
      },
    });
    const installed = await browser.installExtension(extensionDir);
    if (installed !== FIREFOX_ADDON_ID) throw new Error(`Firefox installed the extension as ${installed}, not ${FIREFOX_ADDON_ID}`);
  } catch (error) {
    await browser?.close().catch(() => {});
    await proxy?.close();
    cleanup();
    throw error;
  }
  const live = browser;
  const base = `moz-extension://${FIREFOX_EXTENSION_UUID}/`;
  const extensionUrl = (path: string) => base + path.replace(/^\//, '');
  const openExtension = async (path: string) => {
    const page = await live.newPage();
    const url = extensionUrl(path);
    page.goto(url).catch(() => {});
    await settled(page, url);
    return page;
  };
  // Extension APIs are reached from an extension page kept open in a background tab: BiDi cannot reach the event page.
  // Opened first, so the pages a test opens later are in front of it (a post's screenshot needs its tab there).
  let helper: Page | undefined = await openExtension('sidepanel.html');
  // The first-run tab the install opens (onboarding.html), which Firefox opens only after the helper page: closed
  // through the tabs API unless asked to keep, so a test starts as before. A relaunch installs the temporary add-on
  // again, so it is looked for there too, for less long.
  if (!spec.keepOnboarding) {
    const onboarding = extensionUrl('onboarding.html');
    const closed = await poll(
      'the first-run tab',
      () =>
        helper!.evaluate(async (url: string) => {
          const tabs = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]>; remove(ids: number[]): Promise<void> } } }).browser.tabs;
          const found = (await tabs.query({})).filter((tab) => tab.url?.startsWith(url) && tab.id !== undefined);
          if (found.length === 0) return undefined;
          await tabs.remove(found.map((tab) => tab.id!));
          return found.length;
        }, onboarding),
      ownProfile ? 15_000 : 5_000,
    ).catch(() => 0);
    if (ownProfile && closed === 0) {
      await live.close().catch(() => {});
      await proxy?.close();
      cleanup();
      throw new Error('Firefox: a fresh install did not open its first-run page (onboarding.html) within 15 s.');
    }
  }
  const seen = new Set<string>();
  const download = async (start: () => Promise<void>, timeoutMs = 60_000): Promise<DownloadedFile> => {
    for (const name of readdirSync(downloads)) seen.add(name);
    await start();
    // No download event over BiDi: the file is complete once no .part file is left and its size holds still.
    const name = await poll(
      'a download',
      async () => {
        const names = readdirSync(downloads);
        if (names.some((n) => n.endsWith('.part'))) return undefined;
        const fresh = names.find((n) => !seen.has(n));
        if (!fresh) return undefined;
        const size = statSync(join(downloads, fresh)).size;
        await sleep(200);
        return size > 0 && statSync(join(downloads, fresh)).size === size && !readdirSync(downloads).some((n) => n.endsWith('.part')) ? fresh : undefined;
      },
      timeoutMs,
    );
    seen.add(name);
    return { path: join(downloads, name), name };
  };
  const result: TestBrowser = {
    name: 'firefox',
    profileDir,
    extensionUrl,
    open: async (url) => {
      const page = await live.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return wrap(page, download);
    },
    openExtension: async (path) => wrap(await openExtension(path), download),
    inExtension: async <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) => {
      if (!helper || helper.isClosed()) helper = await openExtension('sidepanel.html');
      return helper.evaluate(fn as (arg: unknown) => Promise<T>, arg as unknown) as Promise<T>;
    },
    close: async () => {
      await live.close().catch(() => {});
      await proxy?.close();
      cleanup();
    },
  };
  return result;
}
