// The X witness. tweet-result bodies have the shape Vercel's react-tweet types for the syndication API
// (packages/react-tweet/src/api/types/tweet.ts; a saved live response of the same shape is public in
// rhaksw's reveddit, the "wydenTweetData" object: __typename, lang, created_at ISO, display_text_range, entities.urls
// {display_url, expanded_url, indices, url}, id_str, text, user {id_str, name, screen_name}, card {url,
// binding_values.card_url}, mediaDetails [{media_url_https, type, url, display_url}]). oEmbed bodies follow
// https://developer.twitter.com/en/docs/twitter-api/v1/tweets/post-and-engage/api-reference/get-statuses-oembed. Values are the adapter's fixtures'.
import { describe, expect, it } from 'vitest';
import { xFixtures } from '../../platforms/x.fixtures';
import { expectedOf, kept, runSteps } from './test-support';
import { syndicationToken, xSource } from './x';

const image = expectedOf(xFixtures, 0);
const video = expectedOf(xFixtures, 1);
const linkcard = expectedOf(xFixtures, 2);
const text = expectedOf(xFixtures, 3);
const TWEET = 'https://cdn.syndication.twimg.com/tweet-result?id=934106870834454529&token=x&lang=en';
const OEMBED = 'https://publish.twitter.com/oembed?url=x';
const points = (s: string): number => Array.from(s).length;

function tweetResult(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const shown = image.text!;
  return {
    __typename: 'Tweet',
    lang: 'es',
    favorite_count: 12,
    possibly_sensitive: false,
    created_at: '2017-11-24T17:10:07.000Z',
    display_text_range: [0, points(shown)],
    entities: {
      hashtags: [{ indices: [102, 117], text: 'codemotion2017' }],
      urls: [],
      user_mentions: [{ id_str: '15237838', indices: [47, 56], name: 'Patoroco', screen_name: 'patoroco' }],
      symbols: [],
      media: [{ display_url: 'pic.twitter.com/Rl2ZbJ3B9X', expanded_url: 'https://twitter.com/UaSmart/status/934106870834454529/photo/1', indices: [points(shown) + 1, points(shown) + 24], url: 'https://t.co/Rl2ZbJ3B9X' }],
    },
    id_str: '934106870834454529',
    text: `${shown} https://t.co/Rl2ZbJ3B9X`,
    user: { id_str: '3296571957', name: 'SmartUA', profile_image_url_https: 'https://pbs.twimg.com/profile_images/733245636875853829/RdQsE5po_normal.jpg', screen_name: 'UaSmart', verified: false, is_blue_verified: false },
    edit_control: { edit_tweet_ids: ['934106870834454529'], editable_until_msecs: '1511545207000', is_edit_eligible: false, edits_remaining: '5' },
    mediaDetails: [
      {
        display_url: 'pic.twitter.com/Rl2ZbJ3B9X',
        expanded_url: 'https://twitter.com/UaSmart/status/934106870834454529/photo/1',
        ext_media_availability: { status: 'Available' },
        indices: [points(shown) + 1, points(shown) + 24],
        media_url_https: 'https://pbs.twimg.com/media/DPadOKpXcAIL-NW.jpg',
        original_info: { height: 1536, width: 2048 },
        type: 'photo',
        url: 'https://t.co/Rl2ZbJ3B9X',
      },
    ],
    photos: [{ backgroundColor: { red: 204, green: 214, blue: 221 }, cropCandidates: [], expandedUrl: 'https://twitter.com/UaSmart/status/934106870834454529/photo/1', url: 'https://pbs.twimg.com/media/DPadOKpXcAIL-NW.jpg', width: 2048, height: 1536 }],
    conversation_count: 0,
    news_action_type: 'conversation',
    isEdited: false,
    isStaleEdit: false,
    ...overrides,
  };
}

