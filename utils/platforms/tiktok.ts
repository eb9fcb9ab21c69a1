// The TikTok adapter: reads a post record from a video card of www.tiktok.com (the video page and its feed).
import type { MediaRef, PostAuthor, PostRecord } from '../model';
import { absoluteUrl, readableText, utcTimestamp } from './dom';
import { TIKTOK_HOSTS } from './hosts';
import { finalizePost, registerAdapter } from './registry';

const HOSTS = new Set(TIKTOK_HOSTS);
const ORIGIN = 'https://www.tiktok.com';
const PROFILE_PATH = /^\/@([\w.]+)\/?$/;
// The player's wrapper carries the video id: xgwrapper-<index>-<id>.
const PLAYER_ID = /^xgwrapper-\d+-(\d+)$/;

/** The part of the server's rehydration JSON this adapter reads: the video the page was loaded for. */
interface ItemStruct {
  id?: string;
  createTime?: string | number;
  textLanguage?: string;
  author?: { id?: string; uniqueId?: string; nickname?: string };
}

function extractVideo(post: Element, pageUrl: URL): PostRecord {
  const id = PLAYER_ID.exec(post.querySelector('[id^="xgwrapper-"]')?.id ?? '')?.[1];
  const handle = all(post, 'a[href^="/@"]')
    .map((a) => PROFILE_PATH.exec(new URL(a.getAttribute('href')!, ORIGIN).pathname)?.[1])
    .find(Boolean);
  // The server describes the video the page was loaded for in JSON; the app does not rewrite it as the feed
  // moves on, so it counts only for the card showing that same video by that same author.
  const item = pageItem(post.ownerDocument);
  const described = item && id && item.id === id && item.author?.uniqueId === handle ? item : undefined;
  const postedAt = utcTimestamp(described?.createTime);
  const author: PostAuthor = {
    name: described?.author?.nickname || undefined,
    handle,
    id: described?.author?.id || undefined,
    url: handle && `${ORIGIN}/@${handle}`,
  };

  return finalizePost(
    {
      platform: 'tiktok',
      id,
      url: id && handle ? `${ORIGIN}/@${handle}/video/${id}` : undefined,
      author,
      postedAt,
      // The card shows only a short date ("11-12", "2d ago") without year or time: it is not read.
      postedAtSource: postedAt ? 'json' : undefined,
      text: descriptionOf(post),
      // TikTok's own classification of the description's language, stated for this video.
      lang: described?.textLanguage || undefined,
      media: mediaOf(post, pageUrl),
    },
    ['url', 'author'],
  );
}

function all(post: Element, selector: string): Element[] {
  return Array.from(post.querySelectorAll(selector));
}

/**
 * The description as posted: its text spans with the mentions and hashtags between them. The same block also
 * holds an AI-generated summary and keywords, "more" and "See translation", which are not the author's words.
 */
function descriptionOf(post: Element): string | undefined {
  const desc = post.querySelector('[data-e2e="video-desc"]');
  if (!desc) return undefined;
  const parts = all(desc, '[data-e2e^="desc-span"], a[data-e2e="search-common-link"]').filter(
    (el) => !el.parentElement?.closest('[data-e2e^="desc-span"], a[data-e2e="search-common-link"]'),
  );
  const text = parts.map((el) => readableText(el)).join('');
  return text || undefined;
}

function pageItem(document: Document): ItemStruct | undefined {
  const script = document.getElementById('__UNIVERSAL_DATA_FOR_REHYDRATION__');
  try {
    const data = JSON.parse(script?.textContent ?? '') as {
      __DEFAULT_SCOPE__?: Record<string, { itemInfo?: { itemStruct?: ItemStruct } } | undefined>;
    };
    return data.__DEFAULT_SCOPE__?.['webapp.video-detail']?.itemInfo?.itemStruct;
  } catch {
    return undefined;
  }
}

function mediaOf(post: Element, pageUrl: URL): MediaRef[] {
  const media: MediaRef[] = [];
  const add = (kind: MediaRef['kind'], url: string | undefined): void => {
    if (url && !media.some((ref) => ref.url === url)) media.push({ kind, url });
  };
  // The cover is the video's still, drawn as an <img> until the player starts (a data: placeholder before it loads).
  for (const img of all(post, 'img')) {
    if (img.closest('a[href^="/@"]')) continue;
    const src = absoluteUrl(img.getAttribute('src'), pageUrl);
    if (src?.startsWith('https:')) add('video-poster', src);
  }
  for (const video of all(post, 'video')) {
    add('video-poster', absoluteUrl(video.getAttribute('poster'), pageUrl));
    // The player streams through MediaSource: the page holds a blob: URL, listed so that the capture records
    // the video in missing[]; a plain https source is kept as it is.
    const src = absoluteUrl(video.getAttribute('src'), pageUrl);
    if (src?.startsWith('blob:') || src?.startsWith('https:')) add('video', src);
  }
  return media;
}

/** /@name/video/ID (and /photo/ID) is a post; /@name an account's profile. */
function tiktokUrlKind(url: URL): 'post' | 'profile' | undefined {
  if (!HOSTS.has(url.hostname)) return undefined;
  if (/^\/@[\w.]+\/(video|photo)\/\d+\/?$/.test(url.pathname)) return 'post';
  return PROFILE_PATH.test(url.pathname) ? 'profile' : undefined;
}

registerAdapter({
  name: 'tiktok',
  matches: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
  // The video card: it holds the player, the author and the description. Not its <article>: the feed fills
  // empty <article>s as it scrolls, and a selector on the article would not see the card arrive.
  postSelector: '[data-e2e="feed-video"]',
  extract: extractVideo,
  urlKind: tiktokUrlKind,
});
