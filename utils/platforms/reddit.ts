// The Reddit adapter: reads a post record from current Reddit's <shreddit-post>, the 2018–2023 redesign's post
// container, and old Reddit's `.thing` (comment pages and listings alike).
import type { MediaRef, PostAuthor, PostRecord } from '../model';
import { absoluteUrl, paragraphText, readableText, utcTimestamp } from './dom';
import { REDDIT_HOSTS } from './hosts';
import { finalizePost, registerAdapter, type RequiredField } from './registry';

const HOSTS = new Set(REDDIT_HOSTS);
const POST_FULLNAME = /^t3_([a-z0-9]+)$/;
const USER_PATH = /^\/(?:user|u)\/([\w-]+)\/?$/;
const DELETED = '[deleted]';
// Where Reddit keeps uploaded images (i.redd.it) and the resized copies it draws (preview / external-preview).
const ORIGINAL_IMAGE_HOST = 'i.redd.it';
const PREVIEW_HOSTS = new Set(['preview.redd.it', 'external-preview.redd.it']);

interface RedditParts {
  fullname: string | null;
  permalink: string | null;
  author: PostAuthor | undefined;
  /** True when the page shows the author as deleted: the post then has no author to find, which is no layout change. */
  authorDeleted: boolean;
  postedAt?: string;
  title?: string;
  body?: string;
  lang?: string;
  media: MediaRef[];
}

function extractPost(post: Element, pageUrl: URL): PostRecord {
  const parts =
    post.localName === 'shreddit-post' ? shredditPost(post, pageUrl) : post.classList.contains('thing') ? oldRedditThing(post, pageUrl) : redesignPost(post, pageUrl);
  const text = [parts.title, parts.body].filter(Boolean).join('\n\n');
  const required: RequiredField[] = parts.authorDeleted ? ['url'] : ['url', 'author'];
  return finalizePost(
    {
      platform: 'reddit',
      id: POST_FULLNAME.exec(parts.fullname ?? '')?.[1],
      url: redditUrl(parts.permalink, pageUrl),
      author: parts.author,
      postedAt: parts.postedAt,
      postedAtSource: parts.postedAt ? 'attribute' : undefined,
      text: text || undefined,
      lang: parts.lang,
      media: parts.media,
    },
    required,
  );
}

/** A Reddit link made absolute on the page's own Reddit host, or undefined when it leads off Reddit. */
function redditUrl(href: string | null, pageUrl: URL): string | undefined {
  const absolute = absoluteUrl(href, pageUrl);
  return absolute && HOSTS.has(new URL(absolute).hostname) ? absolute : undefined;
}

function userOf(name: string | null, pageUrl: URL, id?: string | null): PostAuthor | undefined {
  if (!name || name === DELETED) return undefined;
  return { handle: name, id: id ?? undefined, url: new URL(`/user/${name}/`, pageUrl).href };
}

/** current Reddit: every field the post element knows is an attribute of <shreddit-post>. */
function shredditPost(post: Element, pageUrl: URL): RedditParts {
  const author = post.getAttribute('author');
  const body = post.querySelector('[slot="text-body"]');
  // created-timestamp is written "2024-05-13T18:01:07.735000+0000": microseconds and an offset without a colon.
  const created = post.getAttribute('created-timestamp')?.replace(/(\.\d{3})\d+/, '$1').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const media = new MediaList();
  const contentHref = absoluteUrl(post.getAttribute('content-href'), pageUrl);
  if (contentHref && new URL(contentHref).hostname === ORIGINAL_IMAGE_HOST) media.add('photo', contentHref);
  for (const player of Array.from(post.querySelectorAll('shreddit-player, shreddit-player-2'))) {
    media.add('video-poster', absoluteUrl(player.getAttribute('poster'), pageUrl));
    media.add('video', absoluteUrl(player.getAttribute('src'), pageUrl));
  }
  return {
    fullname: post.getAttribute('id'),
    permalink: post.getAttribute('permalink'),
    author: userOf(author, pageUrl, post.getAttribute('author-id')),
    authorDeleted: author === DELETED,
    postedAt: utcTimestamp(created ?? post.querySelector('faceplate-timeago[ts]')?.getAttribute('ts')),
    title: post.getAttribute('post-title') ?? undefined,
    body: body ? paragraphText(body) : undefined,
    lang: post.getAttribute('post-language') ?? undefined,
    media: media.items,
  };
}

