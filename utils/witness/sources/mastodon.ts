// Mastodon's second witness: the instance's own REST API for the status, fetched without a token.
//
// Response shape: the Status entity, https://docs.joinmastodon.org/entities/Status/ (id, created_at, content as HTML,
// account: the Account entity https://docs.joinmastodon.org/entities/Account/ with id and acct, media_attachments: the
// MediaAttachment entity https://docs.joinmastodon.org/entities/MediaAttachment/ with id, url, remote_url) returned by
// GET /api/v1/statuses/:id, https://docs.joinmastodon.org/methods/statuses/#get ("Public: yes, for public statuses";
// 404 "Record not found" for a status that is missing or not visible; 401 when the instance disallows unauthenticated
// API access). 410 is what an instance answers for a suspended/deleted account's content.
//
// No second request for the ActivityPub object (Accept: application/activity+json): instances in "secure mode"
// (AUTHORIZED_FETCH) answer it only to signed requests, so without a key it is 401 on many of them; it would add a
// request per capture for a witness the API already gives. Left out on purpose.
// For a local author, a second request reads the instance's domain: GET /api/v2/instance, the Instance entity
// (https://docs.joinmastodon.org/entities/Instance/, `domain`; https://docs.joinmastodon.org/methods/instance/#v2).
import type { PostRecord } from '../../model';
import type { WitnessFields, WitnessReading, WitnessResponse, WitnessSource, WitnessStep } from '../source';
import { arrayAt, bodyJson, fileStem, isObject, isoTime, objectAt, parseUrl, responseNamed, safely, stringAt, withoutUndefined } from './common';
import { parseHtml, readableText, type HtmlElement } from './html';

const SOURCE = 'mastodon-status-api';
const NAME = 'status';
const INSTANCE = 'instance';
/** /@user/123, /@user@other.example/123 and the ActivityPub form /users/user/statuses/123. */
const STATUS_PATH = /^\/(?:@[^/]+|users\/[^/]+\/statuses)\/(\d+)\/?$/;

/** The instance and the status id the post is known by there, or why there is none. */
function statusOn(post: PostRecord): { instance: URL; id: string } | string {
  const url = parseUrl(post.url);
  if (!url || url.protocol !== 'https:') return 'the post has no https URL on its Mastodon instance';
  const id = post.id && /^\d+$/.test(post.id) ? post.id : STATUS_PATH.exec(url.pathname)?.[1];
  return id ? { instance: new URL(url.origin), id } : 'the post has no status id';
}

/**
 * The status first; then, only when it was served and its author is a local account (acct without a domain), the
 * instance's own description (GET /api/v2/instance, public): its `domain` is the domain local handles belong to,
 * which differs from the host the instance is served from when it runs under a separate web domain.
 */
function next(post: PostRecord, done: readonly WitnessResponse[]): WitnessStep {
  const status = statusOn(post);
  if (typeof status === 'string') return { unavailable: status };
  const statusResponse = responseNamed(done, NAME);
  if (!statusResponse) return { request: { url: new URL(`/api/v1/statuses/${status.id}`, status.instance).href, accept: 'application/json', name: NAME, ext: 'json' } };
  if (statusResponse.status !== 200 || responseNamed(done, INSTANCE)) return { done: true };
  const parsed = bodyJson(statusResponse);
  const acct = 'json' in parsed ? stringAt(objectAt(parsed.json, 'account'), 'acct') : undefined;
  if (!acct || acct.includes('@')) return { done: true };
  return { request: { url: new URL('/api/v2/instance', status.instance).href, accept: 'application/json', name: INSTANCE, ext: 'json' } };
}

/** The instance's LOCAL_DOMAIN from a kept /api/v2/instance (`domain`); a server before 4.0 has no v2: the host stands. */
function localDomain(response: WitnessResponse | undefined): string | undefined {
  if (response?.status !== 200) return undefined;
  const parsed = bodyJson(response);
  if (!('json' in parsed)) return undefined;
  const domain = stringAt(parsed.json, 'domain');
  return domain && /^[a-z0-9.-]+(:\d+)?$/i.test(domain) ? domain.toLowerCase() : undefined;
}

