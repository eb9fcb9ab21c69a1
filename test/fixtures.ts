// Where the shared corpus of real saved platform pages lies. Tests read it in place; it is never copied here.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const fixturePagesDir = resolve(repoRoot, '..', 'shared', 'fixtures', 'pages');
export const hasFixturePages = existsSync(fixturePagesDir);

if (!hasFixturePages) {
  console.warn(`[postproof] The fixture corpus is absent (${fixturePagesDir}); tests on real platform pages are skipped.`);
}

/** Path of a fixture page, e.g. fixturePage('x', 'x_status_text_...html'). */
export function fixturePage(platform: string, file: string): string {
  return join(fixturePagesDir, platform, file);
}

export function readFixturePage(platform: string, file: string): string {
  return readFileSync(fixturePage(platform, file), 'utf8');
}
