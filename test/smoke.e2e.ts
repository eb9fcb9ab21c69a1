// Smoke test of the end-to-end harness: the built extension in Debian's Chromium, a real saved X page served
// under its real URL by the local HTTPS fixture server, and generated media on pbs.twimg.com.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasFixturePages } from './fixtures';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { isBrowserBackgroundRequest, noPostsPageUrl, startFixtureServer, syntheticImageFor, xFixtures, type FixtureServer } from './support/fixture-server';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe.skipIf(!hasFixturePages)('e2e harness smoke', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;
  const t0 = Date.now();

  beforeAll(async () => {
    const extensionDir = buildExtensionOnce();
    server = await startFixtureServer();
    browser = await launchWithExtension({ extensionDir, port: server.port });
    console.log(`[smoke] build check + server + Chromium with extension ready in ${Date.now() - t0} ms`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    console.log(`[smoke] whole file took ${Date.now() - t0} ms`);
  });

  it('runs the extension service worker', async () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    expect(browser.serviceWorker.url()).toMatch(new RegExp(`^chrome-extension://${browser.extensionId}/`));
    // The extension's own fetch of a media URL reaches the fixture server (host permission, test certificate).
    const mediaUrl = xFixtures.image.media[0]!;
    const fromWorker = await browser.serviceWorker.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, date: r.headers.get('date'), bytes: (await r.arrayBuffer()).byteLength };
    }, mediaUrl);
    expect(fromWorker.status).toBe(200);
    expect(Date.parse(fromWorker.date ?? '')).not.toBeNaN();
    expect(fromWorker.bytes).toBe(syntheticImageFor(mediaUrl).body.length);
    expect(await browser.serviceWorker.evaluate(
      () => (globalThis as unknown as { chrome: { runtime: { id: string } } }).chrome.runtime.id,
    )).toBe(browser.extensionId);
  });

  it('serves the saved UaSmart page under its real x.com URL, script-free, with its media', async () => {
    const fx = xFixtures.image;
    const page = await browser.context.newPage();
    try {
      const response = await page.goto(fx.url, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(page.url()).toBe(fx.url);
      expect(response?.headers()['cache-control']).toBe('no-store');
      expect(Date.parse(response?.headers()['date'] ?? '')).not.toBeNaN();
      const served = (await response?.text()) ?? '';
      // Only data scripts (JSON, JSON-LD) stay: a browser never runs them.
      for (const tag of served.match(/<script\b[^>]*>/gi) ?? []) expect(tag).toMatch(/type="application\/(ld\+)?json"/i);
      expect(served).not.toMatch(/<link\b[^>]*\bas="script"/i);

      const tweet = page.locator('article[data-testid="tweet"]');
      await expect.poll(() => tweet.count()).toBe(1);
      const text = page.locator('article[data-testid="tweet"] [data-testid="tweetText"]');
      expect(await text.isVisible()).toBe(true);
      expect(await text.innerText()).toContain(fx.text);

      // The post's photo came from the fake CDN and decoded in the page.
      const photo = page.locator('article[data-testid="tweet"] [data-testid="tweetPhoto"] img');
      await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

      // Fetch a media URL from the page context: real image bytes, the ones the server generates for that URL.
      const mediaUrl = fx.media[0]!;
      const got = await page.evaluate(async (u) => {
        const r = await fetch(u);
        const blob = await r.blob();
        const bitmap = await createImageBitmap(blob);
        return {
          status: r.status,
          type: r.headers.get('content-type'),
          bytes: Array.from(new Uint8Array(await blob.arrayBuffer())),
          width: bitmap.width,
          height: bitmap.height,
        };
      }, mediaUrl);
      const expected = syntheticImageFor(mediaUrl);
      expect(got.status).toBe(200);
      expect(got.type).toBe('image/jpeg');
      expect(got.bytes.slice(0, 3)).toEqual([0xff, 0xd8, 0xff]);
      expect(sha256(Uint8Array.from(got.bytes))).toBe(sha256(expected.body));
      expect([got.width, got.height]).toEqual([expected.width, expected.height]);
      // A different variant of the same media is a different file.
      expect(sha256(syntheticImageFor(mediaUrl.replace('name=medium', 'name=orig')).body)).not.toBe(sha256(expected.body));

      const pngUrl = 'https://pbs.twimg.com/media/DPadOKpXcAIL-NW?format=png&name=small';
      const png = await page.evaluate(async (u) => {
        const r = await fetch(u);
        const b = await createImageBitmap(await r.blob());
        return { type: r.headers.get('content-type'), width: b.width };
      }, pngUrl);
      expect(png).toEqual({ type: 'image/png', width: syntheticImageFor(pngUrl).width });

      const log = server.requests;
      expect(log.find((r) => r.host === 'x.com' && r.path === fx.path)?.status).toBe(200);
      expect(log.some((r) => r.host === 'pbs.twimg.com' && r.answeredBy === 'media' && r.status === 200)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('serves the other X fixtures, the twitter.com redirect, a page with no posts, and 404s the rest', async () => {
    const page = await browser.context.newPage();
    try {
      for (const fx of [xFixtures.video, xFixtures.linkcard, xFixtures.text]) {
        const r = await page.goto(fx.url);
        expect(r?.status()).toBe(200);
        expect(await page.locator('[data-testid="tweetText"]').first().innerText()).toContain(fx.text);
      }
      await page.goto(`https://twitter.com${xFixtures.text.path}`);
      expect(page.url()).toBe(xFixtures.text.url);

      const plain = await page.goto(noPostsPageUrl);
      expect(plain?.status()).toBe(200);
      expect(await page.locator('article').count()).toBe(0);

      server.use({ host: 'pbs.twimg.com', path: '/media/gone', respond: { status: 403, body: 'Forbidden' } });
      const statuses = await page.evaluate(async () =>
        Promise.all(
          ['https://pbs.twimg.com/media/gone', 'https://x.com/nope/status/1', 'https://unknown.invalid/x'].map((u) =>
            fetch(u, { mode: 'no-cors' }).then(() => 'ok', () => 'error'),
          ),
        ),
      );
      expect(statuses.length).toBe(3);
      server.resetRoutes();
      const byPath = (host: string, path: string) => server.requests.find((r) => r.host === host && r.path === path);
      expect(byPath('pbs.twimg.com', '/media/gone')).toMatchObject({ status: 403, answeredBy: 'route' });
      expect(byPath('x.com', '/nope/status/1')).toMatchObject({ status: 404, answeredBy: 'not-found' });
      expect(byPath('unknown.invalid', '/x')).toMatchObject({ status: 404, answeredBy: 'unknown-host' });
      // What else the pages asked for: only the saved pages' own third-party references (no script hosts).
      const others = server.requests.filter((r) => r.answeredBy === 'unknown-host' && !isBrowserBackgroundRequest(r));
      expect(new Set(others.map((r) => r.host))).toEqual(new Set(['accounts.google.com', 'abs.twimg.com', 'unknown.invalid']));
    } finally {
      await page.close();
    }
  });
});
