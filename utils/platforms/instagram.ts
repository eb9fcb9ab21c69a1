// The Instagram adapter: reads a post record from a rendered post <article> (post pages and the feed).
import type { MediaRef, PostAuthor, PostRecord } from '../model';
import { absoluteUrl, largestImageUrl, readableText } from './dom';
import { INSTAGRAM_HOSTS } from './hosts';
import { finalizePost, registerAdapter } from './registry';

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

/** Routes of instagram.com that are no account's page. */
const IG_ROUTES = new Set(['explore', 'accounts', 'direct', 'stories', 'reels', 'about', 'legal', 'developer', 'p', 'reel', 'tv']);

/** /p/, /reel/, /tv/ are posts; /NAME/ (and its tabs) an account's profile. */
function instagramUrlKind(url: URL): 'post' | 'profile' | undefined {
  if (!HOSTS.has(url.hostname)) return undefined;
  if (POST_PATH.test(url.pathname) || /^\/[\w.]+\/(p|reel)\/[\w-]+\/?$/.test(url.pathname)) return 'post';
  const [, name, tab = '', ...rest] = url.pathname.replace(/\/$/, '').split('/');
  if (!name || !/^[\w.]{1,30}$/.test(name) || IG_ROUTES.has(name.toLowerCase()) || rest.length) return undefined;
  return ['', 'reels', 'tagged'].includes(tab) ? 'profile' : undefined;
}

registerAdapter({
  name: 'instagram',
  matches: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
  postSelector: 'article',
  extract: extractPost,
  urlKind: instagramUrlKind,
});
