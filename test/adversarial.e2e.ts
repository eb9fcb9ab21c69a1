// Issue 13's adversarial suite, end to end: real posts are preserved and stamped in Chromium (the local openssl
// authority behind the fixture server), a bundle and a WACZ are exported from the dashboard, every attack is built
// from them byte by byte (test/support/attacks.ts), and each must be refused by all three verifiers a person has:
// the CLI, verify.html in Chromium, and the stock recipe run as a real shell script. The untouched files must be
// accepted by all three. The person holds, from outside the files, the collector's published fingerprint and the
// authority's real root. A key-held attack (signed again by the attacker's own key) is refused through that pin.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestKey } from './support/bundle-captures';
import { keyIdFromSpki, pemToSpki } from '../utils/provenance/ecdsa';
import { sha256Hex } from '../utils/provenance/hash';
import { pemCertificates } from '../utils/provenance/tsa-token';
import { GUIDE_ARCHIVE_NAME } from '../utils/formats/wacz/verify-guide';
import { hasFixturePages, repoRoot } from './fixtures';
import { bundleAttacks, waczAttacks, type Attack } from './support/attacks';
import type { LaunchedBrowser } from './support/browser';
import { launchWithScreenshotsGranted } from './support/extension-variants';
import { readRawEntries } from './support/raw-zip';
import { startFixtureServer, xFixtures, type FixtureServer } from './support/fixture-server';
import { createTestTsa, E2E_TSA_URL, tsaRoute, type TestTsa } from './support/tsa';
import { runVerifyGuide } from './support/verify-guide-runner';

type Format = 'zip' | 'wacz';

