// Seeds an extension page's store through the real pipeline: seed-captures.ts is bundled here (esbuild) and evaluated
// in the page by Playwright, so no test code ships in the extension.
import { build } from 'esbuild';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../fixtures';
import { encodePng } from './images';
import type { SeedOptions } from './seed-captures';

let bundled: Promise<string> | undefined;

function seederSource(): Promise<string> {
  bundled ??= build({
    entryPoints: [join(repoRoot, 'test/support/seed-captures.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bundled;
}

/** A 64×48 PNG with a gradient, as every seeded capture's screenshot. */
export function seedScreenshot(): number[] {
  return [...encodePng(64, 48, (x, y) => [40 + x * 3, 90 + y * 3, 160])];
}

/** Defines the seeder's functions (postproofSeed, postproofLinearSearchMs) in the page, again after each navigation. */
export async function loadSeeder(page: Page): Promise<void> {
  await page.evaluate(await seederSource());
}

/** Fills the store of the extension page `page` (any extension page) with `count` captures; returns their ids. */
export async function seedStore(page: Page, options: Omit<SeedOptions, 'screenshot'> & { screenshot?: number[] }): Promise<{ ids: string[]; ms: number }> {
  await loadSeeder(page);
  return page.evaluate((opts) => (globalThis as unknown as { postproofSeed: (o: SeedOptions) => Promise<{ ids: string[]; ms: number }> }).postproofSeed(opts), {
    ...options,
    screenshot: options.screenshot ?? seedScreenshot(),
  });
}
