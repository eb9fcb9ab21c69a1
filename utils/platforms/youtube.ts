// The YouTube adapter: reads a post record from a rendered watch page's video metadata, and from rendered comments.
import type { MediaRef, PostAuthor, PostRecord } from '../model';
import { absoluteUrl, readableText, utcTimestamp } from './dom';
import { YOUTUBE_HOSTS } from './hosts';
import { finalizePost, registerAdapter } from './registry';

const HOSTS = new Set(YOUTUBE_HOSTS);
const ORIGIN = 'https://www.youtube.com';
const VIDEO_ID = /^[\w-]{11}$/;
const HANDLE_PATH = /^\/@([\w.-]+)\/?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const COMMENT = 'ytd-comment-view-model, ytd-comment-renderer';

const watchUrl = (videoId: string): string => `${ORIGIN}/watch?v=${videoId}`;

function extract(post: Element, pageUrl: URL): PostRecord {
  return post.matches(COMMENT) ? extractComment(post, pageUrl) : extractVideo(post, pageUrl);
}

/**
 * The page's schema.org VideoObject (div#watch7-content), when it describes this video: the watch page is an app
 * that moves to other videos without reloading, and the microdata stays that of the first one.
 */
function microdataFor(document: Document, videoId: string): Element | undefined {
  return Array.from(document.querySelectorAll('[itemtype$="schema.org/VideoObject"]')).find(
    (item) => (item.querySelector('meta[itemprop="videoId"], meta[itemprop="identifier"]')?.getAttribute('content') ?? '') === videoId,
  );
}

function extractVideo(metadata: Element, pageUrl: URL): PostRecord {
  const attribute = metadata.getAttribute('video-id') ?? '';
  const videoId = VIDEO_ID.test(attribute) ? attribute : undefined;
  const item = videoId ? microdataFor(metadata.ownerDocument, videoId) : undefined;
  const prop = (name: string): string | undefined => item?.querySelector(`[itemprop="${name}"]`)?.getAttribute('content') ?? undefined;
  // A date-only datePublished ("2016-09-27", older pages) is kept as it is: no time of day is invented for it.
  const published = prop('datePublished') ?? prop('uploadDate');
  const postedAt = published && (DATE_ONLY.test(published) ? published : utcTimestamp(published));
  const title = metadata.querySelector('#title h1');
  const description = descriptionOf(metadata);
  const text = [title && readableText(title, { collapseWhitespace: true }), description].filter(Boolean).join('\n\n');
  const ownerLink = metadata.querySelector('ytd-video-owner-renderer ytd-channel-name a[href]');

  const media: MediaRef[] = [];
  const add = (kind: MediaRef['kind'], url: string | undefined): void => {
    if (url && !media.some((ref) => ref.url === url)) media.push({ kind, url });
  };
  add('video-poster', absoluteUrl(item?.querySelector('link[itemprop="thumbnailUrl"]')?.getAttribute('href') ?? null, pageUrl));
  // YouTube streams through MediaSource: the player's <video> holds a blob: URL, listed so the capture records it as missing.
  const player = metadata.closest('ytd-watch-flexy')?.querySelector('#movie_player video, video.html5-main-video');
  add('video', absoluteUrl(player?.getAttribute('src') ?? null, pageUrl));

  return finalizePost(
    {
      platform: 'youtube',
      id: videoId,
      url: videoId && watchUrl(videoId),
      author: {
        ...channelOf(ownerLink, pageUrl),
        id: prop('channelId'),
      },
      postedAt,
      postedAtSource: postedAt ? 'attribute' : undefined,
      text: text || undefined,
      media,
    },
    ['url', 'author'],
  );
}

/**
 * The description as drawn: the expanded text when the viewer opened it, else the collapsed snippet when nothing of
 * it is cut off (its ellipsis hidden). A cut-off snippet is left out rather than recorded as the whole description.
 */
