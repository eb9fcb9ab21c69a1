// @vitest-environment node
// The thread readers on the real saved pages of the corpus: which posts each page holds of a thread, who wrote each,
// the platform's own reply count on the focal post, and the "show more" buttons (none of a login wall or another page).
import { describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../test/fixture-dom';
import { hasFixturePages } from '../../test/fixtures';
import { adapterForPage } from './index';
import { parseShownCount } from './thread-reader';
import { threadReaderFor } from './thread-readers';

interface Reading {
  posts: Element[];
  authors: (string | undefined)[];
  counted: ReturnType<NonNullable<ReturnType<typeof threadReaderFor>>['repliesCounted']>;
  more: string[];
  /** How many of the thread's posts the platform's adapter reads as posts (the rest the reader reads). */
  adapterPosts: number;
}

function read(folder: string, file: string, url: string, look?: (document: Document, reading: Reading) => void): Promise<Reading> {
  return withFixtureDocument(folder, file, url, (document) => {
    const adapter = adapterForPage(new URL(url), document);
    const reader = threadReaderFor(adapter?.name);
    if (!adapter || !reader) throw new Error(`No thread reader for ${url}`);
    const posts = Array.from(document.querySelectorAll(reader.postSelector));
    const reading: Reading = {
      posts,
      authors: posts.map((post) => reader.authorOf(post)),
      counted: posts[0] ? reader.repliesCounted(posts[0], document) : null,
      more: reader.moreButtons(document).map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()),
      adapterPosts: posts.filter((post) => post.matches(adapter.postSelector)).length,
    };
    look?.(document, reading);
    return reading;
  });
}

describe('parseShownCount', () => {
  it('reads the platforms’ words for a count, exact or rounded', () => {
    expect(parseShownCount('Reply (95 replies)')).toEqual({ value: 95, shown: 'Reply (95 replies)', rounded: false });
    expect(parseShownCount('Like (3,121 likes)')?.value).toBe(3121);
    expect(parseShownCount('18151 Replies. Reply')?.value).toBe(18151);
    expect(parseShownCount('2.9k comments')).toEqual({ value: 2900, shown: '2.9k comments', rounded: true });
    expect(parseShownCount('18K')).toMatchObject({ value: 18000, rounded: true });
    expect(parseShownCount('1,234 Comments')?.value).toBe(1234);
    expect(parseShownCount('Reply')).toBeUndefined();
    expect(parseShownCount(null)).toBeUndefined();
  });
});

