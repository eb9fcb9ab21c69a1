// A real, signed Bluesky repository for a fixture post, and the answers plc.directory, public.api.bsky.app and the
// author's PDS would give the Bluesky witness for it. Built with the reference implementation (@atproto/repo and
// @atproto/crypto), so the witness's verification (on @atcute packages) is checked against independent code.
// Everything is built afresh on each call: no key, repository or CAR is shared between tests.
import { P256Keypair, Secp256k1Keypair, type Keypair } from '@atproto/crypto';
import { MemoryBlockstore, Repo, WriteOpAction, cborToLexRecord, concatBytesAsync, getRecords } from '@atproto/repo';
import * as CBOR from '@atcute/cbor';
import * as CID from '@atcute/cid';
import type { PostRecord } from '../../utils/model';
import type { WitnessRequest, WitnessResponse, WitnessSource } from '../../utils/witness/source';
import { blueskySource } from '../../utils/witness/sources/bluesky';
import type { Route, RouteResponse } from './fixture-server';

/** The PDS endpoint the DID documents name (a real Bluesky PDS host name; the fixture server answers for it). */
export const BLUESKY_TEST_PDS = 'https://morel.us-east.host.bsky.network';
const COLLECTION = 'app.bsky.feed.post' as const;

export interface BlueskyWitnessOptions {
  /** The record's text instead of the page's (a post edited or forged on one side). */
  text?: string;
  /** The status getRecord answers with; 400 and 404 carry an XRPC RecordNotFound error. */
  status?: number;
  /** The DID document publishes another key than the one that signed the commit. */
  otherKey?: boolean;
  /** The repository's key type (the reference PDS uses secp256k1). */
  keyType?: 'secp256k1' | 'p256';
}

export interface BlueskyRepoFixture {
  did: string;
  handle: string;
  rkey: string;
  /** The key that signed the repository's commit. */
  keypair: Keypair;
  repo: Repo;
  storage: MemoryBlockstore;
  /** The DID document as plc.directory serves it. */
  didDocument: Record<string, unknown>;
  /** com.atproto.sync.getRecord's answer for the post: commit, MST path and record. */
  car: Uint8Array;
}

/** Builds the author's repository holding the post as the page showed it (text, createdAt, images, link card). */
export async function buildBlueskyRepo(expected: PostRecord, options: BlueskyWitnessOptions = {}): Promise<BlueskyRepoFixture> {
  const did = expected.author?.id;
  const handle = expected.author?.handle;
  const rkey = expected.id;
  if (!did || !handle || !rkey) throw new Error('the fixture post needs author.id, author.handle and id');
  const createKey = (): Promise<Keypair> => (options.keyType === 'p256' ? P256Keypair.create() : Secp256k1Keypair.create());
  const keypair = await createKey();
  const published = options.otherKey ? await createKey() : keypair;

  const storage = new MemoryBlockstore();
  // A few dozen other posts, so the record sits in a tree of more than one node.
  const neighbours = Array.from({ length: 40 }, (_, i) => ({
    action: WriteOpAction.Create as const,
    collection: COLLECTION,
    rkey: `3mde${(1000 + i).toString(36).padStart(4, 'a')}aaa2k`,
    record: cborToLexRecord(CBOR.encode({ $type: COLLECTION, text: `other post ${i}`, createdAt: '2026-01-20T10:00:00.000Z' })),
  }));
  const repo = await Repo.create(storage, did, keypair, [
    ...neighbours,
    { action: WriteOpAction.Create, collection: COLLECTION, rkey, record: cborToLexRecord(postRecordBytes(expected, options.text)) },
  ]);
  const car = await concatBytesAsync(getRecords(storage, repo.cid, [{ collection: COLLECTION, rkey }]));
  return { did, handle, rkey, keypair, repo, storage, didDocument: plcDidDocument(did, handle, published.did()), car };
}

/** The getRecord CAR of `rkey` at the repository's current commit. */
export async function recordCar(fixture: Pick<BlueskyRepoFixture, 'storage' | 'repo'>, rkey: string): Promise<Uint8Array> {
  return concatBytesAsync(getRecords(fixture.storage, fixture.repo.cid, [{ collection: COLLECTION, rkey }]));
}

/** The post record's DAG-CBOR; blob refs carry the CIDs of the page's media URLs. */
function postRecordBytes(expected: PostRecord, text = expected.text ?? ''): Uint8Array {
  const blob = (url: string) => {
    const cid = blueskySource.mediaIdOf(url);
    if (!cid) throw new Error(`no blob CID in ${url}`);
    return { $type: 'blob', ref: CID.toCidLink(CID.fromString(cid)), mimeType: 'image/jpeg', size: 412_345 };
  };
  const photos = (expected.media ?? []).filter((m) => m.kind === 'photo');
  const card = (expected.media ?? []).find((m) => m.kind === 'card-image');
  const embed = photos.length
    ? { $type: 'app.bsky.embed.images', images: photos.map((m) => ({ alt: '', image: blob(m.url) })) }
    : card
      ? {
          $type: 'app.bsky.embed.external',
          external: { uri: 'https://example.org/article', title: 'An article', description: '', thumb: blob(card.url) },
        }
      : undefined;
  return CBOR.encode({
    $type: COLLECTION,
    text,
    createdAt: expected.postedAt ?? '2026-01-01T00:00:00.000Z',
    langs: ['en'],
    ...(embed ? { embed } : {}),
  });
}

