// The Instagram adapter's fixture pages and the records they must yield: read by the tests only, never shipped.
import type { AdapterFixture } from './adapter-fixture.fixtures';

/**
 * Real pages saved from instagram.com (see ../shared/fixtures/pages/SOURCES.md) and what the first post must yield.
 * The logged-out shell has the photo post's URL too: it is listed first so that the end-to-end fixture server, which
 * keys pages by URL, serves the rendered photo page there.
 */
export const instagramFixtures: AdapterFixture[] = [
  {
    folder: 'instagram',
    file: 'ig_post_loggedout_shell_willyrex_2024-12_es.metascraper.html',
    pageType: 'logged-out shell (no rendered post)',
    posts: 0,
    url: 'https://www.instagram.com/p/CPeC-Eenc8l/',
  },
  {
    folder: 'instagram',
    file: 'ig_post_photo_willyrex_CPeC-Eenc8l_2021_es.metascraper.html',
    pageType: 'post page, photo',
    posts: 1,
    url: 'https://www.instagram.com/p/CPeC-Eenc8l/',
    expected: {
      platform: 'instagram',
      id: 'CPeC-Eenc8l',
      url: 'https://www.instagram.com/p/CPeC-Eenc8l/',
      author: { handle: 'willyrex', url: 'https://www.instagram.com/willyrex/' },
      postedAt: '2021-05-29T19:59:33.000Z',
      postedAtSource: 'attribute',
      text: 'Una de mis nuevas sudaderas top!! Per ardua ad astra 🚀🚀🚀',
      media: [
        {
          kind: 'photo',
          url: 'https://scontent-mad1-1.cdninstagram.com/v/t51.2885-15/e35/p1080x1080/192808438_308120607576085_8247727303942216319_n.jpg?tp=1&_nc_ht=scontent-mad1-1.cdninstagram.com&_nc_cat=1&_nc_ohc=NjP9PCqu230AX9DWCgI&edm=AABBvjUBAAAA&ccb=7-4&oh=a8e0b5a5f88f35ca31b9e17428ac8fc9&oe=60BBC536&_nc_sid=83d603',
        },
      ],
    },
  },
  {
    folder: 'instagram',
    file: 'ig_post_video_jaimelorentelo_CPQjO5RIIO9_2021_es.metascraper.html',
    pageType: 'post page, video',
    posts: 1,
    url: 'https://www.instagram.com/p/CPQjO5RIIO9/',
    expected: {
      platform: 'instagram',
      id: 'CPQjO5RIIO9',
      url: 'https://www.instagram.com/p/CPQjO5RIIO9/',
      author: { handle: 'jaimelorentelo', url: 'https://www.instagram.com/jaimelorentelo/' },
      postedAt: '2021-05-24T14:13:28.000Z',
      postedAtSource: 'attribute',
      text:
        'Llega el final....🔥🔥🔥🔥\nVolumen 1 -3 de Septiembre\nVolumen 2 -3 de Diciembre\n\n' +
        '@netflixes @netflix @vancouvermediaproducciones\n\nVamos!!!!❤️❤️❤️❤️',
      media: [
        {
          kind: 'video-poster',
          url: 'https://scontent-mad1-1.cdninstagram.com/v/t51.2885-15/e35/191230544_467582901000109_7680987700811244011_n.jpg?tp=1&_nc_ht=scontent-mad1-1.cdninstagram.com&_nc_cat=1&_nc_ohc=MonVomQtaQwAX_W3QWo&edm=AABBvjUBAAAA&ccb=7-4&oh=2becd7818f53944746e84796e81e9f95&oe=60B68EE0&_nc_sid=83d603',
        },
        {
          kind: 'video',
          url: 'https://scontent-mad1-1.cdninstagram.com/v/t50.2886-16/189500590_530459651422339_5376536057031038016_n.mp4?_nc_ht=scontent-mad1-1.cdninstagram.com&_nc_cat=107&_nc_ohc=BGOegVMKbAQAX-RiEfJ&edm=AABBvjUBAAAA&ccb=7-4&oe=60B67328&oh=5d5b2f210140ca976065b04fadf0240d&_nc_sid=83d603',
        },
      ],
    },
  },
];
