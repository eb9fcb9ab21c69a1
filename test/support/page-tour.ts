// A tour of every extension page, in one interface language, from the BUILT extension in Debian's Chromium with real
// captures: the dashboard empty, posts preserved on real saved pages of several platforms (the in-page control idle,
// then saved), the dashboard listing them and one capture's detail, the viewer, the popup, the side panel, the
// options, verify.html before and after a bundle the dashboard exported, and the first-run page once it is built.
// The accessibility test runs axe and the keyboard at each stop; the page screenshots are taken at each stop.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { fixturesOf } from '../../utils/platforms/all.fixtures';
import type { PlatformName } from '../../utils/model';
import { repoRoot } from '../fixtures';
import { frontTabId, type LaunchedBrowser } from './browser';
import { until } from './until';

export type TourLanguage = 'en' | 'ar';

/** Full pages are shot at this size; the popup at its own. */
export const PAGE_WIDTH = 1280;
export const PAGE_HEIGHT = 800;

/** Chromium's popup bubble: at most 800x600, sized to the document. */
export const POPUP_MAX_WIDTH = 800;
export const POPUP_MAX_HEIGHT = 600;

/** Launch options for a browser whose interface is in `language` (chrome.i18n follows LANGUAGE and --lang). */
export function languageLaunch(language: TourLanguage): { args: string[]; env: Record<string, string> } {
  return { args: [`--lang=${language}`], env: { LANGUAGE: language } };
}

/** The first-run page, once its entrypoint exists (another part of issue 18 builds it). */
export const hasOnboarding = ['onboarding', 'onboarding.html'].some((p) => existsSync(join(repoRoot, 'entrypoints', p)));

/** Every extension page the tour stops at, in one table: its name (the screenshot's file name), its file, its state. */
export const TOUR_PAGES: readonly { name: string; file: string; state: string }[] = [
  { name: 'dashboard-empty', file: 'dashboard.html', state: 'no captures yet' },
  { name: 'options', file: 'options.html', state: 'settings' },
  { name: 'verify', file: 'verify.html', state: 'waiting for a bundle' },
  ...(hasOnboarding ? [{ name: 'onboarding', file: 'onboarding.html', state: 'first run' }] : []),
  { name: 'dashboard', file: 'dashboard.html', state: 'captures listed' },
  { name: 'dashboard-detail', file: 'dashboard.html', state: "a capture's detail open" },
  { name: 'viewer', file: 'viewer.html', state: 'a real capture' },
  { name: 'popup', file: 'popup.html', state: "captures listed, about a post's tab" },
  { name: 'sidepanel', file: 'sidepanel.html', state: 'captures listed' },
  { name: 'verify-result', file: 'verify.html', state: 'the verdict on an exported bundle' },
];

/** The platforms whose real saved pages carry the in-page control in the tour. */
export const TOUR_PLATFORMS: PlatformName[] = ['x', 'bluesky', 'telegram', 'reddit'];

export function tourPostUrl(platform: PlatformName): string {
  const fixture = fixturesOf(platform).find((f) => f.posts > 0 && !f.folder.startsWith('local:'));
  if (!fixture) throw new Error(`no saved ${platform} page with posts among the fixtures`);
  return fixture.url;
}

export interface ExtensionStop {
  kind: 'extension';
  /** popup, sidepanel, dashboard-empty, dashboard, dashboard-detail, options, viewer, verify, verify-result, onboarding */
  name: string;
  page: Page;
  /** The popup is a bubble of its own size; every other page a full 1280x800 tab. */
  popup: boolean;
}

export interface ControlStop {
  kind: 'control';
  /** control-<platform>-idle or control-<platform>-saved */
  name: string;
  platform: PlatformName;
  state: 'idle' | 'saved';
  page: Page;
  /** The first post's Preserve button (inside <postproof-control>'s open shadow root). */
  control: Locator;
  /** Saved: the key that activated the focused control. */
  key?: 'Enter' | 'Space';
}

export type TourStop = ExtensionStop | ControlStop;

export interface TourOptions {
  /** Called at each stop, the page ready and in front. */
  visit: (stop: TourStop) => Promise<void>;
  /** Where the exported bundle is saved (a temp folder of the caller's). */
  workDir: string;
  /** Platforms to preserve a post of (TOUR_PLATFORMS by default). */
  platforms?: readonly PlatformName[];
}

async function openPage(browser: LaunchedBrowser, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: PAGE_WIDTH, height: PAGE_HEIGHT });
  await page.goto(url);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page;
}

/** Waits until the page's root carries the interface's lang (set by the page's script once it runs). */
async function rendered(page: Page, ready: string): Promise<void> {
  await page.locator(ready).first().waitFor({ state: 'attached', timeout: 30_000 });
  await until('the page language set', () => page.evaluate(() => document.documentElement.lang), (l) => l.length > 0, 10_000);
}

/** The popup as its own bubble: a viewport of the document's own width and height (within Chromium's limits). */
async function popupViewport(page: Page): Promise<{ width: number; height: number }> {
  await page.setViewportSize({ width: POPUP_MAX_WIDTH, height: POPUP_MAX_HEIGHT });
  const width = Math.min(POPUP_MAX_WIDTH, Math.ceil(await page.evaluate(() => document.body.getBoundingClientRect().width)));
  await page.setViewportSize({ width, height: POPUP_MAX_HEIGHT });
  const height = Math.min(POPUP_MAX_HEIGHT, Math.ceil(await page.evaluate(() => document.documentElement.scrollHeight)));
  const size = { width, height };
  await page.setViewportSize(size);
  return size;
}

