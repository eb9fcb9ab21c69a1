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

async function recordOf(db: PostProofDb, id: string): Promise<CaptureRecord> {
  const row = await getCapture(db, id);
  if (!row) throw new Error(`capture ${id} not stored`);
  return JSON.parse(new TextDecoder().decode(row.recordBytes)) as CaptureRecord;
}

describe('linkedFrom in the capture record', () => {
  it('signs the linked capture id, the kind and the SHA-256 of its capture.json as the store holds it', async () => {
    const { db, deps } = await setup();
    const first = await preservePost(sampleCaptureRequest('the post that quotes'), sampleScreenshot, deps);
    if (!first.ok) throw new Error(first.message);
    const quoted = await preservePost({ ...sampleCaptureRequest('the quoted post'), linkedFrom: { captureId: first.captureId, kind: 'quote' } }, sampleScreenshot, deps);
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
    const reply = await preservePost({ ...sampleCaptureRequest('profile'), linkedFrom: forged }, sampleScreenshot, deps);
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
