// Reddit's second witness: the post's permalink with `.json` appended, the listing Reddit's own clients read.
//
// Response shape: an array of two Listings, [post, comments]; the post is `[0].data.children[0]`, kind `t3`, its
// `data` the Link fields (id, name = t3_<id>, author, author_fullname = t2_<id>, title, selftext, selftext_html,
// created_utc, url, is_video, secure_media.reddit_video, preview.images[], is_gallery, gallery_data.items[].media_id,
// media_metadata, removed_by_category). Documented in Reddit's API docs, https://www.reddit.com/dev/api/ ("any
// listing can be had as JSON by appending .json"; `raw_json=1` turns off the legacy HTML-escaping of &, < and >
// in strings), and in PRAW's Submission model, https://praw.readthedocs.io/en/stable/code_overview/models/submission.html.
// Errors: 404 {"message": "Not Found", "error": 404}; 403 {"reason": "private" | "quarantined" | "gold_only", ...}
// for a subreddit the public cannot read; a 403 HTML page when Reddit's network security blocks the client.
import type { PostRecord } from '../../model';
import type { WitnessFields, WitnessReading, WitnessRequest, WitnessResponse, WitnessSource } from '../source';
import {
  arrayAt,
  bodyJson,
  fileStem,
  isObject,
  isoTime,
  nextInSequence,
  objectAt,
  parseUrl,
  responseNamed,
  safely,
  stringAt,
  withoutUndefined,
  type Json,
  type JsonObject,
} from './common';
import { paragraphText, parseHtml } from './html';

const SOURCE = 'reddit-json';
const NAME = 'listing';
const COMMENTS_PATH = /^(\/(?:r\/[\w-]+\/)?comments\/([a-z0-9]+))(?:\/[^/]*)?\/?$/i;
const DELETED = new Set(['[deleted]', '[removed]']);

/** Why Reddit took a post down, in words, from `removed_by_category`. */
const REMOVED: Record<string, string> = {
  deleted: 'deleted by its author',
  author: 'deleted by its author',
  moderator: "removed by the subreddit's moderators",
  automod_filtered: "removed by the subreddit's AutoModerator",
  reddit: 'removed by Reddit',
  anti_evil_ops: "removed by Reddit's Anti-Evil Operations",
  community_ops: "removed by Reddit's Community team",
  legal_operations: "removed by Reddit's legal operations",
  copyright_takedown: 'removed after a copyright notice',
  content_takedown: 'removed by Reddit (content takedown)',
};

function requests(post: PostRecord): WitnessRequest[] | string {
  const url = parseUrl(post.url);
  const match = url ? COMMENTS_PATH.exec(url.pathname) : null;
  const path = match ? url!.pathname.replace(/\/$/, '') : post.id && /^[a-z0-9]+$/i.test(post.id) ? `/comments/${post.id}` : undefined;
  if (!path) return 'the post has no Reddit permalink or id';
  return [{ url: `https://www.reddit.com${path}.json?raw_json=1`, accept: 'application/json', name: NAME, ext: 'json' }];
}

function refused(response: WitnessResponse, json: Json | undefined): WitnessReading | undefined {
  const reason = stringAt(json, 'reason');
  if (response.status === 404) return { kind: 'not-served', reason: 'Reddit has no public post at this permalink (404): deleted, removed or never public.' };
  if (response.status === 403 && reason) {
    const what = reason === 'private' ? 'a private subreddit' : reason === 'quarantined' ? 'a quarantined subreddit' : `a restricted subreddit (${reason})`;
    return { kind: 'not-served', reason: `The post is in ${what}: Reddit shows it only to logged-in members (login wall).` };
  }
  return undefined;
}

function read(post: PostRecord, responses: readonly WitnessResponse[]): WitnessReading {
  const response = responseNamed(responses, NAME);
  if (!response) return { kind: 'unavailable', reason: 'No response of the Reddit listing was kept.' };
  const parsed = bodyJson(response);
  const not = refused(response, 'json' in parsed ? parsed.json : undefined);
  if (not) return not;
  if (response.status === 403) return { kind: 'unavailable', reason: "Reddit refused the request (HTTP 403 without a reason): its network security blocked the client, which says nothing of the post." };
  if (response.status === 429) return { kind: 'unavailable', reason: 'Reddit rate-limited the request (HTTP 429).' };
  if (response.status !== 200) return { kind: 'unavailable', reason: `Reddit answered HTTP ${response.status}.` };
  if ('error' in parsed) return { kind: 'unavailable', reason: parsed.error };

  const listing = Array.isArray(parsed.json) ? parsed.json[0] : parsed.json;
  const child = arrayAt(objectAt(listing, 'data'), 'children')?.[0];
  const data = objectAt(child, 'data');
  if (!data || stringAt(child, 'kind') !== 't3') return { kind: 'unavailable', reason: 'The listing holds no post (no t3 child).' };

  const removedBy = stringAt(data, 'removed_by_category');
  const selftext = stringAt(data, 'selftext');
  if (removedBy) return { kind: 'not-served', reason: `Reddit serves the post as ${REMOVED[removedBy] ?? `removed (${removedBy})`}: its content is withheld.` };
  if (selftext && DELETED.has(selftext.trim())) return { kind: 'not-served', reason: `Reddit serves the post's text as ${selftext.trim()}.` };

  const author = stringAt(data, 'author');
  const authorKnown = author !== undefined && !DELETED.has(author);
  const fields: WitnessFields = {
    authorId: authorKnown ? stringAt(data, 'author_fullname') : undefined,
    authorHandle: authorKnown ? author : undefined,
    postId: stringAt(data, 'id') ?? /^t3_([a-z0-9]+)$/.exec(stringAt(data, 'name') ?? '')?.[1],
    text: postText(data),
    postedAt: typeof data.created_utc === 'number' ? isoTime(data.created_utc) : undefined,
    ...mediaOf(data),
  };
  return { kind: 'served', fields: withoutUndefined(fields) };
}

