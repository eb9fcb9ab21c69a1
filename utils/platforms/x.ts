// The X (x.com, formerly Twitter) adapter: reads a post record from a rendered tweet <article>, timelines included.
import type { MediaRef, PostAuthor, PostLink, PostRecord, ProfileFields } from '../model';
import { absoluteUrl, readableText } from './dom';
import { X_HOSTS } from './hosts';
import { finalizePost, registerAdapter } from './registry';

// The same list the content script's matches are built from, so the adapter claims exactly the pages it runs on.
const HOSTS = new Set(X_HOSTS);
const ORIGIN = 'https://x.com';
const STATUS_PATH = /^\/(\w+)\/status\/(\d+)/;
const HANDLE = /^\w+$/;
/**
 * The author block (display name, @handle, and on timelines the time link), by every test id X gave it: `User-Name`
 * on pages rendered since 2023 (the whole corpus), `User-Names` on pages of 2022 (real markup of a tweet of
 * 2022-10-06, rvinowise/twitter_bot). Each generation's blocks are read the same way.
 */
const USER_NAME = '[data-testid="User-Name"], [data-testid="User-Names"]';

/**
 * The original upload behind a pbs.twimg.com image: the page shows `name=small|medium|900x900`, while
 * `name=orig` serves the file as uploaded; `format=` is kept because it selects the encoding.
 */
export function originalMediaUrl(src: string): string {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return src;
  }
  if (url.hostname !== 'pbs.twimg.com') return src;
  url.searchParams.set('name', 'orig');
  return url.href;
}

function extractTweet(post: Element, pageUrl: URL): PostRecord {
  const quote = quotedPost(post);
  const own = (selector: string): Element[] =>
    Array.from(post.querySelectorAll(selector)).filter((el) => !quote?.contains(el));

  // Other /status/ links (photos, replies) point elsewhere; only the one around the timestamp is the permalink.
  const permalink = own('a[href*="/status/"]').find((a) => a.querySelector('time'));
  const status = permalink && statusOf(permalink, pageUrl);
  const time = permalink?.querySelector('time[datetime]') ?? own('time[datetime]')[0];
  const tweetText = own('[data-testid="tweetText"]')[0];
  const quotedStatus = quote && quote.querySelector('a[href*="/status/"]');
  const postedAt = time?.getAttribute('datetime') ?? undefined;
  const links = linksOf(post, quote, quotedStatus ? statusOf(quotedStatus, pageUrl) : undefined, pageUrl);

  return finalizePost(
    {
      platform: 'x',
      id: status?.id,
      url: status?.url,
      author: authorOf(own(USER_NAME)[0]),
      postedAt,
      postedAtSource: postedAt ? 'attribute' : undefined,
      text: tweetText && readableText(tweetText),
      lang: tweetText?.getAttribute('lang') ?? undefined,
      quoted: quotedStatus ? statusOf(quotedStatus, pageUrl)?.url : undefined,
      links: links.length ? links : undefined,
      media: mediaOf(own, pageUrl),
    },
    ['url', 'author'],
  );
}

/**
 * The quoted post drawn inside this one: a block with its own User-Name (`quoteTweet`, a clickable
 * div[role=link], or a nested article in older layouts). Its fields must not be read as this post's.
 */
function quotedPost(post: Element): Element | undefined {
  for (const name of Array.from(post.querySelectorAll(USER_NAME))) {
    const block = name.closest('[data-testid="quoteTweet"], div[role="link"], article');
    if (block && block !== post && post.contains(block)) return block;
  }
  return undefined;
}

/**
 * The posts this tweet shows: the quoted tweet (its author from its own User-Name, its permalink when the block links
 * one: X's current layout draws the quote as a div[role=link] with no address, so often only the author is known), and
 * the account whose repost put it in this timeline (the social-context line over the tweet that links to a profile;
 * "Pinned" is a social context too, but links nowhere). A repost has no address of its own on X: only its author.
 */
function linksOf(post: Element, quote: Element | undefined, quotedStatus: { id: string; url: string } | undefined, pageUrl: URL): PostLink[] {
  const links: PostLink[] = [];
  if (quote) {
    const author = shownAuthorOf(quote.querySelector('[data-testid="User-Name"]'));
    links.push({ kind: 'quote', platform: 'x', id: quotedStatus?.id, url: quotedStatus?.url, author });
  }
  const context = Array.from(post.querySelectorAll('[data-testid="socialContext"]')).find((el) => !quote?.contains(el));
  const reposter = context?.closest('a[href]');
  const handle = reposter && profileHandleOf(reposter.getAttribute('href'), pageUrl);
  // The line reads "<name> reposted" in the interface's language: only the linked handle is taken from it.
  if (handle) links.push({ kind: 'repost', platform: 'x', author: { handle, url: `${ORIGIN}/${handle}` } });
  return links.map((link) => withoutEmpty(link));
}

