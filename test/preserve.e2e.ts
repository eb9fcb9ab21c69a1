// End to end, in Debian's Chromium with the built extension: preserve real X posts served under their real URLs,
// export from the dashboard, and check the bundle with unzip, sha256sum, openssl and the postproof CLI.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleManifest, CaptureRecord } from '../utils/model';
import { fixturePage, hasFixturePages } from './fixtures';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import {
  cliVerify,
  flipOneByte,
  opensslVerify,
  rezipWith,
  sha256sumCheck,
  unzipBundle,
} from './support/bundle-tools';
import { extensionWithScreenshotsGranted } from './support/extension-variants';
import { keptAnnotatedCopy, recordFromStore } from './support/store-reader';
import { frontTabId, preserveFirstPost } from './support/tabs';
import {
  isBrowserBackgroundRequest,
  noPostsPageUrl,
  startFixtureServer,
  syntheticImageFor,
  xFixtures,
  type FixtureServer,
} from './support/fixture-server';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Exports the given captures from the dashboard and returns the downloaded bundle's path. */
async function exportFromDashboard(browser: LaunchedBrowser, ids: string[], target: string): Promise<string> {
  const dashboard = await browser.context.newPage();
  try {
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    for (const id of ids) {
      await dashboard.locator(`[data-testid="capture-row"][data-capture-id="${id}"] [data-testid="capture-select"]`).check();
    }
    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId('export-selected').click()]);
    expect(download.suggestedFilename()).toMatch(/^postproof-bundle-.*\.zip$/);
    await download.saveAs(target);
    return target;
  } finally {
    await dashboard.close();
  }
}

async function readRecord(dir: string, id: string): Promise<CaptureRecord> {
  return JSON.parse(readFileSync(join(dir, 'captures', id, 'capture.json'), 'utf8')) as CaptureRecord;
}