/**
 * The text as the adapter makes it: the title, then the body's paragraphs, apart by a blank line. The body is read
 * from selftext_html (the rendered Markdown, as the page draws it), not the Markdown source in selftext.
 */
function postText(data: JsonObject): string | undefined {
  const title = stringAt(data, 'title')?.replace(/\s+/g, ' ').trim();
  const html = stringAt(data, 'selftext_html');
  const body = html ? paragraphText(parseHtml(html)) : undefined;
  return [title, body].filter(Boolean).join('\n\n') || undefined;
}

/**
 * The post's own media, in order: a gallery's items (gallery_data order, ids of media_metadata); a Reddit-hosted video
 * (its v.redd.it id); an uploaded image (its i.redd.it file stem); a linked GIF Reddit converts (its preview image id,
 * the stem of the external-preview URL the page plays). A link post's thumbnail is not media of the post.
 */
function mediaOf(data: JsonObject): Pick<WitnessFields, 'mediaCount' | 'mediaIds'> {
  const gallery = arrayAt(objectAt(data, 'gallery_data'), 'items');
  if (data.is_gallery === true && gallery) {
    const ids = gallery.map((item) => stringAt(item, 'media_id')).filter((id): id is string => Boolean(id));
    return { mediaCount: gallery.length, mediaIds: ids };
  }
  const video = objectAt(objectAt(data, 'secure_media'), 'reddit_video') ?? objectAt(objectAt(data, 'media'), 'reddit_video');
  if (data.is_video === true || video) {
    const id = redditMediaId(stringAt(data, 'url') ?? '') ?? redditMediaId(stringAt(video, 'fallback_url') ?? '');
    return { mediaCount: 1, mediaIds: id ? [id] : [] };
  }
  const linked = parseUrl(stringAt(data, 'url'));
  if (linked?.hostname === 'i.redd.it') {
    const id = redditMediaId(linked.href);
    return { mediaCount: 1, mediaIds: id ? [id] : [] };
  }
  const images = arrayAt(objectAt(data, 'preview'), 'images') ?? [];
  const animated = images.filter((image) => isObject(objectAt(image, 'variants')) && (objectAt(objectAt(image, 'variants'), 'mp4') || objectAt(objectAt(image, 'variants'), 'gif')));
  if (animated.length > 0) {
    return { mediaCount: animated.length, mediaIds: animated.map((image) => stringAt(image, 'id')).filter((id): id is string => Boolean(id)) };
  }
  return { mediaCount: 0, mediaIds: [] };
}

/**
 * Reddit's id of a media file from its URL: i.redd.it/<id>.<ext>, preview.redd.it/<id>.<ext> (or, in newer URLs,
 * <title-slug>-v0-<id>.<ext>), external-preview.redd.it/<id>.<ext>, v.redd.it/<id>/<file>. Anything else: none.
 */
export function redditMediaId(value: string): string | undefined {
  const url = parseUrl(value);
  if (!url) return undefined;
  if (url.hostname === 'v.redd.it') return url.pathname.split('/').filter(Boolean)[0];
  if (!['i.redd.it', 'preview.redd.it', 'external-preview.redd.it'].includes(url.hostname)) return undefined;
  if (url.pathname.includes('/award_images/')) return undefined;
  const stem = fileStem(url);
  return stem?.includes('-v0-') ? stem.slice(stem.lastIndexOf('-v0-') + 4) : stem;
}

export const redditSource: WitnessSource = {
  id: SOURCE,
  platform: 'reddit',
  hostPatterns: ['https://www.reddit.com/*'],
  next: (post, done) => nextInSequence(requests(post), done),
  read: (post, responses) => safely(SOURCE, () => read(post, responses)),
  mediaIdOf: redditMediaId,
};
