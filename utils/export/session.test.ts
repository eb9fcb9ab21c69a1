import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { preservePost } from '../capture/worker/pipeline';
import { verifyEvidenceFile } from '../formats/verify-any';
import { readCustodyLines } from '../store/custody-log';
import { openPostProofDb, type PostProofDb } from '../store/db';
import { getOrCreateInstallKey } from '../store/install-key';
import { bytesSource } from '../zip/source';
import { runExport } from './session';

async function dbWithCaptures(count: number): Promise<{ db: PostProofDb; ids: string[] }> {
  const db = await openPostProofDb(`session-${crypto.randomUUID()}`);
  const key = await getOrCreateInstallKey(db);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const reply = await preservePost(sampleCaptureRequest(`Post ${i}`), sampleScreenshot, { db, key, software: 'PostProof 0.0.0-test', fetch, now: () => new Date(Date.UTC(2026, 0, 1, 0, i)) });
    if (!reply.ok) throw new Error(reply.message);
    ids.push(reply.captureId);
  }
  return { db, ids };
}

const now = new Date(Date.UTC(2026, 1, 2, 3, 4, 5));
const exportedEvents = async (db: PostProofDb, id: string) =>
  (await readCustodyLines(db, id)).map((line) => JSON.parse(line) as Record<string, unknown>).filter((event) => event.event === 'exported');

describe('runExport', () => {
  it('builds a small set in memory as one bundle, whatever order it was chosen in, and logs it once per capture', async () => {
    const { db, ids } = await dbWithCaptures(3);
    const result = await runExport(db, [...ids].reverse(), { version: '1.2.3', now, mode: 'auto' });
    if (!('fileName' in result)) throw new Error('expected one file in memory');
    expect(result.fileName).toBe('postproof-bundle-20260202-030405-3captures.zip');
    const report = await verifyEvidenceFile(bytesSource(result.bytes));
    expect(report.verdict).toBe('valid');
    for (const id of ids) expect((await exportedEvents(db, id)).map((e) => e.bundleFile)).toEqual([result.fileName]);
    db.close();
  });

  it('streams volumes when the set passes the volume size, and names each in the custody log', async () => {
    const { db, ids } = await dbWithCaptures(3);
    const set = await runExport(db, ids, { version: '1.2.3', now, mode: 'auto', limitBytes: 256 * 1024 + 40 * 1024, caseName: 'Case' });
    if (!('volumes' in set)) throw new Error('expected volumes');
    expect(set.volumes.length).toBeGreaterThan(1);
    for (const volume of set.volumes) {
      const report = await verifyEvidenceFile(bytesSource(new Uint8Array(await volume.file.arrayBuffer())));
      expect(report.verdict).toBe('valid');
    }
    const logged = await exportedEvents(db, ids[0]!);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ bundleFile: set.volumes[0]!.fileName, manifestSha256: set.volumes[0]!.manifestSha256, volume: `1 of ${set.volumes.length}` });
    db.close();
  });

  it('writes a WACZ as one file with the replay notice, and logs nothing for a cancelled export', async () => {
    const { db, ids } = await dbWithCaptures(2);
    const wacz = await runExport(db, ids, { version: '1.2.3', now, mode: 'auto', format: 'wacz' });
    if (!('fileName' in wacz)) throw new Error('expected one file in memory');
    expect(wacz.fileName).toBe('postproof-20260202-030405-2captures.wacz');
    expect(wacz.notice).toMatch(/ReplayWeb\.page/);
    expect((await verifyEvidenceFile(bytesSource(wacz.bytes))).verdict).toBe('valid');
    const controller = new AbortController();
    controller.abort();
    await expect(runExport(db, ids, { version: '1.2.3', now, mode: 'stream', signal: controller.signal })).rejects.toThrow();
    expect(await exportedEvents(db, ids[0]!)).toHaveLength(1);
    db.close();
  });
});
