// The store listing's screenshots, taken from the BUILT extension in Debian's Chromium on real saved platform pages:
// a preserved post (the in-page control saved), the popup, the dashboard and verify.html with a verdict on a bundle
// the dashboard exported. One browser per language (an Arabic interface needs LANGUAGE=ar at launch), each with its
// own profile, so every shot shows that language's own captures, bundle and verdict.
//
// Size: the Chrome Web Store takes screenshots of exactly 1280x800 or 640x400 pixels ("Screenshot 1 [REQUIRED] |
// 1280×800 or 640×400", GoogleChrome/modern-web-guidance, skills/chrome-extensions/references/webstore/
// chromewebstore-template.md; see also https://developer.chrome.com/docs/webstore/images); addons.mozilla.org takes
// the same size. Every shot here is a viewport screenshot of a 1280x800 page at device scale 1.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildExtensionOnce, frontTabId, launchWithExtension, type LaunchedBrowser } from './browser';
import { extensionWithScreenshotsGranted } from './extension-variants';
import { startFixtureServer, xFixtures } from './fixture-server';
import { until } from './until';

export const STORE_WIDTH = 1280;
export const STORE_HEIGHT = 800;
export type StoreLanguage = 'en' | 'ar';

/** Real saved pages preserved for the listing, in order; the last one is the post the first screenshot shows. */
export const STORE_POSTS = [
  'https://t.me/s/ClashReport',
  'https://bsky.app/profile/glendunlap.bsky.social/post/3mdegyw3ves2t',
  xFixtures.linkcard.url,
  xFixtures.image.url,
] as const;

export interface StoreShot {
  /** 1-post, 2-popup, 3-dashboard, 4-verify */
  name: string;
  file: string;
  /** The document element's dir and lang while the shot was taken (the post page's are the platform's own). */
  dir: string;
  lang: string;
}

export interface StoreLanguageResult {
  language: StoreLanguage;
  shots: StoreShot[];
  /** The post control's data-state while the post was shot. */
  postControlState: string | null;
  /** The post control's visible label while shot (the extension's own words, in the interface language). */
  postControlLabel: string;
  /** Capture rows the dashboard listed. */
  dashboardRows: number;
  /** verify.html's data-verdict for the exported bundle while shot. */
  verdict: string | null;
  ms: number;
}

async function newStorePage(browser: LaunchedBrowser, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: STORE_WIDTH, height: STORE_HEIGHT });
  await page.goto(url);
  return page;
}

async function documentDirection(page: Page): Promise<{ dir: string; lang: string }> {
  return page.evaluate(() => ({ dir: document.documentElement.dir || getComputedStyle(document.documentElement).direction, lang: document.documentElement.lang }));
}

async function shoot(page: Page, outDir: string, name: string): Promise<StoreShot> {
  const file = join(outDir, `${name}.png`);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const { dir, lang } = await documentDirection(page);
  await page.screenshot({ path: file, fullPage: false, animations: 'disabled', caret: 'hide' });
  return { name, file, dir, lang };
}

/** Preserves the first post of `url` with a trusted Enter on its control (a reply image can overlay a click). */
async function preserve(browser: LaunchedBrowser, url: string): Promise<Page> {
  const page = await newStorePage(browser, url);
  const control = page.getByTestId('postproof-preserve').first();
  await until(`the Preserve control on ${url}`, () => control.getAttribute('data-state', { timeout: 1_000 }).catch(() => null), (s) => s === 'idle');
  await control.scrollIntoViewIfNeeded();
  await control.press('Enter');
  const state = await until(`${url} saved`, () => control.getAttribute('data-state'), (s) => s === 'saved' || s === 'error', 40_000);
  if (state !== 'saved') throw new Error(`store screenshots: ${url} was not preserved: ${await control.getAttribute('title')}`);
  return page;
}

/** The popup is a 400-pixel panel: opened as a tab, it is shown centred on a neutral backdrop, as it floats over a page. */
const POPUP_FRAME = `
  html { background: #e9ecf1; min-block-size: 100%; }
  body.popup { margin: 28px auto; background: #fff; border: 1px solid #c9ced6; border-radius: 8px; box-shadow: 0 6px 24px rgb(0 0 0 / 18%); overflow: hidden; }
`;

