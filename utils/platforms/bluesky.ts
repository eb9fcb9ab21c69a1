// The Bluesky (bsky.app) adapter: reads a post record from a rendered thread item or feed item of the web app.
import type { MediaRef, PostAuthor, PostRecord } from '../model';
import { absoluteUrl, readableText, utcTimestamp } from './dom';
import { BLUESKY_HOSTS } from './hosts';
import { finalizePost, registerAdapter } from './registry';

const HOSTS = new Set(BLUESKY_HOSTS);
const ORIGIN = 'https://bsky.app';
// The app marks each post with its author's handle: postThreadItem-by-<handle> in threads, feedItem-by-<handle> in feeds.
const ITEM_TESTID = /^(?:postThreadItem|feedItem)-by-(.+)$/;
const POST_PATH = /^\/profile\/([^/]+)\/post\/([^/?#]+)/;
// cdn.bsky.app/img/<preset>/plain/<did>/<cid>@<format>: the DID is the account that owns the image.
const CDN_IMAGE = /^https:\/\/cdn\.bsky\.app\/img\/([a-z_]+)\/plain\/(did:[a-z0-9]+:[^/]+)\//;
// Display names and handles are wrapped in bidi isolation marks (and replies prefix the handle with a no-break space).
const BIDI_MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The image as uploaded: the app shows `feed_thumbnail`, the CDN serves the same blob at `feed_fullsize`.
 */
export function fullsizeImageUrl(src: string): string {
  const match = CDN_IMAGE.exec(src);
  return match?.[1] === 'feed_thumbnail' ? src.replace('/img/feed_thumbnail/', '/img/feed_fullsize/') : src;
}

function extractPost(post: Element, pageUrl: URL): PostRecord {
  const handle = ITEM_TESTID.exec(post.getAttribute('data-testid') ?? '')?.[1];
  const quote = quotedPost(post);
  const own = (selector: string): Element[] =>
    Array.from(post.querySelectorAll(selector)).filter((el) => !quote?.contains(el));

  // Replies and feed items link their permalink around the time (with the full date as tooltip). The thread's
  // focal post has no such link: its permalink is in the links to its own reposts, quotes and likes, else the page.
  const timeLink = own('a[href*="/post/"][data-tooltip]')[0];
  const permalink =
    (timeLink && postOf(timeLink.getAttribute('href'), pageUrl)) ??
    own('a[href$="/reposted-by"], a[href$="/quotes"], a[href$="/liked-by"]')
      .map((a) => postOf(a.getAttribute('href'), pageUrl))
      .find(Boolean) ??
    (timeLink ? undefined : focalPostFromPage(pageUrl, handle));
  const textEl = own('[data-word-wrap="1"]')[0];
  const time = timeLink ? textTime(timeLink.getAttribute('data-tooltip')) : focalTime(own, permalink?.url, post.ownerDocument);
  const quoted = quote && postOf(quote.querySelector('a[href*="/post/"][data-tooltip]')?.getAttribute('href') ?? null, pageUrl);

  return finalizePost(
    {
      platform: 'bluesky',
      id: permalink?.id,
      url: permalink?.url,
      author: handle ? authorOf(own, handle, textEl) : undefined,
      ...time,
      text: textEl && readableText(textEl),
      // The app sets no lang on post text (the <html lang> is the interface's); read one only if it is there.
      lang: textEl?.getAttribute('lang') ?? undefined,
      quoted: quoted?.url,
      // The quoted post's permalink names its author's handle (/profile/<handle>/post/<id>).
      links: quoted ? [{ kind: 'quote', platform: 'bluesky', id: quoted.id, url: quoted.url, author: quotedAuthor(quote!, quoted.url) }] : undefined,
      media: mediaOf(own, pageUrl),
    },
    ['url', 'author'],
  );
}

/** The quoted post's author: the handle its permalink names, and the display name its embed shows beside it. */
function quotedAuthor(quote: Element, url: string): PostAuthor | undefined {
  const handle = POST_PATH.exec(new URL(url).pathname)?.[1];
  if (!handle) return undefined;
  const name = Array.from(quote.querySelectorAll(`a[href="/profile/${CSS_ESCAPE(handle)}"]`))
    .map((a) => readableText(a).replace(BIDI_MARKS, '').trim())
    .find((text) => text && !text.startsWith('@'));
  return { ...(name ? { name } : {}), handle, url: `${ORIGIN}/profile/${handle}` };
}

/** A handle inside a CSS attribute value in double quotes. */
const CSS_ESCAPE = (value: string): string => value.replace(/["\\]/g, '\\$&');

const PROFILE_PATH = /^\/profile\/([^/]+)\/?$/;

function blueskyUrlKind(url: URL): 'post' | 'profile' | undefined {
  if (!HOSTS.has(url.hostname)) return undefined;
  if (POST_PATH.test(url.pathname) && /^\/profile\/[^/]+\/post\/[^/]+\/?$/.test(url.pathname)) return 'post';
  return PROFILE_PATH.test(url.pathname) ? 'profile' : undefined;
}

/** An embedded (quoted) post: a nested clickable block with its own permalink-with-tooltip. */
function quotedPost(post: Element): Element | undefined {
  return Array.from(post.querySelectorAll('[role="link"]')).find(
    (block) => block !== post && block.querySelector('a[href*="/post/"][data-tooltip]') !== null,
  );
}

function postOf(href: string | null, pageUrl: URL): { id: string; url: string } | undefined {
  const absolute = absoluteUrl(href, pageUrl);
  if (!absolute) return undefined;
  const url = new URL(absolute);
  const match = HOSTS.has(url.hostname) ? POST_PATH.exec(url.pathname) : null;
  if (!match) return undefined;
  const [, profile, rkey] = match;
  return profile && rkey ? { id: rkey, url: `${ORIGIN}/profile/${profile}/post/${rkey}` } : undefined;
}

/** On a post page, the thread's focal post is the page's post, if the page names the same author. */
function focalPostFromPage(pageUrl: URL, handle: string | undefined): { id: string; url: string } | undefined {
  const post = postOf(pageUrl.href, pageUrl);
  return post && handle && POST_PATH.exec(pageUrl.pathname)?.[1] === handle ? post : undefined;
}

/**
 * The focal post shows its time as text only. The server-rendered page states it in article:published_time, for
 * the post of og:url; the app does not update those tags when it navigates, so they count only for that post.
 */
function focalTime(
  own: (selector: string) => Element[],
  permalink: string | undefined,
  document: Document,
): Pick<PostRecord, 'postedAt' | 'postedAtSource'> {
  const meta = (property: string): string | undefined =>
    document.querySelector(`meta[property="${property}"]`)?.getAttribute('content') ?? undefined;
  const ogPost = postOf(meta('og:url') ?? null, new URL(ORIGIN));
  const published = permalink && ogPost?.url === permalink ? utcTimestamp(meta('article:published_time')) : undefined;
  if (published) return { postedAt: published, postedAtSource: 'attribute' };
  const shown = own('div[dir="auto"]').find((el) => el.children.length === 0 && FOCAL_TIME.test(readableText(el)));
  return textTime(shown && readableText(shown));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// "12:55 AM · Jan 27, 2026" (focal post) and "January 27, 2026 at 1:28 AM" (tooltips): the English interface.
const FOCAL_TIME = /^(\d{1,2}):(\d{2})\s*([AP]M)\s*·\s*([A-Za-z]{3,9})\.? (\d{1,2}), (\d{4})$/;
const TOOLTIP_TIME = /^([A-Za-z]{3,9}) (\d{1,2}), (\d{4}) at (\d{1,2}):(\d{2})\s*([AP]M)$/;

/**
 * A time the app shows only as text, to the minute. The app writes it in the browser's time zone, which is the
 * zone this code runs in, so it is read back in that zone. Other interface languages are not guessed at.
 */
function textTime(value: string | null | undefined): Pick<PostRecord, 'postedAt' | 'postedAtSource'> {
  const text = value?.trim() ?? '';
  const focal = FOCAL_TIME.exec(text);
  const tooltip = TOOLTIP_TIME.exec(text);
  const parts = focal
    ? { hour: focal[1], minute: focal[2], half: focal[3], month: focal[4], day: focal[5], year: focal[6] }
    : tooltip
      ? { month: tooltip[1], day: tooltip[2], year: tooltip[3], hour: tooltip[4], minute: tooltip[5], half: tooltip[6] }
      : undefined;
  const month = parts ? MONTHS.indexOf(parts.month!.slice(0, 3).toLowerCase()) : -1;
  if (!parts || month < 0) return {};
  const hour = (Number(parts.hour) % 12) + (parts.half!.toUpperCase() === 'PM' ? 12 : 0);
  const date = new Date(Number(parts.year), month, Number(parts.day), hour, Number(parts.minute));
  return Number.isNaN(date.getTime()) ? {} : { postedAt: date.toISOString(), postedAtSource: 'text' };
}

function authorOf(own: (selector: string) => Element[], handle: string, textEl: Element | undefined): PostAuthor {
  const links = own('a[href^="/profile/"]').filter(
    (a) => a.getAttribute('href') === `/profile/${handle}` && !textEl?.contains(a),
  );
  const avatar = links.find((a) => a.querySelector('[data-testid="userAvatarImage"]'));
  // The focal post draws name and handle as two dir=auto blocks in one link; replies as two dir=auto links.
  const labels = links
    .filter((a) => a !== avatar)
    .flatMap((a) => (a.matches('[dir="auto"]') ? [a] : Array.from(a.querySelectorAll('[dir="auto"]'))))
    .map((el) => readableText(el).replace(BIDI_MARKS, '').trim());
  const avatarSrc = avatar?.querySelector('img')?.getAttribute('src') ?? '';
  return {
    name: labels.find((label) => label && !label.startsWith('@')),
    handle,
    id: CDN_IMAGE.exec(avatarSrc)?.[2],
    url: `${ORIGIN}/profile/${handle}`,
  };
}

function mediaOf(own: (selector: string) => Element[], pageUrl: URL): MediaRef[] {
  const media: MediaRef[] = [];
  const add = (kind: MediaRef['kind'], url: string | undefined): void => {
    if (url && !media.some((ref) => ref.url === url)) media.push({ kind, url });
  };
  for (const img of own('img[src*="/img/feed_thumbnail/"], img[src*="/img/feed_fullsize/"]')) {
    const src = absoluteUrl(img.getAttribute('src'), pageUrl);
    // A link card is an external link (target=_blank) around its thumbnail.
    add(img.closest('a[target="_blank"]') ? 'card-image' : 'photo', src && fullsizeImageUrl(src));
  }
  for (const video of own('video')) {
    add('video-poster', absoluteUrl(video.getAttribute('poster'), pageUrl));
    const src = absoluteUrl(video.getAttribute('src'), pageUrl);
    // GIFs are mp4 files from the Tenor proxy; native videos stream through a blob: URL (listed so that the
    // capture records the video in missing[]).
    if (src?.startsWith('https://t.gifs.bsky.app/')) add('gif', src);
    else if (src?.startsWith('blob:') || src?.startsWith('https:')) add('video', src);
  }
  return media;
}

registerAdapter({
  name: 'bluesky',
  matches: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
  postSelector: '[data-testid^="postThreadItem-by-"], [data-testid^="feedItem-by-"]',
  extract: extractPost,
  urlKind: blueskyUrlKind,
});