describe('x-syndication', () => {
  it('computes the widget’s token from the id (the value clients observe for tweet 20)', () => {
    expect(syndicationToken('20')).toBe('6dq1a2xwd93');
    expect(syndicationToken('934106870834454529')).toMatch(/^[a-z1-9]+$/);
  });

  it('asks tweet-result, then the oEmbed of the canonical x.com URL', () => {
    const { requests, end } = runSteps(xSource, image, () => ({ status: 200, body: tweetResult() }));
    expect(requests.map((r) => r.name)).toEqual(['tweet-result', 'oembed']);
    expect(requests[0]!.url).toBe(`https://cdn.syndication.twimg.com/tweet-result?id=934106870834454529&token=${syndicationToken('934106870834454529')}&lang=en`);
    expect(new URL(requests[1]!.url).searchParams.get('url')).toBe('https://x.com/UaSmart/status/934106870834454529');
    expect(requests[1]!.url).toContain('omit_script=1&dnt=true');
    expect(end).toEqual({ done: true });
    expect(xSource.next({ platform: 'x', url: 'https://x.com/home' }, [])).toHaveProperty('unavailable');
  });

  it('reads a photo post as the page shows it: the trailing media link dropped, the upload’s id', async () => {
    const reading = await xSource.read(image, [kept('tweet-result', TWEET, 200, tweetResult())]);
    expect(reading).toEqual({
      kind: 'served',
      fields: { authorId: '3296571957', authorHandle: 'UaSmart', postId: image.id, text: image.text, postedAt: image.postedAt, mediaCount: 1, mediaIds: ['DPadOKpXcAIL-NW'] },
    });
    expect(xSource.mediaIdOf(image.media![0]!.url)).toBe('DPadOKpXcAIL-NW');
    expect(xSource.mediaIdOf(video.media![0]!.url)).toBe('DRg1OMRVwAEuwTK');
    expect(xSource.mediaIdOf(linkcard.media![0]!.url)).toBeUndefined();
  });

  it('drops a link card’s t.co link, expands other links, hides reply mentions, decodes &amp;', async () => {
    const card = tweetResult({
      text: `${linkcard.text} https://t.co/AbCdEfGhIj`,
      display_text_range: [0, points(linkcard.text!) + 24],
      entities: { urls: [{ display_url: 'forbes.com/sites/x…', expanded_url: 'https://www.forbes.com/sites/x', indices: [points(linkcard.text!) + 1, points(linkcard.text!) + 24], url: 'https://t.co/AbCdEfGhIj' }] },
      card: { name: 'summary_large_image', url: 'https://t.co/AbCdEfGhIj', binding_values: { card_url: { string_value: 'https://t.co/AbCdEfGhIj', type: 'STRING' } } },
      mediaDetails: undefined,
    });
    expect(await xSource.read(linkcard, [kept('tweet-result', TWEET, 200, card)])).toMatchObject({ fields: { text: linkcard.text, mediaCount: 0, mediaIds: [] } });

    const reply = tweetResult({
      text: '@someone Read this &amp; that: https://t.co/xyz123 🧵',
      display_text_range: [9, 52],
      entities: { urls: [{ url: 'https://t.co/xyz123', expanded_url: 'https://example.org/a', display_url: 'example.org/a', indices: [31, 50] }] },
      mediaDetails: [],
    });
    expect(await xSource.read(image, [kept('tweet-result', TWEET, 200, reply)])).toMatchObject({ fields: { text: 'Read this & that: https://example.org/a 🧵' } });
  });

  it('drops the trailing permalink of a quoted post, drawn as the quote', async () => {
    const quoting = tweetResult({
      text: 'Worth reading https://t.co/QuoteLink1',
      display_text_range: [0, 37],
      entities: { urls: [{ url: 'https://t.co/QuoteLink1', expanded_url: 'https://twitter.com/verge/status/957383241714970624', display_url: 'twitter.com/verge/status/9…', indices: [14, 37] }] },
      quoted_tweet: { id_str: '957383241714970624', text: 'Is it bad to blow into game cartridges?' },
      mediaDetails: [],
    });
    expect(await xSource.read(image, [kept('tweet-result', TWEET, 200, quoting)])).toMatchObject({ fields: { text: 'Worth reading' } });
  });

  it('reads a tombstone and a 404 as not served, with the tombstone’s words', async () => {
    const tombstone = { __typename: 'TweetTombstone', tombstone: { text: { text: 'This Post is from an account that no longer exists. Learn more', entities: [], rtl: false } } };
    expect(await xSource.read(text, [kept('tweet-result', TWEET, 200, tombstone)])).toEqual({ kind: 'not-served', reason: expect.stringContaining('account that no longer exists') });
    expect(await xSource.read(text, [kept('tweet-result', TWEET, 404, ''), kept('oembed', OEMBED, 404, '')])).toMatchObject({ kind: 'not-served', reason: expect.stringMatching(/404/) });
  });

  it('falls back to the oEmbed when tweet-result is unusable', async () => {
    const oembed = {
      url: 'https://twitter.com/realDonaldTrump/status/1222907250383245320',
      author_name: 'Donald J. Trump',
      author_url: 'https://twitter.com/realDonaldTrump',
      html: `<blockquote class="twitter-tweet"><p lang="en" dir="ltr">“Schiff blasted for not focusing on California homeless.” <a href="https://twitter.com/foxandfriends?ref_src=twsrc%5Etfw">@foxandfriends</a>  His District is in terrible shape. He is a corrupt pol who only dreams of the Impeachment Hoax. In my opinion he is mentally deranged!</p>&mdash; Donald J. Trump (@realDonaldTrump) <a href="https://twitter.com/realDonaldTrump/status/1222907250383245320?ref_src=twsrc%5Etfw">January 30, 2020</a></blockquote>\n`,
      width: 550,
      height: null,
      type: 'rich',
      cache_age: '3153600000',
      provider_name: 'Twitter',
      provider_url: 'https://twitter.com',
      version: '1.0',
    };
    const reading = await xSource.read(text, [kept('tweet-result', TWEET, 403, '{"error":"Forbidden"}'), kept('oembed', OEMBED, 200, oembed)]);
    expect(reading).toEqual({ kind: 'served', fields: { authorHandle: 'realDonaldTrump', postId: text.id, text: text.text } });
    const photo = { ...oembed, html: '<blockquote class="twitter-tweet"><p lang="es" dir="ltr">Hola <a href="https://t.co/Rl2ZbJ3B9X">pic.twitter.com/Rl2ZbJ3B9X</a></p>&mdash; SmartUA (@UaSmart)</blockquote>' };
    expect(await xSource.read(text, [kept('tweet-result', TWEET, 200, 'not json'), kept('oembed', OEMBED, 200, photo)])).toMatchObject({ fields: { text: 'Hola' } });
    // Since 2026 the oEmbed names x.com URLs.
    const onX = { ...oembed, url: 'https://x.com/realDonaldTrump/status/1222907250383245320', author_url: 'https://x.com/realDonaldTrump' };
    expect(await xSource.read(text, [kept('tweet-result', TWEET, 500, ''), kept('oembed', OEMBED, 200, onX)])).toMatchObject({ fields: { authorHandle: 'realDonaldTrump', postId: text.id } });
  });

  it('reads malformed bodies as unavailable, never a throw', async () => {
    const reading = await xSource.read(text, [kept('tweet-result', TWEET, 200, '{"__typename":'), kept('oembed', OEMBED, 200, '<html>')]);
    expect(reading).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/not JSON.*not JSON/) });
    expect(await xSource.read(text, [kept('tweet-result', TWEET, 200, tweetResult({ text: 5, display_text_range: 'x', entities: [], user: null, mediaDetails: 'x' }))])).toMatchObject({ kind: 'served', fields: { postId: image.id } });
    expect(await xSource.read(text, [])).toMatchObject({ kind: 'unavailable' });
  });
});
