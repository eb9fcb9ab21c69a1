// End to end, WACZ: a post preserved with timestamping on is exported as WACZ from the dashboard; the CLI and the
// WACZ's own VERIFY.txt, run as written with stock tools (unzip, openssl, sha256sum, jq), accept it and refuse a copy
// with one WARC byte changed; then a real ReplayWeb.page 2.5.3 (served on localhost) opens it in the same Chromium,
// although its root holds SHA256SUMS and SHA256SUMS.sig, which datapackage.json does not list (docs/wacz.md), replays
// the post's permalink with its text, and lists our public key and software, with no signature verdict (FORMATS.md T4/T5).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasFixturePages } from './fixtures';
import type { LaunchedBrowser } from './support/browser';
import { cliVerify, run, unzipBundle } from './support/bundle-tools';
import { launchWithScreenshotsGranted } from './support/extension-variants';
import { startFixtureServer, xFixtures, type FixtureServer } from './support/fixture-server';
import { requireReplayWebPage, startReplayServer, type ReplayServer } from './support/replay-web-page';
import { createTestTsa, E2E_TSA_HOST, tsaRoute, type TestTsa } from './support/tsa';
import { runVerifyGuide } from './support/verify-guide-runner';
import { pack, unpack } from './support/wacz-tools';
import { GUIDE_ARCHIVE_NAME } from '../utils/formats/wacz/verify-guide';

const TSA_HOST = E2E_TSA_HOST;
const SUMS_FROM_DATAPACKAGE = `jq -r '.resources[] | "\\(.hash|sub("^sha256:";""))  \\(.path)"' datapackage.json | sha256sum -c --strict`;

