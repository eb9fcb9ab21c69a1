// Backup and restore, end to end: captures exported from one profile are imported into a fresh one from the
// dashboard; every capture comes back with its exact signed bytes, the re-export verifies with the CLI, and a second
// import adds nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasFixturePages } from './fixtures';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { cliVerify, unzipBundle } from './support/bundle-tools';
import { extensionWithScreenshotsGranted } from './support/extension-variants';
import { startFixtureServer, xFixtures, type FixtureServer } from './support/fixture-server';

async function exportAll(dashboard: Page, target: string): Promise<string> {
  await dashboard.reload();
  await dashboard.getByTestId('select-all').check();
  const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId('export-selected').click()]);
  await download.saveAs(target);
  return target;
}

describe.skipIf(!hasFixturePages)('backup and restore through evidence bundles', () => {
  let server: FixtureServer;
  let extensionDir = '';
  const work: string[] = [];
  const browsers: LaunchedBrowser[] = [];

  beforeAll(async () => {
    extensionDir = extensionWithScreenshotsGranted(buildExtensionOnce());
    work.push(join(extensionDir, '..'));
    server = await startFixtureServer();
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await server?.close();
    for (const path of work) rmSync(path, { recursive: true, force: true });
  });

  it('exports everything, imports it into a fresh profile, re-exports a bundle that verifies, and a second import adds nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'postproof-restore-'));
    work.push(dir);
    const original = await launchWithExtension({ extensionDir, port: server.port });
    browsers.push(original);
    const ids: string[] = [];
    const page = await original.context.newPage();
    for (const fixture of [xFixtures.image, xFixtures.text]) {
      await page.goto(fixture.url);
      const button = page.getByTestId('postproof-preserve').first();
      await expect.poll(() => button.getAttribute('data-state')).toBe('idle');
      await button.click();
      await expect.poll(() => button.getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
      ids.push((await button.getAttribute('data-capture-id'))!);
    }
    const dashboard = await original.context.newPage();
    await dashboard.goto(original.extensionUrl('dashboard.html'));
    const backup = await exportAll(dashboard, join(dir, 'backup.zip'));
    await original.close();

    const fresh = await launchWithExtension({ extensionDir, port: server.port });
    browsers.push(fresh);
    const restored = await fresh.context.newPage();
    await restored.goto(fresh.extensionUrl('dashboard.html'));
    // The input is enabled once the fresh profile's store is open (setInputFiles does not wait for that).
    const input = restored.getByTestId('import-bundles');
    await expect.poll(() => input.isEnabled(), { timeout: 30_000 }).toBe(true);
    await input.setInputFiles(backup);
    const result = restored.getByTestId('import-result');
    await expect.poll(() => result.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    expect(await result.textContent()).toMatch(/2 capture\(s\) imported, 0 already here\..*another install's key/s);
    for (const id of ids) await expect.poll(() => restored.locator(`[data-testid="capture-row"][data-capture-id="${id}"]`).count()).toBe(1);
    // Each restored row says it was signed by the other install, with that install's key (the backup's signer).
    const before = unzipBundle(backup);
    work.push(before);
    const signer = (JSON.parse(readFileSync(join(before, 'manifest.json'), 'utf8')) as { signer: { keyId: string } }).signer.keyId;
    for (const id of ids) {
      const badge = restored.locator(`[data-testid="capture-row"][data-capture-id="${id}"] [data-testid="foreign-signer"]`);
      await expect.poll(() => badge.getAttribute('data-key-id')).toBe(signer);
      expect(await badge.innerText()).toMatch(new RegExp(`^Signed by another install \\(key ${signer.slice(0, 4)} ${signer.slice(4, 8)}…\\)$`));
    }

    await expect.poll(() => input.isEnabled()).toBe(true);
    await input.setInputFiles(backup);
    await expect.poll(async () => (await result.textContent()) ?? '', { timeout: 30_000 }).toMatch(/0 capture\(s\) imported, 2 already here/);

    const reexport = await exportAll(restored, join(dir, 'reexport.zip'));
    const cli = cliVerify(reexport);
    expect(cli.status, cli.output).toBe(0);
    const after = unzipBundle(reexport);
    for (const id of ids) {
      for (const file of ['capture.json', 'capture.json.sig']) {
        expect(readFileSync(join(after, 'captures', id, file))).toEqual(readFileSync(join(before, 'captures', id, file)));
      }
    }
    work.push(after);
  });
});
