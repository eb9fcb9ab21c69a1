// verify.html end to end, in Debian's Chromium with the built extension: bundles written in Node by the real writer
// (keys of their own, tokens from a real local RFC 3161 authority) are chosen on the page as a person chooses them.
// Proves: a signer is NOT pinned until its key card is added as a trusted collector, then pinned with its name; a
// bundle from another key then fails its signer-pin check; a token whose chain ends in a root shipped in the bundle
// is "not anchored" and shows no trusted time until the authority's root is chosen on the page (a non-root is refused);
// a large file is read with progress and can be cancelled; a verification is logged in custody by size and the signed
// SHA256SUMS's hash; the key card from the popup and the options page carries the install's fingerprint, as openssl
// computes it from the card's key.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../utils/formats/bundle';
import { makeCaptures, makeTestKey, type TestKey } from './support/bundle-captures';
import type { BundleCaptureSource, BundleTsaChain } from '../utils/formats/bundle/types';
import { keyCardFileName, keyCardText } from '../utils/provenance/key-card';
import { pemCertificates } from '../utils/provenance/tsa-token';
import { StoredZipWriter } from '../utils/zip/stored-writer';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { seedStore } from './support/store-seeder';
import { createTestTsa, type TestTsa } from './support/tsa';

type Chrome = { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };

let browser: LaunchedBrowser;
let work: string;
let tsa: TestTsa;

async function bundle(name: string, key: TestKey, stamp = false): Promise<string> {
  const captures: BundleCaptureSource[] = await makeCaptures(key, [{ text: `first ${name}` }, { text: `second ${name}` }]);
  let tsaChains: Map<string, BundleTsaChain> | undefined;
  if (stamp) {
    for (const capture of captures) {
      const tsr = await tsa.reply(await tsa.query(capture.stored.recordSha256));
      capture.stamps = [{ tsaId: 'local-test', tsaName: 'PostProof Verify-Page TSA', tsr: new Uint8Array(tsr), genTime: new Date().toISOString() }];
    }
    // The authority's chain ships in the bundle (tsa/local-test.pem), root included: a convenience copy, never an anchor.
    tsaChains = new Map([['local-test', { name: 'PostProof Verify-Page TSA', url: 'http://127.0.0.1/tsa', certificates: pemCertificates(tsa.tsaCertPem + tsa.caPem) }]]);
  }
  const zip = await writeBundle({ captures, signer: key.signer, software: 'PostProof 0.1.0', ...(tsaChains ? { tsaChains } : {}) });
  const file = join(work, `${name}.zip`);
  writeFileSync(file, zip);
  return file;
}

function keyCardFile(key: TestKey, name: string): string {
  const file = join(work, keyCardFileName(key.signer.keyId));
  writeFileSync(file, keyCardText({ keyId: key.signer.keyId, spki: key.signer.publicKeySpki, name }));
  return file;
}

/** `openssl pkey -pubin -in CARD -outform DER | sha256sum`, as VERIFY.txt and the card itself say. */
function opensslFingerprint(card: string): string {
  const der = execFileSync('openssl', ['pkey', '-pubin', '-in', card, '-outform', 'DER']);
  return execFileSync('sha256sum', { input: der }).toString().split(' ')[0]!;
}

async function openVerify(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('verify.html'));
  await page.getByTestId('verify-input').waitFor();
  return page;
}

const verdict = (page: Page) => page.getByTestId('verify-result').getAttribute('data-verdict', { timeout: 1_000 }).catch(() => null);

async function choose(page: Page, file: string): Promise<void> {
  await page.getByTestId('verify-input').setInputFiles(file);
  await expect.poll(() => verdict(page), { timeout: 20_000 }).not.toBeNull();
}

async function verifyAgain(page: Page): Promise<void> {
  await page.getByTestId('verify-again').click();
  await expect.poll(() => verdict(page), { timeout: 20_000 }).not.toBeNull();
}

