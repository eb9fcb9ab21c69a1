// verify.html for people, end to end in Debian's Chromium with the built extension. Two real bundles are dropped on
// the page at once, as a person drags them from the desktop (a drop event whose DataTransfer carries File objects made
// from the bundles' bytes): one exported by this browser from the dashboard, and a copy of it with one letter of a
// post changed. Proves: the page shows where a drop goes while files are dragged; each bundle gets its own verdict;
// the headline says in plain words how many captures, which key (this browser's own, not "not pinned"), and for the
// tampered one which file changed; failed checks are open, passed ones folded; the printed page is a one-page summary
// holding the file's SHA-256 as Node computes it; the signer-pin check is in Arabic in the Arabic interface; axe-core
// reports no violation in English or Arabic, before and after a verdict.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../utils/formats/bundle';
import { axeViolations, describeViolations } from './support/axe';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { makeCaptures, makeTestKey } from './support/bundle-captures';
import { changeOneTextLetter, rezipWith, unzipBundle } from './support/bundle-tools';
import { seedStore } from './support/store-seeder';
import { createTestTsa } from './support/tsa';
import type { BundleTsaChain } from '../utils/formats/bundle/types';
import { keyCardFileName, keyCardText } from '../utils/provenance/key-card';
import { pemCertificates } from '../utils/provenance/tsa-token';

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'postproof-verify-people-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Drags `files` over the page (the drop target shows), then drops them on the page's heading, as a person would. */
async function dropFiles(page: Page, files: string[]): Promise<void> {
  const payload = files.map((file) => ({ name: basename(file), base64: readFileSync(file).toString('base64') }));
  const transfer = await page.evaluateHandle((items) => {
    const data = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      data.items.add(new File([bytes], item.name, { type: 'application/zip' }));
    }
    return data;
  }, payload);
  const target = page.locator('h1');
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await expect.poll(() => page.getByTestId('verify-drop').getAttribute('data-active')).toBe('true');
  expect(await page.getByTestId('verify-drop').isVisible()).toBe(true);
  await target.dispatchEvent('drop', { dataTransfer: transfer });
  await expect.poll(() => page.getByTestId('verify-drop').isVisible()).toBe(false);
  await transfer.dispose();
}

const entry = (page: Page, name: string) => page.locator(`[data-testid="verify-entry"][data-file-name="${name}"]`);
const verdictOf = (page: Page, name: string) =>
  entry(page, name).getByTestId('verify-result').getAttribute('data-verdict', { timeout: 1_000 }).catch(() => null);

