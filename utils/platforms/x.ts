// The X (x.com, formerly Twitter) adapter: reads a post record from a rendered tweet <article>, timelines included.
import type { MediaRef, PostAuthor, PostRecord } from '../model';
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

registerAdapter({
  name: 'x',
  matches: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
  postSelector: 'article[data-testid="tweet"]',
  extract: extractTweet,
  streamMatcher: xStreamMatcher,
});
