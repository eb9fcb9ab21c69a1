import { describe, expect, it } from 'vitest';
import { Secp256k1Keypair } from '@atproto/crypto';
import * as CAR from '@atcute/car';
import * as CBOR from '@atcute/cbor';
import * as CID from '@atcute/cid';
import {
  BLUESKY_TEST_PDS,
  buildBlueskyRepo,
  plcDidDocument,
  recordCar,
  routesFor,
  runOverRoutes,
  blueskyWitnessRoutes,
} from '../../../test/support/bluesky-witness';
import type { Route } from '../../../test/support/fixture-server';
import type { PostRecord } from '../../model';
import { blueskyFixtures } from '../../platforms/bluesky.fixtures';
import type { WitnessReading } from '../source';
import { blueskySource } from './bluesky';

const photoPost = blueskyFixtures[0]!.expected!;
const cardPost = blueskyFixtures[1]!.expected!;
const photoCid = 'bafkreialfqefcq2xoumlw6ulbkfbamombpf5g56x3oncuxulwelcm6332i';

async function witness(post: PostRecord, routes: Route[]) {
  const run = await runOverRoutes(blueskySource, post, routes);
  return { ...run, reading: await blueskySource.read(post, run.responses) };
}

function served(reading: WitnessReading) {
  if (reading.kind !== 'served') throw new Error(`expected served, got ${reading.kind}: ${reading.reason}`);
  return reading;
}