/**
 * The status HTML as the web app draws it (the adapter's rule): each <p> a paragraph, paragraphs apart by a blank
 * line, <br> a line break, a link's hidden parts (`<span class="invisible">https://</span>`) kept, as the page's text
 * keeps them; anything outside a <p> is inline text.
 */
export function mastodonContentText(html: string): string {
  const root = parseHtml(html);
  const blocks: string[] = [];
  let inline = '';
  const flush = (): void => {
    if (inline.trim()) blocks.push(inline.trim());
    inline = '';
  };
  for (const node of root.children) {
    if (node.kind === 'element' && node.name === 'p') {
      flush();
      blocks.push(readableText(node));
    } else if (node.kind === 'element') inline += readableText(node as HtmlElement);
    else inline += node.text;
  }
  flush();
  return blocks.join('\n\n');
}

function notServed(status: number, error: string | undefined): WitnessReading | undefined {
  const said = error ? ` ("${error}")` : '';
  if (status === 404) return { kind: 'not-served', reason: `The instance has no public status with this id: deleted or not public${said}.` };
  if (status === 410) return { kind: 'not-served', reason: `The instance says the status is gone (account suspended or deleted)${said}.` };
  if (status === 401 || status === 403) return { kind: 'not-served', reason: `The instance serves this status only to a logged-in user (login wall / not public)${said}.` };
  return undefined;
}

function read(post: PostRecord, responses: readonly WitnessResponse[]): WitnessReading {
  const response = responseNamed(responses, NAME);
  if (!response) return { kind: 'unavailable', reason: 'No response of the status API was kept.' };
  const parsed = bodyJson(response);
  const error = 'json' in parsed ? stringAt(parsed.json, 'error') : undefined;
  const refused = notServed(response.status, error);
  if (refused) return refused;
  if (response.status !== 200) return { kind: 'unavailable', reason: `The status API answered HTTP ${response.status}${error ? ` ("${error}")` : ''}.` };
  if ('error' in parsed) return { kind: 'unavailable', reason: parsed.error };
  const status = parsed.json;
  if (!isObject(status) || !stringAt(status, 'id')) return { kind: 'unavailable', reason: 'The status API answered JSON that is not a status (no id).' };

  const account = objectAt(status, 'account');
  const instance = localDomain(responseNamed(responses, INSTANCE)) ?? parseUrl(response.url)?.hostname ?? parseUrl(post.url)?.hostname;
  const acct = stringAt(account, 'acct');
  const fields: WitnessFields = {
    authorId: stringAt(account, 'id'),
    // A local account's acct is its bare username; the page writes it user@domain, so the instance's domain (else
    // the host it is served from) completes it.
    authorHandle: acct && (acct.includes('@') || !instance ? acct : `${acct}@${instance}`),
    postId: stringAt(status, 'id'),
    text: typeof status.content === 'string' ? mastodonContentText(status.content) : undefined,
    postedAt: isoTime(stringAt(status, 'created_at')),
  };
  const attachments = arrayAt(status, 'media_attachments');
  if (attachments) {
    fields.mediaCount = attachments.length;
    // The gallery links each item to remote_url (a remote post's own copy) or else url, as the web app does.
    fields.mediaIds = attachments
      .map((media) => stringAt(media, 'remote_url') ?? stringAt(media, 'url'))
      .map((url) => (url ? mastodonMediaId(url) : undefined))
      .filter((id): id is string => Boolean(id));
  }
  return { kind: 'served', fields: withoutUndefined(fields) };
}

/** A Mastodon upload's id: the file name stem under /media_attachments/ (`…/original/a1b2c3.jpg` → `a1b2c3`). */
export function mastodonMediaId(value: string): string | undefined {
  const url = parseUrl(value);
  if (!url || !/\/media_attachments\//.test(url.pathname)) return undefined;
  return fileStem(url);
}

export const mastodonSource: WitnessSource = {
  id: SOURCE,
  platform: 'mastodon',
  // The instance is not known in advance, so no pattern is asked for: the instance host is already granted to the
  // extension when its content script runs there (Mastodon is recognised on any host the user grants).
  hostPatterns: [],
  next,
  read: (post, responses) => safely(SOURCE, () => read(post, responses)),
  mediaIdOf: mastodonMediaId,
};