async function expectNoViolations(page: Page, when: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${when}:\n${describeViolations(violations)}`).toEqual([]);
}

describe('verify.html: two bundles dropped at once (English)', () => {
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    browser = await launchWithExtension({ extensionDir: buildExtensionOnce(), port: 9 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('gives each its own verdict in plain words, folds passed checks, and prints a one-page summary with the SHA-256', async () => {
    // A real export from this browser's dashboard, and a copy with one letter of a post changed.
    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    const { ids } = await seedStore(dashboard, { count: 2 });
    await dashboard.reload();
    await dashboard.getByTestId('select-all').check();
    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId('export-selected').click()]);
    const intact = join(work, 'newsroom-export.zip');
    await download.saveAs(intact);
    await dashboard.close();
    const unzipped = unzipBundle(intact);
    const changedCapture = ids.find((id) => readFileSync(join(unzipped, 'captures', id, 'capture.json'), 'utf8').includes('"text": "'))!;
    const changedFile = `captures/${changedCapture}/capture.json`;
    const tamperedTemp = rezipWith(unzipped, (copy) => changeOneTextLetter(join(copy, changedFile)));
    const tampered = join(work, 'changed-copy.zip');
    writeFileSync(tampered, readFileSync(tamperedTemp));
    rmSync(unzipped, { recursive: true, force: true });
    rmSync(tamperedTemp, { force: true });
    rmSync(tamperedTemp.replace(/\.zip$/, ''), { recursive: true, force: true });

    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('verify.html'));
    await page.getByTestId('verify-input').waitFor();
    expect(await page.getByTestId('verify-input').getAttribute('multiple')).not.toBeNull();
    await expectNoViolations(page, 'before a verdict');

    await dropFiles(page, [intact, tampered]);
    await expect.poll(() => verdictOf(page, 'newsroom-export.zip'), { timeout: 30_000 }).toBe('valid');
    await expect.poll(() => verdictOf(page, 'changed-copy.zip'), { timeout: 30_000 }).toBe('invalid');
    expect(await page.getByTestId('verify-result').count()).toBe(2);

    const ownKeyId = (await page.locator('[data-testid="trusted-collector"][data-own="true"]').getAttribute('data-key-id'))!;
    expect(ownKeyId).toMatch(/^[0-9a-f]{64}$/);
    const good = entry(page, 'newsroom-export.zip');
    const bad = entry(page, 'changed-copy.zip');
    const goodHeadline = (await good.getByTestId('verify-headline').textContent())!;
    expect(goodHeadline).toBe(`Intact: ${ids.length} captures, signed by key ${ownKeyId.slice(0, 8)}…, this browser's own key; no trusted timestamp.`);
    expect(await bad.getByTestId('verify-headline').textContent()).toMatch(new RegExp(`^Not intact: one file changed \\(${changedFile}\\); \\d+ other checks failed\\.$`));
    // The headline comes first; this browser's own key is no warning.
    const firstText = await good.getByTestId('verify-result').evaluate((section) => section.querySelector('p, h2, h3, ul, ol, details')?.textContent);
    expect(firstText).toBe('Valid');
    expect(await good.locator(`[data-testid="verify-signer"][data-key-id="${ownKeyId}"]`).textContent()).not.toContain('Not pinned');
    expect(await good.getByTestId('verify-unpinned').count()).toBe(0);
    expect(await good.getByTestId('verify-proves').textContent()).toContain('What it does not prove');
    // Every check: failed ones open (and first), the rest folded.
    expect(await bad.getByTestId('verify-checks-failed').getAttribute('open')).not.toBeNull();
    expect(await bad.locator('[data-testid="verify-checks-failed"] [data-testid="verify-check"][data-ok="false"]').first().isVisible()).toBe(true);
    expect(await good.getByTestId('verify-checks-failed').count()).toBe(0);
    expect(await good.getByTestId('verify-checks-passed').getAttribute('open')).toBeNull();
    expect(await good.locator('[data-testid="verify-check"]').first().isVisible()).toBe(false);
    await good.locator('[data-testid="verify-checks-passed"] > summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => good.locator('[data-testid="verify-check"]').first().isVisible()).toBe(true);
    await expectNoViolations(page, 'after two verdicts');
    if (process.env.VERIFY_PEOPLE_SHOTS) await page.screenshot({ path: join(process.env.VERIFY_PEOPLE_SHOTS, 'verify-en.png'), fullPage: true });

    // The printed summary: the file's SHA-256 as Node computes it, the keys, the captures, the commands.
    const sha256 = createHash('sha256').update(readFileSync(intact)).digest('hex');
    await expect.poll(() => good.getByTestId('verify-bundle-sha256').getAttribute('data-sha256'), { timeout: 20_000 }).toBe(sha256);
    expect(await good.getByTestId('verify-print-summary').isVisible()).toBe(false);
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      // The print dialog is the browser's; the test only counts that the page asked for it.
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await good.getByTestId('verify-print').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    const summary = good.getByTestId('verify-print-summary');
    if (process.env.VERIFY_PEOPLE_SHOTS) await page.screenshot({ path: join(process.env.VERIFY_PEOPLE_SHOTS, 'verify-print-en.png'), fullPage: true });
    expect(await summary.isVisible()).toBe(true);
    // Only the chosen verdict's summary is printed: not the other file, not the page around it.
    expect(await bad.isVisible()).toBe(false);
    expect(await page.locator('h1').isVisible()).toBe(false);
    expect(await good.getByTestId('verify-headline').isVisible()).toBe(false);
    const printed = (await summary.innerText()).replace(/\s+/g, ' ');
    for (const expected of [
      'PostProof verification summary',
      'newsroom-export.zip',
      sha256,
      `${readFileSync(intact).length.toLocaleString('en')} bytes`,
      goodHeadline,
      ownKeyId,
      "This browser's key",
      `${ids.length} captures`,
      'sha256sum --strict -c SHA256SUMS',
      `head -c 4 newsroom-export.zip`,
    ]) {
      expect(printed).toContain(expected);
    }
    expect(printed).toMatch(/Checked with PostProof \d+\.\d+\.\d+/);
    for (const id of ids) expect(printed).toContain(id);
    // One page of A4.
    const pdf = await page.pdf({ format: 'A4' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
    expect(pages.length).toBe(1);
    writeFileSync(join(work, 'summary.pdf'), pdf);
    if (process.env.VERIFY_PEOPLE_SHOTS) writeFileSync(join(process.env.VERIFY_PEOPLE_SHOTS, 'verify-summary-en.pdf'), pdf);
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  });
});