async function shootLanguage(browser: LaunchedBrowser, language: StoreLanguage, outDir: string, work: string): Promise<StoreLanguageResult> {
  const started = Date.now();
  mkdirSync(outDir, { recursive: true });
  const shots: StoreShot[] = [];

  // 1. Posts preserved on their real pages; the last stays open and is shot with its control saved.
  let post: Page | undefined;
  for (const url of STORE_POSTS) {
    if (post) await post.close();
    post = await preserve(browser, url);
  }
  const control = post!.getByTestId('postproof-preserve').first();
  // The page from its top (its header with the post), unless that hides the control.
  await post!.evaluate(() => window.scrollTo(0, 0));
  await control.scrollIntoViewIfNeeded();
  const postControlState = await control.getAttribute('data-state');
  const postControlLabel = ((await control.textContent()) ?? '').trim();
  shots.push(await shoot(post!, outDir, '1-post'));
  await post!.bringToFront();
  const postTab = await frontTabId(browser);

  // 2. The popup, about the post's tab, with the captures listed.
  const popup = await newStorePage(browser, browser.extensionUrl(`popup.html?tab=${postTab}`));
  await popup.addStyleTag({ content: POPUP_FRAME });
  await until('the popup listing the captures', () => popup.getByTestId('capture-row').count(), (n) => n >= STORE_POSTS.length);
  shots.push(await shoot(popup, outDir, '2-popup'));
  await popup.close();

  // 3. The dashboard: every capture selected and exported as one bundle.
  const dashboard = await newStorePage(browser, browser.extensionUrl('dashboard.html'));
  const dashboardRows = await until('the dashboard rows', () => dashboard.getByTestId('capture-row').count(), (n) => n >= STORE_POSTS.length);
  await dashboard.getByTestId('select-all').check();
  const [download] = await Promise.all([dashboard.waitForEvent('download', { timeout: 60_000 }), dashboard.getByTestId('export-selected').click()]);
  const bundle = join(work, `${language}-bundle.zip`);
  await download.saveAs(bundle);
  // Ticking and exporting scrolled the list into view: the page from its top, title and filters included.
  await dashboard.evaluate(() => window.scrollTo(0, 0));
  shots.push(await shoot(dashboard, outDir, '3-dashboard'));
  await dashboard.close();

  // 4. verify.html with that bundle chosen as a person chooses a file.
  const verify = await newStorePage(browser, browser.extensionUrl('verify.html'));
  await verify.getByTestId('verify-input').setInputFiles(bundle);
  const result = verify.getByTestId('verify-result');
  const verdict = await until('a verdict', () => result.getAttribute('data-verdict', { timeout: 1_000 }).catch(() => null), (v) => v !== null);
  shots.push(await shoot(verify, outDir, '4-verify'));
  await verify.close();
  await post!.close();

  return { language, shots, postControlState, postControlLabel, dashboardRows, verdict, ms: Date.now() - started };
}

/**
 * Takes the listing's four screenshots per language into `<outDir>/<language>/` (1-post, 2-popup, 3-dashboard,
 * 4-verify) and returns what each shot showed, for a test to check. Needs the fixture corpus and a built extension.
 */
export async function makeStoreScreenshots(outDir: string, languages: readonly StoreLanguage[] = ['en', 'ar']): Promise<StoreLanguageResult[]> {
  const extensionDir = extensionWithScreenshotsGranted(buildExtensionOnce());
  const work = mkdtempSync(join(tmpdir(), 'postproof-store-'));
  const server = await startFixtureServer();
  const results: StoreLanguageResult[] = [];
  try {
    for (const language of languages) {
      const browser = await launchWithExtension({ extensionDir, port: server.port, args: [`--lang=${language}`], env: { LANGUAGE: language } });
      try {
        results.push(await shootLanguage(browser, language, join(outDir, language), work));
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(join(extensionDir, '..'), { recursive: true, force: true });
  }
  return results;
}
