import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { verifyBundle } from '../formats/bundle';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { preservePost } from '../capture/worker/pipeline';
import { exportCaptures, type ExportProgress } from './export';
import { getOrCreateInstallKey } from '../store/install-key';
import { openPostProofDb, type PostProofDb } from '../store/db';

let dbCounter = 0;

async function freshDb(): Promise<PostProofDb> {
  dbCounter += 1;
  return openPostProofDb(`export-test-${dbCounter}-${crypto.randomUUID()}`);
}

/** Commits one capture through the real capture pipeline and store. */
async function commitTestCapture(db: PostProofDb, text: string, capturedAt: string): Promise<string> {
  const result = await preservePost(sampleCaptureRequest(text), sampleScreenshot, {
    db,
    key: await getOrCreateInstallKey(db),
    software: 'PostProof 0.0.0-test',
    fetch,
    now: () => new Date(capturedAt),
  });
  if (!result.ok) throw new Error(result.message);
  return result.captureId;
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
