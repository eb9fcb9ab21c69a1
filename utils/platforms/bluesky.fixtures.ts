// The Bluesky adapter's fixture pages and the records they must yield: read by the tests only, never shipped.
import type { AdapterFixture } from './adapter-fixture.fixtures';

/** Real pages saved from bsky.app (see ../shared/fixtures/pages/SOURCES.md) and what the first post must yield. */
export const blueskyFixtures: AdapterFixture[] = [
  {
    folder: 'bluesky',
    file: 'bsky_thread_image_glendunlap_2026-01-27_en.metascraper.html',
    pageType: 'post thread, photo (focal post + 51 replies)',
    posts: 52,
    url: 'https://bsky.app/profile/glendunlap.bsky.social/post/3mdegyw3ves2t',
    expected: {
      platform: 'bluesky',
      id: '3mdegyw3ves2t',
      url: 'https://bsky.app/profile/glendunlap.bsky.social/post/3mdegyw3ves2t',
      author: {
        name: 'Glen Dunlap',
        handle: 'glendunlap.bsky.social',
        id: 'did:plc:24xmtazrkaxh7kwx2ehginec',
        url: 'https://bsky.app/profile/glendunlap.bsky.social',
      },
      postedAt: '2026-01-26T23:55:44.454Z',
      postedAtSource: 'attribute',
      text: 'Owliver decided to fly to another branch and check things out. He can look in my window from this spot!  #Birds #Raptors #Nature #Photography',
      media: [
        {
          kind: 'photo',
          url: 'https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:24xmtazrkaxh7kwx2ehginec/bafkreialfqefcq2xoumlw6ulbkfbamombpf5g56x3oncuxulwelcm6332i@jpeg',
        },
      ],
    },
  },
  {
    folder: 'bluesky',
    file: 'bsky_thread_linkcard_forbes_2026-01-26_en.metascraper.html',
    pageType: 'post thread, link card (focal post + 51 replies)',
    posts: 52,
    url: 'https://bsky.app/profile/forbes.com/post/3mdd7aj7pgs2x',
    expected: {
      platform: 'bluesky',
      id: '3mdd7aj7pgs2x',
      url: 'https://bsky.app/profile/forbes.com/post/3mdd7aj7pgs2x',
      author: {
        name: 'Forbes',
        handle: 'forbes.com',
        id: 'did:plc:2w45zyhuklwihpdc7oj3mi63',
        url: 'https://bsky.app/profile/forbes.com',
      },
      postedAt: '2026-01-26T12:03:53.754Z',
      postedAtSource: 'attribute',
      // The app hides the article URL at the end of the post text behind the link card; the record keeps what is shown.
      text: 'Windows PCs ‘Suddenly’ Fail After Microsoft’s New Update',
      media: [
        {
          kind: 'card-image',
          url: 'https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:2w45zyhuklwihpdc7oj3mi63/bafkreicvw6wztjxyhdve5viri54bevoj2pdiks2hm3qxvscnlf74if5ytm@jpeg',
        },
      ],
    },
  },
  {
    // The app had not rendered: the post exists only in the <noscript> summary, which a browser running the
    // app never draws. No post is there to preserve, so none may be found.
    folder: 'bluesky',
    file: 'bsky_post_noscript_fallback_stephenking_2026-01-26_en.metascraper.html',
    pageType: 'post page, app not rendered (noscript summary only)',
    posts: 0,
    url: 'https://bsky.app/profile/stephenking.bsky.social/post/3mddvy5bv6k27',
  },
];
