// TikTok's second witness: the video's oEmbed, https://www.tiktok.com/oembed?url=<post url>.
//
// Response shape: TikTok for Developers, "Embed Videos" (https://developers.tiktok.com/doc/embed-videos): version,
// type "video", title (the caption as posted), author_url, author_name, author_unique_id (the @handle),
// embed_product_id (the video id), embed_type, html (the blockquote), thumbnail_url. An unknown, removed or private
// video answers 400 or 404 with {"code": 400, "message": "Something went wrong", "status_msg": "…"}.
// The oEmbed names no account id and no posting time; the thumbnail is a signed, expiring CDN URL, no media id.
import type { PostRecord } from '../../model';
import type { WitnessFields, WitnessReading, WitnessRequest, WitnessResponse, WitnessSource } from '../source';
import { bodyJson, isObject, nextInSequence, parseUrl, responseNamed, safely, stringAt, withoutUndefined } from './common';

const SOURCE = 'tiktok-oembed';
const NAME = 'oembed';
const VIDEO_PATH = /^\/@([\w.-]+)\/(?:video|photo)\/(\d+)/;

function requests(post: PostRecord): WitnessRequest[] | string {
  const url = parseUrl(post.url);
  const match = url && /(^|\.)tiktok\.com$/.test(url.hostname) ? VIDEO_PATH.exec(url.pathname) : null;
  if (!match) return 'the post has no tiktok.com video URL';
  const oembed = new URL('https://www.tiktok.com/oembed');
  oembed.searchParams.set('url', `https://www.tiktok.com/@${match[1]}/video/${match[2]}`);
  return [{ url: oembed.href, accept: 'application/json', name: NAME, ext: 'json' }];
}

function read(_post: PostRecord, responses: readonly WitnessResponse[]): WitnessReading {
  const response = responseNamed(responses, NAME);
  if (!response) return { kind: 'unavailable', reason: 'No oEmbed response was kept.' };
  const parsed = bodyJson(response);
  const json = 'json' in parsed ? parsed.json : undefined;
  const said = stringAt(json, 'status_msg') ?? stringAt(json, 'message');
  if (response.status === 400 || response.status === 404 || response.status === 403) {
    return { kind: 'not-served', reason: `TikTok serves no public video at this URL (oEmbed ${response.status}${said ? `: "${said}"` : ''}): removed, private or never existed.` };
  }
  if (response.status !== 200) return { kind: 'unavailable', reason: `TikTok's oEmbed answered HTTP ${response.status}.` };
  if ('error' in parsed) return { kind: 'unavailable', reason: parsed.error };
  if (!isObject(json)) return { kind: 'unavailable', reason: "TikTok's oEmbed is not a JSON object." };
  const videoId = stringAt(json, 'embed_product_id');
  if (!videoId) {
    // A 200 carrying an error code instead of an embed.
    if (said || stringAt(json, 'code')) return { kind: 'not-served', reason: `TikTok answered no embed${said ? `: "${said}"` : ''}.` };
    return { kind: 'unavailable', reason: "TikTok's oEmbed names no video (no embed_product_id)." };
  }
  const fields: WitnessFields = {
    authorHandle: stringAt(json, 'author_unique_id') ?? /^\/@([\w.-]+)/.exec(parseUrl(stringAt(json, 'author_url'))?.pathname ?? '')?.[1],
    postId: videoId,
    text: stringAt(json, 'title'),
  };
  return { kind: 'served', fields: withoutUndefined(fields) };
}

export const tiktokSource: WitnessSource = {
  id: SOURCE,
  platform: 'tiktok',
  hostPatterns: ['https://www.tiktok.com/*'],
  next: (post, done) => nextInSequence(requests(post), done),
  read: (post, responses) => safely(SOURCE, () => read(post, responses)),
  // TikTok's CDN names files by signed, expiring keys, not by an id the oEmbed gives: no media id to compare.
  mediaIdOf: () => undefined,
};
