// A full disk, end to end and for real: the browser's profile lives on a small tmpfs, a post is preserved, the disk is
// then filled to the last few kilobytes and another post is preserved. Chromium's own IndexedDB refuses the write
// (as it does on a user's full disk: no simulated error), and PostProof must say so plainly, keep nothing half-written,
// keep the earlier capture intact and verifiable, and save the post on retry once space is freed.
// Needs root (mount -t tmpfs), as CI and these machines run; it fails with that reason rather than pretending.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasFixturePages } from './fixtures';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { exportAllAndVerify } from './support/bundle-tools';
import { startFixtureServer, syntheticImageFor, xFixtures, type FixtureServer } from './support/fixture-server';
import { auditStore, storeProblems } from './support/store-audit';

/** Room for Chromium's profile and a few captures; small enough to fill in a blink. */
const DISK_MB = 96;
/** What is left free when the disk is "full": less than one capture of the large media below. */
const LEFT_FREE = 64 * 1024;

function mountSmallDisk(): string {
  const dir = mkdtempSync(join(tmpdir(), 'postproof-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_MB}m,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`This test gives the browser a ${DISK_MB} MB disk with mount -t tmpfs, which needs root: ${(error as Error).message}`);
  }
  return dir;
}

function freeBytes(dir: string): number {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
}

describe.skipIf(!hasFixturePages)('a full disk while preserving', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;
  let disk = '';
  let extPage: Page;
  const work: string[] = [];
  /** Media bytes the fixture server answers with: large for the post that meets the full disk. */
  let mediaBytes: Buffer | undefined;

  beforeAll(async () => {
    disk = mountSmallDisk();
    server = await startFixtureServer([
      {
        host: 'pbs.twimg.com',
        path: '/media/*',
        respond: ({ url }) => {
          const image = syntheticImageFor(url);
          return { headers: { 'content-type': image.contentType }, body: mediaBytes ?? image.body };
        },
      },
    ]);
    browser = await launchWithExtension({ extensionDir: buildExtensionOnce(), port: server.port, profileDir: join(disk, 'profile') });
    extPage = await browser.context.newPage();
    await extPage.goto(browser.extensionUrl('dashboard.html'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (disk) {
      execFileSync('umount', [disk]);
      rmSync(disk, { recursive: true, force: true });
    }
    for (const path of work) rmSync(path, { recursive: true, force: true });
  });

  async function preserveOn(page: Page, url: string): Promise<{ state: string; title: string | null; id: string | null }> {
    await page.goto(url);
    const button = page.getByTestId('postproof-preserve').first();
    await expect.poll(() => button.getAttribute('data-state')).toMatch(/^(idle|error)$/);
    await button.click();
    await expect.poll(() => button.getAttribute('data-state'), { timeout: 20_000 }).toMatch(/^(saved|error)$/);
    return { state: (await button.getAttribute('data-state'))!, title: await button.getAttribute('title'), id: await button.getAttribute('data-capture-id') };
  }

  it('says the storage is full, writes nothing, keeps the earlier capture, and saves on retry once space is freed', async () => {
    const page = await browser.context.newPage();
    const first = await preserveOn(page, xFixtures.image.url);
    expect(first.state).toBe('saved');
    const before = await auditStore(extPage);
    expect(before.captures.map((c) => c.id)).toEqual([first.id]);

    // Fill the disk; the next post's media (2 MB) cannot fit.
    const filler = join(disk, 'filler');
    writeFileSync(filler, Buffer.alloc(Math.max(0, freeBytes(disk) - LEFT_FREE)));
    console.log(`[storage-full] ${freeBytes(disk)} bytes left free on the browser's ${DISK_MB} MB disk`);
    mediaBytes = Buffer.alloc(2 * 1024 * 1024, 0x5a);

    const refused = await preserveOn(page, xFixtures.image.url);
    console.log(`[storage-full] the control said: ${refused.title}`);
    expect(refused.state).toBe('error');
    expect(refused.title).toMatch(/storage is full/);
    expect(refused.title).toMatch(/Free disk space, or export and remove old captures/);
    expect(refused.title).toMatch(/Earlier captures are intact/);

    // Space freed. (While the disk is full Chromium may not even open the store for reading, so the store is looked
    // at now.) Nothing of the refused capture was written, and the earlier one is whole.
    rmSync(filler);
    const during = await auditStore(extPage);
    expect(storeProblems(during)).toEqual([]);
    expect(during.captures.map((c) => c.id)).toEqual([first.id]);

    // The retry on the same control saves the post, without restarting anything (Chromium may have closed the
    // extension's connection after the I/O error; the background opens a new one).
    const button = page.getByTestId('postproof-preserve').first();
    await button.click();
    await expect.poll(() => button.getAttribute('data-state'), { timeout: 20_000 }).toMatch(/^(saved|error)$/);
    expect(await button.getAttribute('data-state'), (await button.getAttribute('title')) ?? '').toBe('saved');
    const after = await auditStore(extPage);
    expect(storeProblems(after)).toEqual([]);
    expect(after.captures).toHaveLength(2);

    // Both captures, the one from before the full disk and the retried one, verify in one bundle.
    const cli = await exportAllAndVerify(extPage, work);
    expect(cli.status, cli.output).toBe(0);
    expect(cli.output).toContain(first.id!);
  });
});
