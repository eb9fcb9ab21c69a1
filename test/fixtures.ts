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

/** Our own small fixtures, only for platforms the shared corpus has no page of (each says why in its adapter). */
export const localFixturePagesDir = join(repoRoot, 'test', 'fixtures', 'pages');

/**
 * Path of a fixture page, e.g. fixturePage('x', 'x_status_text_...html'); a folder written `local:<name>` is one of
 * our own under test/fixtures/pages/<name>/.
 */
export function fixturePage(folder: string, file: string): string {
  return folder.startsWith('local:') ? join(localFixturePagesDir, folder.slice('local:'.length), file) : join(fixturePagesDir, folder, file);
}

export function readFixturePage(platform: string, file: string): string {
  return readFileSync(fixturePage(platform, file), 'utf8');
}
