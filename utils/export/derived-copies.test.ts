import 'fake-indexeddb/auto';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { createTestTsa } from '../../test/support/tsa';
import { encodePng, fakeAnnotator, type AnnotatorCall } from '../../test/support/bundle-captures';
import { verifyBundle } from '../formats/bundle';
import { preservePost } from '../capture/worker/pipeline';
import { exportVolumes } from './volumes';
import { getOrCreateInstallKey } from '../store/install-key';
import { openPostProofDb, type PostProofDb } from '../store/db';
import { prepareAnnotatedCopy } from './derived-copies';

const TSA = { id: 'test-tsa', name: 'Test TSA', url: 'http://127.0.0.1:9/tsa' };

async function stampedLater(): Promise<{ db: PostProofDb; id: string }> {
  const db = await openPostProofDb(`derived-${crypto.randomUUID()}`);
  const key = await getOrCreateInstallKey(db);
  const reply = await preservePost(sampleCaptureRequest('Post'), { ...sampleScreenshot, data: encodePng(8, 6) }, { db, key, software: 'PostProof 0.0.0-test', fetch, stampWith: [TSA] });
  if (!reply.ok) throw new Error(reply.message);
  return { db, id: reply.captureId };
}

async function settleStamp(db: PostProofDb, change: object): Promise<void> {
  const [stamp] = await db.getAll('stamps');
  await db.put('stamps', { ...stamp!, ...change });
}

describe('prepareAnnotatedCopy', () => {
  it('waits for the stamps, draws the copy once, and an export then adds it without drawing again', async () => {
    const { db, id } = await stampedLater();
    const calls: AnnotatorCall[] = [];
    const annotate = fakeAnnotator(calls);
    expect(await prepareAnnotatedCopy(db, id, annotate)).toBe('stamps-waiting');
    expect(calls).toHaveLength(0);
    await settleStamp(db, { state: 'failed' });
    expect(await prepareAnnotatedCopy(db, id, annotate)).toBe('kept');
    expect(await prepareAnnotatedCopy(db, id, annotate)).toBe('kept');
    expect(calls).toHaveLength(1);
    const kept = (await db.get('derived', [id, 'screenshot.annotated.png']))!;
    expect(kept.data.size).toBe(kept.bytes);

    const set = await exportVolumes(db, [id], { version: '0.0.0-test', annotateScreenshot: annotate });
    expect(calls).toHaveLength(1);
    const zipBytes = new Uint8Array(await set.volumes[0]!.file.arrayBuffer());
    const report = await verifyBundle(zipBytes);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.checks.some((c) => c.check === 'derived-file' && c.ok)).toBe(true);
    const inZip = await (await JSZip.loadAsync(zipBytes)).file(`captures/${id}/screenshot.annotated.png`)!.async('uint8array');
    expect(inZip).toEqual(new Uint8Array(await kept.data.arrayBuffer()));
    db.close();
  });

  it('draws the copy again at export when a stamp made since changes the strip, and keeps the new one', async () => {
    const { db, id } = await stampedLater();
    const calls: AnnotatorCall[] = [];
    const annotate = fakeAnnotator(calls);
    await settleStamp(db, { state: 'failed' });
    await prepareAnnotatedCopy(db, id, annotate);
    const before = (await db.get('derived', [id, 'screenshot.annotated.png']))!.fingerprint;
    // A real token (from a local openssl authority) over the record: the export reads who signed it and when.
    const tsa = createTestTsa();
    const tsr = await tsa.reply(await tsa.query((await db.get('captures', id))!.recordSha256));
    tsa.remove();
    await settleStamp(db, { state: 'stamped', tsr: new Uint8Array(tsr), genTime: '2026-11-28T08:00:00Z' });
    await exportVolumes(db, [id], { version: '0.0.0-test', annotateScreenshot: annotate });
    expect(calls).toHaveLength(2);
    expect(calls[1]!.lines).toContain('Trusted timestamp (RFC 3161): 2026-11-28T08:00:00Z UTC by Test TSA');
    expect((await db.get('derived', [id, 'screenshot.annotated.png']))!.fingerprint).not.toBe(before);
    db.close();
  });
});
