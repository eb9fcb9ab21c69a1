import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { verifyBundle } from './bundle';
import { serializeRecord } from './capture/pipeline';
import { bundleFileName, exportCaptures, type ExportProgress } from './export';
import { CAPTURE_FORMAT, SIGNATURE_ALGORITHM, type CaptureRecord, type StoredArtifact, type StoredCapture } from './model';
import { signDer } from './provenance/ecdsa';
import { sha256Hex, utf8 } from './provenance/hash';
import { getOrCreateInstallKey } from './provenance/install-key';
import { commitCapture, readChainHead } from './store/captures';
import { openPostProofDb, type PostProofDb } from './store/db';

let dbCounter = 0;

async function freshDb(): Promise<PostProofDb> {
  dbCounter += 1;
  return openPostProofDb(`export-test-${dbCounter}-${crypto.randomUUID()}`);
}

/** Commits one capture through the real store code, numbered and signed like the pipeline does. */
async function commitTestCapture(db: PostProofDb, text: string, capturedAt: string): Promise<string> {
  const key = await getOrCreateInstallKey(db);
  const head = await readChainHead(db);
  const id = crypto.randomUUID();
  const snapshot = utf8(`<!doctype html><p dir="auto">${text}</p>`);
  const screenshot = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
  const record: CaptureRecord = {
    format: CAPTURE_FORMAT,
    id,
    sequence: head.sequence + 1,
    previousCaptureSha256: head.lastSha256,
    capturedAt,
    clock: { timeZone: 'UTC' },
    page: { url: 'https://x.com/example/status/1', title: 'Example' },
    post: { platform: 'x', url: 'https://x.com/example/status/1', author: { name: 'Example', handle: 'example' }, text },
    artifacts: [
      { path: 'post.html', role: 'dom-snapshot', mediaType: 'text/html', bytes: snapshot.length, sha256: await sha256Hex(snapshot) },
      { path: 'screenshot.png', role: 'screenshot', mediaType: 'image/png', bytes: screenshot.length, sha256: await sha256Hex(screenshot) },
    ],
    missing: [],
    environment: { software: 'PostProof 0.0.0-test', userAgent: 'vitest', viewport: { width: 800, height: 600, devicePixelRatio: 1 }, locale: 'en' },
    signer: { algorithm: SIGNATURE_ALGORITHM, keyId: key.keyId },
  };
  const recordBytes = serializeRecord(record);
  const stored: StoredCapture = {
    id,
    sequence: record.sequence,
    capturedAt,
    platform: 'x',
    authorName: 'Example',
    authorHandle: 'example',
    text,
    permalink: record.post.url,
    recordBytes,
    recordSha256: await sha256Hex(recordBytes),
    signature: await signDer(key.privateKey, recordBytes),
  };
  const artifacts: StoredArtifact[] = [
    { captureId: id, path: 'post.html', data: snapshot },
    { captureId: id, path: 'screenshot.png', data: screenshot },
  ];
  await commitCapture(db, stored, artifacts, head);
  return id;
}

describe('exportCaptures', () => {
  it('exports captures committed through the store as a bundle that verifies', async () => {
    const db = await freshDb();
    const first = await commitTestCapture(db, 'Hello from the first post', '2024-05-01T10:00:00.000Z');
    const second = await commitTestCapture(db, 'مرحبا من المنشور الثاني', '2024-05-01T10:05:00.000Z');
    const progress: ExportProgress[] = [];

    const bundle = await exportCaptures(db, [second, first], {
      version: '1.2.3',
      now: new Date(Date.UTC(2024, 4, 2, 3, 4, 5)),
      onProgress: (p) => progress.push(p),
    });

    expect(bundle.fileName).toBe('postproof-bundle-20240502-030405-2captures.zip');
    const report = await verifyBundle(bundle.bytes);
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.verdict).toBe('valid');
    expect(report.keyId).toBe((await getOrCreateInstallKey(db)).keyId);
    expect(report.captures.map((c) => c.id).sort()).toEqual([first, second].sort());

    const percents = progress.map((p) => p.percent);
    expect(percents[0]).toBe(0);
    expect(percents.at(-1)).toBe(100);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    db.close();
  });

  it('says which capture is gone when an id is no longer in the store', async () => {
    const db = await freshDb();
    const kept = await commitTestCapture(db, 'Still here', '2024-05-01T10:00:00.000Z');
    await expect(exportCaptures(db, [kept, 'no-such-capture'], { version: '1.2.3' })).rejects.toMatchObject({
      code: 'EXPORT_CAPTURE_GONE',
      message: expect.stringContaining('no-such-capture'),
    });
    db.close();
  });

  it('refuses an empty selection with a message', async () => {
    const db = await freshDb();
    await expect(exportCaptures(db, [], { version: '1.2.3' })).rejects.toMatchObject({ code: 'EXPORT_NOTHING_SELECTED' });
    db.close();
  });
});

describe('bundleFileName', () => {
  it('uses UTC and pads every field', () => {
    expect(bundleFileName(new Date(Date.UTC(2025, 0, 9, 8, 7, 6)), 1)).toBe('postproof-bundle-20250109-080706-1captures.zip');
  });
});
