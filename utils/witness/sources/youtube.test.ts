// The YouTube witness. oEmbed bodies as in https://oembed.org/docs (YouTube's own example: title, author_name,
// author_url https://www.youtube.com/@…, type "video", thumbnail_url i.ytimg.com/vi/<id>/hqdefault.jpg, html iframe).
// The watch page holds `var ytInitialPlayerResponse = {…};` in a script, with playabilityStatus, videoDetails and
// microformat.playerMicroformatRenderer as yt-dlp's YouTube extractor reads them (yt_dlp/extractor/youtube). Values
// are the adapter's rendered-page fixture's (ElixirConf 2016 keynote).
import { describe, expect, it } from 'vitest';
import { youtubeFixtures } from '../../platforms/youtube.fixtures';
import { expectedOf, kept, runSteps } from './test-support';
import { balancedObject, playerResponseOf, youtubeSource } from './youtube';

const keynote = expectedOf(youtubeFixtures, 1);
const OEMBED = 'https://www.youtube.com/oembed?url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DsrtMWzyqdp8&format=json';
const WATCH = 'https://www.youtube.com/watch?v=srtMWzyqdp8&hl=en';

const oembed = {
  title: 'ElixirConf 2016 - Keynote by José Valim',
  author_name: 'Confreaks',
  author_url: 'https://www.youtube.com/@Confreaks',
  type: 'video',
  height: 113,
  width: 200,
  version: '1.0',
  provider_name: 'YouTube',
  provider_url: 'https://www.youtube.com/',
  thumbnail_height: 360,
  thumbnail_width: 480,
  thumbnail_url: 'https://i.ytimg.com/vi/srtMWzyqdp8/hqdefault.jpg',
  html: '<iframe width="200" height="113" src="https://www.youtube.com/embed/srtMWzyqdp8?feature=oembed" frameborder="0" allowfullscreen title="ElixirConf 2016 - Keynote by José Valim"></iframe>',
};

function player(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    responseContext: { serviceTrackingParams: [] },
    playabilityStatus: { status: 'OK', playableInEmbed: true, contextParams: 'Q0FFU0FnZ0M=' },
    videoDetails: {
      videoId: 'srtMWzyqdp8',
      title: 'ElixirConf 2016 - Keynote by José Valim',
      lengthSeconds: '3432',
      keywords: ['elixir', 'elixirconf'],
      channelId: 'UCWnPjmqvljcafA0z2U1fwKQ',
      isOwnerViewing: false,
      shortDescription: 'Keynote by José Valim',
      isCrawlable: true,
      thumbnail: { thumbnails: [{ url: 'https://i.ytimg.com/vi/srtMWzyqdp8/hqdefault.jpg', width: 480, height: 360 }] },
      allowRatings: true,
      viewCount: '21843',
      author: 'Confreaks',
      isPrivate: false,
      isUnpluggedCorpus: false,
      isLiveContent: false,
    },
    microformat: {
      playerMicroformatRenderer: {
        thumbnail: { thumbnails: [{ url: 'https://i.ytimg.com/vi/srtMWzyqdp8/maxresdefault.jpg', width: 1280, height: 720 }] },
        title: { simpleText: 'ElixirConf 2016 - Keynote by José Valim' },
        description: { simpleText: 'Keynote by José Valim' },
        ownerProfileUrl: 'http://www.youtube.com/user/Confreaks',
        externalChannelId: 'UCWnPjmqvljcafA0z2U1fwKQ',
        isFamilySafe: true,
        publishDate: '2016-09-27',
        uploadDate: '2016-09-27',
        ownerChannelName: 'Confreaks',
      },
    },
    ...overrides,
  };
}

function watchPage(response: unknown): string {
  return (
    '<!DOCTYPE html><html lang="en"><head><title>ElixirConf 2016 - Keynote by José Valim - YouTube</title></head><body>' +
    `<script nonce="abc">var ytInitialPlayerResponse = ${JSON.stringify(response)};var meta = document.createElement('meta'); meta.name = 'referrer';</script>` +
    '<script nonce="abc">var ytInitialData = {"contents":{}};</script></body></html>'
  );
}