/** old Reddit: the post's fields are data- attributes of the .thing, its title and text are drawn inside it. */
function oldRedditThing(post: Element, pageUrl: URL): RedditParts {
  const author = post.getAttribute('data-author');
  const timestamp = post.getAttribute('data-timestamp');
  const title = post.querySelector('a.title');
  const body = post.querySelector('.expando .usertext-body .md');
  const media = new MediaList();
  const linked = absoluteUrl(post.getAttribute('data-url'), pageUrl);
  if (linked && new URL(linked).hostname === ORIGINAL_IMAGE_HOST) media.add('photo', linked);
  return {
    fullname: post.getAttribute('data-fullname'),
    permalink: post.getAttribute('data-permalink'),
    author: userOf(author, pageUrl, post.getAttribute('data-author-fullname')),
    authorDeleted: author === DELETED,
    // data-timestamp is in milliseconds; the tagline's <time datetime> says the same to the second.
    postedAt: utcTimestamp(timestamp ? Number(timestamp) / 1000 : post.querySelector('.tagline time[datetime]')?.getAttribute('datetime')),
    title: title ? readableText(title, { collapseWhitespace: true }) : undefined,
    body: body ? paragraphText(body) : undefined,
    media: media.items,
  };
}

/** The 2018–2023 redesign: the post's time is only drawn as relative text ("3 years ago"), so it stays unknown. */
function redesignPost(post: Element, pageUrl: URL): RedditParts {
  const fullname = post.getAttribute('id');
  const id = POST_FULLNAME.exec(fullname ?? '')?.[1];
  const permalink = id ? post.querySelector(`a[href*="/comments/${id}/"]`) : null;
  const authorLink = post.querySelector('a[data-testid="post_author_link"], a[href^="/user/"]');
  const handle = authorLink && USER_PATH.exec(new URL(authorLink.getAttribute('href') ?? '', pageUrl).pathname)?.[1];
  // A deleted author leaves "Posted by" followed by nothing but the time.
  const topBar = post.querySelector('[data-testid="post_timestamp"]')?.parentElement;
  const title = post.querySelector('h1, h3');
  const body = post.querySelector('[data-click-id="text"], .RichTextJSON-root');
  return {
    fullname,
    permalink: permalink?.getAttribute('href') ?? null,
    author: handle ? userOf(handle, pageUrl) : undefined,
    authorDeleted: !authorLink && Boolean(topBar?.textContent?.includes('Posted by')),
    title: title ? readableText(title, { collapseWhitespace: true }) : undefined,
    body: body ? paragraphText(body) || undefined : undefined,
    media: redesignMedia(post, pageUrl),
  };
}

function redesignMedia(post: Element, pageUrl: URL): MediaRef[] {
  const media = new MediaList();
  for (const img of Array.from(post.querySelectorAll('img[src]'))) {
    const src = absoluteUrl(img.getAttribute('src'), pageUrl);
    const host = src && new URL(src).hostname;
    // Award icons are served from preview.redd.it too, under /award_images/.
    if (!src || !host || !(host === ORIGINAL_IMAGE_HOST || PREVIEW_HOSTS.has(host)) || src.includes('/award_images/')) continue;
    // The preview links to the uploaded original when there is one: that is the best resolution.
    const original = absoluteUrl(img.closest('a[href]')?.getAttribute('href') ?? null, pageUrl);
    media.add('photo', original && new URL(original).hostname === ORIGINAL_IMAGE_HOST ? original : src);
  }
  for (const video of Array.from(post.querySelectorAll('video'))) {
    media.add('video-poster', absoluteUrl(video.getAttribute('poster'), pageUrl));
    for (const el of [video, ...Array.from(video.querySelectorAll('source'))]) {
      const src = absoluteUrl(el.getAttribute('src'), pageUrl);
      // GIFs are served as MP4 conversions (…gif?format=mp4); a blob: URL is listed so the capture records it as missing.
      if (src?.startsWith('blob:')) media.add('video', src);
      else if (src?.startsWith('https:')) media.add(/\.gif\?format=mp4/.test(src) ? 'gif' : 'video', src);
    }
  }
  return media.items;
}

class MediaList {
  readonly items: MediaRef[] = [];

  add(kind: MediaRef['kind'], url: string | undefined): void {
    if (url && !this.items.some((ref) => ref.url === url)) this.items.push({ kind, url });
  }
}

/** A post's comments page is a post; /user/NAME (and /u/NAME) a profile. */
function redditUrlKind(url: URL): 'post' | 'profile' | undefined {
  if (!HOSTS.has(url.hostname)) return undefined;
  if (/^\/r\/[\w]+\/comments\/[a-z0-9]+(\/|$)/.test(url.pathname) || /^\/comments\/[a-z0-9]+(\/|$)/.test(url.pathname)) return 'post';
  return USER_PATH.test(url.pathname) ? 'profile' : undefined;
}

registerAdapter({
  name: 'reddit',
  matches: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
  // Comments are not posts here: they are <shreddit-comment>, [data-testid="comment"] and .thing[data-type="comment"].
  postSelector: 'shreddit-post, [data-testid="post-container"], .thing[data-type="link"]',
  extract: extractPost,
  urlKind: redditUrlKind,
});