/**
 * The author a user-name block shows, links or not (a quoted tweet's block is plain text): the name and the @handle,
 * each the text of an innermost block with a direction, the date's block left out.
 */
function shownAuthorOf(userName: Element | null): PostAuthor | undefined {
  if (!userName) return undefined;
  const labels = Array.from(userName.querySelectorAll('div[dir]'))
    .filter((el) => !el.querySelector('div[dir], time') && el.getAttribute('aria-hidden') !== 'true')
    .map((el) => readableText(el).trim())
    .filter(Boolean);
  const handle = labels.find((label) => label.startsWith('@'))?.slice(1);
  const validHandle = handle && HANDLE.test(handle) ? handle : undefined;
  const author = withoutEmpty({ name: labels.find((label) => !label.startsWith('@')), handle: validHandle, url: validHandle && `${ORIGIN}/${validHandle}` });
  return Object.keys(author).length ? author : undefined;
}

/** The handle of a link to an X profile (/handle), or undefined for any other link. */
function profileHandleOf(href: string | null, pageUrl: URL): string | undefined {
  const absolute = absoluteUrl(href, pageUrl);
  if (!absolute) return undefined;
  const url = new URL(absolute);
  const handle = HOSTS.has(url.hostname) ? /^\/(\w{1,15})\/?$/.exec(url.pathname)?.[1] : undefined;
  return handle && !RESERVED_PATHS.has(handle.toLowerCase()) ? handle : undefined;
}

function withoutEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined && field !== '')) as T;
}

/** The canonical https://x.com permalink of a status link, whichever X host the page was on. */
function statusOf(link: Element, pageUrl: URL): { id: string; url: string } | undefined {
  const href = absoluteUrl(link.getAttribute('href'), pageUrl);
  if (!href) return undefined;
  const url = new URL(href);
  const match = HOSTS.has(url.hostname) ? STATUS_PATH.exec(url.pathname) : null;
  if (!match) return undefined;
  const [, handle, id] = match;
  return id ? { id, url: `${ORIGIN}/${handle}/status/${id}` } : undefined;
}

function authorOf(userName: Element | undefined): PostAuthor | undefined {
  if (!userName) return undefined;
  // On timelines the timestamp link sits inside User-Name too; it is neither the name nor the handle.
  const labels = Array.from(userName.querySelectorAll('a'))
    .filter((a) => !a.querySelector('time'))
    .map((a) => readableText(a).trim());
  const handle = labels.find((label) => label.startsWith('@'))?.slice(1);
  const validHandle = handle && HANDLE.test(handle) ? handle : undefined;
  return {
    name: labels.find((label) => label && !label.startsWith('@')),
    handle: validHandle,
    url: validHandle && `${ORIGIN}/${validHandle}`,
  };
}

function mediaOf(own: (selector: string) => Element[], pageUrl: URL): MediaRef[] {
  const media: MediaRef[] = [];
  const add = (kind: MediaRef['kind'], url: string | undefined): void => {
    if (url && !media.some((ref) => ref.url === url)) media.push({ kind, url });
  };
  const image = (img: Element): string | undefined => {
    const src = absoluteUrl(img.getAttribute('src'), pageUrl);
    return src && originalMediaUrl(src);
  };

  // A video's still frame is an <img> inside tweetPhoto as well; it is the poster, not a photo.
  own('[data-testid="tweetPhoto"] img')
    .filter((img) => !img.closest('[data-testid="videoPlayer"]'))
    .forEach((img) => add('photo', image(img)));

  for (const video of own('[data-testid="videoPlayer"] video')) {
    add('video-poster', absoluteUrl(video.getAttribute('poster'), pageUrl));
    const sources = [video, ...Array.from(video.querySelectorAll('source'))];
    for (const src of sources.map((el) => absoluteUrl(el.getAttribute('src'), pageUrl))) {
      // X streams most videos through MediaSource, so the page holds only a blob: URL that nothing outside
      // the tab can fetch. It is still listed, as kind 'video', so the capture layer records the video in
      // missing[] with that reason instead of silently leaving it out. GIFs are mp4 files under /tweet_video/.
      if (src?.startsWith('blob:')) add('video', src);
      else if (src?.startsWith('https:')) add(src.includes('/tweet_video/') ? 'gif' : 'video', src);
    }
  }

  own('[data-testid="card.wrapper"] img').forEach((img) => add('card-image', image(img)));
  return media;
}

/** The thumbnail folders of X's videos on pbs.twimg.com, and the video.twimg.com folder of the same video's files. */
const VIDEO_FOLDERS: Record<string, string> = { amplify_video_thumb: 'amplify_video', ext_tw_video_thumb: 'ext_tw_video' };

