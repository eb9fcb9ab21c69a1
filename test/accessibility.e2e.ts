// Issue 18, accessibility: every extension page and the in-page control, in English and in Arabic (right to left),
// from the BUILT extension in Debian's Chromium with real captures of real saved platform pages.
// - axe-core (WCAG 2.1 A and AA, and axe's best practices) finds no violation on any page of the tour
//   (test/support/page-tour.ts: one table of pages), nor in <postproof-control> on X, Bluesky, Telegram and Reddit
//   pages, idle and saved.
// - The keyboard reaches every interactive element of each page with Tab, each shows a focus ring while focused, and
//   the focus is never stuck; on a platform's page Tab reaches the control, Enter or Space preserves the post, and
//   the control's accessible name is in the interface's language, marked with that lang.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasFixturePages, repoRoot } from './fixtures';
import { axeViolations, describeViolations, type AxeViolation } from './support/axe';
import { launchWithExtension, buildExtensionOnce, type LaunchedBrowser } from './support/browser';
import { extensionWithScreenshotsGranted } from './support/extension-variants';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { tabUntil, walkWithTab, type KeyboardWalk } from './support/keyboard-walk';
import { languageLaunch, TOUR_PAGES, TOUR_PLATFORMS, tourExtension, tourPostUrl, type TourLanguage } from './support/page-tour';

// A11Y_LANGUAGES=ar runs one language (while fixing); both by default.
const LANGUAGES = (process.env.A11Y_LANGUAGES?.split(',') ?? ['en', 'ar']) as TourLanguage[];