describe('verify.html: a pinned collector and trusted time, in the headline', () => {
  it('names the collector the key is pinned as and the authority of the time, once both are trusted here', async () => {
    const browser = await launchWithExtension({ extensionDir: buildExtensionOnce(), port: 9 });
    const tsa = createTestTsa('PostProof People TSA');
    try {
      const key = await makeTestKey();
      const captures = await makeCaptures(key, [{ text: 'first' }, { text: 'second' }, { text: 'third' }]);
      for (const capture of captures) {
        const tsr = await tsa.reply(await tsa.query(capture.stored.recordSha256));
        capture.stamps = [{ tsaId: 'local-test', tsaName: 'PostProof People TSA', tsr: new Uint8Array(tsr), genTime: new Date().toISOString() }];
      }
      const tsaChains = new Map<string, BundleTsaChain>([['local-test', { name: 'PostProof People TSA', url: 'http://127.0.0.1/tsa', certificates: pemCertificates(tsa.tsaCertPem + tsa.caPem) }]]);
      const file = join(work, 'stamped.zip');
      writeFileSync(file, await writeBundle({ captures, signer: key.signer, software: 'PostProof 0.1.0', tsaChains }));
      const card = join(work, keyCardFileName(key.signer.keyId));
      writeFileSync(card, keyCardText({ keyId: key.signer.keyId, spki: key.signer.publicKeySpki, name: 'Newsroom laptop' }));

      const page = await browser.context.newPage();
      await page.goto(browser.extensionUrl('verify.html'));
      await page.getByTestId('verify-input').setInputFiles(file);
      await expect.poll(() => verdictOf(page, 'stamped.zip'), { timeout: 30_000 }).toBe('valid');
      const short = `${key.signer.keyId.slice(0, 8)}…`;
      expect(await page.getByTestId('verify-headline').textContent()).toBe(
        `Intact: 3 captures, signed by key ${short}, not pinned: compare the fingerprint with the one the collector published; time not anchored: 3 timestamps reach no trusted root.`,
      );

      await page.getByTestId('trusted-collector-add-file').setInputFiles(card);
      await page.getByTestId('tsa-root-add').setInputFiles(tsa.caFile);
      await expect.poll(() => page.getByTestId('tsa-root').count()).toBe(1);
      await expect.poll(() => page.getByTestId('verify-outdated').isVisible()).toBe(true);
      await page.getByTestId('verify-again').click();
      await expect.poll(() => page.getByTestId('verify-headline').textContent(), { timeout: 30_000 }).toBe(
        `Intact: 3 captures, signed by key ${short}, pinned as “Newsroom laptop”; trusted time from CN=PostProof People TSA.`,
      );
      const printed = (await page.getByTestId('verify-print-summary').textContent())!;
      expect(printed).toContain('Pinned: trusted as “Newsroom laptop”.');
      expect(printed).toContain('(UTC) from CN=PostProof People TSA');
      expect(printed).toContain('openssl ts -verify -data captures/');
      await expectNoViolations(page, 'a pinned, stamped verdict');
      await page.close();
    } finally {
      await browser.close();
      tsa.remove();
    }
  });
});

describe('verify.html in Arabic', () => {
  it('gives the verdict and the signer-pin check in Arabic, and axe finds nothing before and after', async () => {
    const arabic = await launchWithExtension({ extensionDir: buildExtensionOnce(), port: 9, args: ['--lang=ar'], env: { LANGUAGE: 'ar' } });
    try {
      const key = await makeTestKey();
      const captures = await makeCaptures(key, [{ text: 'أول منشور' }, { text: 'second post' }]);
      const file = join(work, 'arabic.zip');
      writeFileSync(file, await writeBundle({ captures, signer: key.signer, software: 'PostProof 0.1.0' }));
      const page = await arabic.context.newPage();
      await page.goto(arabic.extensionUrl('verify.html'));
      await page.getByTestId('verify-input').waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await expectNoViolations(page, 'Arabic, before a verdict');
      await dropFiles(page, [file]);
      await expect.poll(() => verdictOf(page, 'arabic.zip'), { timeout: 30_000 }).toBe('valid');
      const headline = (await page.getByTestId('verify-headline').textContent())!;
      expect(headline).toContain('سليمة:');
      // The short fingerprint is isolated left to right inside the Arabic sentence, its ellipsis at its end.
      expect(headline).toContain(`\u2066${key.signer.keyId.slice(0, 8)}…\u2069`);
      expect(headline).toContain('غير مثبَّت');
      // The signer-pin note was English in the Arabic interface: now every word is Arabic (the fingerprint aside).
      const pin = (await page.locator('[data-testid="verify-check"][data-check="signer-pin"] .check-message').textContent())!;
      expect(pin.replace(key.signer.keyId, '')).not.toMatch(/[A-Za-z]{2}/);
      expect(pin).toContain(key.signer.keyId);
      await expectNoViolations(page, 'Arabic, after a verdict');
      if (process.env.VERIFY_PEOPLE_SHOTS) await page.screenshot({ path: join(process.env.VERIFY_PEOPLE_SHOTS, 'verify-ar.png'), fullPage: true });
      await page.getByTestId('verify-print').waitFor();
      expect(await page.getByTestId('verify-print').textContent()).toBe('طباعة الملخص');
    } finally {
      await arabic.close();
    }
  });
});