async function extensionStop(browser: LaunchedBrowser, visit: TourOptions['visit'], name: string, path: string, ready: string): Promise<Page> {
  const page = await openPage(browser, browser.extensionUrl(path));
  await rendered(page, ready);
  await visit({ kind: 'extension', name, page, popup: false });
  return page;
}

/** Runs the tour in `browser` (a fresh profile, launched in the tour's language). Returns the capture ids made. */
export async function tourExtension(browser: LaunchedBrowser, options: TourOptions): Promise<{ captureIds: string[]; bundle: string }> {
  const visit = async (stop: TourStop): Promise<void> => {
    if (stop.kind === 'extension') {
      const entry = TOUR_PAGES.find((p) => p.name === stop.name);
      if (!entry || new URL(stop.page.url()).pathname !== `/${entry.file}`) throw new Error(`tour: ${stop.name} (${stop.page.url()}) is not in TOUR_PAGES`);
    }
    await stop.page.bringToFront();
    await options.visit(stop);
  };
  // Before any capture: the dashboard's empty state, the options, verify.html waiting for a bundle, the first run.
  const empty = await extensionStop(browser, visit, 'dashboard-empty', 'dashboard.html', '[data-testid="empty-state"]');
  await empty.close();
  await (await extensionStop(browser, visit, 'options', 'options.html', '[data-testid="settings-save"]')).close();
  await (await extensionStop(browser, visit, 'verify', 'verify.html', '[data-testid="verify-input"]')).close();
  if (hasOnboarding) await (await extensionStop(browser, visit, 'onboarding', 'onboarding.html', '[data-testid="onboarding"]')).close();

  // Posts preserved on real pages, with a trusted Enter on the control (the control answers trusted input only).
  const captureIds: string[] = [];
  let lastPost: Page | undefined;
  for (const [n, platform] of (options.platforms ?? TOUR_PLATFORMS).entries()) {
    // Enter on one, Space on the next: a button answers both.
    const key = n % 2 === 0 ? 'Enter' : 'Space';
    const url = tourPostUrl(platform);
    const page = await openPage(browser, url);
    const control = page.getByTestId('postproof-preserve').first();
    await until(`the Preserve control on ${url}`, () => control.getAttribute('data-state', { timeout: 1_000 }).catch(() => null), (s) => s === 'idle');
    await control.scrollIntoViewIfNeeded();
    await visit({ kind: 'control', name: `control-${platform}-idle`, platform, state: 'idle', page, control });
    await control.focus();
    await control.press(key);
    const state = await until(`${url} saved`, () => control.getAttribute('data-state'), (s) => s === 'saved' || s === 'error', 40_000);
    if (state !== 'saved') throw new Error(`tour: ${url} was not preserved: ${await control.getAttribute('title')}`);
    captureIds.push((await control.getAttribute('data-capture-id'))!);
    await visit({ kind: 'control', name: `control-${platform}-saved`, platform, state: 'saved', page, control, key });
    if (lastPost) await lastPost.close();
    lastPost = page;
  }
  await lastPost!.bringToFront();
  const postTab = await frontTabId(browser);

  // The dashboard with the captures, then one capture's detail.
  const dashboard = await openPage(browser, browser.extensionUrl('dashboard.html'));
  await rendered(dashboard, '[data-testid="capture-row"]');
  await until('the dashboard rows', () => dashboard.getByTestId('capture-row').count(), (n) => n >= captureIds.length);
  await visit({ kind: 'extension', name: 'dashboard', page: dashboard, popup: false });
  // The bundle a person exports, for verify.html.
  await dashboard.getByTestId('select-all').check();
  const [download] = await Promise.all([dashboard.waitForEvent('download', { timeout: 60_000 }), dashboard.getByTestId('export-selected').click()]);
  const bundle = join(options.workDir, 'bundle.zip');
  await download.saveAs(bundle);
  await dashboard.getByTestId('select-all').uncheck();
  await dashboard.evaluate(() => window.scrollTo(0, 0));
  await dashboard.getByTestId('capture-row').first().getByTestId('open-detail').click();
  await dashboard.locator('[data-testid="capture-detail"], [data-testid="annotation-editor"]').first().waitFor({ timeout: 20_000 });
  await dashboard.evaluate(() => window.scrollTo(0, 0));
  await visit({ kind: 'extension', name: 'dashboard-detail', page: dashboard, popup: false });
  await dashboard.close();

  // The viewer on a real capture (the first: X).
  await (await extensionStop(browser, visit, 'viewer', `viewer.html?capture=${captureIds[0]}`, 'main, body > *')).close();

  // The popup about the last post's tab, as its own bubble.
  const popup = await openPage(browser, browser.extensionUrl(`popup.html?tab=${postTab}`));
  await rendered(popup, '[data-testid="capture-row"]');
  await until('the popup listing the captures', () => popup.getByTestId('capture-row').count(), (n) => n >= 1);
  await popupViewport(popup);
  await visit({ kind: 'extension', name: 'popup', page: popup, popup: true });
  await popup.close();

  await (await extensionStop(browser, visit, 'sidepanel', 'sidepanel.html', 'body > *')).close();

  // verify.html with the exported bundle chosen as a person chooses a file.
  const verify = await openPage(browser, browser.extensionUrl('verify.html'));
  await rendered(verify, '[data-testid="verify-input"]');
  await verify.getByTestId('verify-input').setInputFiles(bundle);
  await until('a verdict', () => verify.getByTestId('verify-result').getAttribute('data-verdict', { timeout: 1_000 }).catch(() => null), (v) => v !== null, 60_000);
  await visit({ kind: 'extension', name: 'verify-result', page: verify, popup: false });
  await verify.close();
  await lastPost!.close();
  return { captureIds, bundle };
}
