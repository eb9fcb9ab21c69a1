// @vitest-environment node
// Links between posts (quote, repost, forward, reply-to) and profile headers, read from the real saved pages of the
// corpus (../shared/fixtures/pages), and the URL kinds every adapter tells apart.
import { describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../test/fixture-dom';
import { hasFixturePages } from '../../test/fixtures';
import type { PostRecord } from '../model';
import { adapterForUrl } from './index';
import { originalAvatarUrl, originalBannerUrl } from './x';

function postsOf(folder: string, file: string, pageUrl: string): Promise<PostRecord[]> {
  return withFixtureDocument(folder, file, pageUrl, (document) => {
    const adapter = adapterForUrl(new URL(pageUrl))!;
    return Array.from(document.querySelectorAll(adapter.postSelector)).map((post) => adapter.extract(post, new URL(pageUrl)));
  });
}

function profileOf(folder: string, file: string, pageUrl: string): Promise<{ record?: PostRecord; element?: string }> {
  return withFixtureDocument(folder, file, pageUrl, (document) => {
    const adapter = adapterForUrl(new URL(pageUrl))!;
    const element = adapter.profileElement?.(document);
    return { record: adapter.readProfile?.(document, new URL(pageUrl)), element: element?.textContent?.replace(/\s+/g, ' ').trim() };
  });
}

describe.skipIf(!hasFixturePages)('links on the real pages', () => {
  it('Telegram: a forwarded message links its source post, channel and name', async () => {
    const [post] = await postsOf('telegram', 'tme_s_message_forwarded_oper_goblin_22358_ru.any2feed.html', 'https://t.me/s/oper_goblin/22358');
    expect(post!.links).toEqual([
      { kind: 'forward', platform: 'telegram', id: '44604', url: 'https://t.me/dimsmirnov175/44604', author: { name: 'Пул N3', handle: 'dimsmirnov175', url: 'https://t.me/dimsmirnov175' } },
    ]);
    // The existing field stays as it was.
    expect(post!.quoted).toBe('https://t.me/dimsmirnov175/44604');
  });

  it('Telegram channel: the one reply links the message it answers; no other message has a link', async () => {
    const posts = await postsOf('telegram', 'tme_s_channel_clashreport_2026-08-24_en.ukraine_aggregator.html', 'https://t.me/s/ClashReport');
    const linked = posts.filter((post) => post.links);
    expect(linked.map((post) => [post.id, post.links])).toEqual([
      ['93433', [{ kind: 'reply-to', platform: 'telegram', id: '93428', url: 'https://t.me/ClashReport/93428', author: { name: 'Clash Report', handle: 'ClashReport', url: 'https://t.me/ClashReport' } }]],
    ]);
    expect(posts.find((post) => post.id === '93433')!.inReplyTo).toBe('https://t.me/ClashReport/93428');
  });

  it('X profile timeline: the quote tweet links the quoted tweet (from its photo link) and its author; "Pinned" is no repost', async () => {
    const posts = await postsOf('x', 'x_profile_timeline_kikobeats_2025-12_en.metascraper.html', 'https://x.com/Kikobeats');
    expect(posts.map((post) => post.url)).toEqual([
      'https://x.com/Kikobeats/status/1759241476758733209',
      'https://x.com/Kikobeats/status/1987508451887784324',
      'https://x.com/Kikobeats/status/1935738866390253649',
    ]);
    expect(posts.map((post) => post.links)).toEqual([
      undefined,
      undefined,
      [
        {
          kind: 'quote',
          platform: 'x',
          id: '1935417542534906135',
          url: 'https://x.com/rauchg/status/1935417542534906135',
          author: { name: 'Guillermo Rauch', handle: 'rauchg', url: 'https://x.com/rauchg' },
        },
      ],
    ]);
    // The quoted tweet's own "Replying to @rauchg" is the quoted tweet's, not a link of the quoting one.
    expect(posts[2]!.links!.some((link) => link.kind === 'reply-to')).toBe(false);
  });

  it('Bluesky thread: the one reply that embeds a post links it as a quote, with its author as the embed shows', async () => {
    const posts = await postsOf('bluesky', 'bsky_thread_linkcard_forbes_2026-01-26_en.metascraper.html', 'https://bsky.app/profile/forbes.com/post/3mdd7aj7pgs2x');
    expect(posts.filter((post) => post.links).map((post) => [post.url, post.links])).toEqual([
      [
        'https://bsky.app/profile/lafayette1111.bsky.social/post/3mdf5cwvahk2n',
        [
          {
            kind: 'quote',
            platform: 'bluesky',
            id: '3mdbjcl4fhk2z',
            url: 'https://bsky.app/profile/lafayette1111.bsky.social/post/3mdbjcl4fhk2z',
            author: { name: 'Johnny David Lafayette', handle: 'lafayette1111.bsky.social', url: 'https://bsky.app/profile/lafayette1111.bsky.social' },
          },
        ],
      ],
    ]);
  });

  it.each([
    ['x', 'x_status_image_UaSmart_2017-11-24_es.metascraper.html', 'https://x.com/UaSmart/status/934106870834454529'],
    ['x', 'x_status_text_realDonaldTrump_2020-01-30_en.metascraper.html', 'https://x.com/realDonaldTrump/status/1222907250383245320'],
    ['bluesky', 'bsky_thread_image_glendunlap_2026-01-27_en.metascraper.html', 'https://bsky.app/profile/glendunlap.bsky.social/post/3mdegyw3ves2t'],
    ['telegram', 'tme_s_message_album_anna_news_46908_ru.any2feed.html', 'https://t.me/s/anna_news/46908'],
    ['reddit', 'reddit_newreddit_gif_gifs_4vv0sa_captured2022_en.postlight.html', 'https://www.reddit.com/r/gifs/comments/4vv0sa/leonardo_dicaprio_scaring_jonah_hill_on_the/'],
  ])('%s %s shows no linked post, and none is invented', async (folder, file, url) => {
    const posts = await postsOf(folder, file, url);
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.filter((post) => post.links)).toEqual([]);
  });
});