describe.skipIf(!hasFixturePages)('preserve a post on X, export it, verify it with stock tools', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;
  const work: string[] = [];
  let bundleFile = '';
  let bundleDir = '';
  let imageCaptureId = '';
  let textCaptureId = '';

  beforeAll(async () => {
    const built = buildExtensionOnce();
    const granted = extensionWithScreenshotsGranted(built);
    work.push(join(granted, '..'));
    server = await startFixtureServer();
    browser = await launchWithExtension({ extensionDir: granted, port: server.port });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const path of work) rmSync(path, { recursive: true, force: true });
  });

  it('shows one Preserve control per post and saves the post with its screenshot and original media', async () => {
    const page = await browser.context.newPage();
    await page.goto(xFixtures.image.url);
    await expect.poll(() => page.getByTestId('postproof-preserve').count()).toBe(1);
    const started = Date.now();
    imageCaptureId = await preserveFirstPost(page);
    console.log(`[e2e] click-to-saved: ${Date.now() - started} ms`);

    // A post added later (as when a timeline scrolls) gets its own control, and only one.
    await page.evaluate(() => {
      const post = document.querySelector('article[data-testid="tweet"]')!;
      const copy = post.cloneNode(true) as Element;
      copy.querySelector('postproof-control')?.remove();
      post.parentElement!.append(copy);
    });
    await expect.poll(() => page.getByTestId('postproof-preserve').count()).toBe(2);
    await page.close();

    const textPage = await browser.context.newPage();
    await textPage.goto(xFixtures.text.url);
    // Right-to-left page: the control still renders and works.
    await textPage.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
    textCaptureId = await preserveFirstPost(textPage);
    await textPage.close();
  });

  it('lists the capture in the popup with its author', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl('popup.html'));
    const row = popup.locator(`[data-testid="capture-row"][data-capture-id="${imageCaptureId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('UaSmart');
    await popup.close();
  });

  it('draws the annotated screenshot copy in the background once the capture is saved, ready for export', async () => {
    // No authority is configured, so the stamps are settled at once and the background draws the copy.
    await expect.poll(async () => (await keptAnnotatedCopy(browser, imageCaptureId))?.subarray(1, 4).toString('latin1'), { timeout: 15_000 }).toBe('PNG');
  });

  it('exports a bundle from the dashboard that unzip, sha256sum, openssl and the CLI all accept', async () => {
    const target = join(work[0]!, 'bundle.zip');
    bundleFile = await exportFromDashboard(browser, [imageCaptureId, textCaptureId], target);
    bundleDir = unzipBundle(bundleFile);
    work.push(bundleDir);

    for (const name of ['manifest.json', 'manifest.json.sig', 'signer.pem', 'SHA256SUMS', 'VERIFY.txt', 'report.html', 'captures.csv', 'captures.jsonl']) {
      expect(existsSync(join(bundleDir, name)), name).toBe(true);
    }
    const sums = sha256sumCheck(bundleDir);
    expect(sums.status, sums.output).toBe(0);
    expect(opensslVerify(bundleDir, 'manifest.json').output).toContain('Verified OK');
    for (const id of [imageCaptureId, textCaptureId]) {
      expect(opensslVerify(bundleDir, `captures/${id}/capture.json`).output).toContain('Verified OK');
    }
    const cli = cliVerify(bundleFile);
    expect(cli.status, cli.output).toBe(0);
    const json = JSON.parse(cliVerify(bundleFile, true).output) as { verdict: string };
    expect(json.verdict).toBe('valid');
  });

  it('adds a derived, annotated screenshot copy: the untouched pixels below a header strip, described in the manifest', async () => {
    const manifest = JSON.parse(readFileSync(join(bundleDir, 'manifest.json'), 'utf8')) as BundleManifest;
    const shotPath = `captures/${imageCaptureId}/screenshot.png`;
    const annotatedPath = `captures/${imageCaptureId}/screenshot.annotated.png`;
    const original = readFileSync(join(bundleDir, shotPath));
    const annotated = readFileSync(join(bundleDir, annotatedPath));
    // The copy the background kept is the one in the bundle (that an export then does not draw again: unit tests).
    expect(await keptAnnotatedCopy(browser, imageCaptureId)).toEqual(annotated);
    // Listed like every file (sha256sum -c and the CLI passed above), and described as derived from the screenshot.
    expect(manifest.files.find((f) => f.path === annotatedPath)?.sha256).toBe(sha256(annotated));
    const derived = manifest.derived?.find((d) => d.path === annotatedPath);
    expect(derived).toMatchObject({ derivedFrom: shotPath, derivedFromSha256: sha256(original) });
    // The strip's text cannot be checked by pixels; the manifest says what it holds.
    expect(derived!.method).toContain(imageCaptureId);
    expect(derived!.method).toContain(xFixtures.image.url);
    expect(derived!.method).toMatch(/Captured: \d{4}-\d\d-\d\dT[\d:.]+Z UTC/);
    expect(readFileSync(join(bundleDir, 'VERIFY.txt'), 'utf8')).toMatch(/it is derived,\s+and the untouched screenshot\.png/);
    expect(readFileSync(join(bundleDir, 'report.html'), 'utf8')).toContain('the untouched screenshot shown here is the evidence');

    // Decode both in the browser: same width, height = original + strip, and the rows below the strip identical.
    const stripHeight = Number(/strip of (\d+) px/.exec(derived!.method)?.[1]);
    expect(stripHeight).toBeGreaterThan(20);
    const page = await browser.context.newPage();
    try {
      const result = await page.evaluate(
        async ({ originalB64, annotatedB64, strip }) => {
          const decode = async (b64: string) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const bitmap = await createImageBitmap(new Blob([bytes]), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
            const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
            const context = canvas.getContext('2d')!;
            context.drawImage(bitmap, 0, 0);
            return context.getImageData(0, 0, bitmap.width, bitmap.height);
          };
          const a = await decode(originalB64);
          const b = await decode(annotatedB64);
          const offset = strip * b.width * 4;
          let differing = 0;
          for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[offset + i]) differing++;
          return { original: [a.width, a.height], annotated: [b.width, b.height], differing };
        },
        { originalB64: original.toString('base64'), annotatedB64: annotated.toString('base64'), strip: stripHeight },
      );
      expect(result.annotated[0]).toBe(result.original[0]);
      expect(result.annotated[1]).toBe(result.original[1]! + stripHeight);
      expect(result.differing).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('records what the post showed: author, permalink, time, text, original-resolution media as served', async () => {
    const record = await readRecord(bundleDir, imageCaptureId);
    expect(record.post).toMatchObject({
      platform: 'x',
      id: xFixtures.image.tweetId,
      url: xFixtures.image.url,
      postedAt: '2017-11-24T17:10:07.000Z',
      lang: 'es',
      author: { handle: 'UaSmart', name: 'SmartUA' },
    });
    expect(record.post.text).toContain(xFixtures.image.text);
    expect(record.page.url).toBe(xFixtures.image.url);
    expect(record.sequence).toBe(1);
    expect(record.previousCaptureSha256).toBeNull();
    expect(Date.parse(record.clock.serverDate ?? '')).not.toBeNaN();

    const media = record.artifacts.filter((a) => a.role === 'media');
    expect(media.map((m) => m.sourceUrl)).toEqual(['https://pbs.twimg.com/media/DPadOKpXcAIL-NW?format=jpg&name=orig']);
    const mediaBytes = readFileSync(join(bundleDir, 'captures', imageCaptureId, media[0]!.path));
    expect(mediaBytes.equals(syntheticImageFor(media[0]!.sourceUrl!).body)).toBe(true);
    expect(media[0]!.httpStatus).toBe(200);

    const shot = readFileSync(join(bundleDir, 'captures', imageCaptureId, 'screenshot.png'));
    expect(shot.subarray(1, 4).toString()).toBe('PNG');
    expect(shot.readUInt32BE(16)).toBeGreaterThan(100);
    expect(record.missing.filter((m) => m.role === 'screenshot')).toEqual([]);

    const snapshot = readFileSync(join(bundleDir, 'captures', imageCaptureId, 'post.html'), 'utf8');
    expect(snapshot).not.toMatch(/<script\b/i);
    expect(snapshot).not.toMatch(/postproof-control/);
    expect(snapshot).toContain('Content-Security-Policy');

    const second = await readRecord(bundleDir, textCaptureId);
    expect(second.sequence).toBe(2);
    expect(second.previousCaptureSha256).toBe(sha256(readFileSync(join(bundleDir, 'captures', imageCaptureId, 'capture.json'))));
  });

  it('sent nothing anywhere but what the pages themselves load and the post media', () => {
    // The saved pages reference a favicon (abs.twimg.com) and Google sign-in assets (accounts.google.com) of their own.
    const pageHosts = ['abs.twimg.com', 'accounts.google.com', 'pbs.twimg.com', 'x.com'];
    const hosts = new Set(server.requests.filter((r) => !isBrowserBackgroundRequest(r)).map((r) => r.host));
    expect([...hosts].filter((host) => !pageHosts.includes(host))).toEqual([]);
    const media = server.requests.filter((r) => r.host === 'pbs.twimg.com').map((r) => r.path);
    // The page itself loads the displayed sizes; PostProof asks only for the originals of the post's own media.
    expect(media).toContain('/media/DPadOKpXcAIL-NW?format=jpg&name=orig');
  });

  describe('tampering is caught and named', () => {
    const cases: { name: string; change: (dir: string, id: string) => void; file: (id: string) => string; sha256sumFails: boolean }[] = [
      { name: 'one byte of a media file', change: (d, id) => flipOneByte(join(d, 'captures', id, 'media', '1.jpg')), file: (id) => `captures/${id}/media/1.jpg`, sha256sumFails: true },
      { name: 'one byte of capture.json', change: (d, id) => flipOneByte(join(d, 'captures', id, 'capture.json')), file: (id) => `captures/${id}/capture.json`, sha256sumFails: true },
      { name: 'one byte of manifest.json', change: (d) => flipOneByte(join(d, 'manifest.json')), file: () => 'manifest.json', sha256sumFails: false },
      { name: 'a deleted file', change: (d, id) => rmSync(join(d, 'captures', id, 'screenshot.png')), file: (id) => `captures/${id}/screenshot.png`, sha256sumFails: true },
      { name: 'an added file', change: (d, id) => writeFileSync(join(d, 'captures', id, 'extra.txt'), 'planted'), file: (id) => `captures/${id}/extra.txt`, sha256sumFails: false },
    ];

    for (const tamper of cases) {
      it(`${tamper.name}: the CLI says invalid and names the file`, () => {
        const zipFile = rezipWith(bundleDir, (copy) => tamper.change(copy, imageCaptureId));
        work.push(zipFile, zipFile.replace(/\.zip$/, ''));
        const cli = cliVerify(zipFile);
        expect(cli.status, cli.output).toBe(1);
        expect(cli.output).toContain(tamper.file(imageCaptureId));
        if (tamper.sha256sumFails) {
          const sums = sha256sumCheck(zipFile.replace(/\.zip$/, ''));
          expect(sums.status).not.toBe(0);
        }
      });
    }
  });
});

describe.skipIf(!hasFixturePages)('without the screenshot permission, and on pages without posts', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    server = await startFixtureServer([
      // The linkcard post's card image is refused by the CDN: the capture must still be saved, with the gap recorded.
      { host: 'pbs.twimg.com', path: '/card_img/*', respond: { status: 403, body: 'Forbidden' } },
      // An X page whose markup changed: same page, but posts no longer carry the attribute the adapter looks for.
      {
        host: 'x.com',
        path: '/changed/status/1',
        respond: () => ({
          headers: { 'Content-Type': 'text/html; charset=utf-8' },
          body: readFileSync(fixturePage('x', xFixtures.text.file), 'utf8')
            .replace(/<script\b[\s\S]*?<\/script>/gi, '')
            .replaceAll('data-testid="tweet"', 'data-testid="post-v2"'),
        }),
      },
    ]);
    browser = await launchWithExtension({ extensionDir: buildExtensionOnce(), port: server.port });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps the capture when the screenshot is refused or a media file fails, and says why', async () => {
    const page = await browser.context.newPage();
    await page.goto(xFixtures.linkcard.url);
    const id = await preserveFirstPost(page);
    const button = page.getByTestId('postproof-preserve');
    expect(await button.getAttribute('title')).toMatch(/could not be captured/);
    await page.close();

    const record = await recordFromStore(browser, id);
    const screenshotGap = record.missing.find((m) => m.role === 'screenshot');
    expect(screenshotGap?.reason).toMatch(/Allow screenshots/);
    const mediaGap = record.missing.find((m) => m.role === 'media');
    expect(mediaGap?.sourceUrl).toMatch(/^https:\/\/pbs\.twimg\.com\/card_img\/.*name=orig/);
    expect(mediaGap?.reason).toContain('HTTP 403');
    expect(record.artifacts.map((a) => a.role)).toEqual(['dom-snapshot']);
  });

  it('adds no control to a page whose layout changed, and the popup explains it', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://x.com/changed/status/1');
    await page.waitForLoadState('load');
    await page.waitForTimeout(500);
    expect(await page.getByTestId('postproof-preserve').count()).toBe(0);
    const status = await popupStatusFor(browser, page);
    expect(status).toMatch(/No supported post was found/);
    await page.close();
  });

  it('adds no control to a site it does not support, and the popup says so', async () => {
    const page = await browser.context.newPage();
    await page.goto(noPostsPageUrl);
    expect(await page.getByTestId('postproof-preserve').count()).toBe(0);
    expect(await popupStatusFor(browser, page)).toMatch(/does not support this site/);
    await page.close();
  });
});

async function popupStatusFor(browser: LaunchedBrowser, page: Page): Promise<string> {
  await page.bringToFront();
  const tabId = await frontTabId(browser);
  const popup = await browser.context.newPage();
  try {
    await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
    const status = popup.getByTestId('page-status');
    await expect.poll(() => status.innerText()).not.toBe('');
    await expect.poll(() => status.innerText()).not.toMatch(/Checking/i);
    return status.innerText();
  } finally {
    await popup.close();
  }
}
