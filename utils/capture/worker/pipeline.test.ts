import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../../test/support/capture-request';
import { startLocalHttp, type LocalHttpServer } from '../../../test/support/local-http';
import type { CaptureRecord } from '../../model';
import { verifyDer } from '../../provenance/ecdsa';
import { sha256Hex } from '../../provenance/hash';
import { getOrCreateInstallKey } from '../../store/install-key';
import { ChainMovedError, commitCapture, listCaptures, readArtifact, readChainHead } from '../../store/captures';
import { openPostProofDb, type PostProofDb } from '../../store/db';
import { describeStoreError, preservePost } from './pipeline';

let server: LocalHttpServer;
let base: string;
const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

beforeAll(async () => {
  server = await startLocalHttp((req, res) => {
    if (req.url === '/photo.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg', date: 'Tue, 24 Nov 2026 10:00:00 GMT' });
      res.end(photo);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  base = server.base;
});
afterAll(() => server.close());

let dbCounter = 0;
async function freshDb(): Promise<PostProofDb> {
  return openPostProofDb(`pipeline-test-${++dbCounter}`);
}

const request = sampleCaptureRequest;
const screenshot = sampleScreenshot;

async function recordOf(db: PostProofDb, id: string): Promise<CaptureRecord> {
  const row = (await listCaptures(db)).find((c) => c.id === id);
  if (!row) throw new Error(`capture ${id} not stored`);
  return JSON.parse(new TextDecoder().decode(row.recordBytes)) as CaptureRecord;
}

describe('preservePost', () => {
  it('stores a signed, chained record whose artifact hashes match the stored bytes', async () => {
    const db = await freshDb();
    const key = await getOrCreateInstallKey(db);
    const deps = { db, key, software: 'PostProof test', fetch };
    // The media server is on 127.0.0.1, so the page is too: media on a private host is fetched only for a page on it.
    const first = await preservePost({ ...request('مرحبا 👋', [`${base}/photo.jpg`, `${base}/gone.jpg`]), page: { url: `${base}/someone/status/1`, title: 'post' } }, screenshot, deps);
    const second = await preservePost(request('second'), { error: 'no permission' }, deps);
    if (!first.ok || !second.ok) throw new Error('capture failed');

    const rows = await listCaptures(db);
    expect(rows.map((r) => r.sequence)).toEqual([2, 1]);
    const [newer, older] = rows as [(typeof rows)[0], (typeof rows)[0]];
    expect(await verifyDer(key.publicKey, older.recordBytes, older.signature)).toBe(true);
    expect(older.recordSha256).toBe(await sha256Hex(older.recordBytes));

    const record1 = await recordOf(db, first.captureId);
    expect(record1.previousCaptureSha256).toBeNull();
    expect(record1.signer.keyId).toBe(key.keyId);
    expect(record1.post.text).toBe('مرحبا 👋');
    expect(record1.clock.serverDate).toBe('Tue, 24 Nov 2026 10:00:00 GMT');
    expect(record1.artifacts.map((a) => a.path)).toEqual(['post.html', 'screenshot.png', 'media/1.jpg']);
    for (const artifact of record1.artifacts) {
      const bytes = await readArtifact(db, first.captureId, artifact.path);
      expect(await sha256Hex(bytes)).toBe(artifact.sha256);
      expect(bytes.byteLength).toBe(artifact.bytes);
    }
    expect(record1.missing).toEqual([expect.objectContaining({ role: 'media', sourceUrl: `${base}/gone.jpg` })]);

    const record2 = await recordOf(db, second.captureId);
    expect(record2.previousCaptureSha256).toBe(older.recordSha256);
    expect(record2.missing).toEqual([{ role: 'screenshot', reason: 'no permission' }]);
    expect(newer.sequence).toBe(2);
    expect(await readChainHead(db)).toEqual({ id: 'chain', sequence: 2, lastSha256: newer.recordSha256 });
  });

  it('numbers concurrent captures one after the other without forking the chain', async () => {
    const db = await freshDb();
    const key = await getOrCreateInstallKey(db);
    const deps = { db, key, software: 'PostProof test', fetch };
    const results = await Promise.all([1, 2, 3].map((n) => preservePost(request(`post ${n}`), screenshot, deps)));
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = (await listCaptures(db)).reverse();
    expect(rows.map((r) => r.sequence)).toEqual([1, 2, 3]);
    for (let i = 1; i < rows.length; i++) {
      const record = JSON.parse(new TextDecoder().decode(rows[i]!.recordBytes)) as CaptureRecord;
      expect(record.previousCaptureSha256).toBe(rows[i - 1]!.recordSha256);
    }
  });
});

describe('commitCapture', () => {
  it('writes nothing when one artifact fails to store', async () => {
    const db = await freshDb();
    const head = await readChainHead(db);
    const row = {
      id: 'c1', sequence: 1, capturedAt: '2026-01-01T00:00:00.000Z', platform: 'x' as const,
      recordBytes: new Uint8Array([1]), recordSha256: 'aa', signature: new Uint8Array([2]),
    };
    const duplicate = { captureId: 'c1', path: 'post.html', data: new Uint8Array([3]) };
    await expect(commitCapture(db, row, [duplicate, duplicate], head)).rejects.toBeTruthy();
    expect(await listCaptures(db)).toEqual([]);
    expect(await db.count('artifacts')).toBe(0);
    expect(await readChainHead(db)).toEqual(head);
  });

  it('refuses a record numbered against a chain head that has moved', async () => {
    const db = await freshDb();
    const row = {
      id: 'c1', sequence: 1, capturedAt: '2026-01-01T00:00:00.000Z', platform: 'x' as const,
      recordBytes: new Uint8Array([1]), recordSha256: 'aa', signature: new Uint8Array([2]),
    };
    await commitCapture(db, row, [], { id: 'chain', sequence: 0, lastSha256: null });
    await expect(
      commitCapture(db, { ...row, id: 'c2' }, [], { id: 'chain', sequence: 0, lastSha256: null }),
    ).rejects.toBeInstanceOf(ChainMovedError);
    expect((await listCaptures(db)).map((c) => c.id)).toEqual(['c1']);
  });
});

describe('describeStoreError', () => {
  it('tells the user what to do when storage is full', () => {
    const result = describeStoreError(new DOMException('quota', 'QuotaExceededError'));
    expect(result.code).toBe('quota-exceeded');
    expect(result.message).toMatch(/storage is full/);
  });

  it('says the same for a full disk, as Chromium reports it, and keeps the browser’s words', () => {
    // As Chromium reported it in test/storage-full.e2e.ts runs (the first two) and when reopening on a full disk.
    for (const error of [
      new DOMException('Failed to write blobs (IOError)', 'DataError'),
      new DOMException('Connection is closing because of: IO error: …/000003.log: FILE_ERROR_NO_SPACE', 'UnknownError'),
      new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError'),
    ]) {
      const result = describeStoreError(error);
      expect(result.code).toBe('quota-exceeded');
      expect(result.message).toMatch(/storage is full.*Free disk space.*Earlier captures are intact/);
      expect(result.message).toContain(error.message);
    }
  });

  it('does not call every failure a full disk', () => {
    const result = describeStoreError(new DOMException('Data provided to an operation does not meet requirements', 'DataError'));
    expect(result.code).toBe('store-failed');
    expect(result.message).toMatch(/could not be saved: Data provided/);
  });
});
