// The Chromium back end of the driver layer: Playwright on Debian's Chromium (browser.ts, DESIGN.md §8).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from '../browser';
import { extensionWithGrants } from '../extension-variants';
import type { DownloadedFile, LaunchSpec, TestBrowser, TestPage } from './types';

/** Playwright's CSS already goes into open shadow roots: the driver's ` >>> ` step is a plain descendant step here. */
const css = (selector: string) => selector.replace(/\s*>>>\s*/g, ' ');

/** `downloads`: where the page's downloads are saved. */
function wrap(page: Page, downloads: string): TestPage {
  const nth = (selector: string, index = 0) => page.locator(css(selector)).nth(index);
  return {
    url: async () => page.url(),
    count: (selector) => page.locator(css(selector)).count(),
    attribute: async (selector, name, index) => ((await page.locator(css(selector)).count()) > (index ?? 0) ? nth(selector, index).getAttribute(name) : null),
    text: (selector, index) => nth(selector, index).innerText(),
    click: (selector, index) => nth(selector, index).click(),
    press: (selector, key, index) => nth(selector, index).press(key),
    check: (selector) => nth(selector).check(),
    fill: (selector, value) => nth(selector).fill(value),
    select: async (selector, value) => {
      await nth(selector).selectOption(value);
    },
    setFiles: (selector, files) => nth(selector).setInputFiles(files),
    evaluate: <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) => page.evaluate(fn as (arg: unknown) => Promise<T>, arg as unknown),
    reload: async () => {
      await page.reload({ waitUntil: 'load' });
    },
    download: async (start, timeoutMs = 60_000): Promise<DownloadedFile> => {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: timeoutMs }), start()]);
      const name = download.suggestedFilename();
      const path = join(downloads, name);
      await download.saveAs(path);
      return { path, name };
    },
    front: () => page.bringToFront(),
    close: () => page.close(),
  };
}

export async function launchChromium(spec: LaunchSpec): Promise<TestBrowser> {
  const built = buildExtensionOnce();
  const extensionDir = spec.grantedHosts?.length ? extensionWithGrants(built, { hosts: spec.grantedHosts }) : built;
  const removeCopy = () => {
    if (extensionDir !== built) rmSync(join(extensionDir, '..'), { recursive: true, force: true });
  };
  let launched: LaunchedBrowser;
  try {
    launched = await launchWithExtension({
      extensionDir,
      port: spec.port,
      ...(spec.profileDir ? { profileDir: spec.profileDir } : {}),
      ...(spec.keepOnboarding ? { keepOnboarding: true } : {}),
      ...(spec.language === 'ar' ? { args: ['--lang=ar'], env: { LANGUAGE: 'ar' } } : {}),
    });
  } catch (error) {
    removeCopy();
    throw error;
  }
  const downloads = mkdtempSync(join(tmpdir(), 'postproof-downloads-'));
  const open = async (url: string) => {
    const page = await launched.context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return page;
  };
  const browser: TestBrowser = {
    name: 'chromium',
    profileDir: launched.profileDir,
    extensionUrl: launched.extensionUrl,
    open: async (url) => wrap(await open(url), downloads),
    openExtension: async (path) => wrap(await open(launched.extensionUrl(path)), downloads),
    // In the service worker: no tab comes to the front, as one would for an extension page (a screenshot needs its page there).
    inExtension: <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) => launched.serviceWorker.evaluate(fn as (arg: unknown) => Promise<T>, arg as unknown),
    close: async () => {
      await launched.close();
      removeCopy();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
  return browser;
}
