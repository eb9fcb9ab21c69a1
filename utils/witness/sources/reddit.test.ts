// The Reddit listing witness. Served bodies have the shape of a permalink's .json as Reddit serves it (an array of
// two Listings, the post a `t3` child; field names as in https://www.reddit.com/dev/api/ and PRAW's Submission model,
// https://praw.readthedocs.io/en/stable/code_overview/models/submission.html; a public saved example:
// https://pastebin.com/NYy7kbmW, "RedditFetch - example output 2"), with the values of the adapter's fixtures.
import { describe, expect, it } from 'vitest';
import { redditFixtures } from '../../platforms/reddit.fixtures';
import { redditSource } from './reddit';
import { expectedOf, kept, runSteps } from './test-support';

const gif = expectedOf(redditFixtures, 0);
const selfDeleted = expectedOf(redditFixtures, 1);
const video = expectedOf(redditFixtures, 2);
const shreddit = expectedOf(redditFixtures, 3);
const oldReddit = expectedOf(redditFixtures, 4);
const URL_ = 'https://www.reddit.com/r/pics/comments/1c2d3e4/morning_fog_over_the_harbour.json?raw_json=1';

function listing(post: Record<string, unknown>): unknown[] {
  return [
    { kind: 'Listing', data: { after: null, dist: 1, modhash: '', geo_filter: '', children: [{ kind: 't3', data: post }], before: null } },
    { kind: 'Listing', data: { after: null, dist: null, modhash: '', geo_filter: '', children: [], before: null } },
  ];
}

function imagePost(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    approved_at_utc: null,
    subreddit: 'pics',
    selftext: 'Taken from the north pier at 6am.\n\nNo filter 🌫️',
    author_fullname: 't2_8k2m4n',
    title: 'Morning fog over the harbour',
    name: 't3_1c2d3e4',
    post_hint: 'image',
    selftext_html: '<!-- SC_OFF --><div class="md"><p>Taken from the north pier at 6am.</p>\n\n<p>No filter 🌫️</p>\n</div><!-- SC_ON -->',
    is_self: false,
    domain: 'i.redd.it',
    removed_by_category: null,
    id: '1c2d3e4',
    author: 'harbour_watcher',
    permalink: '/r/pics/comments/1c2d3e4/morning_fog_over_the_harbour/',
    url: 'https://i.redd.it/q8w2e4r6t8y1.jpeg',
    created_utc: 1715623267.0,
    is_video: false,
    media: null,
    secure_media: null,
    preview: {
      images: [
        {
          source: { url: 'https://preview.redd.it/q8w2e4r6t8y1.jpeg?auto=webp&s=0123abcd', width: 3024, height: 4032 },
          resolutions: [],
          variants: {},
          id: 'xYz-PreviewIdOfTheUpload',
        },
      ],
      enabled: true,
    },
    ...overrides,
  };
}

