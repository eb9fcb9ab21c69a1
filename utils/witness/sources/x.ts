// X's second witness: the syndication endpoint X's own embedded-tweet widget reads, and the tweet's oEmbed.
//
// tweet-result: https://cdn.syndication.twimg.com/tweet-result?id=<id>&token=<token>&lang=en. Undocumented by X; the
// shape is the one Vercel's react-tweet client types (packages/react-tweet/src/api/types/tweet.ts: __typename 'Tweet',
// id_str, text, display_text_range, entities.urls[{url, expanded_url, display_url, indices}], user {id_str,
// screen_name, name}, created_at ISO 8601, mediaDetails[{media_url_https, type}], card {url, binding_values}) and its
// fetcher (packages/react-tweet/src/api/fetch-tweet.ts: a 404 for a missing tweet; a 200 with
// {"__typename": "TweetTombstone"} for one X withholds). The token is derived from the id, a formula public clients
// share (our own implementation below).
// oEmbed: https://publish.twitter.com/oembed?url=<post url>&omit_script=1&dnt=true, documented at
// https://developer.twitter.com/en/docs/twitter-api/v1/tweets/post-and-engage/api-reference/get-statuses-oembed
// (omit_script, dnt; response url, author_name, author_url, html: the blockquote with
// the text in <p>); 404 for a missing or protected tweet. It is read only when tweet-result gives nothing usable.
import type { PostRecord } from '../../model';
import type { WitnessFields, WitnessReading, WitnessRequest, WitnessResponse, WitnessSource } from '../source';
import {
  arrayAt,
  bodyJson,
  codePointSlice,
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
  type JsonObject,
} from './common';
import { decodeEntities, findAll, findFirst, parseHtml, readableText } from './html';

const SOURCE = 'x-syndication';
const TWEET = 'tweet-result';
const OEMBED = 'oembed';
const STATUS_PATH = /^\/(\w+)\/status(?:es)?\/(\d+)/;

/**
 * The syndication token of a tweet id: id / 10^15 × π, written in base 36, without its point and without any run of
 * zeros. A double's precision is what the widget itself uses, so the same rounding is wanted here.
 */
export function syndicationToken(id: string): string {
  return ((Number(id) / 1e15) * Math.PI).toString(36).replace(/(0+|\.)/g, '');
}

function statusOf(post: PostRecord): { id: string; url: string } | string {
  const url = parseUrl(post.url);
  const match = url ? STATUS_PATH.exec(url.pathname) : null;
  const id = post.id && /^\d{1,25}$/.test(post.id) ? post.id : match?.[2];
  if (!id) return 'the post has no status id';
  return { id, url: match ? `https://x.com/${match[1]}/status/${id}` : `https://x.com/i/status/${id}` };
}

function requests(post: PostRecord): WitnessRequest[] | string {
  const status = statusOf(post);
  if (typeof status === 'string') return status;
  const tweet = new URL('https://cdn.syndication.twimg.com/tweet-result');
  tweet.searchParams.set('id', status.id);
  tweet.searchParams.set('token', syndicationToken(status.id));
  tweet.searchParams.set('lang', 'en');
  const oembed = new URL('https://publish.twitter.com/oembed');
  oembed.searchParams.set('url', status.url);
  oembed.searchParams.set('omit_script', '1');
  oembed.searchParams.set('dnt', 'true');
  return [
    { url: tweet.href, accept: 'application/json', name: TWEET, ext: 'json' },
    { url: oembed.href, accept: 'application/json', name: OEMBED, ext: 'json' },
  ];
}

type XPart = WitnessReading | { kind: 'unusable'; reason: string };

function readTweetResult(response: WitnessResponse | undefined): XPart {
  if (!response) return { kind: 'unusable', reason: 'no tweet-result response was kept' };
  if (response.status === 404) return { kind: 'not-served', reason: 'X serves no public post with this id (tweet-result 404): deleted, protected or suspended.' };
  if (response.status !== 200) return { kind: 'unusable', reason: `tweet-result answered HTTP ${response.status}` };
  const parsed = bodyJson(response);
  if ('error' in parsed) return { kind: 'unusable', reason: parsed.error };
  const tweet = parsed.json;
  if (!isObject(tweet)) return { kind: 'unusable', reason: 'tweet-result is not a JSON object' };
  if (stringAt(tweet, '__typename') === 'TweetTombstone') {
    const said = stringAt(objectAt(objectAt(tweet, 'tombstone'), 'text'), 'text');
    return { kind: 'not-served', reason: `X withholds the post: ${said ?? 'a tombstone without text'}` };
  }
  if (!stringAt(tweet, 'id_str')) return { kind: 'unusable', reason: 'tweet-result holds no tweet (no id_str)' };

  const user = objectAt(tweet, 'user');
  const details = arrayAt(tweet, 'mediaDetails') ?? [];
  const fields: WitnessFields = {
    authorId: stringAt(user, 'id_str'),
    authorHandle: stringAt(user, 'screen_name'),
    postId: stringAt(tweet, 'id_str'),
    text: tweetText(tweet),
    postedAt: isoTime(stringAt(tweet, 'created_at')),
    mediaCount: details.length,
    mediaIds: details.map((media) => xMediaId(stringAt(media, 'media_url_https') ?? '')).filter((id): id is string => Boolean(id)),
  };
  return { kind: 'served', fields: withoutUndefined(fields) };
}

