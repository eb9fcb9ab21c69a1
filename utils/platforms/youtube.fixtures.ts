// The YouTube adapter's fixture pages and the records they must yield: read by the tests only, never shipped.
import type { AdapterFixture } from './adapter-fixture.fixtures';

/**
 * Real watch pages saved from youtube.com (see ../shared/fixtures/pages/SOURCES.md). The GBAF page is the server's
 * HTML before the app drew anything: no post is rendered there. Both pages are at /watch, which the end-to-end fixture
 * server keys without the query: the rendered page is listed last so it is the one served.
 */
export const youtubeFixtures: AdapterFixture[] = [
  {
    folder: 'youtube',
    file: 'yt_watch_gbaf2024_highlights_DIsktwOQZuU_captured2026_en.metascraper.html',
    pageType: 'watch page as served, not rendered (no post)',
    posts: 0,
    url: 'https://www.youtube.com/watch?v=DIsktwOQZuU',
  },
  {
    folder: 'youtube',
    file: 'yt_watch_elixirconf2016_keynote_srtMWzyqdp8_captured2022_en.postlight.html',
    pageType: 'watch page, rendered (video metadata; no comments loaded)',
    posts: 1,
    url: 'https://www.youtube.com/watch?v=srtMWzyqdp8',
    expected: {
      platform: 'youtube',
      id: 'srtMWzyqdp8',
      url: 'https://www.youtube.com/watch?v=srtMWzyqdp8',
      author: { name: 'Confreaks', id: 'UCWnPjmqvljcafA0z2U1fwKQ', url: 'https://www.youtube.com/c/Confreaks' },
      postedAt: '2016-09-27',
      postedAtSource: 'attribute',
      text: 'ElixirConf 2016 - Keynote by José Valim\n\nKeynote by José Valim',
      media: [
        { kind: 'video-poster', url: 'https://i.ytimg.com/vi/srtMWzyqdp8/maxresdefault.jpg' },
        { kind: 'video', url: 'blob:https://www.youtube.com/592d776c-06b6-4ae1-81d7-10ad4f1cebfc' },
      ],
    },
  },
];