describe('the Bluesky witness over a real signed repository', () => {
  it('fetches the DID document and the record, and verifies the commit, the MST path and the record', async () => {
    const fixture = await buildBlueskyRepo(photoPost);
    const { responses, unavailable, reading } = await witness(photoPost, routesFor(fixture));
    expect(unavailable).toBeUndefined();
    expect(responses.map((r) => [r.name, r.url])).toEqual([
      ['did', 'https://plc.directory/did:plc:24xmtazrkaxh7kwx2ehginec'],
      [
        'record',
        `${BLUESKY_TEST_PDS}/xrpc/com.atproto.sync.getRecord?did=did%3Aplc%3A24xmtazrkaxh7kwx2ehginec&collection=app.bsky.feed.post&rkey=3mdegyw3ves2t`,
      ],
      // The DID document's handle, resolved back to the DID: a handle counts only both ways.
      ['handle-check', 'https://public.api.bsky.app/xrpc/com.atproto.identity.resolveHandle?handle=glendunlap.bsky.social'],
    ]);
    const { fields, proof } = served(reading);
    expect(fields).toEqual({
      authorId: 'did:plc:24xmtazrkaxh7kwx2ehginec',
      authorHandle: 'glendunlap.bsky.social',
      postId: '3mdegyw3ves2t',
      text: photoPost.text,
      postedAt: '2026-01-26T23:55:44.454Z',
      mediaCount: 1,
      mediaIds: [photoCid],
    });
    // The page's media and the witness's name the same blobs.
    expect(photoPost.media!.map((m) => blueskySource.mediaIdOf(m.url))).toEqual(fields.mediaIds);
    expect(proof).toMatchObject({
      kind: 'atproto-commit',
      verified: true,
      did: fixture.did,
      signingKey: fixture.keypair.did(),
      commitCid: fixture.repo.cid.toString(),
      rev: fixture.repo.commit.rev,
    });
    expect(proof!.recordCid).toBe((await fixture.repo.data.get(`app.bsky.feed.post/${fixture.rkey}`))!.toString());
    expect(proof!.detail).toMatch(/The handle glendunlap\.bsky\.social holds both ways/);
    // Offline, from the same bytes, the same reading.
    expect(await blueskySource.read(photoPost, responses)).toEqual(reading);
  });

  it('verifies a repository signed with a P-256 key', async () => {
    const { reading } = await witness(photoPost, await blueskyWitnessRoutes(photoPost, { keyType: 'p256' }));
    expect(served(reading).proof).toMatchObject({ verified: true, signingKey: expect.stringMatching(/^did:key:zDn/) });
  });

  it("counts a link card's thumbnail as the page does (card-image)", async () => {
    const { reading } = await witness(cardPost, await blueskyWitnessRoutes(cardPost));
    const { fields, proof } = served(reading);
    expect(proof!.verified).toBe(true);
    expect(fields.mediaCount).toBe(1);
    expect(fields.mediaIds).toEqual(cardPost.media!.map((m) => blueskySource.mediaIdOf(m.url)));
  });

  it('resolves the handle first when the page gave no DID', async () => {
    const post: PostRecord = { ...photoPost, author: { handle: 'GlenDunlap.bsky.social' } };
    const { responses, reading } = await witness(post, await blueskyWitnessRoutes(photoPost));
    expect(responses.map((r) => r.name)).toEqual(['handle', 'did', 'record']);
    expect(responses[0]!.url).toBe(
      'https://public.api.bsky.app/xrpc/com.atproto.identity.resolveHandle?handle=glendunlap.bsky.social',
    );
    const { fields, proof } = served(reading);
    expect(fields.authorId).toBe('did:plc:24xmtazrkaxh7kwx2ehginec');
    expect(proof).toMatchObject({ verified: true });
    expect(proof!.detail).toMatch(/holds both ways: the DID document claims it and public\.api\.bsky\.app resolves it to this DID/);
  });

  it('does not take a handle the DID document claims but which resolves to someone else (an impersonation)', async () => {
    const fixture = await buildBlueskyRepo(photoPost);
    // The author's own DID document claims the victim's handle; the handle resolves to the victim's DID.
    const routes = routesFor(fixture).map((route) =>
      route.host === 'public.api.bsky.app' ? { ...route, respond: { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ did: 'did:plc:victimvictimvictimvictim' }) } } : route,
    );
    const { responses, reading } = await witness(photoPost, routes);
    expect(responses.map((r) => r.name)).toEqual(['did', 'record', 'handle-check']);
    const { fields, proof } = served(reading);
    expect(fields.authorHandle).toBeUndefined();
    expect(proof).toMatchObject({ verified: true });
    expect(proof!.detail).toMatch(/claims the handle glendunlap\.bsky\.social, but public\.api\.bsky\.app resolves it to did:plc:victimvictimvictimvictim: the handle is not taken as the author's/);
  });

  it('a handle that does not resolve leaves the handle out, not the witness unavailable', async () => {
    const fixture = await buildBlueskyRepo(photoPost);
    const routes = routesFor(fixture).map((route) => (route.host === 'public.api.bsky.app' ? { ...route, respond: { status: 400, body: '{"error":"InvalidRequest","message":"Unable to resolve handle"}' } } : route));
    const { reading } = await witness(photoPost, routes);
    const { fields, proof } = served(reading);
    expect(fields.authorHandle).toBeUndefined();
    expect(proof!.detail).toMatch(/public\.api\.bsky\.app did not resolve it/);
  });

  it('reports what the repository says when it differs from the page, still verified', async () => {
    const { reading } = await witness(photoPost, await blueskyWitnessRoutes(photoPost, { text: 'Owliver flew away.' }));
    const { fields, proof } = served(reading);
    expect(fields.text).toBe('Owliver flew away.');
    expect(proof!.verified).toBe(true);
  });
});

