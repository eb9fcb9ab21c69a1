// End to end, trusted time: the options page turns timestamping on with a custom authority (a real
// `openssl ts -reply` TSA behind the fixture server, under a made-up HTTPS host), a post is preserved and stamped,
// the bundle is exported, and openssl ts -verify and the CLI both accept it, and both refuse a tampered one.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../utils/model';
import { hasFixturePages } from './fixtures';
import type { LaunchedBrowser } from './support/browser';
import { changeTokenTime, cliVerify, changeOneTextLetter, rezipWith, run, unzipBundle } from './support/bundle-tools';
import { launchWithScreenshotsGranted } from './support/extension-variants';
import { startFixtureServer, xFixtures, type FixtureServer } from './support/fixture-server';
import { createTestTsa, E2E_TSA_HOST, E2E_TSA_URL, tsaRoute, type TestTsa, type TsaBehaviour } from './support/tsa';
import { runVerifyGuide } from './support/verify-guide-runner';

const TSA_HOST = E2E_TSA_HOST;
const TSA_URL = E2E_TSA_URL;
const TSA_ID = `custom-${TSA_HOST}`;

function tsVerify(dir: string, id: string, caFile: string) {
  return run('openssl', ['ts', '-verify', '-data', `captures/${id}/capture.json`, '-in', `captures/${id}/capture.json.tsr`, '-CAfile', caFile], dir);
}

function cliVerifyPinned(zipFile: string, caFile: string) {
  return run(process.execPath, [join(__dirname, '..', 'bin', 'postproof.mjs'), 'verify', zipFile, '--tsa-ca', caFile]);
}