describe.skipIf(!hasFixturePages)('profiles on the real pages', () => {
  it('X: the header of @Kikobeats as shown, avatar and banner at full resolution', async () => {
    const { record, element } = await profileOf('x', 'x_profile_timeline_kikobeats_2025-12_en.metascraper.html', 'https://x.com/Kikobeats');
    expect(record).toEqual({
      platform: 'x',
      kind: 'profile',
      url: 'https://x.com/Kikobeats',
      author: { name: 'Kiko Beats', handle: 'Kikobeats', id: '101198215', url: 'https://x.com/Kikobeats' },
      text: 'Building web infra & open source Running http://microlink.io · http://unavatar.io Formerly @vercel ▲',
      profile: {
        bio: 'Building web infra & open source Running http://microlink.io · http://unavatar.io Formerly @vercel ▲',
        counts: { Following: '406', Followers: '3,893', posts: '23.9K' },
        joined: 'Joined January 2010',
        avatarUrl: 'https://pbs.twimg.com/profile_images/2000931726244106244/Ty7-KT2j.jpg',
        bannerUrl: 'https://pbs.twimg.com/profile_banners/101198215/1642178805',
        location: 'PORT_ALREADY_USED',
        website: 'kikobeats.com',
      },
      media: [
        { kind: 'photo', url: 'https://pbs.twimg.com/profile_images/2000931726244106244/Ty7-KT2j.jpg' },
        { kind: 'photo', url: 'https://pbs.twimg.com/profile_banners/101198215/1642178805' },
      ],
    });
    // The header block: name, bio, counts; none of the timeline's tweets.
    expect(element).toContain('@Kikobeats');
    expect(element).toContain('3,893 Followers');
    expect(element).not.toContain('vercel.vercel.vercel.app');
  });

  it('X: a status page shows no profile header', async () => {
    const { record } = await profileOf('x', 'x_status_image_UaSmart_2017-11-24_es.metascraper.html', 'https://x.com/UaSmart/status/934106870834454529');
    expect(record).toBeUndefined();
  });

  it('Telegram: the channel header of t.me/s/ClashReport as shown', async () => {
    const { record, element } = await profileOf('telegram', 'tme_s_channel_clashreport_2026-08-24_en.ukraine_aggregator.html', 'https://t.me/s/ClashReport');
    const avatar =
      'https://cdn4.telesco.pe/file/t8Ua1rpopTRQthk2H4aJJLFAKiQNlXZy319O7qy0xhIjNKwInfcyJRnFI-1lt7x8Y3qbc11IL14UJOvGzUJ4zRHbRtxQ-Sc6E_4wN1ZFRE2K3pPV8EQf26POKwFcuz0tyYABjRcPfY-WINwkFKHLXQilkDF-6S90NYT0nKrelSjglWwB9h0s_JP5xSHn8RmG8tLWbDW9YjIkZlkg8K8-_0jVyJcUPADyVCcdBlh1PEwAUa2hRYvpYeKVw6o7KQEAUwSkxqrd3tYR4WrGOA-YjdZUD5Sw-y90xP6R7R38Focb9cyVvlmWQDGitWYomDShjAxotffxoVhlQwqUXATH_Q.jpg';
    const bio = 'Breaking news, reports, and opinions from ongoing clashes of the world.\nhttps://www.instagram.com/clashreportcr\nhttps://x.com/clashreport';
    expect(record).toEqual({
      platform: 'telegram',
      kind: 'profile',
      url: 'https://t.me/ClashReport',
      author: { name: 'Clash Report', handle: 'ClashReport', url: 'https://t.me/ClashReport' },
      text: bio,
      profile: { bio, counts: { subscribers: '110K', photos: '38.4K', videos: '34.6K', files: '26', links: '2.65K' }, avatarUrl: avatar },
      media: [{ kind: 'photo', url: avatar }],
    });
    expect(element).toContain('110K subscribers');
  });

  it('Telegram: a single-message page shows no channel header', async () => {
    const { record } = await profileOf('telegram', 'tme_s_message_forwarded_oper_goblin_22358_ru.any2feed.html', 'https://t.me/s/oper_goblin/22358');
    expect(record).toBeUndefined();
  });
});

