// The Bluesky second witness: the post's record as the author's own repository serves it, with the repository's
// signed commit as proof. Steps: the handle's DID (when the page gave none), the DID document (signing key and PDS),
// then com.atproto.sync.getRecord from the PDS — a CAR with the signed commit, the MST path and the record.
// Endpoints: https://docs.bsky.app/docs/api/com-atproto-identity-resolve-handle,
// https://docs.bsky.app/docs/api/com-atproto-sync-get-record (errors RecordNotFound, RepoNotFound, RepoTakendown,
// RepoSuspended, RepoDeactivated); XRPC error bodies are `{"error": <name>, "message": ...}`
// (https://atproto.com/specs/xrpc). See docs/witness-bluesky.md for what is and is not verified.
import { errorMessage } from '../../error-message';
import type { PostRecord } from '../../model';
import type { WitnessReading, WitnessRequest, WitnessResponse, WitnessSource } from '../source';
import { coveredBy } from './bluesky-hosts';
import {
  didDocumentUrl,
  isAtprotoDid,
  isHandle,
  parseJson,
  pdsOrigin,
  readDidDocument,
  readResolvedDid,
  type DidDocumentClaims,
} from './bluesky-identity';
import { POST_COLLECTION, postFields } from './bluesky-post-fields';
import { isObject } from './common';
import { checkRecord } from './bluesky-proof';

const HOST_PATTERNS = [
  'https://public.api.bsky.app/*',
  'https://plc.directory/*',
  'https://*.host.bsky.network/*',
  'https://bsky.social/*',
] as const;