describe.skipIf(!hasFixturePages)('trusted timestamps: settings, capture, stamp, export, verify', () => {
  let tsa: TestTsa;
  let server: FixtureServer;
  let browser: LaunchedBrowser;
  const behaviour: { now: TsaBehaviour } = { now: 'ok' };
  const work: string[] = [];
  let captureId = '';
  let bundleDir = '';
  let bundleFile = '';

  beforeAll(async () => {
    tsa = createTestTsa('PostProof E2E TSA');
    server = await startFixtureServer([tsaRoute(tsa, () => behaviour.now)]);
    // A custom TSA's permission cannot be granted headless: the copy with <all_urls> granted already covers it.
    // work[0]: this file's scratch folder for downloads and unzipped bundles.
    work.push(mkdtempSync(join(tmpdir(), 'postproof-e2e-')));
    browser = await launchWithScreenshotsGranted(server.port);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    tsa?.remove();
    for (const path of work) rmSync(path, { recursive: true, force: true });
  });

  it('sends nothing to any authority until the options page turns timestamping on', async () => {
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    expect(await options.getByTestId('tsa-enabled').isChecked()).toBe(false);
    await options.getByTestId('tsa-enabled').check();
    await options.getByTestId('tsa-custom-url').fill(TSA_URL);
    await options.getByTestId('collector-name').fill('Dana Reporter');
    await options.getByTestId('collector-organization').fill('Example Newsroom');
    await options.getByTestId('settings-save').click();
    await expect.poll(() => options.getByTestId('settings-status').innerText()).toMatch(/Saved\. New captures will be timestamped/);
    await options.reload();
    expect(await options.getByTestId('tsa-enabled').isChecked()).toBe(true);
    expect(await options.getByTestId('tsa-custom-url').inputValue()).toBe(TSA_URL);
    expect(await options.getByTestId('tsa-preset').evaluate((s: HTMLSelectElement) => s.options.length)).toBe(3);
    await options.close();
    expect(server.requests.filter((r) => r.host === TSA_HOST)).toEqual([]);
  });

  it('stamps a capture right after it is saved, and the popup shows it stamped with the clocks compared', async () => {
    const page = await browser.context.newPage();
    await page.goto(xFixtures.image.url);
    const button = page.getByTestId('postproof-preserve').first();
    await expect.poll(() => button.getAttribute('data-state')).toBe('idle');
    await button.click();
    await expect.poll(() => button.getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    captureId = (await button.getAttribute('data-capture-id')) ?? '';
    await page.close();

    const popup: Page = await browser.context.newPage();
    await popup.goto(browser.extensionUrl('popup.html'));
    const state = popup.locator(`[data-testid="capture-row"][data-capture-id="${captureId}"] [data-testid="stamp-state"]`);
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 15_000 }).toBe('stamped');
    expect(await state.innerText()).toContain(`Timestamped by ${TSA_HOST}`);
    expect(await state.getAttribute('title')).toMatch(/Collector’s clock: .*\nPlatform server \(HTTP Date\): .*\n.*RFC 3161 timestamp\): /);
    await popup.close();
    const queries = server.requests.filter((r) => r.host === TSA_HOST);
    expect(queries.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /tsr 200']);
  });

  it('exports a bundle that openssl ts -verify, sha256sum and the CLI accept, with times side by side in the report', async () => {
    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    await dashboard.locator(`[data-testid="capture-row"][data-capture-id="${captureId}"] [data-testid="capture-select"]`).check();
    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId('export-selected').click()]);
    bundleFile = join(work[0]!, 'stamped.zip');
    await download.saveAs(bundleFile);
    await dashboard.close();
    bundleDir = unzipBundle(bundleFile);
    work.push(bundleDir);

    for (const name of [`captures/${captureId}/capture.json.tsr`, `tsa/${TSA_ID}.pem`, 'custody.jsonl']) {
      expect(existsSync(join(bundleDir, name)), name).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(bundleDir, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining([`captures/${captureId}/capture.json.tsr`, `tsa/${TSA_ID}.pem`, 'custody.jsonl']));
    expect(run('sha256sum', ['-c', '--strict', 'SHA256SUMS'], bundleDir).status).toBe(0);

    // VERIFY.txt's command takes the authority's root from beside the bundle, never from tsa/; run as written, with
    // the authority's own root there, every step passes.
    const guide = readFileSync(join(bundleDir, 'VERIFY.txt'), 'utf8');
    expect(guide).toMatch(new RegExp(`\\$ openssl ts -verify -data captures/${captureId}/capture\\.json -in captures/${captureId}/capture\\.json\\.tsr -CAfile \\.\\./${TSA_ID}-root\\.pem -attime \\d+`));
    expect(guide).not.toContain(`-CAfile tsa/`);
    expect(runVerifyGuide(bundleFile, guide, { [`${TSA_ID}-root.pem`]: tsa.caPem }).failed).toBeUndefined();
    expect(tsVerify(bundleDir, captureId, tsa.caFile).status).toBe(0);

    // Unpinned, the root shipped in the bundle anchors nothing: valid, but no trusted time.
    const cli = cliVerify(bundleFile);
    expect(cli.status, cli.output).toBe(0);
    expect(cli.output).toMatch(/NOTE \[timestamp\] .*time not anchored/);
    expect(cli.output).not.toMatch(/CN=PostProof E2E TSA \(anchored/);
    const pinned = cliVerifyPinned(bundleFile, tsa.caFile);
    expect(pinned.status, pinned.output).toBe(0);
    expect(pinned.output).toMatch(/CN=PostProof E2E TSA \(anchored in the root you gave\) \(RFC 3161 timestamp\): \d{4}-/);

    const record = JSON.parse(readFileSync(join(bundleDir, 'captures', captureId, 'capture.json'), 'utf8')) as CaptureRecord;
    expect(record.collector).toEqual({ name: 'Dana Reporter', organization: 'Example Newsroom' });
    const custody = readFileSync(join(bundleDir, 'custody.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string });
    expect(custody.map((e) => e.event)).toEqual(['captured', 'timestamped']);

    const report = readFileSync(join(bundleDir, 'report.html'), 'utf8');
    expect(report).toMatch(/<td>Collector’s clock<\/td><td><code>[^<]+<\/code><\/td><td>—<\/td>/);
    expect(report).toMatch(/<td>Platform server \(HTTP Date\)<\/td><td><code>[^<]+<\/code><\/td><td>(same second|[+−]\d+ s)<\/td>/);
    expect(report).toMatch(/<td>tsa\.postproof\.test \(RFC 3161 timestamp\)<\/td><td><code>[^<]+<\/code><\/td><td>(same second|[+−]\d+ s)<\/td>/);
  });

  const tampers = [
    // One letter of the post text: the record stays readable, so the CLI reaches the token and finds it no longer matches.
    { name: 'capture.json', change: (dir: string) => changeOneTextLetter(join(dir, 'captures', captureId, 'capture.json')) },
    { name: 'capture.json.tsr', change: (dir: string) => changeTokenTime(join(dir, 'captures', captureId, 'capture.json.tsr')) },
  ];
  for (const tamper of tampers) {
    it(`a changed ${tamper.name} fails openssl ts -verify and the CLI`, () => {
      const zipFile = rezipWith(bundleDir, (copy) => tamper.change(copy));
      const copy = zipFile.replace(/\.zip$/, '');
      work.push(zipFile, copy);
      const openssl = tsVerify(copy, captureId, `tsa/${TSA_ID}.pem`);
      expect(openssl.status, openssl.output).not.toBe(0);
      const cli = cliVerify(zipFile);
      expect(cli.status, cli.output).toBe(1);
      expect(cli.output).toMatch(new RegExp(`FAIL \\[timestamp\\] captures/${captureId}/capture\\.json\\.tsr`));
    });
  }

  it('with another authority’s root given (--tsa-ca), the token is not anchored and shows no trusted time', () => {
    const other = createTestTsa('Somebody Else');
    try {
      writeFileSync(join(work[0]!, 'other-root.pem'), other.caPem);
      const cli = cliVerifyPinned(bundleFile, join(work[0]!, 'other-root.pem'));
      expect(cli.status, cli.output).toBe(0);
      expect(cli.output).toMatch(/NOTE \[timestamp\] .*time not anchored/);
      expect(cli.output).toContain('No anchored timestamp: the capture time rests on the collector’s clock.');
    } finally {
      other.remove();
    }
  });
});
