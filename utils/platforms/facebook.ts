// The Facebook adapter: reads a post record from a story as m.facebook.com serves it (story pages, group permalinks, timelines).
import type { MediaRef, PostAuthor, PostRecord } from '../model';
import { absoluteUrl, largestImageUrl, paragraphText, utcTimestamp } from './dom';
import { FACEBOOK_HOSTS } from './hosts';
import { finalizePost, registerAdapter } from './registry';

const HOSTS = new Set(FACEBOOK_HOSTS);
// Query parameters that identify what a Facebook URL points at; the rest (refid, __tn__, __xts__...) only track the click.
const IDENTIFYING_PARAMS = new Set(['story_fbid', 'id', 'fbid', 'set', 'v']);
// First path segments that are Facebook routes, not a page's or person's user name.
const ROUTES = new Set(['story.php', 'permalink.php', 'profile.php', 'photo.php', 'groups', 'pages', 'events', 'watch', 'hashtag', 'login', 'l.php']);

/** The data-ft attribute: Facebook's own JSON about the story (ids, owner, publish time). */
interface StoryData {
  top_level_post_id?: string;
  mf_story_key?: string;
  content_owner_id_new?: string | number;
  page_insights?: Record<string, { actor_id?: string | number; post_context?: { publish_time?: number } }>;
}

function storyData(post: Element): StoryData {
  try {
    return (JSON.parse(post.getAttribute('data-ft') ?? '{}') as StoryData) ?? {};
  } catch {
    return {};
  }
}

/** A Facebook URL with only its identifying query parameters kept, or undefined when it is not on Facebook. */
export function cleanFacebookUrl(href: string | null, pageUrl: URL): string | undefined {
  const absolute = absoluteUrl(href, pageUrl);
  if (!absolute) return undefined;
  const url = new URL(absolute);
  if (!HOSTS.has(url.hostname)) return undefined;
  for (const key of [...url.searchParams.keys()]) if (!IDENTIFYING_PARAMS.has(key)) url.searchParams.delete(key);
  url.hash = '';
  return url.href;
}

function extractStory(post: Element, pageUrl: URL): PostRecord {
  const data = storyData(post);
  const insights = Object.values(data.page_insights ?? {})[0];
  const body = post.querySelector('.story_body_container') ?? post;
  const header = body.querySelector('header');
  // The permalink is the link around the story's date, under the author line.
  const dateLink = header?.querySelector('[data-sigil="m-feed-voice-subtitle"] a[href]');
  const utime = post.querySelector('abbr[data-utime]')?.getAttribute('data-utime');
  const postedAt = utcTimestamp(insights?.post_context?.publish_time ?? utime);
  const textBlock = body.querySelector(':scope > ._5rgt');
  const text = textBlock && storyText(textBlock);
  const ownerId = data.content_owner_id_new ?? insights?.actor_id;

  return finalizePost(
    {
      platform: 'facebook',
      id: data.top_level_post_id ?? data.mf_story_key,
      url: cleanFacebookUrl(dateLink?.getAttribute('href') ?? null, pageUrl),
      author: authorOf(header?.querySelector('h3 a[href]') ?? undefined, pageUrl, ownerId),
      postedAt,
      postedAtSource: postedAt ? 'attribute' : undefined,
      text: text || undefined,
      media: mediaOf(body, header ?? undefined, pageUrl),
    },
    ['url', 'author'],
  );
}

/** The story's text without the "… More" link Facebook puts in front of the hidden rest of a long text. */
function storyText(block: Element): string {
  const copy = block.cloneNode(true) as Element;
  copy.querySelectorAll('.text_exposed_hide').forEach((el) => el.remove());
  return paragraphText(copy);
}

function authorOf(link: Element | undefined, pageUrl: URL, ownerId: string | number | undefined): PostAuthor | undefined {
  const url = link && cleanFacebookUrl(link.getAttribute('href'), pageUrl);
  const segments = url ? new URL(url).pathname.split('/').filter(Boolean) : [];
  const handle = segments.length === 1 && !ROUTES.has(segments[0]!) ? segments[0] : undefined;
  const profileId = url ? new URL(url).searchParams.get('id') ?? undefined : undefined;
  return {
    name: link?.textContent?.trim() || undefined,
    handle,
    id: ownerId !== undefined ? String(ownerId) : profileId,
    url,
  };
}

function mediaOf(body: Element, header: Element | undefined, pageUrl: URL): MediaRef[] {
  const media: MediaRef[] = [];
  const add = (kind: MediaRef['kind'], url: string | undefined): void => {
    if (url && !media.some((ref) => ref.url === url)) media.push({ kind, url });
  };
  for (const img of Array.from(body.querySelectorAll('img'))) {
    if (header?.contains(img) || img.classList.contains('profpic')) continue;
    const photoLink = img.closest('a[href*="/photos/"], a[href*="photo.php"]');
    add(photoLink ? 'photo' : 'card-image', largestImageUrl(img, pageUrl));
  }
  // Inline videos keep their plain MP4 address in the player's data-store JSON.
  for (const player of Array.from(body.querySelectorAll('[data-store*="videoID"]'))) {
    try {
      const src = (JSON.parse(player.getAttribute('data-store') ?? '{}') as { src?: string }).src;
      add('video', absoluteUrl(src ?? null, pageUrl));
    } catch {
      // A player without readable JSON shows no plain video address; the screenshot still shows the video.
    }
  }
  return media;
}

registerAdapter({
  name: 'facebook',
  matches: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
  // m.facebook.com marks every story (permalink pages and timelines alike) with this sigil; comments carry "comment".
  postSelector: '[data-sigil~="story-div"]',
  extract: extractStory,
});
