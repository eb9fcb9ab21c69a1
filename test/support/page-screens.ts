// Screenshots of every extension page (the tour's table, test/support/page-tour.ts) in English and Arabic, from the
// BUILT extension in Debian's Chromium with real captures of real saved platform pages: full pages at 1280x800, the
// popup at its own size (the bubble Chromium sizes to the document, at most 800x600). One browser per language, each
// with a fresh profile, so every page shows that language's own captures and verdict.
// Written by test/page-screens.e2e.ts to test-artifacts/screens/ (kept by CI) and by `npm run docs:screens` to
// docs/screens/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExtensionOnce, launchWithExtension } from './browser';
import { extensionWithScreenshotsGranted } from './extension-variants';
import { startFixtureServer } from './fixture-server';
import { languageLaunch, tourExtension, type TourLanguage } from './page-tour';

export interface PageScreen {
  /** The page's name in the tour's table (the file is <name>.png). */
  name: string;
  file: string;
  /** The viewport shot: 1280x800, or the popup's own size. */
  width: number;
  height: number;
  popup: boolean;
  /** The document element's dir and lang while shot. */
  dir: string;
  lang: string;
}

export interface LanguageScreens {
  language: TourLanguage;
  screens: PageScreen[];
  ms: number;
}

/** Shoots every page of the tour into `<outDir>/<language>/<page>.png` and says what each shot showed. */
export async function makePageScreens(outDir: string, languages: readonly TourLanguage[] = ['en', 'ar']): Promise<LanguageScreens[]> {
  const extensionDir = extensionWithScreenshotsGranted(buildExtensionOnce());
  const work = mkdtempSync(join(tmpdir(), 'postproof-screens-'));
  const server = await startFixtureServer();
  const results: LanguageScreens[] = [];
  try {
    for (const language of languages) {
      const started = Date.now();
      const dir = join(outDir, language);
      mkdirSync(dir, { recursive: true });
      const screens: PageScreen[] = [];
      const browser = await launchWithExtension({ extensionDir, port: server.port, ...languageLaunch(language) });
      try {
        await tourExtension(browser, {
          workDir: mkdtempSync(join(work, `${language}-`)),
          visit: async (stop) => {
            if (stop.kind !== 'extension') return;
            const { page } = stop;
            const file = join(dir, `${stop.name}.png`);
            await page.evaluate(() => document.fonts.ready.then(() => undefined));
            const size = page.viewportSize()!;
            const shown = await page.evaluate(() => ({ dir: document.documentElement.dir || getComputedStyle(document.documentElement).direction, lang: document.documentElement.lang }));
            await page.screenshot({ path: file, fullPage: false, animations: 'disabled', caret: 'hide' });
            screens.push({ name: stop.name, file, width: size.width, height: size.height, popup: stop.popup, ...shown });
          },
        });
      } finally {
        await browser.close();
      }
      results.push({ language, screens, ms: Date.now() - started });
    }
  } finally {
    await server.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(join(extensionDir, '..'), { recursive: true, force: true });
  }
  return results;
}
