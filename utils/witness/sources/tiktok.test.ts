// The TikTok oEmbed witness. Bodies as documented by TikTok for Developers, "Embed Videos"
// (https://developers.tiktok.com/doc/embed-videos: version, type, title, author_url, author_name, width, height,
// html, thumbnail_*, provider_*, author_unique_id, embed_product_id, embed_type), the values of the adapter's fixture.
import { describe, expect, it } from 'vitest';
import { tiktokFixtures } from '../../platforms/tiktok.fixtures';
import { expectedOf, kept, runSteps } from './test-support';
import { tiktokSource } from './tiktok';

const video = expectedOf(tiktokFixtures, 0);
const OEMBED = 'https://www.tiktok.com/oembed?url=https%3A%2F%2Fwww.tiktok.com%2F%40illojuan%2Fvideo%2F7571863205253778710';

const served = {
  version: '1.0',
  type: 'video',
  title: video.text,
  author_url: 'https://www.tiktok.com/@illojuan',
  author_name: 'IlloJuan',
  width: '100%',
  height: '100%',
  html: '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@illojuan/video/7571863205253778710" data-video-id="7571863205253778710" data-embed-from="oembed" style="max-width: 605px;min-width: 325px;" > <section> <a target="_blank" title="@illojuan" href="https://www.tiktok.com/@illojuan?refer=embed">@illojuan</a> <p>La nueva locurilla de fin de año…</p> </section> </blockquote> <script async src="https://www.tiktok.com/embed.js"></script>',
  thumbnail_width: 576,
  thumbnail_height: 1024,
  thumbnail_url: 'https://p16-pu-sign-no.tiktokcdn-eu.com/obj/tos-no1a-p-0037-no/ooUXSB6YvXBIAith9R4slXPiZqs4BNaA8UHIA?x-expires=1767265200&x-signature=abc',
  provider_url: 'https://www.tiktok.com',
  provider_name: 'TikTok',
  author_unique_id: 'illojuan',
  embed_product_id: '7571863205253778710',
  embed_type: 'video',
};

describe('tiktok-oembed', () => {
  it('asks the oEmbed of the canonical video URL, once', () => {
    const { requests, end } = runSteps(tiktokSource, video, () => ({ status: 200, body: served }));
    expect(requests).toEqual([{ url: OEMBED, accept: 'application/json', name: 'oembed', ext: 'json' }]);
    expect(end).toEqual({ done: true });
    expect(tiktokSource.next({ platform: 'tiktok', url: 'https://www.tiktok.com/foryou' }, [])).toHaveProperty('unavailable');
  });

  it('reads the handle, the video id and the caption', async () => {
    expect(await tiktokSource.read(video, [kept('oembed', OEMBED, 200, served)])).toEqual({
      kind: 'served',
      fields: { authorHandle: video.author!.handle, postId: video.id, text: video.text },
    });
    expect(tiktokSource.mediaIdOf(video.media![0]!.url)).toBeUndefined();
  });

  it('reads 400 and 404 as not served, with TikTok’s words', async () => {
    const gone = { code: 400, message: 'Something went wrong', status_msg: 'Something went wrong' };
    expect(await tiktokSource.read(video, [kept('oembed', OEMBED, 400, gone)])).toEqual({ kind: 'not-served', reason: expect.stringContaining('oEmbed 400: "Something went wrong"') });
    expect(await tiktokSource.read(video, [kept('oembed', OEMBED, 404, '')])).toMatchObject({ kind: 'not-served' });
    expect(await tiktokSource.read(video, [kept('oembed', OEMBED, 200, { code: 404, status_msg: 'Video not found' })])).toMatchObject({ kind: 'not-served', reason: expect.stringContaining('Video not found') });
  });

  it('reads malformed bodies as unavailable, never a throw', async () => {
    expect(await tiktokSource.read(video, [kept('oembed', OEMBED, 200, '<html>captcha</html>')])).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/not JSON/) });
    expect(await tiktokSource.read(video, [kept('oembed', OEMBED, 200, [1, 2])])).toMatchObject({ kind: 'unavailable' });
    expect(await tiktokSource.read(video, [kept('oembed', OEMBED, 200, { title: 'x' })])).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/embed_product_id/) });
    expect(await tiktokSource.read(video, [kept('oembed', OEMBED, 503, '')])).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/503/) });
  });
});
