import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { capturePosts, makeThread, threadMessage } from '../../test/support/thread-captures';
import type { ThreadRecord } from '../model';
import { verifyDer } from '../provenance/ecdsa';
import { sha256Hex } from '../provenance/hash';
import { parseCustodyLine } from '../provenance/custody';
import { readCustodyLines } from '../store/custody-log';
import { openPostProofDb, type PostProofDb } from '../store/db';
import { getOrCreateInstallKey } from '../store/install-key';
import { getThread, listThreads, threadsByMember } from '../store/threads';
import { saveThread } from './thread-record';

let counter = 0;
const freshDb = (): Promise<PostProofDb> => openPostProofDb(`thread-record-test-${++counter}`);
const deps = async (db: PostProofDb) => ({ db, key: await getOrCreateInstallKey(db), software: 'PostProof test' });
const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as ThreadRecord;

describe('the thread record', () => {
  it('lists the members in the order sent, each with the SHA-256 of its capture.json from the store, signed over its exact bytes', async () => {
    const db = await freshDb();
    const { threadId, captureIds, key } = await makeThread(db, ['p0', 'p1', 'r1', 'r2'], 1);
    const row = (await getThread(db, threadId))!;
    const record = decode(row.recordBytes);
    expect(record.format).toBe('postproof-thread/1');
    expect(record.members.map((member) => member.captureId)).toEqual(captureIds);
    expect(record.members.map((member) => member.role)).toEqual(['focal', 'author-thread', 'reply', 'reply']);
    for (const member of record.members) expect(member.captureSha256).toBe((await db.get('captures', member.captureId))!.recordSha256);
    expect(record.counts).toEqual({ repliesCounted: 4, repliesShown: 2, repliesCaptured: 2, authorPostsShown: 2, authorPostsCaptured: 2 });
    expect(record.signer).toEqual({ algorithm: 'ECDSA-P384-SHA256', keyId: key.keyId });
    expect(row.recordSha256).toBe(await sha256Hex(row.recordBytes));
    expect(await verifyDer(key.publicKey, row.recordBytes, row.signature)).toBe(true);
    const changed = row.recordBytes.slice();
    changed[changed.length - 3]! ^= 1;
    expect(await verifyDer(key.publicKey, changed, row.signature)).toBe(false);
    expect(row.focalCaptureId).toBe(captureIds[0]);
    expect(row.memberIds).toEqual(captureIds);
  });

  it('takes every hash from the store, never from the message, and the captured counts from the members', async () => {
    const db = await freshDb();
    const [focal, reply] = await capturePosts(db, ['p0', 'r1']);
    const message = threadMessage([
      { role: 'focal', captureId: focal!, captureSha256: '0'.repeat(64) } as never,
      { role: 'reply', captureId: reply! },
    ]);
    message.counts = { ...message.counts, repliesCaptured: 40, authorPostsCaptured: 9 };
    const saved = await saveThread(message, await deps(db));
    if (!saved.ok) throw new Error(saved.message);
    const record = decode((await getThread(db, saved.threadId))!.recordBytes);
    expect(record.members[0]!.captureSha256).toBe((await db.get('captures', focal!))!.recordSha256);
    expect(record.counts.repliesCaptured).toBe(1);
    expect(record.counts.authorPostsCaptured).toBe(1);
  });

  it('resolves a member named only by its post id to the earliest capture of that post, marked earlier', async () => {
    const db = await freshDb();
    const [first] = await capturePosts(db, ['old']);
    await capturePosts(db, ['old', 'old']);
    const [focal] = await capturePosts(db, ['p0']);
    const saved = await saveThread(threadMessage([{ role: 'focal', captureId: focal! }, { role: 'reply', postId: 'old', url: 'https://bsky.app/x' }]), await deps(db));
    if (!saved.ok) throw new Error(saved.message);
    const record = decode((await getThread(db, saved.threadId))!.recordBytes);
    expect(record.members[1]).toMatchObject({ captureId: first, earlier: true, postId: 'old', role: 'reply' });
    expect(record.members[0]!.earlier).toBeUndefined();
  });

  it('refuses unknown members, a capture of another post, a duplicate, and inconsistent shown counts, keeping nothing', async () => {
    const db = await freshDb();
    const [focal, reply] = await capturePosts(db, ['p0', 'r1']);
    const d = await deps(db);
    const refusals = [
      [threadMessage([{ role: 'focal', captureId: focal! }, { role: 'reply', captureId: crypto.randomUUID() }]), /Member 2 \(capture .*\) is not in PostProof's store/],
      [threadMessage([{ role: 'focal', captureId: focal! }, { role: 'reply', postId: 'never' }]), /Member 2 \(post never\) was never captured here/],
      [threadMessage([{ role: 'focal', captureId: focal! }, { role: 'reply', captureId: reply!, postId: 'other' }]), /capture of post r1, not of post other/],
      [threadMessage([{ role: 'focal', captureId: focal! }, { role: 'reply', captureId: reply! }, { role: 'reply', postId: 'r1' }]), /would list capture .* twice/],
      [threadMessage([{ role: 'focal', captureId: focal! }, { role: 'reply', captureId: reply! }], { platform: 'x' }), /is not a x post/],
      [{ ...threadMessage([{ role: 'focal', captureId: focal! }, { role: 'reply', captureId: reply! }]), counts: { repliesCounted: null, repliesShown: 0, repliesCaptured: 1, authorPostsShown: 1, authorPostsCaptured: 1 } }, /page showed 0 replies, fewer than the 1/],
      [threadMessage([{ role: 'reply', captureId: reply! }]), /0 focal posts/],
    ] as const;
    for (const [message, expected] of refusals) {
      const reply = await saveThread(message, d);
      expect(reply.ok).toBe(false);
      expect(!reply.ok && reply.message).toMatch(expected);
    }
    expect(await listThreads(db)).toEqual([]);
    // Nothing of a refused thread reached a member's custody log.
    expect(await readCustodyLines(db, focal!)).toHaveLength(1);
  });

  it("refuses a capture imported from another install's bundle", async () => {
    const db = await freshDb();
    const [focal, reply] = await capturePosts(db, ['p0', 'r1']);
    const row = (await db.get('captures', reply!))!;
    await db.put('captures', { ...row, foreignSigner: { keyId: 'f'.repeat(64), spki: new Uint8Array(1), importedAt: new Date().toISOString() } });
    const saved = await saveThread(threadMessage([{ role: 'focal', captureId: focal! }, { role: 'reply', captureId: reply! }]), await deps(db));
    expect(saved).toMatchObject({ ok: false, message: expect.stringContaining("imported from another install's bundle") });
  });

  it("adds a 'threaded' line to each member's custody log, chained to the line before", async () => {
    const db = await freshDb();
    const { threadId, captureIds } = await makeThread(db, ['p0', 'r1']);
    const row = (await getThread(db, threadId))!;
    for (const id of captureIds) {
      const lines = await readCustodyLines(db, id);
      expect(lines).toHaveLength(2);
      const event = parseCustodyLine(lines[1]!)!;
      expect(event).toMatchObject({ event: 'threaded', index: 1, previousSha256: await sha256Hex(lines[0]!), details: { threadId, threadSha256: row.recordSha256 } });
    }
  });
});

describe('the threads store', () => {
  it('lists threads newest first, finds them by member, and refuses a second row with the same id', async () => {
    const db = await freshDb();
    let tick = Date.parse('2026-12-07T07:00:00Z');
    const now = () => new Date((tick += 1000));
    const captureIds = await capturePosts(db, ['p0', 'r1', 'r2']);
    const d = { ...(await deps(db)), now };
    const a = await saveThread(threadMessage([{ role: 'focal', captureId: captureIds[0]! }, { role: 'reply', captureId: captureIds[1]! }]), d);
    const b = await saveThread(threadMessage([{ role: 'focal', captureId: captureIds[2]! }, { role: 'reply', captureId: captureIds[1]! }]), d);
    if (!a.ok || !b.ok) throw new Error('not saved');
    expect((await listThreads(db)).map((row) => row.id)).toEqual([b.threadId, a.threadId]);
    expect((await threadsByMember(db, captureIds[1]!)).map((row) => row.id)).toEqual([b.threadId, a.threadId]);
    expect((await threadsByMember(db, captureIds[0]!)).map((row) => row.id)).toEqual([a.threadId]);
    expect(await threadsByMember(db, crypto.randomUUID())).toEqual([]);
    const again = await saveThread(threadMessage([{ role: 'focal', captureId: captureIds[0]! }]), { ...d, newId: () => a.threadId });
    expect(again.ok).toBe(false);
    expect(await listThreads(db)).toHaveLength(2);
  });
});