function descriptionOf(metadata: Element): string | undefined {
  const expander = metadata.querySelector('#description-inline-expander');
  if (!expander) return undefined;
  const expanded = expander.querySelector(':scope > yt-attributed-string:not([hidden]), :scope > yt-formatted-string:not([hidden])');
  const snippet = expander.querySelector('#plain-snippet-text, #attributed-snippet-text:not([hidden])');
  const cut = expander.querySelector('#ellipsis:not([hidden])');
  const source = expanded ?? (cut ? null : snippet);
  const text = source && readableText(source, { collapseWhitespace: true }).trim();
  return text || undefined;
}

function channelOf(link: Element | null, pageUrl: URL): PostAuthor {
  const href = link && absoluteUrl(link.getAttribute('href'), pageUrl);
  const url = href ? new URL(href) : undefined;
  const onYouTube = url && HOSTS.has(url.hostname);
  return {
    name: link ? readableText(link, { collapseWhitespace: true }).trim() || undefined : undefined,
    handle: onYouTube ? HANDLE_PATH.exec(url.pathname)?.[1] : undefined,
    url: onYouTube ? `${ORIGIN}${url.pathname.replace(/\/$/, '')}` : undefined,
  };
}

/** A rendered comment: its link (the time) carries the video and the comment id; its time is relative text only. */
function extractComment(comment: Element, pageUrl: URL): PostRecord {
  const timeLink = comment.querySelector('#published-time-text a[href]');
  const linked = timeLink && absoluteUrl(timeLink.getAttribute('href'), pageUrl);
  const params = linked ? new URL(linked).searchParams : undefined;
  const videoId = params?.get('v') ?? undefined;
  const commentId = params?.get('lc') ?? undefined;
  const authorLink = comment.querySelector('#author-text[href], #header-author a[href]');
  const author = channelOf(authorLink, pageUrl);
  const content = comment.querySelector('#content-text');
  // A reply sits in its thread's replies; the thread's first comment is the one it answers.
  const thread = comment.closest('ytd-comment-thread-renderer');
  const parent = comment.closest('#replies') ? thread?.querySelector(`:scope > ${COMMENT.split(', ').join(', :scope > ')}`) : undefined;
  const parentLink = parent?.querySelector('#published-time-text a[href]');

  return finalizePost(
    {
      platform: 'youtube',
      id: commentId,
      url: videoId && commentId && VIDEO_ID.test(videoId) ? `${watchUrl(videoId)}&lc=${commentId}` : undefined,
      // The author line shows the @handle, not a separate name.
      author: { handle: author.handle, url: author.url },
      text: content ? readableText(content, { collapseWhitespace: true }) : undefined,
      inReplyTo: parentLink ? absoluteUrl(parentLink.getAttribute('href'), pageUrl) : videoId && watchUrl(videoId),
    },
    ['url', 'author'],
  );
}

/** A watch page or a short is a post; a channel's page (/@handle, /channel/ID, /c/NAME, /user/NAME) a profile. */
function youtubeUrlKind(url: URL): 'post' | 'profile' | undefined {
  if (!HOSTS.has(url.hostname)) return undefined;
  if ((url.pathname === '/watch' && VIDEO_ID.test(url.searchParams.get('v') ?? '')) || /^\/shorts\/[\w-]{11}\/?$/.test(url.pathname)) return 'post';
  return /^\/(@[\w.-]+|channel\/[\w-]+|c\/[^/]+|user\/[^/]+)(\/(featured|videos|shorts|streams|about))?\/?$/.test(url.pathname) ? 'profile' : undefined;
}

registerAdapter({
  name: 'youtube',
  matches: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
  // Only what the app has drawn: the watch page's metadata block and each comment. The server's HTML (microdata and
  // JSON, no ytd-watch-metadata) holds no post.
  postSelector: `ytd-watch-metadata, ${COMMENT}`,
  extract,
  urlKind: youtubeUrlKind,
});
