// The stream behind a blob: video, end to end in Chromium: the real X video page under its real URL, its <video>
// keeping its blob: source, and a small page script that loads an ffmpeg-made HLS stream from video.twimg.com as a
// player does. The content script reads the page's Resource Timing entries (no permission), the X rule ties the
// stream to the post by the video id in the poster, and the capture keeps the playlists and every segment of the best
// variant byte for byte. A stream of another video on the page is not taken: the video stays in missing[].
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePage, hasFixturePages } from './fixtures';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { startFixtureServer, stripScripts, xFixtures, type FixtureServer } from './support/fixture-server';
import { hasFfmpeg, makeHlsStream } from './support/hls-stream';
import { recordFromStore } from './support/store-reader';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** Made-up X media ids: the post's video (named by its poster) and another video on the same page. */
const VIDEO_ID = '1755000000000000001';
const OTHER_ID = '1755000000000000002';
const BLOB = 'blob:https://x.com/ae91e416-b593-411d-85de-1dd20a3fe182';
const streamBase = (id: string) => `https://video.twimg.com/amplify_video/${id}/pl/`;

/** What a player does first: fetch the master playlist, then the best variant's playlist and its segments. */
const playerScript = `<script>
(async () => {
  const id = new URLSearchParams(location.search).get('stream');
  const base = 'https://video.twimg.com/amplify_video/' + id + '/pl/';
  const uris = (text) => text.split('\\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const master = await (await fetch(base + 'master.m3u8')).text();
  const variant = uris(master).pop();
  const playlist = await (await fetch(base + variant)).text();
  const folder = base + variant.slice(0, variant.lastIndexOf('/') + 1);
  for (const segment of uris(playlist)) await (await fetch(folder + segment)).arrayBuffer();
  document.documentElement.dataset.streamLoaded = String(performance.getEntriesByType('resource').filter((e) => e.name.startsWith(base)).length);
})();
</script>`;

describe.skipIf(!hasFixturePages || !hasFfmpeg)('the stream behind a blob: video', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;
  let dir: string;
  let hlsFiles = new Map<string, Buffer>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'postproof-streams-'));
    hlsFiles = makeHlsStream(dir);
    server = await startFixtureServer([
      {
        host: 'video.twimg.com',
        path: /^\/amplify_video\/\d+\/pl\//,
        respond: ({ url }) => {
          const body = hlsFiles.get(url.pathname.replace(/^\/amplify_video\/\d+\/pl\//, ''));
          if (!body) return { status: 404, body: 'not found' };
          const type = url.pathname.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t';
          return { headers: { 'Content-Type': type, 'Access-Control-Allow-Origin': '*' }, body };
        },
      },
      // The real page, script-free, its video keeping its blob: source; its poster named the way X names a video's
      // still frame today (the saved 2018 page has an older /media/ poster, which names no video), plus the player.
      {
        host: 'x.com',
        path: xFixtures.video.path,
        respond: () => ({
          headers: { 'Content-Type': 'text/html; charset=utf-8' },
          body: stripScripts(readFileSync(fixturePage('x', xFixtures.video.file), 'utf8'))
            .replace(
              /(<video\b[^>]*\bposter=")https:\/\/pbs\.twimg\.com\/media\/DRg1OMRVwAEuwTK\.jpg"/,
              `$1https://pbs.twimg.com/amplify_video_thumb/${VIDEO_ID}/img/DRg1OMRVwAEuwTK.jpg"`,
            )
            .replace(/<\/body>/i, `${playerScript}</body>`),
        }),
      },
    ]);
    browser = await launchWithExtension({ extensionDir: buildExtensionOnce(), port: server.port });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the post with the player loading the stream of video `id`, waits for it, and preserves the post. */
  async function preserveWithStream(id: string): Promise<{ page: Page; captureId: string }> {
    const page = await browser.context.newPage();
    await page.goto(`${xFixtures.video.url}?stream=${id}`);
    expect(await page.locator('article[data-testid="tweet"] video source').getAttribute('src')).toBe(BLOB);
    // Every file the player fetched is in the page's Resource Timing entries: master, variant playlist, 3 segments.
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.streamLoaded), { timeout: 15_000 }).toBe('5');
    const button = page.getByTestId('postproof-preserve').first();
    await expect.poll(() => button.getAttribute('data-state')).toBe('idle');
    await button.click();
    await expect.poll(() => button.getAttribute('data-state'), { timeout: 30_000 }).toBe('saved');
    return { page, captureId: (await button.getAttribute('data-capture-id'))! };
  }

  it("keeps the post's own stream: the playlists and every segment of the best variant, byte for byte, noting where its URL came from", async () => {
    const { page, captureId } = await preserveWithStream(VIDEO_ID);
    const record = await recordFromStore(browser, captureId);
    const base = streamBase(VIDEO_ID);
    const media = record.artifacts.filter((a) => a.role === 'media' && a.sourceUrl?.startsWith(base));
    const expected = ['master.m3u8', 'high/index.m3u8', ...[...hlsFiles.keys()].filter((p) => p.startsWith('high/seg'))].sort();
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(media.map((a) => a.sourceUrl!.slice(base.length)).sort()).toEqual(expected);
    for (const artifact of media) {
      const served = hlsFiles.get(artifact.sourceUrl!.slice(base.length))!;
      expect(artifact.sha256).toBe(sha256(served));
      expect(artifact.bytes).toBe(served.length);
    }
    const master = media.find((a) => a.sourceUrl === `${base}master.m3u8`)!;
    expect(master.discoveredFrom).toBe('resource-timing');
    expect(master.note).toContain(BLOB);
    expect(media.filter((a) => a.discoveredFrom)).toHaveLength(1);
    expect(record.missing.filter((m) => m.role === 'media')).toEqual([]);
    console.log(`[streams] blob: video → ${base}master.m3u8: ${media.length} files, ${media.reduce((s, a) => s + a.bytes, 0)} bytes`);
    await page.close();
  });

  it("takes no stream of another video: the post's video stays in missing[] with the reason", async () => {
    const { page, captureId } = await preserveWithStream(OTHER_ID);
    const fetchedByPage = server.requests.filter((r) => r.host === 'video.twimg.com' && r.path.includes(OTHER_ID)).length;
    const record = await recordFromStore(browser, captureId);
    expect(record.artifacts.filter((a) => a.sourceUrl?.startsWith('https://video.twimg.com/'))).toEqual([]);
    expect(record.missing.filter((m) => m.role === 'media')).toEqual([
      { role: 'media', sourceUrl: BLOB, reason: expect.stringContaining("could not be tied to this post's video, so none was taken") },
    ]);
    // Only the page's player asked for the other video's files; PostProof did not.
    expect(fetchedByPage).toBe(5);
    await page.close();
  });
});