/** Polls `read` until `done` says yes (expect.poll cannot run in beforeAll). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (last: ${String(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
interface Outcome {
  cli: number | null;
  page: string | null;
  stock: boolean;
}

describe.skipIf(!hasFixturePages)('adversarial: every attack is refused by the CLI, verify.html and the stock recipe', () => {
  let tsa: TestTsa;
  let fake: TestTsa;
  let server: FixtureServer;
  let browser: LaunchedBrowser;
  let verifyPage: Page;
  let work: string;
  const genuine: Record<Format, { file: string; bytes: Uint8Array; guide: string }> = {} as never;
  let fingerprint = '';
  const attacks: { format: Format; attack: Attack; file: string }[] = [];
  const matrix: Record<string, Outcome & { name: string; keyHeld: boolean }> = {};

  function cli(file: string): number | null {
    return spawnSync(process.execPath, [join(repoRoot, 'bin', 'postproof.mjs'), 'verify', file, '--expect-key', fingerprint, '--tsa-ca', tsa.caFile], { encoding: 'utf8', timeout: 120_000 }).status;
  }

  async function onPage(file: string): Promise<string | null> {
    await verifyPage.reload();
    await verifyPage.getByTestId('verify-input').setInputFiles(file);
    const result = verifyPage.getByTestId('verify-result');
    await result.waitFor({ timeout: 60_000 });
    return result.getAttribute('data-verdict');
  }

  function stock(format: Format, file: string): boolean {
    if (format === 'zip') {
      return spawnSync('bash', [join(repoRoot, 'test/support/stock-recipe.sh'), file, join(work, 'trusted.txt'), tsa.caFile], { encoding: 'utf8', timeout: 120_000 }).status === 0;
    }
    // A WACZ's recipe, as its genuine VERIFY.txt and docs/wacz.md give it (the copy inside a forged file may lie).
    return runVerifyGuide(file, genuine.wacz.guide, { 'tsa-root.pem': tsa.caPem }, GUIDE_ARCHIVE_NAME).ok;
  }

  async function exportAs(format: Format): Promise<string> {
    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    await dashboard.getByTestId('select-all').check();
    await dashboard.getByTestId('export-format').selectOption(format);
    const [download] = await Promise.all([dashboard.waitForEvent('download', { timeout: 60_000 }), dashboard.getByTestId('export-selected').click()]);
    const file = join(work, `genuine.${format}`);
    await download.saveAs(file);
    await dashboard.close();
    return file;
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'postproof-adversarial-'));
    tsa = createTestTsa('PostProof Adversarial TSA');
    fake = createTestTsa('DigiCert Timestamp 2023', { rootSubject: '/C=US/O=DigiCert Inc/OU=www.digicert.com/CN=DigiCert Trusted Root G4' });
    server = await startFixtureServer([tsaRoute(tsa)]);
    browser = await launchWithScreenshotsGranted(server.port);

    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.getByTestId('tsa-enabled').check();
    await options.getByTestId('tsa-custom-url').fill(E2E_TSA_URL);
    await options.getByTestId('settings-save').click();
    await until(() => options.getByTestId('settings-status').innerText(), (text) => /Saved/.test(text), 'the settings to be saved');
    await options.close();

    // Two real posts, each preserved and stamped.
    const ids: string[] = [];
    for (const fixture of [xFixtures.image, xFixtures.text]) {
      const page = await browser.context.newPage();
      await page.goto(fixture.url);
      const button = page.getByTestId('postproof-preserve').first();
      await until(() => button.getAttribute('data-state'), (state) => state === 'idle', 'the Preserve control');
      await button.click();
      await until(() => button.getAttribute('data-state'), (state) => state === 'saved', 'the capture to be saved');
      ids.push((await button.getAttribute('data-capture-id'))!);
      await page.close();
    }
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl('popup.html'));
    for (const id of ids) {
      const state = popup.locator(`[data-testid="capture-row"][data-capture-id="${id}"] [data-testid="stamp-state"]`);
      await until(() => state.getAttribute('data-state'), (value) => value === 'stamped', `capture ${id} to be stamped`);
    }
    await popup.close();

    for (const format of ['zip', 'wacz'] as const) {
      const file = await exportAs(format);
      const bytes = new Uint8Array(readFileSync(file));
      const guide = new TextDecoder().decode(readRawEntries(bytes).find((e) => e.name === 'VERIFY.txt')!.data);
      genuine[format] = { file, bytes, guide };
    }
    fingerprint = await keyIdFromSpki(pemToSpki(new TextDecoder().decode(readRawEntries(genuine.zip.bytes).find((e) => e.name === 'signer.pem')!.data)));
    writeFileSync(join(work, 'trusted.txt'), `${fingerprint}\n`);

    // The person's verify.html trusts the collector's published key and the authority's real root.
    verifyPage = await browser.context.newPage();
    await verifyPage.goto(browser.extensionUrl('verify.html'));
    await verifyPage.evaluate(
      async ({ keyId, pem, sha256 }) => {
        const storage = (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local;
        await storage.set({ trustedCollectors: [{ keyId, label: 'The collector' }], trustedTsaRoots: [{ pem, subject: 'CN=PostProof Test TSA Root', sha256 }] });
      },
      { keyId: fingerprint, pem: tsa.caPem, sha256: await sha256Hex(pemCertificates(tsa.caPem)[0]!) },
    );

    const context = { attacker: await makeTestKey(), fakeDigiCert: fake };
    for (const [format, made] of [['zip', await bundleAttacks(genuine.zip.bytes, context)], ['wacz', await waczAttacks(genuine.wacz.bytes, context)]] as const) {
      for (const attack of made) {
        const file = join(work, `${attack.id}.${format}`);
        writeFileSync(file, attack.bytes);
        attacks.push({ format, attack, file });
      }
    }
  }, 300_000);

  afterAll(async () => {
    console.log(`[adversarial] attack | CLI exit | verify.html | stock recipe\n${Object.entries(matrix).map(([id, m]) => `  ${id}${m.keyHeld ? ' (key held)' : ''} | ${m.cli} | ${m.page} | ${m.stock ? 'passed' : 'refused'} | ${m.name}`).join('\n')}`);
    writeFileSync(join(repoRoot, 'test', '.adversarial-matrix.json'), `${JSON.stringify(matrix, null, 2)}\n`);
    await browser?.close();
    await server?.close();
    tsa?.remove();
    fake?.remove();
    rmSync(work, { recursive: true, force: true });
  });

  it('accepts the untouched bundle and WACZ, pinned, with anchored time, in all three', async () => {
    for (const format of ['zip', 'wacz'] as const) {
      const outcome = { cli: cli(genuine[format].file), page: await onPage(genuine[format].file), stock: stock(format, genuine[format].file) };
      matrix[`genuine-${format}`] = { ...outcome, name: `the untouched ${format === 'zip' ? 'bundle' : 'WACZ'}`, keyHeld: false };
      expect(outcome, format).toEqual({ cli: 0, page: 'valid', stock: true });
    }
    // The page names the collector as pinned.
    await expect.poll(() => verifyPage.locator('[data-testid="verify-signer"]').first().getAttribute('data-pinned')).toBe('true');
  });

  it('has every attack class of the issue to try', () => {
    expect(attacks.map((a) => a.attack.id)).toEqual(
      expect.arrayContaining(['local-name', 'local-name-after', 'local-name-both', 'media-sums', 'report-sums', 'drop-capture', 'extra-file', 'nested-sums', 'html-prefix', 'trailing', 'comment', 'bad-crc', 'forged-token', 'strip-token', 'resigned', 'resigned-extra', 'wacz-forged-token', 'wacz-strip-token', 'wacz-nested-sums', 'wacz-signer-swap', 'wacz-response']),
    );
  });

  it('refuses every attack in the CLI, on verify.html and in the stock recipe', async () => {
    const accepted: string[] = [];
    for (const { format, attack, file } of attacks) {
      const outcome = { cli: cli(file), page: await onPage(file), stock: stock(format, file) };
      matrix[attack.id] = { ...outcome, name: attack.name, keyHeld: attack.keyHeld };
      if (outcome.cli !== 1) accepted.push(`${attack.id}: CLI exit ${outcome.cli}`);
      if (outcome.page !== 'invalid') accepted.push(`${attack.id}: verify.html ${outcome.page}`);
      if (outcome.stock) accepted.push(`${attack.id}: the stock recipe passed`);
    }
    expect(accepted).toEqual([]);
  }, 600_000);
});