/**
 * The text as the page shows it. X's `text` holds what the page hides: leading @mentions of a reply and the trailing
 * t.co link of attached media (both outside display_text_range), and the t.co link of a link card or of a quoted
 * post at the end, which the page drops when it draws the card or the quote instead. Each other t.co link is written as its expanded URL: the page's link holds the whole
 * URL in its text (the visible display part and the hidden rest), so a reader copying it gets the expanded URL.
 */
function tweetText(tweet: JsonObject): string | undefined {
  const raw = stringAt(tweet, 'text');
  if (raw === undefined) return undefined;
  const range = arrayAt(tweet, 'display_text_range');
  const [start, end] = range && typeof range[0] === 'number' && typeof range[1] === 'number' ? [range[0], range[1]] : [0, Array.from(raw).length];
  let text = codePointSlice(raw, start, end);
  const card = objectAt(tweet, 'card');
  const cardUrl = stringAt(card, 'url') ?? stringAt(objectAt(objectAt(card, 'binding_values'), 'card_url'), 'string_value');
  if (cardUrl && text.trimEnd().endsWith(cardUrl)) text = text.trimEnd().slice(0, -cardUrl.length).trimEnd();
  const urls = arrayAt(objectAt(tweet, 'entities'), 'urls') ?? [];
  // A quote's permalink at the end is drawn as the quoted post, not as text.
  const quotedId = stringAt(objectAt(tweet, 'quoted_tweet'), 'id_str');
  const quoteLink = quotedId && urls.find((entity) => new RegExp(`/status/${quotedId}(?:[/?#]|$)`).test(stringAt(entity, 'expanded_url') ?? ''));
  const quoteShort = quoteLink ? stringAt(quoteLink, 'url') : undefined;
  if (quoteShort && text.trimEnd().endsWith(quoteShort)) text = text.trimEnd().slice(0, -quoteShort.length).trimEnd();
  for (const entity of urls) {
    const short = stringAt(entity, 'url');
    const expanded = stringAt(entity, 'expanded_url');
    if (short && expanded) text = text.split(short).join(expanded);
  }
  return decodeEntities(text);
}

/** The oEmbed's reading, used when tweet-result gives nothing: the author's handle, the id and the <p> text. */
function readOembed(response: WitnessResponse | undefined): XPart {
  if (!response) return { kind: 'unusable', reason: 'no oEmbed response was kept' };
  if (response.status === 404) return { kind: 'not-served', reason: 'X serves no public post at this URL (oEmbed 404): deleted, protected or suspended.' };
  if (response.status === 403) return { kind: 'not-served', reason: 'X refuses to embed this post (oEmbed 403): its author restricted it.' };
  if (response.status !== 200) return { kind: 'unusable', reason: `oEmbed answered HTTP ${response.status}` };
  const parsed = bodyJson(response);
  if ('error' in parsed) return { kind: 'unusable', reason: parsed.error };
  const url = parseUrl(stringAt(parsed.json, 'url'));
  const match = url ? STATUS_PATH.exec(url.pathname) : null;
  const author = parseUrl(stringAt(parsed.json, 'author_url'));
  const html = stringAt(parsed.json, 'html');
  if (!match && !html) return { kind: 'unusable', reason: 'oEmbed holds neither a status URL nor markup' };
  const paragraph = html ? findFirst(parseHtml(html), (el) => el.name === 'p') : undefined;
  if (paragraph) {
    // The trailing pic.twitter.com link stands for attached media, which the page does not write as text.
    for (const link of findAll(paragraph, (el) => el.name === 'a')) {
      if (/^pic\.(twitter|x)\.com\//.test(readableText(link).trim()) && link.parent) link.parent.children = link.parent.children.filter((node) => node !== link);
    }
  }
  const fields: WitnessFields = {
    authorHandle: author ? /^\/(\w+)\/?$/.exec(author.pathname)?.[1] : undefined,
    postId: match?.[2],
    text: paragraph ? readableText(paragraph).trim() : undefined,
  };
  return { kind: 'served', fields: withoutUndefined(fields) };
}

function read(_post: PostRecord, responses: readonly WitnessResponse[]): WitnessReading {
  const tweet = readTweetResult(responseNamed(responses, TWEET));
  if (tweet.kind !== 'unusable') return tweet;
  const oembed = readOembed(responseNamed(responses, OEMBED));
  if (oembed.kind !== 'unusable') return oembed;
  return { kind: 'unavailable', reason: `Neither witness of X was usable: ${tweet.reason}; ${oembed.reason}.` };
}

/**
 * X's id of a media file: the file stem under pbs.twimg.com/media/ (`media/DPadOKpXcAIL-NW?format=jpg` and
 * `media/DPadOKpXcAIL-NW.jpg` → `DPadOKpXcAIL-NW`) or of a video's or GIF's still (`ext_tw_video_thumb/<n>/pu/img/<stem>.jpg`).
 * Link-card images (card_img/) are not the post's media: none.
 */
export function xMediaId(value: string): string | undefined {
  const url = parseUrl(value);
  if (!url || url.hostname !== 'pbs.twimg.com') return undefined;
  if (!/^\/(media|ext_tw_video_thumb|amplify_video_thumb|tweet_video_thumb)\//.test(url.pathname)) return undefined;
  return fileStem(url);
}

export const xSource: WitnessSource = {
  id: SOURCE,
  platform: 'x',
  hostPatterns: ['https://cdn.syndication.twimg.com/*', 'https://publish.twitter.com/*'],
  next: (post, done) => nextInSequence(requests(post), done),
  read: (post, responses) => safely(SOURCE, () => read(post, responses)),
  mediaIdOf: xMediaId,
};
