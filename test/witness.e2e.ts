// End to end, in Debian's Chromium with the built extension: the second witness. The platforms' public record
// endpoints are served by the fixture server under their real host names (every host resolves to it), answering
// as the platforms do: for Bluesky a real signed repository built with the AT Protocol libraries
// (test/support/bluesky-witness.ts). The witness is turned on in the options page as a person would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blueskyFixtures } from '../utils/platforms/bluesky.fixtures';
import type { CaptureRecord } from '../utils/model';
import { hasFixturePages, repoRoot } from './fixtures';
import { blueskyWitnessRoutes } from './support/bluesky-witness';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { cliVerify } from './support/bundle-tools';
import { extensionWithScreenshotsGranted } from './support/extension-variants';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { recordFromStore } from './support/store-reader';
import { witnessRoutes } from './support/witness-routes';
import { allAdapters } from '../utils/platforms/index';
import { fixturesOf } from '../utils/platforms/all.fixtures';

const bluesky = blueskyFixtures[0]!;
const expected = bluesky.expected!;

/** The first fixture page with posts of each platform (as test/platforms.e2e.ts), from the shared corpus. */
const cases = allAdapters().flatMap((adapter) => {
  const fixture = fixturesOf(adapter.name).find((f) => f.posts > 0 && f.expected && !f.folder.startsWith('local:'));
  return fixture ? [{ adapter, fixture }] : [];
});

