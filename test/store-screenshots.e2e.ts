// The store listing's screenshots (npm run store:screenshots, docs/store/) made into a temp folder, in English and
// Arabic, and checked for what the stores and the listing need: each a PNG of exactly 1280x800 (the Chrome Web
// Store refuses other sizes), the extension's pages right to left in Arabic and left to right in English, the post's
// control saved while shot, and verify.html's verdict on the exported bundle valid.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasFixturePages } from './fixtures';
import { makeStoreScreenshots, STORE_HEIGHT, STORE_POSTS, STORE_WIDTH, type StoreLanguageResult } from './support/store-screenshots';
import { pngSize as pngSizeOf } from './support/images';

/** Width and height of a PNG file. */
const pngSize = (file: string) => pngSizeOf(readFileSync(file), file);

describe.skipIf(!hasFixturePages)('store listing screenshots', () => {
  const out = mkdtempSync(join(tmpdir(), 'postproof-store-shots-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('are made in English and Arabic from the real extension, each 1280x800, saying what the listing says', async () => {
    const started = Date.now();
    const results: StoreLanguageResult[] = await makeStoreScreenshots(out, ['en', 'ar']);
    const seconds = (Date.now() - started) / 1000;
    console.log(`store screenshots: ${seconds.toFixed(1)} s (${results.map((r) => `${r.language} ${(r.ms / 1000).toFixed(1)} s`).join(', ')})`);

    expect(results.map((r) => r.language)).toEqual(['en', 'ar']);
    for (const r of results) {
      expect(r.shots.map((s) => s.name)).toEqual(['1-post', '2-popup', '3-dashboard', '4-verify']);
      for (const shot of r.shots) {
        expect(shot.file).toBe(join(out, r.language, `${shot.name}.png`));
        expect(existsSync(shot.file)).toBe(true);
        expect(pngSize(shot.file), shot.file).toEqual({ width: STORE_WIDTH, height: STORE_HEIGHT });
      }
      // The extension's own pages follow the interface language; the post page is the platform's own document.
      const extensionPages = r.shots.filter((s) => s.name !== '1-post');
      expect(extensionPages.map((s) => s.dir)).toEqual(Array(3).fill(r.language === 'ar' ? 'rtl' : 'ltr'));
      for (const shot of extensionPages) expect(shot.lang).toMatch(new RegExp(`^${r.language}`));
      expect(r.postControlState).toBe('saved');
      expect(r.dashboardRows).toBe(STORE_POSTS.length);
      expect(r.verdict).toBe('valid');
    }
    // The control speaks the interface language: its saved label differs between the two.
    const [en, ar] = results;
    expect(en!.postControlLabel).toMatch(/saved/i);
    expect(ar!.postControlLabel).toMatch(/[\u0600-\u06ff]/);
  }, 180_000);
});