describe('the Bluesky witness refuses what does not verify', () => {
  it('refuses a record block with a changed byte', async () => {
    const fixture = await buildBlueskyRepo(photoPost);
    const car = replaceBytes(fixture.car, 'Owliver decided', 'Owlivar decided');
    const { reading } = await witness(photoPost, routesFor({ ...fixture, car }));
    expect(reading).toEqual({
      kind: 'unavailable',
      reason: expect.stringMatching(/^the record CAR does not prove app\.bsky\.feed\.post\/3mdegyw3ves2t: cid does not match bytes/),
    });
  });

  it('refuses a commit signed by another key than the DID document publishes', async () => {
    const fixture = await buildBlueskyRepo(photoPost);
    const intruder = await Secp256k1Keypair.create();
    const repo = await fixture.repo.resignCommit(fixture.repo.commit.rev, intruder);
    const car = await recordCar({ storage: fixture.storage, repo }, fixture.rkey);
    const { reading } = await witness(photoPost, routesFor({ ...fixture, car }));
    const { fields, proof } = served(reading);
    expect(proof).toMatchObject({ verified: false, signingKey: fixture.keypair.did(), commitCid: repo.cid.toString() });
    expect(proof!.detail).toMatch(/^not verified: the commit signature does not verify with the DID document's #atproto key did:key:/);
    expect(fields.text).toBe(photoPost.text);
  });

  it('refuses when the DID document publishes another key', async () => {
    const fixture = await buildBlueskyRepo(photoPost, { otherKey: true });
    const { reading } = await witness(photoPost, routesFor(fixture));
    const { proof } = served(reading);
    expect(proof!.verified).toBe(false);
    expect(proof!.signingKey).not.toBe(fixture.keypair.did());
    expect(proof!.detail).toMatch(/signature does not verify/);
  });

  it('refuses a DID document that is for another DID', async () => {
    const fixture = await buildBlueskyRepo(photoPost);
    const didDocument = plcDidDocument('did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', fixture.handle, fixture.keypair.did());
    const { reading } = await witness(photoPost, routesFor({ ...fixture, didDocument }));
    const { fields, proof } = served(reading);
    expect(proof!.verified).toBe(false);
    expect(proof!.detail).toMatch(/the DID document is for did:plc:aaaaaaaaaaaaaaaaaaaaaaaa, not did:plc:24xmtazrkaxh7kwx2ehginec/);
    // A document for someone else says nothing about this author's handle.
    expect(fields.authorHandle).toBeUndefined();
  });

  it("refuses a commit of another DID's repository", async () => {
    const other = await buildBlueskyRepo({ ...photoPost, author: { ...photoPost.author, id: 'did:plc:bbbbbbbbbbbbbbbbbbbbbbbb' } });
    const didDocument = plcDidDocument(photoPost.author!.id!, other.handle, other.keypair.did());
    const { reading } = await witness(photoPost, routesFor({ ...other, did: photoPost.author!.id!, didDocument }));
    const { proof } = served(reading);
    expect(proof!.verified).toBe(false);
    expect(proof!.detail).toBe(
      'not verified: the commit is for did:plc:bbbbbbbbbbbbbbbbbbbbbbbb, not did:plc:24xmtazrkaxh7kwx2ehginec' +
        ". The handle glendunlap.bsky.social holds both ways: the DID document claims it and public.api.bsky.app resolves it to this DID (Bluesky's resolution, not the handle's own domain asked directly)",
    );
  });

  it('refuses when the DID document has no #atproto key', async () => {
    const fixture = await buildBlueskyRepo(photoPost);
    const didDocument = { ...fixture.didDocument, verificationMethod: [] };
    const { reading } = await witness(photoPost, routesFor({ ...fixture, didDocument }));
    const { proof } = served(reading);
    expect(proof).toMatchObject({ verified: false, detail: expect.stringMatching(/^not verified: the DID document has no #atproto signing key/) });
    expect(proof!.signingKey).toBeUndefined();
  });

  it('refuses a record block the MST does not point at', async () => {
    const fixture = await buildBlueskyRepo(photoPost);
    const recordCid = (await fixture.repo.data.get(`app.bsky.feed.post/${fixture.rkey}`))!.toString();
    const forged = CBOR.encode({ $type: 'app.bsky.feed.post', text: 'Something else entirely', createdAt: '2026-01-26T23:55:44.454Z' });
    const car = await rewriteCar(fixture.car, async (cid) =>
      cid === recordCid ? { cid: (await CID.create(CID.CODEC_DCBOR, forged)).bytes, data: forged } : undefined,
    );
    const { reading } = await witness(photoPost, routesFor({ ...fixture, car }));
    expect(reading).toEqual({
      kind: 'unavailable',
      reason: 'the record CAR does not prove app.bsky.feed.post/3mdegyw3ves2t: could not find record in car',
    });
  });

  it("refuses another record's proof for the page's record key", async () => {
    const fixture = await buildBlueskyRepo(photoPost);
    // The PDS answers for the page's rkey with the proof of a neighbouring post.
    const neighbour = '3mdeaarsaaa2k';
    const post = { ...photoPost, id: neighbour };
    const { reading } = await witness(post, routesFor({ ...fixture, rkey: neighbour }));
    expect(reading.kind).toBe('unavailable');
    expect(reading.kind === 'unavailable' && reading.reason).toMatch(/does not prove app\.bsky\.feed\.post\/3mdeaarsaaa2k: could not find record in car/);
  });

  it('says a truncated CAR is unreadable, without throwing', async () => {
    const fixture = await buildBlueskyRepo(photoPost);
    for (const car of [fixture.car.slice(0, fixture.car.length - 40), fixture.car.slice(0, 12), new Uint8Array(), new TextEncoder().encode('<html>')]) {
      const { reading } = await witness(photoPost, routesFor({ ...fixture, car }));
      expect(reading.kind).toBe('unavailable');
      expect(reading.kind === 'unavailable' && reading.reason).toMatch(/^the record CAR is unreadable: it is truncated or not a CAR file \((unexpected end of data|could not decode varint)\)$/);
    }
  });
});

describe('the Bluesky witness when the post or account is gone', () => {
  it.each([404, 400])('says not-served for RecordNotFound (HTTP %i), and asks nothing more', async (status) => {
    const { responses, reading } = await witness(photoPost, await blueskyWitnessRoutes(photoPost, { status }));
    expect(responses.map((r) => [r.name, r.status])).toEqual([
      ['did', 200],
      ['record', status],
    ]);
    expect(blueskySource.next(photoPost, responses)).toEqual({ done: true });
    expect(reading).toEqual({
      kind: 'not-served',
      reason: `the record is no longer in the author's repository (HTTP ${status} RecordNotFound)`,
    });
  });

  it.each([
    ['RepoTakendown', 'taken down'],
    ['RepoSuspended', 'suspended'],
    ['RepoDeactivated', 'deactivated'],
  ])('says not-served for %s', async (error, words) => {
    const fixture = await buildBlueskyRepo(photoPost);
    const routes: Route[] = [
      ...routesFor(fixture).slice(0, 2),
      { host: /host\.bsky\.network$/, path: '/xrpc/*', respond: { status: 400, body: JSON.stringify({ error, message: '' }) } },
    ];
    const { reading } = await witness(photoPost, routes);
    expect(reading.kind).toBe('not-served');
    expect(reading.kind === 'not-served' && reading.reason).toContain(words);
  });

  it('says not-served for a tombstoned DID (PLC 410), without asking the PDS', async () => {
    const fixture = await buildBlueskyRepo(photoPost);
    const routes: Route[] = [{ host: 'plc.directory', path: '/*', respond: { status: 410, body: 'DID not available' } }, ...routesFor(fixture)];
    const { responses, reading } = await witness(photoPost, routes);
    expect(responses.map((r) => r.name)).toEqual(['did']);
    expect(reading).toEqual({ kind: 'not-served', reason: expect.stringMatching(/tombstoned/) });
  });

  it('says unavailable when the PDS fails', async () => {
    const { reading } = await witness(photoPost, await blueskyWitnessRoutes(photoPost, { status: 502 }));
    expect(reading).toEqual({
      kind: 'unavailable',
      reason: "the author's PDS morel.us-east.host.bsky.network answered HTTP 502 InternalServerError",
    });
  });
});

describe('the Bluesky witness stays within its hosts', () => {
  it('names a PDS outside its host patterns instead of asking it', async () => {
    const fixture = await buildBlueskyRepo(photoPost);
    const didDocument = plcDidDocument(fixture.did, fixture.handle, fixture.keypair.did(), 'https://pds.example.com');
    const { responses, unavailable, reading } = await witness(photoPost, routesFor({ ...fixture, didDocument }));
    expect(responses.map((r) => r.name)).toEqual(['did']);
    expect(unavailable).toMatch(/^the author's PDS pds\.example\.com is not among the hosts the Bluesky witness may ask/);
    expect(reading).toEqual({ kind: 'unavailable', reason: unavailable });
  });

  it('names a did:web host outside its patterns', () => {
    const post: PostRecord = { ...photoPost, author: { id: 'did:web:alice.example.org', handle: 'alice.example.org' } };
    expect(blueskySource.next(post, [])).toEqual({ unavailable: expect.stringMatching(/^alice\.example\.org is not among/) });
  });

  it('takes the DID from the post URL when the author has none', () => {
    const post: PostRecord = { platform: 'bluesky', id: '3mdegyw3ves2t', url: 'https://bsky.app/profile/did:plc:24xmtazrkaxh7kwx2ehginec/post/3mdegyw3ves2t' };
    expect(blueskySource.next(post, [])).toEqual({
      request: { url: 'https://plc.directory/did:plc:24xmtazrkaxh7kwx2ehginec', name: 'did', ext: 'json', accept: 'application/json' },
    });
  });

  it('needs a record key and an author', () => {
    expect(blueskySource.next({ platform: 'bluesky', author: { handle: 'a.bsky.social' } }, [])).toEqual({
      unavailable: 'the post has no record key (post id)',
    });
    expect(blueskySource.next({ platform: 'bluesky', id: '3mdegyw3ves2t' }, [])).toEqual({
      unavailable: 'the post names neither a DID nor a handle for its author',
    });
  });

  it('reads blob CIDs from CDN image and video URLs only', () => {
    expect(blueskySource.mediaIdOf(photoPost.media![0]!.url)).toBe(photoCid);
    expect(
      blueskySource.mediaIdOf(`https://video.bsky.app/watch/did%3Aplc%3A24xmtazrkaxh7kwx2ehginec/${photoCid}/thumbnail.jpg`),
    ).toBe(photoCid);
    expect(blueskySource.mediaIdOf('https://t.gifs.bsky.app/abc/def.mp4')).toBeUndefined();
    expect(blueskySource.mediaIdOf('blob:https://bsky.app/1234')).toBeUndefined();
  });
});

/** The CAR with the first occurrence of `from` replaced by `to` (same length). */
function replaceBytes(car: Uint8Array, from: string, to: string): Uint8Array {
  const a = Buffer.from(from);
  const at = Buffer.from(car).indexOf(a);
  if (at < 0 || from.length !== to.length) throw new Error(`${from} not in the CAR`);
  const copy = new Uint8Array(car);
  copy.set(Buffer.from(to), at);
  return copy;
}

/** The CAR with blocks replaced where `swap` returns a block (same roots, same order). */
async function rewriteCar(
  car: Uint8Array,
  swap: (cid: string) => Promise<{ cid: Uint8Array; data: Uint8Array } | undefined>,
): Promise<Uint8Array> {
  const reader = CAR.fromUint8Array(car);
  const blocks: { cid: Uint8Array; data: Uint8Array }[] = [];
  for (const entry of reader) {
    blocks.push((await swap(CID.toString(entry.cid))) ?? { cid: entry.cid.bytes, data: entry.bytes });
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of CAR.writeCarStream(reader.roots, blocks)) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}