describe.skipIf(!hasFixturePages)('the second witness: the platform’s own record kept beside the page', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;
  const work: string[] = [];
  let bundleFile = '';

  beforeAll(async () => {
    const granted = extensionWithScreenshotsGranted(buildExtensionOnce());
    work.push(join(granted, '..'));
    server = await startFixtureServer();
    browser = await launchWithExtension({ extensionDir: granted, port: server.port });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const path of work) rmSync(path, { recursive: true, force: true });
  });

  async function preserve(url: string, before?: (page: Page) => Promise<void>): Promise<CaptureRecord> {
    const page = await browser.context.newPage();
    try {
      await page.goto(url);
      await expect.poll(() => page.getByTestId('postproof-preserve').count()).toBeGreaterThan(0);
      await before?.(page);
      const first = page.getByTestId('postproof-preserve').first();
      await first.scrollIntoViewIfNeeded();
      // Enter on the focused control, as test/platforms.e2e.ts does: a reply image of a saved Bluesky page overlays it.
      await first.press('Enter');
      await expect.poll(() => first.getAttribute('data-state'), { timeout: 60_000 }).toBe('saved');
      return await recordFromStore(browser, (await first.getAttribute('data-capture-id'))!);
    } finally {
      await page.close();
    }
  }

  it('is turned on in the options, where the browser already allows the witness hosts', async () => {
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.getByTestId('witness-enabled').check();
    // <all_urls> is granted in this copy (screenshots), which covers the witness hosts.
    await expect.poll(() => options.getByTestId('witness-permission').getAttribute('data-state')).toBe('granted');
    await options.getByTestId('settings-save').click();
    await expect.poll(() => options.getByTestId('settings-status').textContent()).not.toBe('');
    await options.close();
  });

  for (const { adapter, fixture } of cases) {
    it(`${adapter.name}: the platform's record of ${fixture.file} agrees with the page`, async () => {
      server.resetRoutes();
      server.use(...(adapter.name === 'bluesky' ? await blueskyWitnessRoutes(fixture.expected!) : witnessRoutes(fixture)));
      const record = await preserve(fixture.url);
      if (adapter.name === 'facebook' || adapter.name === 'instagram') {
        expect(record.corroboration).toBeUndefined();
        expect(record.missing.find((m) => m.role === 'second-witness')?.reason).toMatch(/app token/);
        return;
      }
      const block = record.corroboration!;
      expect(block.fields.filter((f) => f.verdict === 'differs')).toEqual([]);
      expect(block.status).toBe('agrees');
      expect(block.fields.filter((f) => f.verdict === 'agrees').map((f) => f.field)).toContain('postId');
      const files = record.artifacts.filter((a) => a.role === 'second-witness');
      expect(files.map((f) => f.path)).toEqual(block.files);
      expect(files.every((f) => f.httpStatus === 200 && f.sourceUrl?.startsWith('https://'))).toBe(true);
    });
  }

  let agreeing: CaptureRecord;
  const redditCaptures: string[] = [];
  it('Bluesky: keeps the signed repository record and DID document, verifies the commit and agrees with the page', async () => {
    server.resetRoutes();
    server.use(...(await blueskyWitnessRoutes(expected)));
    agreeing = await preserve(bluesky.url);
    const block = agreeing.corroboration!;
    expect(block.source).toBe('bluesky-atproto');
    expect(block.status).toBe('agrees');
    expect(block.proof).toMatchObject({ kind: 'atproto-commit', verified: true, did: expected.author!.id });
    expect(block.fields.find((f) => f.field === 'text')).toMatchObject({ verdict: 'agrees' });
    // The handle holds both ways (the DID document claims it, and it resolves back to the DID).
    expect(block.fields.find((f) => f.field === 'authorHandle')).toMatchObject({ verdict: 'agrees', witness: expected.author!.handle });
    const files = agreeing.artifacts.filter((a) => a.role === 'second-witness');
    expect(files.map((f) => f.path)).toEqual(block.files);
    expect(files.find((f) => f.path.endsWith('.car'))).toMatchObject({ httpStatus: 200, mediaType: 'application/vnd.ipld.car' });
    // Asked without cookies, from the worker: no Cookie header reached the platform's hosts.
    expect(server.requests.some((r) => r.host === 'plc.directory')).toBe(true);
  });

  it('a post whose text a page script changed before the click is saved, with the text named as differing', async () => {
    const record = await preserve(bluesky.url, async (page) => {
      await page.evaluate(() => {
        const text = document.querySelector('[data-testid^="postThreadItem-by-"] [data-word-wrap="1"]');
        if (!text) throw new Error('no post text on the page');
        text.textContent = 'Owliver was never here.';
      });
    });
    expect(record.corroboration?.status).toBe('differs');
    expect(record.corroboration?.fields.find((f) => f.field === 'text')).toMatchObject({ verdict: 'differs', page: 'Owliver was never here.', witness: expected.text });
  });

  for (const status of [404, 410]) {
    it(`a Reddit post answering ${status} is "not served"`, async () => {
      const reddit = cases.find((c) => c.adapter.name === 'reddit')!.fixture;
      server.resetRoutes();
      server.use(...witnessRoutes(reddit, { status }));
      const record = await preserve(reddit.url);
      expect(record.corroboration).toMatchObject({ source: 'reddit-json', status: 'not-served' });
      expect(record.artifacts.find((a) => a.role === 'second-witness')?.httpStatus).toBe(status);
      redditCaptures.push(record.id);
    });
  }

  it('a record the author deleted is "not served", and the capture is still saved', async () => {
    server.resetRoutes();
    server.use(...(await blueskyWitnessRoutes(expected, { status: 404 })));
    const record = await preserve(bluesky.url);
    expect(record.corroboration?.status).toBe('not-served');
    expect(record.corroboration?.reason).toMatch(/no longer/i);
    expect(record.artifacts.some((a) => a.role === 'dom-snapshot')).toBe(true);
  });

  it('"Check again" after the platform’s record changed keeps a signed re-check naming the change', async () => {
    server.resetRoutes();
    server.use(...(await blueskyWitnessRoutes(expected, { text: 'Owliver flew away. (edited)' })));
    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    await dashboard.locator(`[data-testid="capture-row"][data-capture-id="${agreeing.id}"] [data-testid="open-detail"]`).click();
    await dashboard.getByTestId('witness-recheck').click();
    await expect.poll(() => dashboard.getByTestId('witness-recheck-status').textContent(), { timeout: 60_000 }).toMatch(/changed since the first capture: text/);
    const recheckRow = dashboard.locator('[data-testid="witness-rechecks"] li').first();
    await expect.poll(() => recheckRow.getAttribute('data-state')).toBe('changed');
    const recheckId = (await recheckRow.getAttribute('data-capture-id'))!;
    const recheck = await recordFromStore(browser, recheckId);
    expect(recheck.recheck).toMatchObject({ of: agreeing.id, outcome: 'changed', changed: ['text'] });
    expect(recheck.corroboration?.proof?.verified).toBe(true);
    // The filter finds the capture whose post changed.
    await dashboard.getByTestId('detail-close').click();
    await dashboard.getByTestId('filter-witness').selectOption('changed');
    await expect.poll(() => dashboard.locator(`[data-testid="capture-row"][data-capture-id="${agreeing.id}"]`).count()).toBe(1);
    await dashboard.close();
  });

  it('"Check selected again" re-checks a selection in turn and counts what it found', async () => {
    // The platform now serves the edited Bluesky record; Reddit answers 404 (no route for its listing).
    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    for (const id of [agreeing.id, redditCaptures[0]!]) await dashboard.locator(`[data-testid="capture-row"][data-capture-id="${id}"] [data-testid="capture-select"]`).check();
    await dashboard.getByTestId('witness-recheck-selected').click();
    await expect.poll(() => dashboard.getByTestId('witness-recheck-selected-status').textContent(), { timeout: 60_000 }).toBe('Checked 2 again: 0 unchanged, 1 changed, 1 no longer served, 0 failed.');
    await expect.poll(() => dashboard.locator(`[data-testid="capture-row"][data-capture-id="${redditCaptures[0]}"] [data-testid="witness-state"]`).getAttribute('data-state')).toBe('not-served');
    await dashboard.close();
  });

  it('exports all of it; the stock recipe and the CLI verify it, the CLI reading each witness again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'postproof-witness-'));
    work.push(dir);
    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    await dashboard.getByTestId('select-all').check();
    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId('export-selected').click()]);
    const file = join(dir, 'bundle.zip');
    await download.saveAs(file);
    await dashboard.close();
    const trusted = join(dir, 'trusted.txt');
    const manifest = JSON.parse(spawnSync('unzip', ['-p', file, 'manifest.json'], { encoding: 'utf8' }).stdout) as { signer: { keyId: string } };
    // The stock recipe first: witness files are ordinary signed artifacts to sha256sum and openssl.
    writeFileSync(trusted, `${manifest.signer.keyId}\n`);
    writeFileSync(join(dir, 'roots.pem'), '');
    const stock = spawnSync('bash', [join(repoRoot, 'test/support/stock-recipe.sh'), file, trusted, join(dir, 'roots.pem')], { encoding: 'utf8', timeout: 120_000 });
    expect(stock.stdout + stock.stderr).toContain('stock recipe: OK');
    const cli = cliVerify(file, true);
    const report = JSON.parse(cli.output) as { checks: { check: string; ok: boolean; message: string }[] };
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(cli.status).toBe(0);
    const witness = report.checks.filter((c) => c.check === 'witness');
    expect(witness.length).toBeGreaterThanOrEqual(4);
    expect(witness.every((c) => c.ok)).toBe(true);
    expect(witness.some((c) => /proof verifies/.test(c.message))).toBe(true);
    expect(report.checks.some((c) => c.check === 'witness-recheck' && c.ok && /changed since the first capture: text/.test(c.message))).toBe(true);
    bundleFile = file;
  });

  it('verify.html reads each witness again from the dropped bundle', async () => {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('verify.html'));
    await page.getByTestId('verify-input').setInputFiles(bundleFile);
    await expect.poll(() => page.getByTestId('verify-result').getAttribute('data-verdict', { timeout: 1_000 }).catch(() => null), { timeout: 60_000 }).toBe('valid');
    const witness = page.locator('[data-testid="verify-check"][data-check="witness"]');
    expect(await witness.count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('[data-testid="verify-check"][data-check="witness"][data-ok="false"]').count()).toBe(0);
    await page.close();
  });

  it('a WACZ of the same captures holds each witness as a response record and verifies in the CLI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'postproof-witness-wacz-'));
    work.push(dir);
    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    await dashboard.getByTestId('export-format').selectOption('wacz');
    await dashboard.getByTestId('select-all').check();
    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId('export-selected').click()]);
    const file = join(dir, 'export.wacz');
    await download.saveAs(file);
    await dashboard.close();
    const warc = spawnSync('unzip', ['-p', file, 'archive/data.warc'], { encoding: 'latin1', maxBuffer: 256 * 1024 * 1024 }).stdout;
    expect(warc).toMatch(/WARC-Type: response\r\nWARC-Record-ID: [^\r]+\r\nWARC-Date: [^\r]+\r\nWARC-Target-URI: https:\/\/plc\.directory\//);
    const cli = cliVerify(file, true);
    const report = JSON.parse(cli.output) as { checks: { check: string; ok: boolean }[] };
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.checks.filter((c) => c.check === 'witness').length).toBeGreaterThanOrEqual(4);
    expect(cli.status).toBe(0);
  });
});
