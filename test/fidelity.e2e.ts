// Capture fidelity, end to end in Chromium on real X pages under their real URLs: a post taller than the window
// stitched into one seamless screenshot, post.html rendered from the capture's own files and compared with the
// screenshot (the figures of docs/fidelity.md), the viewer, and an HLS stream kept playlist and segments alike.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesOf } from '../utils/platforms/all.fixtures';
import { fixturePage, hasFixturePages } from './fixtures';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { artifactsFromStore, comparePngs, cropPng, pngSize, writeCaptureFolder } from './support/capture-files';
import { extensionWithScreenshotsGranted } from './support/extension-variants';
import { startFixtureServer, stripScripts, syntheticImageFor, xFixtures, type FixtureServer } from './support/fixture-server';
import { hasFfmpeg, makeHlsStream } from './support/hls-stream';
import { recordFromStore } from './support/store-reader';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const VIEWPORT = { width: 800, height: 400 };

/** Hides what PostProof hides for its screenshot (fixed and sticky overlays, its own control) for a reference shot. */
async function hideOverlaysLikePostProof(page: Page): Promise<void> {
  await page.evaluate(() => {
    const post = document.querySelector('article[data-testid="tweet"]')!;
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      if (element.contains(post) || post.contains(element)) continue;
      const position = getComputedStyle(element).position;
      if (position === 'fixed' || position === 'sticky') element.style.setProperty('opacity', '0', 'important');
    }
    // The control sits in X's flex row, so its label's width moves the post's columns: show the label the capture saw.
    const control = document.querySelector('postproof-control') as HTMLElement;
    control.style.visibility = 'hidden';
    control.shadowRoot!.querySelector('button')!.textContent = 'Saving…';
  });
}

async function preserve(page: Page): Promise<string> {
  const button = page.getByTestId('postproof-preserve').first();
  await expect.poll(() => button.getAttribute('data-state')).toBe('idle');
  await button.click();
  await expect.poll(() => button.getAttribute('data-state'), { timeout: 20_000 }).toBe('saved');
  return (await button.getAttribute('data-capture-id'))!;
}

