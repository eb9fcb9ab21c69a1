// How the worker fetches a blob: video through the lead the page found (page/streams.ts): the tied stream's
// playlists and segments, or the video named in missing[] with the reason.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StreamLead } from '../../model';
import { fetchPostMedia } from './media';

const VIDEO_ID = '1755000000000000001';
const own = `https://video.twimg.com/amplify_video/${VIDEO_ID}`;

describe('fetching a blob: video through its lead', () => {
  const blob = 'blob:https://x.com/1234';
  const served: Record<string, string> = {
    [`${own}/pl/master.m3u8`]: '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=100000,RESOLUTION=320x180\nlow/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=1280x720\nhigh/index.m3u8\n',
    [`${own}/pl/high/index.m3u8`]: '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nseg0.ts\n#EXTINF:1,\nseg1.ts\n#EXT-X-ENDLIST\n',
    [`${own}/pl/high/seg0.ts`]: 'segment zero',
    [`${own}/pl/high/seg1.ts`]: 'segment one',
  };
  const requested: string[] = [];
  const fakeFetch = (async (input: string) => {
    requested.push(input);
    const body = served[input];
    if (body === undefined) return new Response('no', { status: 404 });
    return new Response(body, { headers: { 'content-type': input.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t' } });
  }) as unknown as typeof fetch;
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');

  it('keeps the tied stream (playlists and every segment of the best variant, hashed) and marks where its URL came from', async () => {
    requested.length = 0;
    const streams: StreamLead[] = [{ mediaUrl: blob, streamUrl: `${own}/pl/master.m3u8`, untied: 0 }];
    const result = await fetchPostMedia([{ kind: 'video', url: blob }], fakeFetch, { pageUrl: 'https://x.com/a/status/1', streams });
    expect(result.missing).toEqual([]);
    expect(result.files.map((f) => [f.entry.sourceUrl, f.entry.sha256])).toEqual(
      [`${own}/pl/master.m3u8`, `${own}/pl/high/index.m3u8`, `${own}/pl/high/seg0.ts`, `${own}/pl/high/seg1.ts`].map((url) => [url, sha(served[url]!)]),
    );
    const master = result.files[0]!.entry;
    expect(master.discoveredFrom).toBe('resource-timing');
    expect(master.note).toContain(blob);
    expect(result.files.slice(1).every((f) => f.entry.discoveredFrom === undefined)).toBe(true);
  });

  it('keeps the video in missing[] saying why, when no stream was tied or the tied one is off the media hosts', async () => {
    requested.length = 0;
    const untied = await fetchPostMedia([{ kind: 'video', url: blob }], fakeFetch, { streams: [{ mediaUrl: blob, untied: 2 }] });
    expect(untied.missing).toEqual([{ role: 'media', sourceUrl: blob, reason: expect.stringContaining("could not be tied to this post's video") }]);
    const none = await fetchPostMedia([{ kind: 'video', url: blob }], fakeFetch);
    expect(none.missing[0]!.reason).toContain('no stream that could be tied to it');
    const offHost = await fetchPostMedia([{ kind: 'video', url: blob }], fakeFetch, {
      streams: [{ mediaUrl: blob, streamUrl: 'https://tracker.example/amplify_video/1/pl/master.m3u8', untied: 0 }],
    });
    expect(offHost.missing[0]!.reason).toContain('tracker.example is not a media host of a supported platform');
    expect(requested).toEqual([]);
  });
});