const signer = (page: Page, keyId: string) => page.locator(`[data-testid="verify-signer"][data-key-id="${keyId}"]`);

function stored(page: Page, key: string): Promise<unknown> {
  return page.evaluate(async (name) => (await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get(name))[name], key);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'postproof-verify-page-'));
  tsa = createTestTsa('PostProof Verify-Page TSA');
  // No page of the web is loaded here: the resolver's port is never used.
  browser = await launchWithExtension({ extensionDir: buildExtensionOnce(), port: 9 });
});

afterAll(async () => {
  await browser?.close();
  tsa?.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('verify.html: trusted collectors', () => {
  it('names an unpinned signer, pins it by its key card, and refuses another key once the list is used', async () => {
    const first = await makeTestKey();
    const second = await makeTestKey();
    const firstBundle = await bundle('first', first);
    const secondBundle = await bundle('second', second);
    const page = await openVerify();

    await choose(page, firstBundle);
    expect(await verdict(page)).toBe('valid');
    expect(await signer(page, first.signer.keyId).getAttribute('data-pinned')).toBe('false');
    expect(await signer(page, first.signer.keyId).textContent()).toContain('Not pinned');
    await expect.poll(() => page.getByTestId('verify-unpinned').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="verify-check"][data-check="signer-pin"]').getAttribute('data-ok')).toBe('true');
    // No collector is listed (this browser's own key, when made already, is, but is not stored).
    const rows = page.locator('[data-testid="trusted-collectors"] [data-testid="trusted-collector"]:not([data-own])');
    expect(await rows.count()).toBe(0);
    expect(await stored(page, 'trustedCollectors')).toBeUndefined();

    await page.getByTestId('trusted-collector-add-file').setInputFiles(keyCardFile(first, 'Field reporter A'));
    const firstRow = page.locator(`[data-testid="trusted-collector"][data-key-id="${first.signer.keyId}"]`);
    await expect.poll(() => firstRow.textContent()).toContain('Field reporter A');
    expect(await stored(page, 'trustedCollectors')).toEqual([{ keyId: first.signer.keyId, label: 'Field reporter A' }]);
    await expect.poll(() => page.getByTestId('verify-outdated').isVisible()).toBe(true);
    await verifyAgain(page);
    expect(await verdict(page)).toBe('valid');
    await expect.poll(() => signer(page, first.signer.keyId).getAttribute('data-pinned')).toBe('true');
    expect(await signer(page, first.signer.keyId).textContent()).toContain('Pinned: trusted as “Field reporter A”.');
    expect(await page.getByTestId('verify-unpinned').count()).toBe(0);

    await choose(page, secondBundle);
    expect(await verdict(page)).toBe('invalid');
    expect(await signer(page, second.signer.keyId).getAttribute('data-pinned')).toBe('false');
    const pin = page.locator('[data-testid="verify-check"][data-check="signer-pin"]');
    expect(await pin.getAttribute('data-ok')).toBe('false');
    expect(await pin.textContent()).toContain('not among the keys you trust');

    // The second key by its pasted fingerprint, from the keyboard (Enter submits).
    await page.getByTestId('trusted-collector-fingerprint').fill(second.signer.keyId.toUpperCase().match(/../g)!.join(':'));
    await page.getByTestId('trusted-collector-label').fill('مكتب التحقق');
    await page.getByTestId('trusted-collector-label').press('Enter');
    await expect.poll(() => rows.count()).toBe(2);
    await verifyAgain(page);
    expect(await verdict(page)).toBe('valid');
    expect(await signer(page, second.signer.keyId).textContent()).toContain('مكتب التحقق');

    // A mistyped fingerprint is refused with a message, and nothing is stored.
    await page.getByTestId('trusted-collector-fingerprint').fill('1234');
    await page.getByTestId('trusted-collector-label').fill('Nobody');
    await page.getByTestId('trusted-collector-add').click();
    await expect.poll(() => page.getByTestId('trusted-collector-error').textContent()).toContain('That is not a fingerprint');

    // The list outlives the page; a key is removed from the keyboard.
    await page.reload();
    await expect.poll(() => rows.count()).toBe(2);
    await page.locator(`[data-testid="trusted-collector"][data-key-id="${second.signer.keyId}"] [data-testid="trusted-collector-remove"]`).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await stored(page, 'trustedCollectors')).toEqual([{ keyId: first.signer.keyId, label: 'Field reporter A' }]);
    await choose(page, secondBundle);
    expect(await verdict(page)).toBe('invalid');

    // Empty again: nothing is pinned, and a bundle from anyone verifies with its signer named as unpinned.
    await page.locator(`[data-testid="trusted-collector"][data-key-id="${first.signer.keyId}"] [data-testid="trusted-collector-remove"]`).click();
    await expect.poll(() => rows.count()).toBe(0);
    await verifyAgain(page);
    expect(await verdict(page)).toBe('valid');
    expect(await signer(page, second.signer.keyId).getAttribute('data-pinned')).toBe('false');
    await page.close();
  });
});

describe('verify.html: timestamp roots', () => {
  it('shows no trusted time for a token anchored in a shipped root, refuses a non-root, and anchors in the root chosen', async () => {
    const key = await makeTestKey();
    const stamped = await bundle('stamped', key, true);
    const page = await openVerify();
    await choose(page, stamped);
    expect(await verdict(page)).toBe('valid');
    await expect.poll(() => page.getByTestId('verify-time-unanchored').textContent()).toContain('2 timestamps in this file are not anchored: their times are not trusted.');
    expect(await page.getByTestId('verify-timestamp').count()).toBe(0);
    expect(await page.getByTestId('verify-timestamp-unanchored').count()).toBe(2);
    // The clocks of each capture give no authority's time: only the collector's and the server's.
    for (const clocks of await page.getByTestId('verify-clocks').all()) expect(await clocks.textContent()).toContain('No trusted timestamp');

    const rootInput = page.getByTestId('tsa-root-add');
    await rootInput.setInputFiles(join(tsa.dir, 'tsa.crt'));
    await expect.poll(() => page.getByTestId('tsa-root-error').textContent()).toContain('CN=PostProof Verify-Page TSA is not a root');
    expect(await page.getByTestId('tsa-root').count()).toBe(0);
    expect(await stored(page, 'trustedTsaRoots')).toBeUndefined();

    await rootInput.setInputFiles(tsa.caFile);
    const rootSha256 = createHash('sha256').update(pemCertificates(tsa.caPem)[0]!).digest('hex');
    const row = page.locator(`[data-testid="tsa-root"][data-sha256="${rootSha256}"]`);
    await expect.poll(() => row.textContent()).toContain('CN=PostProof Test TSA Root');
    expect(await row.textContent()).toContain(rootSha256);
    expect(await page.getByTestId('tsa-root-error').textContent()).toBe('');

    await verifyAgain(page);
    expect(await verdict(page)).toBe('valid');
    const anchored = page.locator('[data-testid="verify-timestamp"][data-anchor="user"]');
    await expect.poll(() => anchored.count()).toBe(2);
    expect(await anchored.first().textContent()).toContain('anchored in the root you chose');
    expect(await anchored.first().textContent()).toContain(rootSha256);
    expect(await page.getByTestId('verify-time-unanchored').count()).toBe(0);

    // Kept for the next visit; removed, the time is not anchored again.
    await page.reload();
    await row.getByTestId('tsa-root-remove').click();
    await expect.poll(() => page.getByTestId('tsa-root').count()).toBe(0);
    expect(await stored(page, 'trustedTsaRoots')).toEqual([]);
    await choose(page, stamped);
    expect(await page.getByTestId('verify-timestamp').count()).toBe(0);
    expect(await page.getByTestId('verify-time-unanchored').count()).toBe(1);
    await page.close();
  });
});

/** A plain STORED ZIP of `count` entries of 8 MiB each (not a bundle: it is only read, then cancelled). */
async function largeZip(file: string, count: number): Promise<void> {
  const chunk = new Uint8Array(8 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
  const crc = crc32(chunk);
  const fd = openSync(file, 'w');
  try {
    const writer = new StoredZipWriter({ write: async (part) => void writeSync(fd, part as Uint8Array) }, new Date('2026-01-01T00:00:00Z'));
    for (let i = 0; i < count; i++) await writer.addStored(`media/${i}.bin`, chunk, crc);
    await writer.finish();
  } finally {
    closeSync(fd);
  }
}

describe('verify.html: reading by ranges', () => {
  it('shows progress while a large file is read, and cancels it', async () => {
    const file = join(work, 'large.zip');
    // About 10 s to read whole in Chromium here (some 40 MB/s): time enough to see progress and cancel.
    await largeZip(file, 48);
    const page = await openVerify();
    await page.getByTestId('verify-input').setInputFiles(file);
    const progress = page.getByTestId('verify-progress');
    await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow', { timeout: 1_000 }).catch(() => '0')), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    expect(await progress.getAttribute('role')).toBe('progressbar');
    const seen = Number(await progress.getAttribute('aria-valuenow'));
    expect(seen).toBeLessThan(100);
    await page.getByTestId('verify-cancel').click();
    await expect.poll(() => page.getByTestId('verify-cancelled').textContent()).toContain('was cancelled');
    expect(await page.getByTestId('verify-result').count()).toBe(0);
    // And it stays cancelled: the verifier stopped, no late verdict replaces the message.
    await page.waitForTimeout(1_500);
    expect(await page.getByTestId('verify-result').count()).toBe(0);
    rmSync(file, { force: true });
    await page.close();
  });

  it('logs a verification of this browser’s own export in custody by size and the signed SHA256SUMS’s hash', async () => {
    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    const [id] = (await seedStore(dashboard, { count: 1 })).ids;
    await dashboard.reload();
    await dashboard.getByTestId('select-all').check();
    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId('export-selected').click()]);
    const zip = join(work, 'own.zip');
    await download.saveAs(zip);

    const page = await openVerify();
    await choose(page, zip);
    expect(await verdict(page)).toBe('valid');
    const ownKeyId = await page.locator('[data-testid="trusted-collector"][data-own="true"]').getAttribute('data-key-id');
    expect(await signer(page, ownKeyId!).textContent()).toContain("this browser's own key");
    const unzipped = mkdtempSync(join(work, 'own-'));
    execFileSync('unzip', ['-q', zip, '-d', unzipped]);
    const checksumsSha256 = createHash('sha256').update(readFileSync(join(unzipped, 'SHA256SUMS'))).digest('hex');
    const lines = async () =>
      page.evaluate(async (captureId) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('postproof');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const rows = await new Promise<{ line: string }[]>((resolve, reject) => {
          const request = db.transaction('custody').objectStore('custody').getAll(IDBKeyRange.bound([captureId, 0], [captureId, Number.MAX_SAFE_INTEGER]));
          request.onsuccess = () => resolve(request.result as { line: string }[]);
          request.onerror = () => reject(request.error);
        });
        db.close();
        return rows.map((row) => JSON.parse(row.line) as Record<string, unknown>);
      }, id!);
    await expect.poll(async () => (await lines()).filter((line) => line.event === 'verified').length).toBe(1);
    const verified = (await lines()).find((line) => line.event === 'verified')!;
    expect(verified).toMatchObject({ verdict: 'valid', bundleFile: 'own.zip', bundleBytes: readFileSync(zip).length, checksumsSha256 });
    expect(verified).not.toHaveProperty('bundleSha256');
    await page.close();
    await dashboard.close();
  });
});