/**
 * The video a poster shows: X names a video's still frame `pbs.twimg.com/amplify_video_thumb/<id>/…` or
 * `…/ext_tw_video_thumb/<id>/…`, and serves its files under `video.twimg.com/amplify_video/<id>/…` or
 * `…/ext_tw_video/<id>/…`. Older posters (`pbs.twimg.com/media/…`) name no video: undefined.
 */
export function xVideoOfPoster(poster: string | null | undefined): { folder: string; id: string } | undefined {
  let url: URL;
  try {
    url = new URL(poster ?? '');
  } catch {
    return undefined;
  }
  const match = url.hostname === 'pbs.twimg.com' ? /^\/(amplify_video_thumb|ext_tw_video_thumb)\/(\d+)\//.exec(url.pathname) : null;
  return match ? { folder: VIDEO_FOLDERS[match[1]!]!, id: match[2]! } : undefined;
}

/**
 * Whether `streamUrl` is a file of that video: on video.twimg.com in its own folder, and either an HLS playlist or
 * the progressive mp4 (`…/vid/[avc1/]<W>x<H>/<name>.mp4`, not a stream's init section, which sits deeper).
 */
export function isXStreamOfVideo(streamUrl: string, video: { folder: string; id: string }): boolean {
  let url: URL;
  try {
    url = new URL(streamUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.hostname !== 'video.twimg.com' || !url.pathname.startsWith(`/${video.folder}/${video.id}/`)) return false;
  return /\.m3u8$/i.test(url.pathname) || /\/vid\/(?:avc1\/)?\d+x\d+\/[^/]+\.mp4$/i.test(url.pathname);
}

/** The X rule for a blob: video of the post: its own <video>'s poster names the video, whose files are then its own. */
function xStreamMatcher(post: Element, videoUrl: string, pageUrl: URL): ((streamUrl: string) => boolean) | undefined {
  const quote = quotedPost(post);
  const videos = Array.from(post.querySelectorAll('[data-testid="videoPlayer"] video')).filter((video) => !quote?.contains(video));
  const video = videos.find((el) =>
    [el, ...Array.from(el.querySelectorAll('source'))].some((source) => absoluteUrl(source.getAttribute('src'), pageUrl) === videoUrl),
  );
  const named = video && xVideoOfPoster(absoluteUrl(video.getAttribute('poster'), pageUrl));
  return named && ((streamUrl) => isXStreamOfVideo(streamUrl, named));
}

/** First path segments of x.com that are the app's routes, never an account's handle. */
const RESERVED_PATHS = new Set([
  'home', 'explore', 'notifications', 'messages', 'i', 'settings', 'search', 'compose', 'login', 'logout', 'signup', 'tos',
  'privacy', 'jobs', 'hashtag', 'intent', 'share', 'account', 'lists', 'bookmarks', 'communities', 'premium', 'verified-choose',
]);
/** A profile's own timelines: /handle, /handle/with_replies, /handle/media, … */
const PROFILE_TABS = new Set(['', 'with_replies', 'media', 'likes', 'highlights', 'articles', 'superfollows', 'verified_followers', 'followers', 'following']);

function xUrlKind(url: URL): 'post' | 'profile' | undefined {
  if (!HOSTS.has(url.hostname)) return undefined;
  if (STATUS_PATH.test(url.pathname)) return 'post';
  const [, handle, tab = '', ...rest] = url.pathname.replace(/\/$/, '').split('/');
  if (!handle || !/^\w{1,15}$/.test(handle) || RESERVED_PATHS.has(handle.toLowerCase()) || rest.length) return undefined;
  return PROFILE_TABS.has(tab) ? 'profile' : undefined;
}

/**
 * The original upload of a profile picture: the page shows `…/<name>_400x400.jpg` (or _normal, _bigger, _x96,
 * _200x200); the same name without the size suffix is the file as uploaded.
 */
export function originalAvatarUrl(src: string): string {
  return /^https:\/\/pbs\.twimg\.com\/profile_images\//.test(src) ? src.replace(/_(?:normal|bigger|mini|x\d+|\d+x\d+)(\.[a-z0-9]+)?$/i, '$1') : src;
}

/** The original banner: the page shows `profile_banners/<account id>/<version>/1500x500`; without the size, the upload. */
export function originalBannerUrl(src: string): string {
  return src.replace(/^(https:\/\/pbs\.twimg\.com\/profile_banners\/\d+\/\d+)\/[\w]+$/, '$1');
}

/** The profile header: the smallest block holding the user name, the avatar and the follow counts, never a tweet. */
function xProfileElement(doc: Document): Element | undefined {
  const name = Array.from(doc.querySelectorAll('[data-testid="UserName"]')).find((el) => !el.closest('article'));
  if (!name) return undefined;
  const outsideTweets = (selector: string): Element | undefined => Array.from(doc.querySelectorAll(selector)).find((el) => !el.closest('article'));
  const parts = [outsideTweets('[data-testid^="UserAvatar-Container-"]'), outsideTweets('a[href$="/header_photo"]')].filter(
    (el): el is Element => el !== undefined,
  );
  let block: Element | null = name;
  while (block && !parts.every((part) => block!.contains(part))) block = block.parentElement;
  if (!block || block.querySelector('article, nav') || block === doc.body) return name.parentElement ?? name;
  return block;
}

function xReadProfile(doc: Document, pageUrl: URL): PostRecord | undefined {
  const header = xProfileElement(doc);
  const userName = header && Array.from(header.querySelectorAll('[data-testid="UserName"]')).find((el) => !el.closest('article'));
  if (!header || !userName) return undefined;
  const shown = shownAuthorOf(userName);
  const validHandle = shown?.handle;
  const name = shown?.name;
  const bannerSrc = absoluteUrl(header.querySelector('a[href$="/header_photo"] img')?.getAttribute('src') ?? null, pageUrl);
  const avatarSrc = absoluteUrl(header.querySelector('a[href$="/photo"] img')?.getAttribute('src') ?? null, pageUrl);
  const avatarUrl = avatarSrc && originalAvatarUrl(avatarSrc);
  const bannerUrl = bannerSrc && originalBannerUrl(bannerSrc);
  // The account's number: X names it in the follow button's test id and in the banner's path.
  const followId = Array.from(header.querySelectorAll('[data-testid$="-follow"], [data-testid$="-unfollow"]'))
    .map((el) => /^(\d+)-(?:un)?follow$/.exec(el.getAttribute('data-testid') ?? '')?.[1])
    .find(Boolean);
  const accountId = followId ?? /\/profile_banners\/(\d+)\//.exec(bannerSrc ?? '')?.[1];
  const text = (testId: string): string | undefined => {
    const el = header.querySelector(`[data-testid="${testId}"]`);
    const value = el && readableText(el, { collapseWhitespace: true }).trim();
    return value || undefined;
  };
  const bio = text('UserDescription');
  const profile: ProfileFields = withoutEmpty({
    bio,
    counts: xCounts(doc, header, validHandle),
    joined: text('UserJoinDate'),
    verified: Array.from(userName.querySelectorAll('[data-testid="icon-verified"], svg[aria-label]'))
      .map((el) => el.getAttribute('aria-label')?.trim() ?? '')
      .filter(Boolean),
    avatarUrl,
    bannerUrl,
    location: text('UserLocation'),
    website: text('UserUrl'),
  });
  if (profile.verified?.length === 0) delete profile.verified;
  const media: MediaRef[] = [avatarUrl, bannerUrl].filter((url): url is string => Boolean(url)).map((url) => ({ kind: 'photo', url }));
  return finalizePost(
    {
      platform: 'x',
      kind: 'profile',
      url: validHandle && `${ORIGIN}/${validHandle}`,
      author: { name, handle: validHandle, id: accountId, url: validHandle && `${ORIGIN}/${validHandle}` },
      text: bio,
      profile,
      media: media.length ? media : undefined,
    },
    ['url', 'author'],
  );
}

/**
 * The counts as shown: each link to the account's following/followers lists ("406 Following"), keyed by the page's own
 * label, and the post count the header bar shows over the profile ("23.9K posts").
 */
function xCounts(doc: Document, header: Element, handle: string | undefined): Record<string, string> | undefined {
  const counts: Record<string, string> = {};
  for (const link of Array.from(header.querySelectorAll('a[href$="/following"], a[href$="/followers"], a[href$="/verified_followers"]'))) {
    const [value, label] = Array.from(link.children).map((el) => readableText(el, { collapseWhitespace: true }).trim());
    if (value && label) counts[label] = value;
  }
  // The header bar: <h2 role=heading> with the display name, and beside it "<count> <word>".
  const bar = Array.from(doc.querySelectorAll('[data-testid="primaryColumn"] h2[role="heading"]')).find((h2) => !h2.closest('article'));
  const shown = bar?.nextElementSibling && readableText(bar.nextElementSibling, { collapseWhitespace: true }).trim();
  const match = shown ? /^([\d.,\s]+[KMB]?)\s+(\S.*)$/u.exec(shown) : null;
  if (match && handle) counts[match[2]!] = match[1]!.trim();
  return Object.keys(counts).length ? counts : undefined;
}

registerAdapter({
  name: 'x',
  matches: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
  postSelector: 'article[data-testid="tweet"]',
  extract: extractTweet,
  streamMatcher: xStreamMatcher,
  urlKind: xUrlKind,
  readProfile: xReadProfile,
  profileElement: xProfileElement,
});
