// YouTube's second witness: the video's oEmbed, and the player response in the watch page as YouTube serves it to
// the public.
//
// oEmbed: https://www.youtube.com/oembed?url=<watch url>&format=json, the provider listed at https://oembed.com/
// (providers.json) and specified by https://oembed.com/#section2.3 (title, author_name, author_url, thumbnail_url); the
// example at https://oembed.org/docs shows author_url as https://www.youtube.com/@<handle>. It answers 401 when the
// owner disabled embedding or the video is private, 403 for a forbidden video, 404 for none, 400 for a bad URL.
// Watch page: the HTML sets `var ytInitialPlayerResponse = {…};` with videoDetails {videoId, channelId, author, title,
// shortDescription}, microformat.playerMicroformatRenderer {publishDate, uploadDate, ownerProfileUrl} and
// playabilityStatus {status: OK | ERROR | LOGIN_REQUIRED | UNPLAYABLE | LIVE_STREAM_OFFLINE, reason}: the object
// yt-dlp's YouTube extractor reads (yt_dlp/extractor/youtube, _extract_yt_initial_variable with
// _YT_INITIAL_PLAYER_RESPONSE_RE) and the shape its tests assert. Undocumented by YouTube.
import type { PostRecord } from '../../model';
import type { WitnessFields, WitnessReading, WitnessRequest, WitnessResponse, WitnessSource } from '../source';
import { bodyJson, bodyText, isObject, isoTime, nextInSequence, objectAt, parseUrl, responseNamed, safely, stringAt, withoutUndefined, type Json } from './common';

const SOURCE = 'youtube-oembed';
const OEMBED = 'oembed';
const WATCH = 'watch';
const VIDEO_ID = /^[\w-]{11}$/;
const HANDLE_PATH = /^\/@([\w.-]+)\/?$/;

function videoIdOf(post: PostRecord): string | undefined {
  const url = parseUrl(post.url);
  const fromUrl = url?.searchParams.get('v') ?? (url ? /^\/(?:shorts|live|embed)\/([\w-]{11})/.exec(url.pathname)?.[1] : undefined);
  // A comment's record has its own id; the video is the `v` of its URL.
  if (fromUrl && VIDEO_ID.test(fromUrl)) return fromUrl;
  return post.id && VIDEO_ID.test(post.id) ? post.id : undefined;
}

function requests(post: PostRecord): WitnessRequest[] | string {
  const id = videoIdOf(post);
  if (!id) return 'the post has no YouTube video id';
  const watch = `https://www.youtube.com/watch?v=${id}`;
  const oembed = new URL('https://www.youtube.com/oembed');
  oembed.searchParams.set('url', watch);
  oembed.searchParams.set('format', 'json');
  return [
    { url: oembed.href, accept: 'application/json', name: OEMBED, ext: 'json' },
    // hl=en: the reasons of playabilityStatus in English, whatever the fetching browser's language.
    { url: `${watch}&hl=en`, accept: 'text/html', name: WATCH, ext: 'html' },
  ];
}

/**
 * The JSON object that starts at `start` (a `{`), read to its matching `}` with strings and escapes respected, so a
 * brace inside a title does not end it. Undefined when it never closes.
 */
export function balancedObject(text: string, start: number): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return undefined;
}