describe('key card', () => {
  it('downloads from the popup and the options page with the install’s fingerprint, which openssl computes from the card', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl('popup.html'));
    const fingerprint = popup.getByTestId('key-fingerprint');
    await expect.poll(() => fingerprint.getAttribute('data-key-id')).toMatch(/^[0-9a-f]{64}$/);
    const keyId = (await fingerprint.getAttribute('data-key-id'))!;
    const [fromPopup] = await Promise.all([popup.waitForEvent('download'), popup.getByTestId('key-card-download').click()]);
    expect(fromPopup.suggestedFilename()).toBe(`postproof-key-${keyId.slice(0, 16)}.txt`);
    const popupCard = join(work, `popup-${fromPopup.suggestedFilename()}`);
    await fromPopup.saveAs(popupCard);
    const popupText = readFileSync(popupCard, 'utf8');
    expect(popupText).toContain(`Fingerprint (SHA-256 of the public key): ${keyId}`);
    expect(popupText).not.toContain('Name:');
    expect(opensslFingerprint(popupCard)).toBe(keyId);

    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.getByTestId('collector-name').fill('Lina Haddad');
    await options.getByTestId('settings-save').click();
    await expect.poll(() => options.getByTestId('key-fingerprint').getAttribute('data-key-id')).toBe(keyId);
    await expect.poll(() => options.locator('text=Saved.').count()).toBeGreaterThan(0);
    const [fromOptions] = await Promise.all([options.waitForEvent('download'), options.getByTestId('key-card-download').click()]);
    const optionsCard = join(work, `options-${fromOptions.suggestedFilename()}`);
    await fromOptions.saveAs(optionsCard);
    const optionsText = readFileSync(optionsCard, 'utf8');
    expect(optionsText).toContain(`Fingerprint (SHA-256 of the public key): ${keyId}`);
    expect(optionsText).toContain('Name: Lina Haddad');
    expect(opensslFingerprint(optionsCard)).toBe(keyId);

    // On verify.html this card is this browser's own key: listed already, not added twice.
    const page = await openVerify();
    expect(await page.locator('[data-testid="trusted-collector"][data-own="true"]').getAttribute('data-key-id')).toBe(keyId);
    await page.getByTestId('trusted-collector-add-file').setInputFiles(optionsCard);
    await expect.poll(() => page.getByTestId('trusted-collector-error').textContent()).toContain("this browser's own key");
    await Promise.all([popup.close(), options.close(), page.close()]);
  });
});