const POST_PATH = /^\/profile\/([^/]+)\/post\/([^/?#]+)/;
// Record keys: https://atproto.com/specs/record-key
const RECORD_KEY = /^[A-Za-z0-9._:~-]{1,512}$/;
// cdn.bsky.app/img/<preset>/plain/<did>/<blob cid>@<format>, and a video's poster or stream:
// video.bsky.app/watch/<did, %-encoded>/<blob cid>/thumbnail.jpg, video.cdn.bsky.app/hls/<did>/<blob cid>/…
const CDN_IMAGE = /^https:\/\/cdn\.bsky\.app\/img\/[a-z_]+\/plain\/did:[a-z0-9]+:[^/]+\/(b[a-z2-7]{20,})(?:@[a-z0-9]+)?$/;
const VIDEO_BLOB = /^https:\/\/video\.(?:cdn\.)?bsky\.app\/(?:watch|hls)\/did(?::|%3[aA])[^/]+\/(b[a-z2-7]{20,})\//;

export const blueskySource: WitnessSource = {
  id: 'bluesky-atproto',
  platform: 'bluesky',
  hostPatterns: HOST_PATTERNS,
  next(post, done) {
    const last = done[done.length - 1];
    if (last && !isOk(last.status) && last.name !== HANDLE_CHECK) return { done: true };
    const step = plan(post, done);
    return step.kind === 'request'
      ? { request: step.request }
      : step.kind === 'unavailable'
        ? { unavailable: step.reason }
        : { done: true };
  },
  async read(post, responses) {
    // A handle that does not resolve back is a finding about the handle, not a failed witness (readRecord says so).
    const failed = responses.find((response) => !isOk(response.status) && response.name !== HANDLE_CHECK);
    if (failed) return failedReading(failed);
    const step = plan(post, responses);
    if (step.kind === 'unavailable') return { kind: 'unavailable', reason: step.reason };
    if (step.kind === 'request') {
      return { kind: 'unavailable', reason: `the witness stopped before its ${step.request.name} request (${step.request.url})` };
    }
    try {
      return await readRecord(step);
    } catch (error) {
      // Every check above reports in words; this is for a library throwing where it was not expected to.
      return { kind: 'unavailable', reason: `the record could not be read: ${errorMessage(error)}` };
    }
  },
  mediaIdOf(url) {
    return CDN_IMAGE.exec(url)?.[1] ?? VIDEO_BLOB.exec(url)?.[1];
  },
};

type Plan =
  | { kind: 'request'; request: WitnessRequest }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'complete'; did: string; rkey: string; resolvedFrom?: string; document: DidDocumentClaims; record: WitnessResponse; handleCheck?: WitnessResponse };

/** Where the witness stands given the responses so far: the next request, why none can be made, or all fetched. */
function plan(post: PostRecord, responses: readonly WitnessResponse[]): Plan {
  const kept = (name: string) => responses.find((response) => response.name === name);
  const target = targetOf(post);
  if (typeof target === 'string') return { kind: 'unavailable', reason: target };

  let did = target.did;
  if (!did) {
    const handle = kept('handle');
    if (!handle) {
      const url = `https://public.api.bsky.app/xrpc/com.atproto.identity.resolveHandle?handle=${encodeURIComponent(target.handle ?? '')}`;
      return ask({ url, name: 'handle', ext: 'json', accept: 'application/json' });
    }
    did = readResolvedDid(handle.body);
    if (!did) return { kind: 'unavailable', reason: `resolving the handle ${target.handle ?? ''} gave no did:plc or did:web DID` };
  }

  const documentUrl = didDocumentUrl(did);
  if (!documentUrl) return { kind: 'unavailable', reason: `${did} is not a DID method atproto supports (did:plc, did:web)` };
  const documentResponse = kept('did');
  if (!documentResponse) return ask({ url: documentUrl, name: 'did', ext: 'json', accept: 'application/json' });
  const document = readDidDocument(documentResponse.body);
  if (typeof document === 'string') return { kind: 'unavailable', reason: document };
  const pds = document.pds === undefined ? undefined : pdsOrigin(document.pds);
  if (!pds) return { kind: 'unavailable', reason: `the DID document of ${did} names no https #atproto_pds service` };

  const record = kept('record');
  if (!record) {
    const query = new URLSearchParams({ did, collection: POST_COLLECTION, rkey: target.rkey });
    const url = `${pds.origin}/xrpc/com.atproto.sync.getRecord?${query.toString()}`;
    return ask({ url, name: 'record', ext: 'car', accept: 'application/vnd.ipld.car' }, `the author's PDS ${pds.host}`);
  }
  // The handle the DID document claims counts only both ways: resolved back to this DID (atproto's handle rule). The
  // page's handle resolved to it already says so when it is the claimed one; else the claim is asked of the AppView.
  const claimed = document.id === did ? document.handle : undefined;
  const resolvedFrom = target.did ? undefined : target.handle;
  if (claimed && claimed !== resolvedFrom && isOk(record.status) && !kept(HANDLE_CHECK)) {
    const url = `https://public.api.bsky.app/xrpc/com.atproto.identity.resolveHandle?handle=${encodeURIComponent(claimed)}`;
    return ask({ url, name: HANDLE_CHECK, ext: 'json', accept: 'application/json' });
  }
  return { kind: 'complete', did, rkey: target.rkey, ...(resolvedFrom ? { resolvedFrom } : {}), document, record, ...(kept(HANDLE_CHECK) ? { handleCheck: kept(HANDLE_CHECK)! } : {}) };
}

/** The request that resolves the DID document's claimed handle back to a DID. */
const HANDLE_CHECK = 'handle-check';

/** A request, if its host is one the witness may ask; else why not, naming the host. */
function ask(request: WitnessRequest, what?: string): Plan {
  const url = new URL(request.url);
  if (coveredBy(HOST_PATTERNS, url)) return { kind: 'request', request };
  return { kind: 'unavailable', reason: `${what ?? url.host} is not among the hosts the Bluesky witness may ask (${HOST_PATTERNS.join(', ')})` };
}

/** The record key and the author, as the page gave them: a DID when it showed one, else the handle. */
function targetOf(post: PostRecord): { rkey: string; did?: string; handle?: string } | string {
  let fromUrl: RegExpExecArray | null = null;
  try {
    fromUrl = post.url ? POST_PATH.exec(new URL(post.url).pathname) : null;
  } catch {
    fromUrl = null;
  }
  const profile = fromUrl?.[1] && decodeURIComponent(fromUrl[1]);
  const rkey = post.id ?? fromUrl?.[2];
  if (!rkey || !RECORD_KEY.test(rkey) || rkey === '.' || rkey === '..') return 'the post has no record key (post id)';
  const did = isAtprotoDid(post.author?.id) ? post.author.id : isAtprotoDid(profile) ? profile : undefined;
  const handle = [post.author?.handle, profile].map((value) => value?.replace(/^@/, '').toLowerCase()).find(isHandle);
  if (!did && !handle) return 'the post names neither a DID nor a handle for its author';
  return { rkey, ...(did ? { did } : {}), ...(handle ? { handle } : {}) };
}

async function readRecord(step: Extract<Plan, { kind: 'complete' }>): Promise<WitnessReading> {
  const check = await checkRecord(step.record.body, { did: step.did, rkey: step.rkey }, step.document);
  if (check.kind === 'unreadable') return { kind: 'unavailable', reason: check.reason };
  const { type, fields } = postFields(check.record);
  const proof = { ...check.proof };
  if (type !== POST_COLLECTION) {
    proof.verified = false;
    proof.detail = `not verified: the record's $type is ${type ?? 'missing'}, not ${POST_COLLECTION}; ${proof.detail}`;
  }
  const claimed = step.document.id === step.did ? step.document.handle : undefined;
  const backTo = step.handleCheck && isOk(step.handleCheck.status) ? readResolvedDid(step.handleCheck.body) : undefined;
  const confirmed = claimed !== undefined && (step.resolvedFrom === claimed || backTo === step.did);
  if (claimed) {
    proof.detail += confirmed
      ? `. The handle ${claimed} holds both ways: the DID document claims it and public.api.bsky.app resolves it to this DID (Bluesky's resolution, not the handle's own domain asked directly)`
      : `. The DID document claims the handle ${claimed}, but ${
          backTo ? `public.api.bsky.app resolves it to ${backTo}` : 'public.api.bsky.app did not resolve it'
        }: the handle is not taken as the author's`;
  }
  if (step.resolvedFrom && step.resolvedFrom !== claimed) proof.detail += `; the page's handle ${step.resolvedFrom} resolved to this DID through public.api.bsky.app`;
  return {
    kind: 'served',
    fields: { authorId: step.did, ...(confirmed ? { authorHandle: claimed } : {}), postId: step.rkey, ...fields },
    proof,
  };
}

/** A non-2xx answer: gone (not-served) when the platform says the post or account is gone, else unavailable. */
function failedReading(response: WitnessResponse): WitnessReading {
  const error = xrpcError(response.body);
  const said = `HTTP ${response.status}${error ? ` ${error}` : ''}`;
  const host = safeHost(response.url);
  if (response.name === 'did' && host === 'plc.directory' && (response.status === 404 || response.status === 410)) {
    return {
      kind: 'not-served',
      reason:
        response.status === 410
          ? 'the PLC directory reports the DID as tombstoned: the account was deleted (HTTP 410)'
          : 'the PLC directory does not know the DID (HTTP 404)',
    };
  }
  if (response.name === 'record') {
    const gone = error === undefined ? undefined : GONE.get(error);
    if (gone && (error !== 'RecordNotFound' || response.status === 400 || response.status === 404)) {
      return { kind: 'not-served', reason: `${gone} (${said})` };
    }
    return { kind: 'unavailable', reason: `the author's PDS ${host} answered ${said}` };
  }
  if (response.name === 'handle') return { kind: 'unavailable', reason: `public.api.bsky.app did not resolve the handle (${said})` };
  return { kind: 'unavailable', reason: `${host} answered ${said} for the ${response.name} request` };
}

/** getRecord errors that say the post or its account is gone, in words. */
const GONE = new Map([
  ['RecordNotFound', "the record is no longer in the author's repository"],
  ['RepoNotFound', "the author's PDS no longer hosts their repository"],
  ['RepoTakendown', "the author's repository was taken down by its host"],
  ['RepoSuspended', "the author's account is suspended"],
  ['RepoDeactivated', "the author's account is deactivated"],
]);

function xrpcError(body: Uint8Array): string | undefined {
  const json = parseJson(body);
  return isObject(json) && typeof json.error === 'string' && /^[A-Za-z]{1,64}$/.test(json.error) ? json.error : undefined;
}

function isOk(status: number): boolean {
  return status >= 200 && status < 300;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
