// The Instagram adapter: reads a post record from a rendered post <article> (post pages and the feed).
import type { MediaRef, PostAuthor, PostRecord } from '../model';
import { absoluteUrl, largestImageUrl, readableText } from './dom';
import { INSTAGRAM_HOSTS } from './hosts';
import { finalizePost, registerAdapter, type AdapterFixture } from './registry';

const HOSTS = new Set(INSTAGRAM_HOSTS);
const ORIGIN = 'https://www.instagram.com';
// A post's own address: /p/ for photos and albums, /reel/ and /tv/ for videos. Comment links add /c/<id>/.
const POST_PATH = /^\/(p|reel|tv)\/([\w-]+)\/?$/;
const PROFILE_PATH = /^\/([\w.]+)\/?$/;

function extractPost(post: Element, pageUrl: URL): PostRecord {
  // The post's date is drawn inside the link to the post; comments' dates link to the comments.
  const permalink = Array.from(post.querySelectorAll('a[href]')).find(
    (a) => a.querySelector('time[datetime]') && postPathOf(a, pageUrl),
  );
  const path = permalink && postPathOf(permalink, pageUrl);
  const postedAt = permalink?.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined;
  // The caption is the first entry of the comment list, the only one titled with an <h2> (comments use <h3>).
  const caption = post.querySelector('h2 + span');

  return finalizePost(
    {
      platform: 'instagram',
      id: path?.[2],
      url: path ? `${ORIGIN}/${path[1]}/${path[2]}/` : undefined,
      author: authorOf(post.querySelector('header a[href]'), pageUrl),
      postedAt,
      postedAtSource: postedAt ? 'attribute' : undefined,
      text: caption ? readableText(caption, { collapseWhitespace: true }) : undefined,
      media: mediaOf(post, pageUrl),
    },
    ['url', 'author'],
  );
}

function postPathOf(link: Element, pageUrl: URL): RegExpExecArray | null {
  const href = absoluteUrl(link.getAttribute('href'), pageUrl);
  const url = href ? new URL(href) : undefined;
  return url && HOSTS.has(url.hostname) ? POST_PATH.exec(url.pathname) : null;
}

/** The header shows the account's user name only; the display name is not drawn on the post. */
function authorOf(link: Element | null, pageUrl: URL): PostAuthor | undefined {
  const href = link && absoluteUrl(link.getAttribute('href'), pageUrl);
  const url = href ? new URL(href) : undefined;
  const handle = url && HOSTS.has(url.hostname) ? PROFILE_PATH.exec(url.pathname)?.[1] : undefined;
  return handle ? { handle, url: `${ORIGIN}/${handle}/` } : undefined;
}

function mediaOf(post: Element, pageUrl: URL): MediaRef[] {
  const media: MediaRef[] = [];
  const add = (kind: MediaRef['kind'], url: string | undefined): void => {
    if (url && !media.some((ref) => ref.url === url)) media.push({ kind, url });
  };
  // Photos come with a srcset of sizes; avatars (the author's and commenters') are plain small images.
  for (const img of Array.from(post.querySelectorAll('img[srcset]'))) {
    if (img.closest('header') || img.matches('[data-testid="user-avatar"]')) continue;
    add('photo', largestImageUrl(img, pageUrl));
  }
  for (const video of Array.from(post.querySelectorAll('video'))) {
    add('video-poster', absoluteUrl(video.getAttribute('poster'), pageUrl));
    for (const src of [video, ...Array.from(video.querySelectorAll('source'))].map((el) => absoluteUrl(el.getAttribute('src'), pageUrl))) {
      // A blob: URL (streamed video) is listed too, so the capture records the video as missing with the reason.
      if (src?.startsWith('blob:') || src?.startsWith('https:')) add('video', src);
    }
  }
  return media;
}

/**
 * Real pages saved from instagram.com (see ../shared/fixtures/pages/SOURCES.md) and what the first post must yield.
 * The logged-out shell has the photo post's URL too: it is listed first so that the end-to-end fixture server, which
 * keys pages by URL, serves the rendered photo page there.
 */
const fixtures: AdapterFixture[] = [
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

registerAdapter({
  name: 'instagram',
  matches: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
  postSelector: 'article',
  extract: extractPost,
  fixtures,
});
