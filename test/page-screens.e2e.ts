// Screenshots of every extension page in English and Arabic (test/support/page-screens.ts), written where CI keeps
// them as artifacts: test-artifacts/screens/<language>/<page>.png. Each must be a PNG of the size it was shot at
// (1280x800, or the popup's own size within Chromium's 800x600 bubble), every page of the tour's table must be there,
// and the Arabic pages must be right to left, the English ones left to right.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasFixturePages, repoRoot } from './fixtures';
import { makePageScreens } from './support/page-screens';
import { PAGE_HEIGHT, PAGE_WIDTH, POPUP_MAX_HEIGHT, POPUP_MAX_WIDTH, TOUR_PAGES } from './support/page-tour';
import { pngSize as pngSizeOf } from './support/images';

/** Width and height of a PNG file. */
const pngSize = (file: string) => pngSizeOf(readFileSync(file), file);

describe.skipIf(!hasFixturePages)('screenshots of every extension page', () => {
  it('are made in English and Arabic from the real extension with real captures, each PNG of its size and direction', async () => {
    const out = join(repoRoot, 'test-artifacts', 'screens');
    rmSync(out, { recursive: true, force: true });
    const results = await makePageScreens(out, ['en', 'ar']);
    console.log(`page screenshots: ${results.map((r) => `${r.language} ${r.screens.length} pages in ${(r.ms / 1000).toFixed(1)} s`).join(', ')} → ${out}`);
    expect(results.map((r) => r.language)).toEqual(['en', 'ar']);
    for (const r of results) {
      expect(r.screens.map((s) => s.name).sort()).toEqual(TOUR_PAGES.map((p) => p.name).sort());
      for (const screen of r.screens) {
        expect(screen.file).toBe(join(out, r.language, `${screen.name}.png`));
        expect(existsSync(screen.file), screen.file).toBe(true);
        const size = pngSize(screen.file);
        expect(size, screen.file).toEqual({ width: screen.width, height: screen.height });
        if (screen.popup) {
          expect(size.width).toBeLessThanOrEqual(POPUP_MAX_WIDTH);
          expect(size.height).toBeLessThanOrEqual(POPUP_MAX_HEIGHT);
          expect(size.width).toBeLessThan(PAGE_WIDTH);
        } else {
          expect(size, screen.file).toEqual({ width: PAGE_WIDTH, height: PAGE_HEIGHT });
        }
        expect(screen.dir, `${r.language} ${screen.name}`).toBe(r.language === 'ar' ? 'rtl' : 'ltr');
        expect(screen.lang).toMatch(new RegExp(`^${r.language}`));
      }
    }
  }, 400_000);
});