/** The page's ytInitialPlayerResponse object, or why there is none. Read as text: no script of the page runs. */
export function playerResponseOf(html: string): { player: Json } | { error: string } {
  const marker = /ytInitialPlayerResponse\s*=\s*\{/.exec(html);
  if (!marker) return { error: 'the watch page holds no ytInitialPlayerResponse (a consent or error page?)' };
  const json = balancedObject(html, marker.index + marker[0].length - 1);
  if (!json) return { error: 'the watch page’s ytInitialPlayerResponse never closes' };
  try {
    return { player: JSON.parse(json) as Json };
  } catch {
    return { error: 'the watch page’s ytInitialPlayerResponse is not JSON' };
  }
}

function oembedRefusal(status: number): string | undefined {
  if (status === 401) return 'YouTube will not embed the video (oEmbed 401): embedding is disabled, or the video is private.';
  if (status === 403) return 'YouTube forbids the video to the public (oEmbed 403): private or restricted.';
  if (status === 404) return 'YouTube has no public video with this id (oEmbed 404): deleted, private or never existed.';
  return undefined;
}

function handleOf(url: string | undefined): string | undefined {
  const parsed = parseUrl(url);
  return parsed ? HANDLE_PATH.exec(parsed.pathname)?.[1] : undefined;
}

function read(_post: PostRecord, responses: readonly WitnessResponse[]): WitnessReading {
  const oembedResponse = responseNamed(responses, OEMBED);
  const watchResponse = responseNamed(responses, WATCH);
  const oembedParsed = oembedResponse?.status === 200 ? bodyJson(oembedResponse) : undefined;
  const oembed = oembedParsed && 'json' in oembedParsed && isObject(oembedParsed.json) ? oembedParsed.json : undefined;
  const refusal = oembedResponse ? oembedRefusal(oembedResponse.status) : undefined;

  const page = watchResponse?.status === 200 ? playerResponseOf(bodyText(watchResponse)) : undefined;
  const player = page && 'player' in page ? page.player : undefined;
  const playability = objectAt(player, 'playabilityStatus');
  const playable = stringAt(playability, 'status');
  // An upcoming premiere or stream is public and described, only not playable yet.
  const describedOffline = playable === 'LIVE_STREAM_OFFLINE' && objectAt(player, 'videoDetails');
  if (player && playable && playable !== 'OK' && !describedOffline) {
    const why = stringAt(playability, 'reason') ?? stringAt(objectAt(playability, 'errorScreen'), 'reason');
    return { kind: 'not-served', reason: `YouTube does not play the video to the public (${playable}${why ? `: ${why}` : ''}).` };
  }
  const details = objectAt(player, 'videoDetails');
  if (details && stringAt(details, 'videoId')) {
    const microformat = objectAt(objectAt(player, 'microformat'), 'playerMicroformatRenderer');
    const title = stringAt(details, 'title');
    const description = stringAt(details, 'shortDescription');
    const fields: WitnessFields = {
      authorId: stringAt(details, 'channelId'),
      // The @handle, when YouTube names the channel by one (oEmbed's author_url, or the owner's profile URL).
      authorHandle: handleOf(stringAt(oembed, 'author_url')) ?? handleOf(stringAt(microformat, 'ownerProfileUrl')),
      postId: stringAt(details, 'videoId'),
      // The adapter's text: the title, then the description, apart by a blank line.
      text: title ? [title, description].filter(Boolean).join('\n\n') : undefined,
      postedAt: isoTime(stringAt(microformat, 'publishDate') ?? stringAt(microformat, 'uploadDate')),
      mediaCount: 1,
      mediaIds: [stringAt(details, 'videoId')!],
    };
    return { kind: 'served', fields: withoutUndefined(fields) };
  }
  if (refusal) return { kind: 'not-served', reason: refusal };
  if (oembed) {
    // Without the player response only the oEmbed speaks: the author, and no text (a title alone is not the text).
    return { kind: 'served', fields: withoutUndefined({ authorHandle: handleOf(stringAt(oembed, 'author_url')) }) };
  }
  const whyPage = !watchResponse ? 'no watch page was kept' : watchResponse.status !== 200 ? `the watch page answered HTTP ${watchResponse.status}` : page && 'error' in page ? page.error : 'the player response describes no video';
  const whyOembed = !oembedResponse ? 'no oEmbed was kept' : oembedParsed && 'error' in oembedParsed ? oembedParsed.error : `oEmbed answered HTTP ${oembedResponse.status}`;
  return { kind: 'unavailable', reason: `Neither witness of YouTube was usable: ${whyPage}; ${whyOembed}.` };
}

/** YouTube's id of a media file: the video id of its thumbnails (i.ytimg.com/vi/<id>/…, vi_webp/<id>/…). */
export function youtubeMediaId(value: string): string | undefined {
  const url = parseUrl(value);
  if (!url || !/^i\d?\.ytimg\.com$/.test(url.hostname)) return undefined;
  const id = /^\/(?:vi|vi_webp)\/([\w-]{11})\//.exec(url.pathname)?.[1];
  return id;
}

export const youtubeSource: WitnessSource = {
  id: SOURCE,
  platform: 'youtube',
  hostPatterns: ['https://www.youtube.com/*'],
  next: (post, done) => nextInSequence(requests(post), done),
  read: (post, responses) => safely(SOURCE, () => read(post, responses)),
  mediaIdOf: youtubeMediaId,
};
