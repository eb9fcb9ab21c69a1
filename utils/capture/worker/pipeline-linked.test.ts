import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../../test/support/capture-request';
import type { CaptureRecord, CaptureRequest } from '../../model';
import { getCapture, listCaptures } from '../../store/captures';
import { openPostProofDb, type PostProofDb } from '../../store/db';
import { getOrCreateInstallKey } from '../../store/install-key';
import { backgroundMessageProblem } from './message-guards';
import { preservePost } from './pipeline';

let dbCounter = 0;
async function setup(): Promise<{ db: PostProofDb; deps: Parameters<typeof preservePost>[2] }> {
  const db = await openPostProofDb(`pipeline-linked-${++dbCounter}`);
  const key = await getOrCreateInstallKey(db);
  return { db, deps: { db, key, software: 'PostProof test', fetch } };
}

/** A post that quotes X post 2, and X post 2 itself. */
function quoting(): CaptureRequest {
  const request = sampleCaptureRequest('the post that quotes');
  request.post.links = [{ kind: 'quote', platform: 'x', id: '2', url: 'https://x.com/other/status/2', author: { handle: 'other' } }];
  return request;
}
function quotedPost(): CaptureRequest {
  const request = sampleCaptureRequest('the quoted post');
  request.post = { ...request.post, id: '2', url: 'https://x.com/other/status/2', author: { name: 'Other', handle: 'other', url: 'https://x.com/other' } };
  return request;
}

async function recordOf(db: PostProofDb, id: string): Promise<CaptureRecord> {
  const row = await getCapture(db, id);
  if (!row) throw new Error(`capture ${id} not stored`);
  return JSON.parse(new TextDecoder().decode(row.recordBytes)) as CaptureRecord;
}