describe('youtube-oembed', () => {
  it('asks the oEmbed, then the watch page in English', () => {
    const { requests, end } = runSteps(youtubeSource, keynote, (request) => ({ status: 200, body: request.name === 'oembed' ? oembed : watchPage(player()) }));
    expect(requests).toEqual([
      { url: OEMBED, accept: 'application/json', name: 'oembed', ext: 'json' },
      { url: WATCH, accept: 'text/html', name: 'watch', ext: 'html' },
    ]);
    expect(end).toEqual({ done: true });
    // A comment's record: the video of its URL.
    expect(youtubeSource.next({ platform: 'youtube', id: 'UgxComment', url: 'https://www.youtube.com/watch?v=srtMWzyqdp8&lc=UgxComment' }, [])).toMatchObject({ request: { url: OEMBED } });
    expect(youtubeSource.next({ platform: 'youtube', url: 'https://www.youtube.com/@Confreaks' }, [])).toHaveProperty('unavailable');
  });

  it('reads the player response as the page shows the video: title and description, channel, date, the video', async () => {
    const reading = await youtubeSource.read(keynote, [kept('oembed', OEMBED, 200, oembed), kept('watch', WATCH, 200, watchPage(player()))]);
    expect(reading).toEqual({
      kind: 'served',
      fields: { authorId: keynote.author!.id, authorHandle: 'Confreaks', postId: 'srtMWzyqdp8', text: keynote.text, postedAt: '2016-09-27', mediaCount: 1, mediaIds: ['srtMWzyqdp8'] },
    });
    expect(youtubeSource.mediaIdOf(keynote.media![0]!.url)).toBe('srtMWzyqdp8');
    expect(youtubeSource.mediaIdOf(keynote.media![1]!.url)).toBeUndefined();
  });

  it('finds the object’s end past braces and quotes inside strings, and writes a full time in UTC', async () => {
    const tricky = player({ videoDetails: { ...(player().videoDetails as object), title: 'a } "b" {c', shortDescription: '' } });
    tricky.microformat = { playerMicroformatRenderer: { publishDate: '2016-09-27T09:00:00-07:00' } };
    const reading = await youtubeSource.read(keynote, [kept('watch', WATCH, 200, watchPage(tricky))]);
    expect(reading).toMatchObject({ kind: 'served', fields: { text: 'a } "b" {c', postedAt: '2016-09-27T16:00:00.000Z' } });
    expect(balancedObject('x = {"a": "}\\"{"} tail', 4)).toBe('{"a": "}\\"{"}');
  });

  it('reads an unplayable video as not served with YouTube’s reason', async () => {
    const privateVideo = player({ playabilityStatus: { status: 'LOGIN_REQUIRED', reason: 'This video is private' }, videoDetails: undefined });
    expect(await youtubeSource.read(keynote, [kept('oembed', OEMBED, 401, 'Unauthorized'), kept('watch', WATCH, 200, watchPage(privateVideo))])).toEqual({
      kind: 'not-served',
      reason: expect.stringContaining('LOGIN_REQUIRED: This video is private'),
    });
    const removed = player({ playabilityStatus: { status: 'ERROR', reason: 'Video unavailable' }, videoDetails: undefined });
    expect(await youtubeSource.read(keynote, [kept('watch', WATCH, 200, watchPage(removed))])).toMatchObject({ kind: 'not-served', reason: expect.stringContaining('Video unavailable') });
  });

  it('reads an upcoming premiere, described but not yet playable, as served', async () => {
    const upcoming = player({ playabilityStatus: { status: 'LIVE_STREAM_OFFLINE', reason: 'Premieres in 2 hours' } });
    expect(await youtubeSource.read(keynote, [kept('watch', WATCH, 200, watchPage(upcoming))])).toMatchObject({ kind: 'served', fields: { postId: 'srtMWzyqdp8' } });
  });

  it('falls back to the oEmbed’s status when the watch page says nothing', async () => {
    const consent = '<html><body><form action="https://consent.youtube.com/save">Before you continue to YouTube</form></body></html>';
    expect(await youtubeSource.read(keynote, [kept('oembed', OEMBED, 404, 'Not Found'), kept('watch', WATCH, 200, consent)])).toMatchObject({ kind: 'not-served', reason: expect.stringMatching(/404/) });
    expect(await youtubeSource.read(keynote, [kept('oembed', OEMBED, 401, 'Unauthorized'), kept('watch', WATCH, 200, consent)])).toMatchObject({ kind: 'not-served', reason: expect.stringMatching(/embedding is disabled/) });
    // A served oEmbed alone names the author, and claims no text: a title is not the whole text.
    expect(await youtubeSource.read(keynote, [kept('oembed', OEMBED, 200, oembed), kept('watch', WATCH, 200, consent)])).toEqual({ kind: 'served', fields: { authorHandle: 'Confreaks' } });
  });

  it('reads malformed bodies as unavailable, never a throw', async () => {
    const broken = '<script>var ytInitialPlayerResponse = {"videoDetails": {"videoId": "srtMWzyqdp8"';
    expect(playerResponseOf(broken)).toEqual({ error: expect.stringMatching(/never closes/) });
    const reading = await youtubeSource.read(keynote, [kept('oembed', OEMBED, 200, '{"title":'), kept('watch', WATCH, 200, broken)]);
    expect(reading).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/never closes.*not JSON/) });
    expect(await youtubeSource.read(keynote, [kept('watch', WATCH, 200, '<script>var ytInitialPlayerResponse = {not: json};</script>')])).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/not JSON/) });
  });
});