describe.skipIf(!hasFixturePages)('thread readers on the real pages', () => {
  it('Bluesky: the focal post and its 51 replies in page order, the author’s own later answers among them; 95 replies counted', async () => {
    const reading = await read('bluesky', 'bsky_thread_image_glendunlap_2026-01-27_en.metascraper.html', 'https://bsky.app/profile/glendunlap.bsky.social/post/3mdegyw3ves2t');
    expect(reading.posts).toHaveLength(52);
    expect(reading.adapterPosts).toBe(52);
    expect(reading.authors[0]).toBe('glendunlap.bsky.social');
    // The second post is another account's: the author's thread is the focal post alone; the author answers later.
    expect(reading.authors[1]).toBe('dreece-ca.bsky.social');
    expect(reading.authors.filter((a) => a === 'glendunlap.bsky.social')).toHaveLength(9);
    expect(reading.counted).toEqual({ value: 95, shown: 'Reply (95 replies)', rounded: false });
    // The saved page holds no "show more replies" button.
    expect(reading.more).toEqual([]);
  });

  it('Bluesky (link card): 52 posts, 158 replies counted', async () => {
    const reading = await read('bluesky', 'bsky_thread_linkcard_forbes_2026-01-26_en.metascraper.html', 'https://bsky.app/profile/forbes.com/post/3mdd7aj7pgs2x');
    expect(reading.posts).toHaveLength(52);
    expect(reading.authors[0]).toBe('forbes.com');
    expect(reading.counted?.value).toBe(158);
  });

  it('Telegram channel page: 17 messages, all by the channel; no comments and no count shown; the history link is not pressed', async () => {
    const reading = await read('telegram', 'tme_s_channel_clashreport_2026-08-24_en.ukraine_aggregator.html', 'https://t.me/s/ClashReport', (document) => {
      expect(document.querySelector('a.tme_messages_more')).not.toBeNull();
    });
    expect(reading.posts).toHaveLength(17);
    expect(new Set(reading.authors)).toEqual(new Set(['clashreport']));
    expect(reading.counted).toBeNull();
    expect(reading.more).toEqual([]);
  });

  it('X status pages: the tweet alone (logged out, X shows no replies), its reply count, and the login-wall button left unpressed', async () => {
    const trump = await read('x', 'x_status_text_realDonaldTrump_2020-01-30_en.metascraper.html', 'https://x.com/realDonaldTrump/status/1222882373623222272', (document) => {
      expect(document.querySelector('[data-testid="logged_out_read_replies_pivot"]')).not.toBeNull();
    });
    expect(trump.posts).toHaveLength(1);
    expect(trump.authors).toEqual(['realdonaldtrump']);
    expect(trump.counted).toEqual({ value: 18151, shown: '18151 Replies. Reply', rounded: false });
    expect(trump.more).toEqual([]);
    expect((await read('x', 'x_status_video_verge_2018-01-27_en.metascraper.html', 'https://x.com/verge/status/957383241714970624')).counted?.value).toBe(15);
    const reader = threadReaderFor('x')!;
    expect(reader.isThreadPage!(undefined as unknown as Document, new URL('https://x.com/realDonaldTrump/status/1222882373623222272'))).toBe(true);
    expect(reader.isThreadPage!(undefined as unknown as Document, new URL('https://x.com/Kikobeats'))).toBe(false);
    expect((await read('x', 'x_status_image_UaSmart_2017-11-24_es.metascraper.html', 'https://x.com/UaSmart/status/934106870834454529')).counted?.value).toBe(0);
  });

  it('Reddit (2018–23 redesign): the post, then its comments (read by the thread reader), the rounded count, and the "more replies" to press', async () => {
    const url = 'https://www.reddit.com/r/gifs/comments/4vv0sa/leonardo_dicaprio_scaring_jonah_hill_on_the/';
    const reading = await read('reddit', 'reddit_newreddit_gif_gifs_4vv0sa_captured2022_en.postlight.html', url, (document, r) => {
      const reader = threadReaderFor('reddit')!;
      // The promoted post in the same container is not part of the thread.
      expect(r.posts.some((post) => post.classList.contains('promotedlink'))).toBe(false);
      expect(reader.extract!(r.posts[1]!, new URL(url))).toMatchObject({
        platform: 'reddit',
        id: 'd61oe4y',
        url: 'https://www.reddit.com/r/gifs/comments/4vv0sa/comment/d61oe4y/',
        author: { handle: 'Super_Saiyan_Carl', url: 'https://www.reddit.com/user/Super_Saiyan_Carl/' },
      });
      expect(reader.extract!(r.posts[1]!, new URL(url))?.text).toMatch(/^Could you imagine living a life/);
      // The post itself is the adapter's to read.
      expect(reader.extract!(r.posts[0]!, new URL(url))).toBeUndefined();
      expect(document.querySelectorAll('[id^="continueThread-"]').length).toBeGreaterThan(0);
    });
    expect(reading.adapterPosts).toBe(1);
    expect(reading.authors[0]).toBe('planetarycough');
    expect(reading.posts.length - 1).toBe(173);
    expect(reading.counted).toEqual({ value: 2900, shown: '2.9k comments', rounded: true });
    expect(reading.more.slice(0, 3)).toEqual(['53 more replies', '27 more replies', '17 more replies']);
    expect(reading.more).toHaveLength(28);
    expect(reading.more.every((words) => /^\d+ more repl(y|ies)$/.test(words))).toBe(true);
  });

  it('Reddit self post: 12 comments under a post whose author was deleted', async () => {
    const reading = await read('reddit', 'reddit_newreddit_selfpost_askreddit_axtih6_captured2022_en.postlight.html', 'https://www.reddit.com/r/AskReddit/comments/axtih6/what_is_the_most_worth_it_item_you_have_ever/');
    expect(reading.adapterPosts).toBe(1);
    expect(reading.authors[0]).toBeUndefined();
    expect(reading.posts.length - 1).toBeGreaterThanOrEqual(12);
  });

  it('YouTube: the pages as served hold no rendered comment and no count', async () => {
    for (const [file, url] of [
      ['yt_watch_gbaf2024_highlights_DIsktwOQZuU_captured2026_en.metascraper.html', 'https://www.youtube.com/watch?v=DIsktwOQZuU'],
      ['yt_watch_elixirconf2016_keynote_srtMWzyqdp8_captured2022_en.postlight.html', 'https://www.youtube.com/watch?v=srtMWzyqdp8'],
    ] as const) {
      const reading = await read('youtube', file, url, (document) => {
        expect(threadReaderFor('youtube')!.repliesCounted(document.body, document)).toBeNull();
      });
      expect(reading.posts.filter((post) => post.localName !== 'ytd-watch-metadata')).toEqual([]);
      expect(reading.more).toEqual([]);
    }
  });

  it('Mastodon (the project’s own small page: the corpus has none): the detailed status and its author', async () => {
    const reading = await read('local:mastodon', 'mastodon_status_detailed_ar.html', 'https://mastodon.example/@user/123456');
    expect(reading.posts).toHaveLength(1);
    expect(reading.authors[0]).toBe('user@mastodon.example');
    // A profile timeline is no conversation: its statuses after one are not its replies.
    await read('local:mastodon', 'mastodon_profile_timeline_en.html', 'https://mastodon.example/@user', (document) => {
      expect(threadReaderFor('mastodon')!.isThreadPage!(document, new URL('https://mastodon.example/@user'))).toBe(false);
    });
    await read('local:mastodon', 'mastodon_status_detailed_ar.html', 'https://mastodon.example/@user/123456', (document) => {
      expect(threadReaderFor('mastodon')!.isThreadPage!(document, new URL('https://mastodon.example/@user/123456'))).toBe(true);
    });
  });

  it('X profile timeline: three tweets, but no conversation to unroll', async () => {
    const reading = await read('x', 'x_profile_timeline_kikobeats_2025-12_en.metascraper.html', 'https://x.com/Kikobeats', (document) => {
      expect(threadReaderFor('x')!.isThreadPage!(document, new URL('https://x.com/Kikobeats'))).toBe(false);
    });
    expect(reading.posts).toHaveLength(3);
  });
});