describe.skipIf(!hasFixturePages)('WACZ export, verified with stock tools and opened in ReplayWeb.page', () => {
  let tsa: TestTsa;
  let server: FixtureServer;
  let browser: LaunchedBrowser;
  let replay: ReplayServer | undefined;
  const work: string[] = [];
  let captureId = '';
  let waczFile = '';
  let waczDir = '';

  beforeAll(async () => {
    requireReplayWebPage();
    tsa = createTestTsa('PostProof WACZ E2E TSA');
    server = await startFixtureServer([tsaRoute(tsa)]);
    // work[0]: this file's scratch folder for downloads and unzipped bundles.
    work.push(mkdtempSync(join(tmpdir(), 'postproof-e2e-')));
    browser = await launchWithScreenshotsGranted(server.port);
  });

  afterAll(async () => {
    await browser?.close();
    await replay?.close();
    await server?.close();
    tsa?.remove();
    for (const path of work) rmSync(path, { recursive: true, force: true });
  });

  it('exports a WACZ from the dashboard and says what ReplayWeb.page shows', async () => {
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.getByTestId('tsa-enabled').check();
    await options.getByTestId('tsa-custom-url').fill(`https://${TSA_HOST}/tsr`);
    await options.getByTestId('settings-save').click();
    await expect.poll(() => options.getByTestId('settings-status').innerText()).toMatch(/Saved/);
    await options.close();

    const page = await browser.context.newPage();
    await page.goto(xFixtures.image.url);
    const button = page.getByTestId('postproof-preserve').first();
    await expect.poll(() => button.getAttribute('data-state')).toBe('idle');
    await button.click();
    await expect.poll(() => button.getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    captureId = (await button.getAttribute('data-capture-id')) ?? '';
    await page.close();

    const dashboard: Page = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    await dashboard.locator(`[data-testid="capture-row"][data-capture-id="${captureId}"] [data-testid="capture-select"]`).check();
    await dashboard.getByTestId('export-format').selectOption('wacz');
    expect(await dashboard.getByTestId('export-format-hint').innerText()).toMatch(/never says whether the signature is valid.*1 hashes verified, 2 invalid.*postproof verify/s);
    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId('export-selected').click()]);
    expect(download.suggestedFilename()).toMatch(/^postproof-\d{8}-\d{6}-1captures\.wacz$/);
    waczFile = join(work[0]!, 'export.wacz');
    await download.saveAs(waczFile);
    expect(await dashboard.getByTestId('export-notice').innerText()).toMatch(/ReplayWeb\.page.*Observer Public Key.*VERIFY\.txt/s);
    await dashboard.close();
  });

  it('passes the CLI (the token anchored with the authority’s root) and its own VERIFY.txt, run as written with stock tools', () => {
    const cli = cliVerify(waczFile);
    expect(cli.status, cli.output).toBe(0);
    expect(cli.output).toMatch(/Result: VALID/);
    const pinned = run(process.execPath, [join(__dirname, '..', 'bin', 'postproof.mjs'), 'verify', waczFile, '--tsa-ca', tsa.caFile, '--all']);
    expect(pinned.status, pinned.output).toBe(0);
    expect(pinned.output).toMatch(/ok {3}\[timestamp\] datapackage-digest\.json#timestamp: Timestamped by CN=PostProof WACZ E2E TSA/);
    expect(pinned.output).toMatch(new RegExp(`ok {3}\\[capture-signature\\] archive/data\\.warc#metadata://postproof/${captureId}`));

    waczDir = unzipBundle(waczFile);
    work.push(waczDir);
    const sums = run('bash', ['-c', SUMS_FROM_DATAPACKAGE], waczDir);
    expect(sums.status, sums.output).toBe(0);
    expect(sums.output).toContain('archive/data.warc: OK');
    // SHA256SUMS and its signature sit at the root beside datapackage.json, which does not list them.
    const listed = (JSON.parse(readFileSync(join(waczDir, 'datapackage.json'), 'utf8')) as { resources: { path: string }[] }).resources.map((r) => r.path);
    expect(listed).not.toContain('SHA256SUMS');
    expect(readFileSync(join(waczDir, 'SHA256SUMS'), 'utf8')).toMatch(/ {2}datapackage-digest\.json\n/);

    // The WACZ's own VERIFY.txt, every command as written, with the authority's root given from outside.
    const guide = readFileSync(join(waczDir, 'VERIFY.txt'), 'utf8');
    const stock = runVerifyGuide(waczFile, guide, { 'tsa-root.pem': readFileSync(tsa.caFile, 'utf8') }, GUIDE_ARCHIVE_NAME);
    expect(stock.failed).toBeUndefined();
    work.push(join(stock.folder, '..'));
  });

  it('a changed WARC byte (re-packed as PostProof packs) fails the CLI and the genuine VERIFY.txt at sha256sum', async () => {
    const files = await unpack(new Uint8Array(readFileSync(waczFile)));
    const warc = files.get('archive/data.warc')!.slice();
    const at = Math.floor(warc.length / 2);
    warc[at] = warc[at]! ^ 0x01;
    files.set('archive/data.warc', warc);
    const zipFile = join(work[0]!, 'changed.wacz');
    writeFileSync(zipFile, await pack(files));
    const cli = cliVerify(zipFile);
    expect(cli.status, cli.output).toBe(1);
    expect(cli.output).toMatch(/FAIL \[checksums\] archive\/data\.warc/);
    expect(cli.output).toMatch(/FAIL \[file-hash\] archive\/data\.warc/);
    const stock = runVerifyGuide(zipFile, readFileSync(join(waczDir, 'VERIFY.txt'), 'utf8'), { 'tsa-root.pem': readFileSync(tsa.caFile, 'utf8') }, GUIDE_ARCHIVE_NAME);
    work.push(join(stock.folder, '..'));
    expect(stock.failed?.command).toBe('sha256sum --strict -c SHA256SUMS');
  });

  it('opens in ReplayWeb.page: the permalink replays with the post text, the info lists our key and software', async () => {
    replay = await startReplayServer(waczFile);
    const digest = JSON.parse(readFileSync(join(waczDir, 'datapackage-digest.json'), 'utf8')) as { signedData: { publicKey: string; software: string } };
    const viewer = await browser.context.newPage();
    await viewer.goto(`${replay.origin}/?source=${encodeURIComponent(replay.waczUrl)}`);
    // The service worker loads the archive; its API lists the collection once it is in.
    const api = <T,>(path: string) => viewer.evaluate(async (p) => (await fetch(p)).json() as Promise<unknown>, path) as Promise<T>;
    let collId = '';
    await expect
      .poll(async () => {
        const index = await api<{ colls?: { id: string; sourceUrl?: string }[] }>('/w/api/coll-index').catch(() => ({ colls: [] }));
        collId = index.colls?.find((c) => c.sourceUrl === replay!.waczUrl)?.id ?? index.colls?.[0]?.id ?? '';
        return collId;
      }, { timeout: 20_000 })
      .not.toBe('');
    const coll = await api<{ verify?: Record<string, unknown> }>(`/w/api/c/${collId}?all=1`);
    expect(coll.verify).toMatchObject({ publicKey: digest.signedData.publicKey, software: digest.signedData.software });
    console.log(`[e2e] ReplayWeb.page verify info: ${JSON.stringify({ ...coll.verify, publicKey: `${String(coll.verify?.publicKey).slice(0, 32)}…` })}`);

    const record = JSON.parse(readFileSync(join(waczDir, 'pages', 'pages.jsonl'), 'utf8').trim().split('\n')[1]!) as { url: string; ts: string };
    expect(record.url).toBe(xFixtures.image.url);
    const ts = record.ts.replace(/[-:TZ.]/g, '').slice(0, 14);
    // The viewer's replay tab: the post's permalink, replayed in the viewer's iframe from the WACZ.
    await viewer.goto(`${replay.origin}/?source=${encodeURIComponent(replay.waczUrl)}#view=replay&url=${encodeURIComponent(record.url)}&ts=${ts}`);
    const replayFrame = () => viewer.frames().find((f) => f.url().includes(`mp_/${record.url}`));
    await expect.poll(() => replayFrame()?.locator('body').innerText().catch(() => '') ?? '', { timeout: 15_000 }).toContain(xFixtures.image.text);
    console.log(`[e2e] ReplayWeb.page replayed ${replayFrame()!.url()}`);

    // The archive's info, in the viewer's own words: the key and the software, and no signature verdict.
    await viewer.goto(`${replay.origin}/?source=${encodeURIComponent(replay.waczUrl)}#view=pages`);
    // The "Archive Info" dialog, as its menu item opens it.
    await viewer.locator('sl-dialog[label="Archive Info"]').first().evaluate((dialog) => (dialog as HTMLElement & { show(): Promise<void> }).show(), undefined, { timeout: 15_000 });
    // Its text sits in shadow roots: read the page's text through them, once the info has loaded.
    const deepText = () =>
      viewer.evaluate(() => {
        const text = (node: Node): string =>
          node.nodeType === Node.TEXT_NODE
            ? (node.textContent ?? '')
            : [...(node instanceof Element && node.shadowRoot ? [node.shadowRoot] : []), ...node.childNodes].map(text).join(' ');
        return text(document.body).replace(/\s+/g, ' ');
      });
    await expect.poll(deepText, { timeout: 10_000 }).toContain(digest.signedData.software);
    const allText = await deepText();
    const infoText = allText.slice(Math.max(0, allText.indexOf('Created With') - 200), allText.indexOf('Observer Public Key') + 400);
    console.log(`[e2e] ReplayWeb.page archive info: ${infoText.replace(/\s+/g, ' ')}`);
    // What the viewer read of the file: range requests into the archive (directory, index, records), never a refusal.
    console.log(`[e2e] ReplayWeb.page requests for the WACZ: ${replay.requests.filter((r) => r.includes('/archive.wacz')).join(', ')}`);
    expect(infoText).toContain(digest.signedData.software);
    expect(infoText).toContain('Observer Public Key');
    expect(infoText).toContain(digest.signedData.publicKey);
    // FORMATS.md T5: an untouched WACZ, as ReplayWeb.page reports it with default settings.
    expect(infoText).toMatch(/1 hashes verified ?, 2 invalid/);
    expect(infoText).not.toMatch(/signature (is )?(valid|invalid|verified)/i);
    await viewer.close();
  });
});