describe('verify.html in Arabic', () => {
  it('lays the verdict out right to left, with fingerprints, file names and URLs kept left to right', async () => {
    const arabic = await launchWithExtension({ extensionDir: buildExtensionOnce(), port: 9, args: ['--lang=ar'], env: { LANGUAGE: 'ar' } });
    try {
      const key = await makeTestKey();
      const file = await bundle('arabic', key);
      const page = await arabic.context.newPage();
      await page.goto(arabic.extensionUrl('verify.html'));
      await page.getByTestId('verify-input').setInputFiles(file);
      await expect.poll(() => page.getByTestId('verify-result').getAttribute('data-verdict', { timeout: 1_000 }).catch(() => null), { timeout: 20_000 }).toBe('valid');
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect(await page.locator('.verdict-headline').textContent()).toBe('صالحة');
      const row = page.locator(`[data-testid="verify-signer"][data-key-id="${key.signer.keyId}"]`);
      expect(await row.textContent()).toContain('غير مثبَّت');
      const direction = (selector: string) =>
        page.locator(selector).first().evaluate((element) => {
          const style = getComputedStyle(element);
          return `${style.direction} ${style.unicodeBidi}`;
        });
      expect(await direction(`[data-testid="verify-signer"] [data-testid="key-fingerprint"] code`)).toBe('ltr isolate');
      expect(await direction('.verify-result bdi[dir="ltr"]')).toBe('ltr isolate');
      expect(await page.locator('.verify-captures bdi[dir="ltr"] code').first().textContent()).toBe('https://x.com/someone/status/0');
    } finally {
      await arabic.close();
    }
  });
});