describe('reddit-json', () => {
  it('asks www.reddit.com for the permalink’s .json with raw_json=1, whichever Reddit the page was on', () => {
    const { requests, end } = runSteps(redditSource, shreddit, () => ({ status: 200, body: listing(imagePost()) }));
    expect(requests).toEqual([{ url: URL_, accept: 'application/json', name: 'listing', ext: 'json' }]);
    expect(end).toEqual({ done: true });
    expect(redditSource.next(oldReddit, [])).toMatchObject({
      request: { url: 'https://www.reddit.com/r/AskHistorians/comments/9x8y7z/how_were_letters_dated_before_calendars_agreed.json?raw_json=1' },
    });
    expect(redditSource.next({ platform: 'reddit', id: 'abc12' }, [])).toMatchObject({ request: { url: 'https://www.reddit.com/comments/abc12.json?raw_json=1' } });
    expect(redditSource.next({ platform: 'reddit', url: 'https://www.reddit.com/r/pics/' }, [])).toHaveProperty('unavailable');
  });

  it('reads an image post as the page shows it: title and body paragraphs, author, time, the upload', async () => {
    const reading = await redditSource.read(shreddit, [kept('listing', URL_, 200, listing(imagePost()))]);
    expect(reading).toEqual({
      kind: 'served',
      fields: {
        authorId: shreddit.author!.id,
        authorHandle: shreddit.author!.handle,
        postId: shreddit.id,
        text: shreddit.text,
        // created_utc is whole seconds; the page's attribute has milliseconds.
        postedAt: '2024-05-13T18:01:07.000Z',
        mediaCount: 1,
        mediaIds: ['q8w2e4r6t8y1'],
      },
    });
    expect(redditSource.mediaIdOf(shreddit.media![0]!.url)).toBe('q8w2e4r6t8y1');
  });

  it('ids a linked GIF by its preview image, the stem of the external-preview MP4 the page plays', async () => {
    const post = imagePost({
      id: '4vv0sa',
      name: 't3_4vv0sa',
      author: 'PlanetaryCough',
      author_fullname: 't2_zzzz',
      title: gif.text,
      selftext: '',
      selftext_html: null,
      post_hint: 'link',
      url: 'http://i.imgur.com/2j2hXL0.gifv',
      preview: {
        images: [
          {
            source: { url: 'https://external-preview.redd.it/sKJFPLamiRPOW5u7NTch3ykbFYMwqI5Qr0zlCINMTfU.gif?s=1', width: 320, height: 180 },
            variants: { mp4: { source: { url: 'https://external-preview.redd.it/sKJFPLamiRPOW5u7NTch3ykbFYMwqI5Qr0zlCINMTfU.gif?format=mp4&s=2' } } },
            id: 'sKJFPLamiRPOW5u7NTch3ykbFYMwqI5Qr0zlCINMTfU',
          },
        ],
      },
    });
    const reading = await redditSource.read(gif, [kept('listing', URL_, 200, listing(post))]);
    expect(reading).toMatchObject({ kind: 'served', fields: { text: gif.text, mediaCount: 1, mediaIds: ['sKJFPLamiRPOW5u7NTch3ykbFYMwqI5Qr0zlCINMTfU'] } });
    expect(redditSource.mediaIdOf(gif.media![0]!.url)).toBe('sKJFPLamiRPOW5u7NTch3ykbFYMwqI5Qr0zlCINMTfU');
  });

  it('reads a v.redd.it video by its id, and a deleted author as no author', async () => {
    const post = imagePost({
      id: 'aybtf7',
      name: 't3_aybtf7',
      author: '[deleted]',
      author_fullname: undefined,
      title: video.text,
      selftext: '',
      selftext_html: null,
      is_video: true,
      url: 'https://v.redd.it/kwhzxoz5rok21',
      secure_media: { reddit_video: { fallback_url: 'https://v.redd.it/kwhzxoz5rok21/DASH_720.mp4?source=fallback', hls_url: 'https://v.redd.it/kwhzxoz5rok21/HLSPlaylist.m3u8' } },
      preview: undefined,
    });
    const reading = await redditSource.read(video, [kept('listing', URL_, 200, listing(post))]);
    expect(reading).toEqual({ kind: 'served', fields: { postId: 'aybtf7', text: video.text, postedAt: '2024-05-13T18:01:07.000Z', mediaCount: 1, mediaIds: ['kwhzxoz5rok21'] } });
    expect(redditSource.mediaIdOf(video.media![1]!.url)).toBe('kwhzxoz5rok21');
    expect(redditSource.mediaIdOf(video.media![0]!.url)).toBeUndefined();
  });

  it('reads a gallery in its own order, and a title-only self post with no media', async () => {
    const gallery = imagePost({
      is_gallery: true,
      url: 'https://www.reddit.com/gallery/1c2d3e4',
      gallery_data: { items: [{ media_id: 'bbb222', id: 2 }, { media_id: 'aaa111', id: 1 }] },
      media_metadata: { aaa111: { status: 'valid', e: 'Image', m: 'image/jpg' }, bbb222: { status: 'valid', e: 'Image', m: 'image/png' } },
    });
    expect(await redditSource.read(shreddit, [kept('listing', URL_, 200, listing(gallery))])).toMatchObject({ fields: { mediaCount: 2, mediaIds: ['bbb222', 'aaa111'] } });
    const self = imagePost({ title: selfDeleted.text, selftext: '', selftext_html: null, is_self: true, url: 'https://www.reddit.com/r/AskReddit/comments/axtih6/x/', preview: undefined, post_hint: undefined });
    expect(await redditSource.read(selfDeleted, [kept('listing', URL_, 200, listing(self))])).toMatchObject({ fields: { text: selfDeleted.text, mediaCount: 0, mediaIds: [] } });
    expect(redditSource.mediaIdOf('https://preview.redd.it/morning-fog-v0-q8w2e4r6t8y1.jpeg?width=640')).toBe('q8w2e4r6t8y1');
  });

  it('says why a removed or deleted post is not served', async () => {
    const removed = await redditSource.read(shreddit, [kept('listing', URL_, 200, listing(imagePost({ removed_by_category: 'moderator', selftext: '[removed]' })))]);
    expect(removed).toEqual({ kind: 'not-served', reason: expect.stringMatching(/removed by the subreddit's moderators/) });
    const deleted = await redditSource.read(shreddit, [kept('listing', URL_, 200, listing(imagePost({ selftext: '[deleted]', author: '[deleted]' })))]);
    expect(deleted).toEqual({ kind: 'not-served', reason: expect.stringMatching(/\[deleted\]/) });
  });

  it('tells a login wall (403 with a reason) from a blocked client (403 without), and reads 404 as not served', async () => {
    const wall = await redditSource.read(shreddit, [kept('listing', URL_, 403, { reason: 'private', message: 'Forbidden', error: 403 })]);
    expect(wall).toEqual({ kind: 'not-served', reason: expect.stringMatching(/private subreddit.*login wall/) });
    const quarantined = await redditSource.read(shreddit, [kept('listing', URL_, 403, { reason: 'quarantined', message: 'Forbidden', error: 403 })]);
    expect(quarantined.kind === 'not-served' && quarantined.reason).toMatch(/quarantined/);
    const blocked = await redditSource.read(shreddit, [kept('listing', URL_, 403, '<!doctype html><title>Blocked</title>')]);
    expect(blocked).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/network security/) });
    const missing = await redditSource.read(shreddit, [kept('listing', URL_, 404, { message: 'Not Found', error: 404 })]);
    expect(missing).toMatchObject({ kind: 'not-served' });
  });

  it('reads a malformed body as unavailable, never a throw', async () => {
    expect(await redditSource.read(shreddit, [kept('listing', URL_, 200, '[{"kind": "Listing", "data": ')])).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/not JSON/) });
    expect(await redditSource.read(shreddit, [kept('listing', URL_, 200, [{ kind: 'Listing', data: { children: [{ kind: 't1', data: {} }] } }])])).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/no post/) });
    expect(await redditSource.read(shreddit, [kept('listing', URL_, 200, listing({ id: 7, title: ['x'], gallery_data: 'no', is_gallery: true, preview: { images: 'no' } }))])).toMatchObject({ kind: 'served' });
  });
});
