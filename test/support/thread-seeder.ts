// Seeds a thread into an extension page's store through the real pipeline and thread code: seed-thread.ts is bundled
// here (esbuild) and evaluated in the page by Playwright, so no test code ships in the extension.
import { build } from 'esbuild';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../fixtures';
import { seedScreenshot } from './store-seeder';
import type { SeedThreadOptions } from './seed-thread';

let bundled: Promise<string> | undefined;

/** Captures `postIds` (the first focal, the rest replies) in the store of extension page `page` and keeps them as a thread. */
export async function seedThread(page: Page, postIds: string[], repliesCounted: number | null): Promise<{ ids: string[]; threadId: string }> {
  bundled ??= build({ entryPoints: [join(repoRoot, 'test/support/seed-thread.ts')], bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'silent' }).then(
    (result) => result.outputFiles[0]!.text,
  );
  await page.evaluate(await bundled);
  const options: SeedThreadOptions = { postIds, screenshot: seedScreenshot(), repliesCounted };
  return page.evaluate((opts) => (globalThis as unknown as { postproofSeedThread: (o: SeedThreadOptions) => Promise<{ ids: string[]; threadId: string }> }).postproofSeedThread(opts), options);
}
