// The Facebook adapter: reads a post record from a story as m.facebook.com serves it (story pages, group permalinks, timelines).
import type { MediaRef, PostAuthor, PostRecord } from '../model';
import { absoluteUrl, largestImageUrl, paragraphText, utcTimestamp } from './dom';
import { FACEBOOK_HOSTS } from './hosts';
import { finalizePost, registerAdapter, type AdapterFixture } from './registry';

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

/** Real pages served by m.facebook.com (see ../shared/fixtures/pages/SOURCES.md) and what the first post must yield. */
const fixtures: AdapterFixture[] = [
  {
    folder: 'facebook',
    file: 'fb_mobile_story_php_nintendo_3065154550235644_2020-05-13_en.kevinzg.html',
    pageType: 'story page (m.), 4 photos; 3 more stories below',
    posts: 4,
    url: 'https://m.facebook.com/story.php?story_fbid=3065154550235644&id=119240841493711',
    expected: {
      platform: 'facebook',
      id: '3065154550235644',
      url: 'https://m.facebook.com/story.php?story_fbid=3065154550235644&id=119240841493711',
      author: { name: 'Nintendo', handle: 'Nintendo', id: '119240841493711', url: 'https://m.facebook.com/Nintendo/' },
      postedAt: '2020-05-13T01:01:18.000Z',
      postedAtSource: 'attribute',
      text:
        'Check out these themed wallpapers and many more at the link below for your personal use! We hope you enjoy them!' +
        '\n\nhttps://www.nintendo.com/wallpapers/',
      media: [
        {
          kind: 'photo',
          url: 'https://scontent.fhlz2-1.fna.fbcdn.net/v/t1.6435-9/cp0/e15/q65/p720x720/96724875_3065146506903115_4237164853036318720_n.jpg?_nc_cat=103&ccb=1-3&_nc_sid=8024bb&_nc_ohc=SvpNqSK7ILIAX93ehWM&_nc_ht=scontent.fhlz2-1.fna&tp=3&oh=426e258c934177d9ded48435efaecc6c&oe=60E74054',
        },
        {
          kind: 'photo',
          url: 'https://scontent.fhlz2-1.fna.fbcdn.net/v/t1.6435-0/cp0/e15/q65/s640x640/96657922_3065146630236436_9052202957155598336_n.jpg?_nc_cat=101&ccb=1-3&_nc_sid=8024bb&_nc_ohc=MwI_Au5sC60AX93Dkix&_nc_ht=scontent.fhlz2-1.fna&tp=9&oh=5c016bd47d3d9ab3ba997b48dbc21a97&oe=60E75F2D',
        },
        {
          kind: 'photo',
          url: 'https://scontent.fhlz2-1.fna.fbcdn.net/v/t1.6435-0/cp0/e15/q65/s640x640/96557798_3065146790236420_838564679184809984_n.jpg?_nc_cat=103&ccb=1-3&_nc_sid=8024bb&_nc_ohc=ydkcrs8kPykAX_0Fdn4&_nc_ht=scontent.fhlz2-1.fna&tp=9&oh=ca962fe95d846cbd6e4e78b0884572c9&oe=60E51308',
        },
        {
          kind: 'photo',
          url: 'https://scontent.fhlz2-1.fna.fbcdn.net/v/t1.6435-0/cp0/e15/q65/s640x640/96688092_3065146896903076_7861539131082407936_n.jpg?_nc_cat=108&ccb=1-3&_nc_sid=8024bb&_nc_ohc=vqgGsFXTmO4AX82bX5z&_nc_ht=scontent.fhlz2-1.fna&tp=9&oh=7e9da116d24a9faee2fe15c16d7dea8f&oe=60E3DD81',
        },
      ],
    },
  },
  {
    folder: 'facebook',
    file: 'fb_mobile_group_permalink_southamericansincomputing_2018_en-es.kevinzg.html',
    pageType: 'group permalink (m.), text',
    posts: 1,
    url: 'https://m.facebook.com/groups/southamericansincomputing/permalink/1629606003787605/',
    expected: {
      platform: 'facebook',
      id: '1629606003787605',
      url: 'https://m.facebook.com/groups/southamericansincomputing/permalink/1629606003787605/',
      author: { name: 'Omar U. Florez', handle: 'omarflorez', id: '757122227', url: 'https://m.facebook.com/omarflorez' },
      postedAt: '2018-04-03T20:02:42.000Z',
      postedAtSource: 'attribute',
      text:
        'Hola!, This group is aimed to create opportunities for South American students in Computer Science and related fields.' +
        '\n\nHope this will help us to know what we are doing in our work, achievements to be recognized, increase fairness in our area, and maybe conferences where we might meet.' +
        '\n\nProfessors and professionals are also welcomed to share their experiences and to collaborate among us and learn together.' +
        '\n\nSome short rules for a happy co-existence:' +
        '\n1. No business advertisement or spam.' +
        '\n2. Topics relevant to Computing, Computer Science, Software Engineering, and Education.' +
        '\n3. Political and religious advertisement are not allowed.',
      media: [],
    },
  },
];

registerAdapter({
  name: 'facebook',
  matches: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
  // m.facebook.com marks every story (permalink pages and timelines alike) with this sigil; comments carry "comment".
  postSelector: '[data-sigil~="story-div"]',
  extract: extractStory,
  fixtures,
});