function message(language: TourLanguage, key: string): string {
  const messages = JSON.parse(readFileSync(join(repoRoot, 'public', '_locales', language, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
  return messages[key]!.message;
}

interface ControlFindings {
  violations: AxeViolation[];
  /** The accessible name of the first post's control (Playwright's role query, as a screen reader reads it). */
  name: string;
  lang: string | null;
  /** Idle: Tab presses from the page's start until the first control had the focus (null: never). */
  tabPresses?: number | null;
  ring?: boolean;
  /** Saved: the key that preserved it. */
  key?: string;
}

interface LanguageFindings {
  pages: Map<string, { violations: AxeViolation[]; keyboard: KeyboardWalk; dir: string; lang: string }>;
  controls: Map<string, ControlFindings>;
  error?: string;
}

describe.skipIf(!hasFixturePages)('accessibility of every page and of the in-page control', () => {
  let server: FixtureServer;
  let extensionDir: string;
  const work = mkdtempSync(join(tmpdir(), 'postproof-a11y-'));
  const findings = new Map<TourLanguage, LanguageFindings>();

  beforeAll(async () => {
    extensionDir = extensionWithScreenshotsGranted(buildExtensionOnce());
    server = await startFixtureServer();
  });

  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
    if (extensionDir) rmSync(join(extensionDir, '..'), { recursive: true, force: true });
  });

  for (const language of LANGUAGES) {
    describe(language, () => {
      let browser: LaunchedBrowser;

      beforeAll(async () => {
        const started = Date.now();
        browser = await launchWithExtension({ extensionDir, port: server.port, ...languageLaunch(language) });
        const found: LanguageFindings = { pages: new Map(), controls: new Map() };
        findings.set(language, found);
        // A stop that fails ends the tour; the pages seen before it are still judged, the rest fail naming the error.
        await tourExtension(browser, {
          workDir: mkdtempSync(join(work, `${language}-`)),
          visit: async (stop) => {
            if (stop.kind === 'extension') {
              const violations = await axeViolations(stop.page);
              const keyboard = await walkWithTab(stop.page);
              const { dir, lang } = await stop.page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang }));
              found.pages.set(stop.name, { violations, keyboard, dir, lang });
              return;
            }
            const control: ControlFindings = {
              violations: await axeViolations(stop.page, { include: 'postproof-control' }),
              name: '',
              lang: await stop.control.getAttribute('lang'),
            };
            if (stop.state === 'idle') {
              control.tabPresses = await tabUntil(stop.page, () =>
                stop.page.evaluate(() => document.querySelector('postproof-control')?.shadowRoot?.activeElement?.getAttribute('data-testid') === 'postproof-preserve'),
              );
              control.ring = await stop.control.evaluate((b) => b.matches(':focus-visible') && getComputedStyle(b).outlineStyle !== 'none' && parseFloat(getComputedStyle(b).outlineWidth) > 0);
            } else {
              control.key = stop.key;
            }
            // The name as the accessibility tree has it (Chromium's), not the text content.
            const snapshot = await stop.control.ariaSnapshot();
            control.name = /button "([^"]*)"/.exec(snapshot)?.[1] ?? snapshot;
            found.controls.set(stop.name, control);
          },
        }).catch((err: unknown) => {
          found.error = err instanceof Error ? err.stack ?? err.message : String(err);
        });
        console.log(`[a11y] ${language}: tour of ${found.pages.size} pages and ${found.controls.size} control states in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        console.log(`[a11y] ${language}: Tab stops per page: ${[...found.pages].map(([name, p]) => `${name} ${p.keyboard.tabbable.length}`).join(', ')}`);
        console.log(`[a11y] ${language}: Tab presses to the first control: ${[...found.controls].filter(([, c]) => c.tabPresses !== undefined).map(([name, c]) => `${name.replace(/^control-|-idle$/g, '')} ${c.tabPresses}`).join(', ')}`);
      }, 400_000);

      afterAll(async () => {
        await browser?.close();
      });

      for (const { name, file, state } of TOUR_PAGES) {
        it(`${name} (${file}, ${state}): no axe violation`, () => {
          const page = findings.get(language)?.pages.get(name);
          expect(page, `the tour did not reach ${name}: ${findings.get(language)?.error}`).toBeDefined();
          expect(page!.violations, `${language} ${name}:\n${describeViolations(page!.violations)}`).toEqual([]);
          // The page is in the interface's language and direction.
          expect(page!.lang).toMatch(new RegExp(`^${language}`));
          expect(page!.dir).toBe(language === 'ar' ? 'rtl' : 'ltr');
        });

        it(`${name}: Tab reaches every interactive element, each with a visible focus ring, and never traps`, () => {
          const { keyboard } = findings.get(language)!.pages.get(name)!;
          expect(keyboard.tabbable.length, `${name} has nothing to Tab to`).toBeGreaterThan(0);
          expect(keyboard.trappedAt, `${language} ${name}: focus stuck`).toBeNull();
          expect(keyboard.unreached, `${language} ${name}: not reached by Tab (steps: ${keyboard.steps.map((s) => s.element).join(' → ')})`).toEqual([]);
          expect(keyboard.withoutRing, `${language} ${name}: focused without a visible ring`).toEqual([]);
        });
      }

      // The control speaks the person's interface language (the words they read and say to voice control), marked
      // with that lang so a screen reader on a page of another language switches voice for it.
      it(`<postproof-control> on a page in the other language: named in ${language}, marked lang=${language}, no axe violation`, async () => {
        const other = language === 'ar' ? { lang: 'en', dir: 'ltr' } : { lang: 'ar', dir: 'rtl' };
        const page = await browser.context.newPage();
        try {
          await page.addInitScript((root) => {
            document.addEventListener('DOMContentLoaded', () => Object.assign(document.documentElement, root));
          }, other);
          await page.goto(tourPostUrl('x'));
          const control = page.getByTestId('postproof-preserve').first();
          await expect.poll(() => control.getAttribute('data-state'), { timeout: 20_000 }).toBe('idle');
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(other.lang);
          const violations = await axeViolations(page, { include: 'postproof-control' });
          expect(violations, describeViolations(violations)).toEqual([]);
          expect(await page.getByRole('button', { name: message(language, 'control_preserve'), exact: true }).count()).toBeGreaterThan(0);
          expect(await control.getAttribute('lang')).toMatch(new RegExp(`^${language}`));
          expect(await control.getAttribute('dir')).toBe(language === 'ar' ? 'rtl' : 'ltr');
        } finally {
          await page.close();
        }
      });

      for (const platform of TOUR_PLATFORMS) {
        for (const state of ['idle', 'saved'] as const) {
          it(`<postproof-control> on a ${platform} page, ${state}: no axe violation, named in ${language}`, () => {
            const control = findings.get(language)?.controls.get(`control-${platform}-${state}`);
            expect(control, `the tour did not reach the ${platform} control ${state}: ${findings.get(language)?.error}`).toBeDefined();
            expect(control!.violations, `${language} ${platform} ${state}:\n${describeViolations(control!.violations)}`).toEqual([]);
            expect(control!.name).toBe(message(language, state === 'idle' ? 'control_preserve' : 'control_saved'));
            expect(control!.lang).toMatch(new RegExp(`^${language}`));
            if (state === 'idle') {
              expect(control!.tabPresses, `${platform}: Tab never reached the control`).not.toBeNull();
              expect(control!.ring, `${platform}: the focused control shows no ring`).toBe(true);
            } else {
              // The tour pressed Enter on one platform's control and Space on the next; each preserved the post.
              expect(control!.key).toMatch(/^(Enter|Space)$/);
            }
          });
        }
      }
    });
  }
});