describe('best-resolution rules of X profile pictures and banners', () => {
  it('drops the size suffix of a profile picture', () => {
    expect(originalAvatarUrl('https://pbs.twimg.com/profile_images/733245636875853829/RdQsE5po_x96.jpg')).toBe('https://pbs.twimg.com/profile_images/733245636875853829/RdQsE5po.jpg');
    expect(originalAvatarUrl('https://pbs.twimg.com/profile_images/1/abc_normal.png')).toBe('https://pbs.twimg.com/profile_images/1/abc.png');
    expect(originalAvatarUrl('https://example.com/profile_images/1/abc_normal.png')).toBe('https://example.com/profile_images/1/abc_normal.png');
  });
  it('drops the size folder of a banner, nothing else', () => {
    expect(originalBannerUrl('https://pbs.twimg.com/profile_banners/101198215/1642178805/1500x500')).toBe('https://pbs.twimg.com/profile_banners/101198215/1642178805');
    expect(originalBannerUrl('https://pbs.twimg.com/profile_banners/101198215/1642178805')).toBe('https://pbs.twimg.com/profile_banners/101198215/1642178805');
  });
});

describe('urlKind', () => {
  it.each([
    ['https://x.com/Kikobeats', 'profile'],
    ['https://x.com/Kikobeats/', 'profile'],
    ['https://twitter.com/Kikobeats/media', 'profile'],
    ['https://x.com/Kikobeats/status/1935738866390253649', 'post'],
    ['https://x.com/home', undefined],
    ['https://x.com/search?q=a', undefined],
    ['https://x.com/i/lists/1', undefined],
    ['https://t.me/s/ClashReport', 'profile'],
    ['https://t.me/ClashReport', 'profile'],
    ['https://t.me/ClashReport/93429', 'post'],
    ['https://t.me/s/oper_goblin/22358', 'post'],
    ['https://t.me/joinchat/abcdef', undefined],
    ['https://bsky.app/profile/forbes.com', 'profile'],
    ['https://bsky.app/profile/forbes.com/post/3mdd7aj7pgs2x', 'post'],
    ['https://www.reddit.com/user/PlanetaryCough/', 'profile'],
    ['https://www.reddit.com/r/gifs/comments/4vv0sa/leonardo/', 'post'],
    ['https://www.instagram.com/willyrex/', 'profile'],
    ['https://www.instagram.com/p/CPeC-Eenc8l/', 'post'],
    ['https://www.instagram.com/explore/', undefined],
    ['https://www.tiktok.com/@illojuan', 'profile'],
    ['https://www.tiktok.com/@illojuan/video/7571863205253778710', 'post'],
    ['https://www.youtube.com/@globalbrain6133', 'profile'],
    ['https://www.youtube.com/watch?v=DIsktwOQZuU', 'post'],
  ])('%s is %s', (url, kind) => {
    const adapter = adapterForUrl(new URL(url))!;
    expect(adapter.urlKind?.(new URL(url))).toBe(kind);
  });
});