describe.skipIf(!hasFixturePages)('capture fidelity', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;
  const work: string[] = [];
  const hlsPath = '/ext_tw_video/957383241714970624/pu/pl/';
  let hlsFiles = new Map<string, Buffer>();
  /** Capture ids by fixture key: each page is captured once and the later tests read that capture. */
  const captured = new Map<string, string>();

  beforeAll(async () => {
    const granted = extensionWithScreenshotsGranted(buildExtensionOnce());
    work.push(join(granted, '..'));
    if (hasFfmpeg) {
      const dir = mkdtempSync(join(tmpdir(), 'postproof-hls-'));
      work.push(dir);
      hlsFiles = makeHlsStream(dir);
    }
    server = await startFixtureServer([
      // The fake CDN paints every URL in its own colours; a real CDN serves the same picture at every `name=` size.
      // For the comparison to measure the snapshot and not the fake CDN, every size shows the original's picture.
      {
        host: 'pbs.twimg.com',
        path: /^\/(media|card_img)\/[^?]*\?(.*&)?name=(?!orig)/,
        respond: ({ url }) => {
          const original = new URL(url);
          original.searchParams.set('name', 'orig');
          const image = syntheticImageFor(original);
          return { headers: { 'Content-Type': image.contentType }, body: image.body };
        },
      },
      {
        host: 'video.twimg.com',
        path: `${hlsPath}*`,
        respond: ({ url }) => {
          const body = hlsFiles.get(url.pathname.slice(hlsPath.length));
          if (!body) return { status: 404, body: 'not found' };
          const type = url.pathname.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t';
          return { headers: { 'Content-Type': type, 'Access-Control-Allow-Origin': '*' }, body };
        },
      },
      // The video post, as a page whose player was given the stream's URL instead of a blob: (as on older X pages).
      {
        host: 'x.com',
        path: '/verge/status/957383241714970624',
        respond: () => ({
          headers: { 'Content-Type': 'text/html; charset=utf-8' },
          body: stripScripts(readFileSync(fixturePage('x', xFixtures.video.file), 'utf8')).replace(
            /src="blob:https:\/\/x\.com\/[^"]+"/,
            `src="https://video.twimg.com${hlsPath}master.m3u8"`,
          ),
        }),
      },
    ]);
    browser = await launchWithExtension({ extensionDir: granted, port: server.port });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const path of work) rmSync(path, { recursive: true, force: true });
  });

  it('stitches a post taller than the window into one seamless screenshot, and puts the page back', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(VIEWPORT);
    await page.goto(xFixtures.video.url);
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => window.scrollTo(0, 37));
    const before = await page.evaluate(() => ({ y: window.scrollY, overlays: document.querySelectorAll('[style*="opacity"]').length }));
    const post = page.locator('article[data-testid="tweet"]').first();
    const button = page.getByTestId('postproof-preserve').first();
    await expect.poll(() => button.getAttribute('data-state')).toBe('idle');
    // Enter on the button, focused without scrolling (the page must stay where it was): the control answers trusted
    // input only, and a locator click would scroll the button into view first.
    await page.evaluate(() => document.querySelector('postproof-control')!.shadowRoot!.querySelector('button')!.focus({ preventScroll: true }));
    await page.keyboard.press('Enter');
    // The post's height while it is being captured (the control then reads "Saving…", which may change it).
    const height = await page.evaluate(() => {
      if (document.querySelector('postproof-control')!.shadowRoot!.querySelector('button')!.dataset.state !== 'saving') throw new Error('Enter did not start the capture');
      return document.querySelector('article[data-testid="tweet"]')!.getBoundingClientRect().height;
    });
    await expect.poll(() => button.getAttribute('data-state'), { timeout: 20_000 }).toBe('saved');
    const id = (await button.getAttribute('data-capture-id'))!;
    captured.set('video', id);
    const ratio = await page.evaluate(() => window.devicePixelRatio);
    expect(height).toBeGreaterThan(VIEWPORT.height);
    expect(await page.evaluate(() => ({ y: window.scrollY, overlays: document.querySelectorAll('[style*="opacity"]').length }))).toEqual(before);

    const record = await recordFromStore(browser, id);
    expect(record.missing.filter((m) => m.role === 'screenshot')).toEqual([]);
    const files = await artifactsFromStore(browser, id);
    const shot = files.get('screenshot.png')!;
    const size = pngSize(shot);
    console.log(`[fidelity] tall post: ${height.toFixed(1)} CSS px in a ${VIEWPORT.height} px window → ${size.width}×${size.height} px`);
    expect(Math.abs(size.height - height * ratio)).toBeLessThanOrEqual(2);

    // Seams: bands of the stitched image that straddle slice edges, against plain screenshots of the same rows
    // taken at other scroll positions, where those rows lie in the middle of the window.
    await hideOverlaysLikePostProof(page);
    await page.bringToFront();
    const top = await post.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    // The second band ends just inside the post's bottom edge, wherever the post's height puts it.
    const bottom = Math.floor(height) - 2;
    for (const [from, to] of [[250, 550], [bottom - 170, bottom]] as const) {
      await page.evaluate((y) => window.scrollTo(0, y), Math.round(top + from - 60));
      const box = await post.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
      // The browser's own capture of the window (Playwright's screenshots hide the scrollbar, which reflows X).
      const windowShot = await browser.serviceWorker.evaluate(async () => {
        type Tabs = { captureVisibleTab(windowId: number | null, options: object): Promise<string> };
        const dataUrl = await (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome.tabs.captureVisibleTab(null, { format: 'png' });
        return dataUrl.slice(dataUrl.indexOf(',') + 1);
      });
      const band = await cropPng(page, Buffer.from(windowShot, 'base64'), {
        x: Math.round(box.x * ratio), y: Math.round((box.y + from) * ratio), width: Math.round(box.width * ratio), height: Math.round((to - from) * ratio),
      });
      const comparison = await comparePngs(page, shot, band, 8, Math.round(from * ratio));
      if (process.env.FIDELITY_DUMP) writeFileSync(join(process.env.FIDELITY_DUMP, `tall-band-${from}.png`), band);
      console.log(`[fidelity] stitched rows ${from}–${to} vs a screenshot of the same rows: ${(comparison.similarity * 100).toFixed(2)}% identical pixels`);
      expect(comparison.similarity).toBeGreaterThan(0.995);
    }
    if (process.env.FIDELITY_DUMP) writeFileSync(join(process.env.FIDELITY_DUMP, 'tall-shot.png'), shot);
    await page.close();
  });

  const fidelity: { page: string; similarity: number; shot: string; media: number }[] = [];

  // Every X fixture page, and Telegram's single-message pages (the issue names X and Telegram; a channel page's first
  // post is covered by the single messages, which show the same markup).
  const telegramPages = fixturesOf('telegram')
    .filter((f) => f.posts === 1)
    .map((f) => ({ key: `telegram-${f.file.split('_')[3]}`, file: f.file, url: f.url }));
  const pages = [...Object.values(xFixtures).map((f) => ({ key: f.key, file: f.file, url: f.url })), ...telegramPages];
  /**
   * The least share of similar pixels each page must reach: 90 % (the issue's aim), except where a known gap is
   * written down here. The Telegram poll (84 % when measured): the channel's avatar is not post media, so it is not
   * captured and its box stays empty, and the lines below it render 4 px lower in the snapshot than on the page.
   */
  const floor = (key: string) => (key === 'telegram-poll' ? 0.8 : 0.9);

  for (const fixture of pages) {
    it(`renders post.html from the capture's own files close to the screenshot: ${fixture.key}`, async () => {
      let id = captured.get(fixture.key);
      if (!id) {
        const page = await browser.context.newPage();
        await page.setViewportSize(VIEWPORT);
        await page.goto(fixture.url);
        id = await preserve(page);
        captured.set(fixture.key, id);
        await page.close();
      }

      const record = await recordFromStore(browser, id);
      const files = await artifactsFromStore(browser, id);
      const dir = writeCaptureFolder(files);
      work.push(dir);
      const view = await browser.context.newPage();
      await view.setViewportSize(VIEWPORT);
      const requests: string[] = [];
      // A remote image (the avatar) is asked for and refused by the CSP: only what was actually loaded counts.
      view.on('requestfinished', (request) => requests.push(request.url()));
      const served = server.requests.length;
      await view.goto(pathToFileURL(join(dir, 'post.html')).href);
      await view.waitForLoadState('load');
      // Every image that shows a captured file loaded from the folder, under the snapshot's CSP: an <img> (X) or a
      // CSS background (Telegram's photos) pointing at media/…. (A remote background that was not captured, such as
      // an avatar, keeps its data-postproof-background attribute but no image.)
      const linked = await view.locator('img[data-postproof-src], [data-postproof-background]').evaluateAll(async (elements) =>
        (
          await Promise.all(
            elements.map(async (element) => {
              if (element instanceof HTMLImageElement) return { src: element.getAttribute('src'), loaded: element.naturalWidth > 0 };
              const url = /url\("?([^")]+)"?\)/.exec(getComputedStyle(element).backgroundImage)?.[1];
              if (!url) return undefined;
              const image = new Image();
              image.src = url;
              const loaded = await image.decode().then(() => image.naturalWidth > 0, () => false);
              return { src: url.replace(/^file:.*?\/(media\/)/, '$1'), loaded };
            }),
          )
        ).filter((image) => image !== undefined),
      );
      const capturedImages = record.artifacts.filter((a) => a.role === 'media' && a.mediaType.startsWith('image/'));
      if (fixture.key !== 'video') expect(linked.length).toBeGreaterThanOrEqual(Math.min(1, capturedImages.length));
      for (const image of linked) expect(image, JSON.stringify(image)).toMatchObject({ loaded: true, src: expect.stringMatching(/^media\//) });
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
      expect(server.requests.slice(served).filter((r) => r.host !== 'accounts.google.com')).toEqual([]);

      const rendered = await view.locator('body > *').first().screenshot({ animations: 'disabled' });
      const comparison = await comparePngs(view, files.get('screenshot.png')!, rendered);
      if (process.env.FIDELITY_DUMP) {
        writeFileSync(join(process.env.FIDELITY_DUMP, `${fixture.key}-shot.png`), files.get('screenshot.png')!);
        writeFileSync(join(process.env.FIDELITY_DUMP, `${fixture.key}-html.png`), rendered);
      }
      const mediaBytes = record.artifacts.filter((a) => a.role === 'media').reduce((sum, a) => sum + a.bytes, 0);
      fidelity.push({ page: fixture.file, similarity: comparison.similarity, shot: `${comparison.a.width}×${comparison.a.height}`, media: mediaBytes });
      await view.close();
      expect(comparison.similarity).toBeGreaterThan(floor(fixture.key));
    });
  }

  it('prints the fidelity figures', () => {
    for (const row of fidelity) {
      console.log(`[fidelity] ${row.page}: ${(row.similarity * 100).toFixed(1)}% similar pixels (screenshot ${row.shot}), media ${row.media} bytes`);
    }
    expect(fidelity.length).toBeGreaterThan(0);
  });

  it.skipIf(!hasFfmpeg)('keeps an HLS stream: the playlists and every segment of the best variant, byte for byte, and they join', async () => {
    const id = captured.get('video')!;
    const record = await recordFromStore(browser, id);
    const media = record.artifacts.filter((a) => a.role === 'media' && a.sourceUrl?.startsWith('https://video.twimg.com/'));
    const expected = ['master.m3u8', 'high/index.m3u8', ...[...hlsFiles.keys()].filter((p) => p.startsWith('high/seg')).sort()];
    expect(media.map((a) => a.sourceUrl!.slice(`https://video.twimg.com${hlsPath}`.length)).sort()).toEqual([...expected].sort());
    for (const artifact of media) {
      const served = hlsFiles.get(artifact.sourceUrl!.slice(`https://video.twimg.com${hlsPath}`.length))!;
      expect(artifact.sha256).toBe(sha256(served));
      expect(artifact.bytes).toBe(served.length);
    }
    const playlist = media.find((a) => a.path.endsWith('high/index.m3u8'))!;
    expect(playlist.note).toContain(`ffmpeg -i ${playlist.path} -c copy out.mp4`);
    expect(record.missing.filter((m) => m.role === 'media')).toEqual([]);
    console.log(`[fidelity] HLS: ${media.length} files, ${media.reduce((s, a) => s + a.bytes, 0)} bytes`);

    // The note's command works on the capture's folder as exported.
    const dir = writeCaptureFolder(await artifactsFromStore(browser, id));
    work.push(dir);
    const joined = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', playlist.path, '-c', 'copy', 'out.mp4'], { cwd: dir });
    expect(joined.status, joined.stderr.toString()).toBe(0);
    expect(existsSync(join(dir, 'out.mp4'))).toBe(true);
  });

  it('shows snapshot and screenshot side by side in the viewer, the snapshot sandboxed without scripts', async () => {
    const id = captured.get('image')!;
    const viewer = await browser.context.newPage();
    await viewer.goto(browser.extensionUrl(`viewer.html?capture=${id}`));
    const frame = viewer.getByTestId('viewer-snapshot');
    await expect.poll(() => frame.count()).toBe(1);
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('srcdoc')).toMatch(/<img [^>]*src="data:image\/jpeg;base64,/);
    const shot = viewer.getByTestId('viewer-screenshot');
    await expect.poll(() => shot.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    const inner = viewer.frames().find((f) => f !== viewer.mainFrame());
    await expect.poll(async () => inner!.locator('img[data-postproof-src]').first().evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    // The shown copy is a picture of the post: no link to follow (a click would take the frame, and a request from the
    // investigator's machine, to the platform) and nothing for Tab to walk through.
    expect(await inner!.locator('a[href], area[href]').count()).toBe(0);
    const links = inner!.locator('a[data-postproof-href]');
    expect(await links.count()).toBeGreaterThan(0);
    expect(await inner!.locator('a, button, input, [tabindex]:not([tabindex="-1"])').evaluateAll((els) => els.filter((el) => el.getAttribute('tabindex') !== '-1').length)).toBe(0);
    await links.first().click({ force: true });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(viewer.frames().find((f) => f !== viewer.mainFrame())?.url()).toBe('about:srcdoc');
    await viewer.close();
  });
});