describe('linkedFrom in the capture record', () => {
  it('signs the linked capture id, the kind and the SHA-256 of its capture.json as the store holds it', async () => {
    const { db, deps } = await setup();
    const first = await preservePost(quoting(), sampleScreenshot, deps);
    if (!first.ok) throw new Error(first.message);
    const quoted = await preservePost({ ...quotedPost(), linkedFrom: { captureId: first.captureId, kind: 'quote' } }, sampleScreenshot, deps);
    if (!quoted.ok) throw new Error(quoted.message);
    const stored = await getCapture(db, first.captureId);
    expect((await recordOf(db, quoted.captureId)).linkedFrom).toEqual({ captureId: first.captureId, captureSha256: stored!.recordSha256, kind: 'quote' });
    // The listing indexes it, so the earlier capture finds the later one.
    expect((await db.getAllFromIndex('listings', 'byLinkedFrom', first.captureId)).map((row) => row.id)).toEqual([quoted.captureId]);
  });

  it('takes no hash from the page: a forged captureSha256 is replaced by the store\'s', async () => {
    const { db, deps } = await setup();
    const first = await preservePost(sampleCaptureRequest('profile source'), sampleScreenshot, deps);
    if (!first.ok) throw new Error(first.message);
    const forged = { captureId: first.captureId, kind: 'profile-of', captureSha256: 'f'.repeat(64) } as CaptureRequest['linkedFrom'];
    const profile = sampleCaptureRequest('bio');
    profile.post = { platform: 'x', kind: 'profile', url: 'https://x.com/someone', author: { name: 'Some One', handle: 'SomeOne', url: 'https://x.com/someone' }, profile: { bio: 'bio' } };
    const reply = await preservePost({ ...profile, linkedFrom: forged }, sampleScreenshot, deps);
    if (!reply.ok) throw new Error(reply.message);
    const link = (await recordOf(db, reply.captureId)).linkedFrom;
    expect(link?.captureSha256).toBe((await getCapture(db, first.captureId))!.recordSha256);
    expect(link?.captureSha256).not.toBe('f'.repeat(64));
  });

  it('refuses an unknown capture id with a clear message and saves nothing', async () => {
    const { db, deps } = await setup();
    const unknown = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
    const reply = await preservePost({ ...sampleCaptureRequest('orphan'), linkedFrom: { captureId: unknown, kind: 'quote' } }, sampleScreenshot, deps);
    expect(reply).toEqual({ ok: false, code: 'unknown-linked-capture', message: expect.stringContaining(unknown) });
    expect(await listCaptures(db)).toEqual([]);
  });

  it('refuses a link neither record shows: a page naming some capture it saw gets no signed link', async () => {
    const { db, deps } = await setup();
    const first = await preservePost(sampleCaptureRequest('a post that quotes nothing'), sampleScreenshot, deps);
    if (!first.ok) throw new Error(first.message);
    const quote = await preservePost({ ...quotedPost(), linkedFrom: { captureId: first.captureId, kind: 'quote' } }, sampleScreenshot, deps);
    expect(quote).toEqual({ ok: false, code: 'unrelated-linked-capture', message: expect.stringContaining(first.captureId) });
    // A profile of another account, or a post passed off as a profile, is no profile-of the first post's author.
    const stranger = quotedPost();
    stranger.post = { ...stranger.post, kind: 'profile' };
    expect(await preservePost({ ...stranger, linkedFrom: { captureId: first.captureId, kind: 'profile-of' } }, sampleScreenshot, deps)).toMatchObject({ code: 'unrelated-linked-capture' });
    expect(await preservePost({ ...sampleCaptureRequest('not a profile'), linkedFrom: { captureId: first.captureId, kind: 'profile-of' } }, sampleScreenshot, deps)).toMatchObject({ code: 'unrelated-linked-capture' });
    // Another kind than the one the record shows.
    const quoter = await preservePost(quoting(), sampleScreenshot, deps);
    if (!quoter.ok) throw new Error(quoter.message);
    expect(await preservePost({ ...quotedPost(), linkedFrom: { captureId: quoter.captureId, kind: 'forward' } }, sampleScreenshot, deps)).toMatchObject({ code: 'unrelated-linked-capture' });
    expect((await listCaptures(db)).length).toBe(2);
  });

  it('accepts a reply asked from the post it answers: the link shown in the new record', async () => {
    const { db, deps } = await setup();
    const focal = await preservePost(quotedPost(), sampleScreenshot, deps);
    if (!focal.ok) throw new Error(focal.message);
    const reply = sampleCaptureRequest('a reply');
    reply.post = { ...reply.post, id: '3', url: 'https://x.com/someone/status/3', links: [{ kind: 'reply-to', platform: 'x', id: '2', url: 'https://x.com/other/status/2' }] };
    const saved = await preservePost({ ...reply, linkedFrom: { captureId: focal.captureId, kind: 'reply-to' } }, sampleScreenshot, deps);
    if (!saved.ok) throw new Error(saved.message);
    expect((await recordOf(db, saved.captureId)).linkedFrom?.kind).toBe('reply-to');
  });

  it('a capture asked from nothing has no linkedFrom', async () => {
    const { db, deps } = await setup();
    const reply = await preservePost(sampleCaptureRequest('plain'), sampleScreenshot, deps);
    if (!reply.ok) throw new Error(reply.message);
    expect(await recordOf(db, reply.captureId)).not.toHaveProperty('linkedFrom');
  });
});

describe('the capture message guard on linkedFrom', () => {
  const message = (linkedFrom: unknown) => ({
    type: 'postproof/capture',
    request: { ...sampleCaptureRequest('x'), linkedFrom },
    screenshot: { ok: false, reason: 'none' },
  });

  it('accepts a capture id and a known kind', () => {
    expect(backgroundMessageProblem(message({ captureId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', kind: 'forward' }))).toBeNull();
    expect(backgroundMessageProblem(message(undefined))).toBeNull();
  });

  it('refuses an id that is no capture id, an unknown kind, or no object', () => {
    expect(backgroundMessageProblem(message({ captureId: '../etc', kind: 'quote' }))).toMatch(/linkedFrom\.captureId/);
    expect(backgroundMessageProblem(message({ captureId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', kind: 'owns' }))).toMatch(/linkedFrom\.kind/);
    expect(backgroundMessageProblem(message('quote'))).toMatch(/linkedFrom/);
  });
});