/** A DID document in the shape plc.directory serves (Multikey #atproto key, #atproto_pds service). */
export function plcDidDocument(did: string, handle: string, didKey: string, pds = BLUESKY_TEST_PDS): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1', 'https://w3id.org/security/suites/secp256k1-2019/v1'],
    id: did,
    alsoKnownAs: [`at://${handle}`],
    verificationMethod: [
      { id: `${did}#atproto`, type: 'Multikey', controller: did, publicKeyMultibase: didKey.replace(/^did:key:/, '') },
    ],
    service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: pds }],
  };
}

/** Fixture-server routes answering the Bluesky witness for `expected`, from a freshly built repository. */
export async function blueskyWitnessRoutes(expected: PostRecord, options: BlueskyWitnessOptions = {}): Promise<Route[]> {
  return routesFor(await buildBlueskyRepo(expected, options), options.status);
}

/** The routes for an already built (possibly altered) repository fixture. */
export function routesFor(fixture: Pick<BlueskyRepoFixture, 'did' | 'handle' | 'rkey' | 'didDocument' | 'car'>, status = 200): Route[] {
  const json = (value: unknown, code = 200, type = 'application/json'): RouteResponse => ({
    status: code,
    headers: { 'Content-Type': type },
    body: JSON.stringify(value),
  });
  const xrpcError = (code: number, error: string, message: string) => json({ error, message }, code);
  return [
    { host: 'plc.directory', path: `/${fixture.did}`, respond: json(fixture.didDocument, 200, 'application/did+ld+json; charset=utf-8') },
    {
      host: 'public.api.bsky.app',
      path: /^\/xrpc\/com\.atproto\.identity\.resolveHandle\?/,
      respond: ({ url }) =>
        url.searchParams.get('handle')?.toLowerCase() === fixture.handle.toLowerCase()
          ? json({ did: fixture.did })
          : xrpcError(400, 'InvalidRequest', 'Unable to resolve handle'),
    },
    {
      host: new URL(BLUESKY_TEST_PDS).hostname,
      path: /^\/xrpc\/com\.atproto\.sync\.getRecord\?/,
      respond: ({ url }) => {
        const q = url.searchParams;
        if (q.get('did') !== fixture.did) return xrpcError(400, 'RepoNotFound', `Could not find repo for DID: ${q.get('did') ?? ''}`);
        if (q.get('collection') !== COLLECTION || q.get('rkey') !== fixture.rkey || status === 400 || status === 404) {
          return xrpcError(status === 404 ? 404 : 400, 'RecordNotFound', 'Could not locate record');
        }
        if (status < 200 || status >= 300) return xrpcError(status, 'InternalServerError', 'Internal Server Error');
        return { status, headers: { 'Content-Type': 'application/vnd.ipld.car' }, body: Buffer.from(fixture.car) };
      },
    },
  ];
}

/**
 * Runs a witness source over routes as the background would over the network (without cookies): each request the
 * source asks for is answered by the first matching route, else 404. Returns the kept responses and the last step.
 */
export async function runOverRoutes(
  source: WitnessSource,
  post: PostRecord,
  routes: readonly Route[],
): Promise<{ responses: WitnessResponse[]; unavailable?: string }> {
  const responses: WitnessResponse[] = [];
  for (let i = 0; i < 10; i++) {
    const step = source.next(post, responses);
    if ('unavailable' in step) return { responses, unavailable: step.unavailable };
    if (!('request' in step)) return { responses };
    responses.push(await answer(routes, step.request));
  }
  throw new Error(`${source.id} asked for more than 10 requests`);
}

async function answer(routes: readonly Route[], request: WitnessRequest): Promise<WitnessResponse> {
  const url = new URL(request.url);
  const route = routes.find(
    (r) =>
      (r.host === undefined || (typeof r.host === 'string' ? r.host === url.hostname : r.host.test(url.hostname))) &&
      (typeof r.path === 'string'
        ? r.path.endsWith('*')
          ? url.pathname.startsWith(r.path.slice(0, -1))
          : url.pathname === r.path
        : r.path.test(url.pathname + url.search)),
  );
  const response: RouteResponse = route
    ? typeof route.respond === 'function'
      ? await route.respond({ url, host: url.hostname, method: 'GET', body: Buffer.alloc(0), req: undefined as never })
      : route.respond
    : { status: 404, body: 'not found' };
  const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const body = typeof response.body === 'string' ? new TextEncoder().encode(response.body) : new Uint8Array(response.body ?? []);
  return { name: request.name, url: request.url, status: response.status ?? 200, headers, body };
}
