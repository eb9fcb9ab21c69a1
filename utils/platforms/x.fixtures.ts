// The X adapter's fixture pages and the records they must yield: read by the tests only, never shipped.
import type { AdapterFixture } from './adapter-fixture.fixtures';

/** Real pages saved from x.com (see ../shared/fixtures/pages/SOURCES.md) and what the first post must yield. */
export const xFixtures: AdapterFixture[] = [
  {
    folder: 'x',
    file: 'x_status_image_UaSmart_2017-11-24_es.metascraper.html',
    pageType: 'status page, photo',
    posts: 1,
    url: 'https://x.com/UaSmart/status/934106870834454529',
    expected: {
      platform: 'x',
      id: '934106870834454529',
      url: 'https://x.com/UaSmart/status/934106870834454529',
      author: { name: 'SmartUA', handle: 'UaSmart', url: 'https://x.com/UaSmart' },
      postedAt: '2017-11-24T17:10:07.000Z',
      postedAtSource: 'attribute',
      text: 'Y terminamos el dia con Cultura de empresa con @patoroco, @flopezluis, Katia, Angélica en @codemotion_es #codemotion2017',
      lang: 'es',
      media: [{ kind: 'photo', url: 'https://pbs.twimg.com/media/DPadOKpXcAIL-NW?format=jpg&name=orig' }],
    },
  },
  {
    folder: 'x',
    file: 'x_status_video_verge_2018-01-27_en.metascraper.html',
    pageType: 'status page, video',
    posts: 1,
    url: 'https://x.com/verge/status/957383241714970624',
    expected: {
      platform: 'x',
      id: '957383241714970624',
      url: 'https://x.com/verge/status/957383241714970624',
      author: { name: 'The Verge', handle: 'verge', url: 'https://x.com/verge' },
      postedAt: '2018-01-27T22:42:06.000Z',
      postedAtSource: 'attribute',
      text: 'Is it bad to blow into game cartridges?',
      lang: 'en',
      media: [
        { kind: 'video-poster', url: 'https://pbs.twimg.com/media/DRg1OMRVwAEuwTK.jpg' },
        { kind: 'video', url: 'blob:https://x.com/ae91e416-b593-411d-85de-1dd20a3fe182' },
      ],
    },
  },
  {
    folder: 'x',
    file: 'x_status_linkcard_forbes_2026-01-27_en.metascraper.html',
    pageType: 'status page, link card',
    posts: 1,
    url: 'https://x.com/Forbes/status/2016058596782670275',
    expected: {
      platform: 'x',
      id: '2016058596782670275',
      url: 'https://x.com/Forbes/status/2016058596782670275',
      author: { name: 'Forbes', handle: 'Forbes', url: 'https://x.com/Forbes' },
      postedAt: '2026-01-27T08:00:00.000Z',
      postedAtSource: 'attribute',
      text: 'Is Wellness The New Happy Hour? As Socializing Changes, $22 Billion In Liquor Sits Unsold',
      lang: 'en',
      media: [
        { kind: 'card-image', url: 'https://pbs.twimg.com/card_img/2015705388792918017/sQmPzqwO?format=jpg&name=orig' },
      ],
    },
  },
  {
    folder: 'x',
    file: 'x_status_text_realDonaldTrump_2020-01-30_en.metascraper.html',
    pageType: 'status page, text',
    posts: 1,
    url: 'https://x.com/realDonaldTrump/status/1222907250383245320',
    expected: {
      platform: 'x',
      id: '1222907250383245320',
      url: 'https://x.com/realDonaldTrump/status/1222907250383245320',
      author: { name: 'Donald J. Trump', handle: 'realDonaldTrump', url: 'https://x.com/realDonaldTrump' },
      postedAt: '2020-01-30T15:39:43.000Z',
      postedAtSource: 'attribute',
      text:
        '“Schiff blasted for not focusing on California homeless.” @foxandfriends  His District is in terrible shape. ' +
        'He is a corrupt pol who only dreams of the Impeachment Hoax. In my opinion he is mentally deranged!',
      lang: 'en',
      media: [],
    },
  },
];
